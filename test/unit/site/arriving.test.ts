// @vitest-environment happy-dom
/**
 * Cards as they arrive (lib/site/arriving.ts): the first paint marks each card as soon as its title link is
 * in the page. The parser appends a page node by node, so these specifications build pages the same way,
 * one element at a time, and let the observer's callback run between steps as the browser does between
 * the parser's chunks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { watchArrivingCards } from '../../../lib/site/arriving';
import type { PaperCard } from '../../../lib/site/types';

/** Lets the MutationObserver deliver (a microtask checkpoint, as after a parser chunk). */
const delivered = () => new Promise((resolve) => setTimeout(resolve, 0));

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
  document.body.replaceChildren();
});

/** Watches the document; returns the ids reported, call by call. */
function watch(): string[][] {
  const calls: string[][] = [];
  stop = watchArrivingCards(document, (cards: PaperCard[]) => calls.push(cards.map((card) => card.id)));
  return calls;
}

/** An empty card, as the parser inserts it before its content. */
function emptyCard(parent: Element = document.body): HTMLElement {
  const cell = document.createElement('div');
  parent.append(cell);
  const article = document.createElement('article');
  cell.append(article);
  return article;
}

/** Appends the title link of `id` to a card, as the parser does when it reaches it. */
function addTitle(article: Element, id: string): void {
  const h3 = document.createElement('h3');
  article.append(h3);
  const link = document.createElement('a');
  link.setAttribute('href', `/papers/${id}`);
  link.textContent = `Paper ${id}`;
  h3.append(link);
}

describe('watchArrivingCards', () => {
  it('reports the cards already in the page at once, each with the element hidden along with it', () => {
    const article = emptyCard();
    addTitle(article, '2501.00001');
    const cards: PaperCard[] = [];
    stop = watchArrivingCards(document, (found) => cards.push(...found));
    expect(cards.map((card) => card.id)).toEqual(['2501.00001']);
    expect(cards[0]?.element).toBe(article);
    expect(cards[0]?.wrapper).toBe(article.parentElement);
  });

  it('reports a card when its title link comes, not when its article begins', async () => {
    const calls = watch();
    const first = emptyCard();
    await delivered();
    expect(calls).toEqual([]);
    addTitle(first, '2501.00001');
    await delivered();
    expect(calls).toEqual([['2501.00001']]);
  });

  it('reports each card once, however many chunks its content spans', async () => {
    const calls = watch();
    for (let index = 1; index <= 30; index++) {
      const article = emptyCard();
      await delivered();
      addTitle(article, `2501.${String(index).padStart(5, '0')}`);
      article.append(document.createElement('p'));
      if (index % 4 === 0) await delivered();
    }
    await delivered();
    const ids = calls.flat();
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it('finds a card a script inserts before the ones already seen', async () => {
    const calls = watch();
    for (const id of ['2501.00002', '2501.00003']) addTitle(emptyCard(), id);
    await delivered();
    const cell = document.createElement('div');
    const inserted = document.createElement('article');
    cell.append(inserted);
    addTitle(inserted, '2501.00001');
    document.body.prepend(cell);
    await delivered();
    expect(calls.flat()).toEqual(['2501.00002', '2501.00003', '2501.00001']);
  });

  it('finds a card whose title link a script adds after later cards have arrived', async () => {
    const calls = watch();
    const late = emptyCard();
    addTitle(emptyCard(), '2501.00002');
    await delivered();
    addTitle(late, '2501.00001');
    await delivered();
    expect(calls.flat()).toEqual(['2501.00002', '2501.00001']);
  });

  it('takes a nested article as part of the card around it', async () => {
    const calls = watch();
    const outer = emptyCard();
    const inner = document.createElement('article');
    outer.append(inner);
    addTitle(inner, '2501.00009');
    await delivered();
    expect(calls.flat()).toEqual(['2501.00009']);
    const cards: PaperCard[] = [];
    stop?.();
    stop = watchArrivingCards(document, (found) => cards.push(...found));
    expect(cards.map((card) => card.element)).toEqual([outer]);
  });

  it('ignores articles that are not papers, and links that are not titles', async () => {
    const calls = watch();
    const post = emptyCard();
    post.append(Object.assign(document.createElement('a'), { href: '/papers/2501.00001' }));
    const blog = emptyCard();
    addTitle(blog, 'not-a-paper');
    await delivered();
    expect(calls).toEqual([]);
  });

  it('reports nothing once stopped', async () => {
    const calls = watch();
    stop?.();
    stop = undefined;
    addTitle(emptyCard(), '2501.00001');
    await delivered();
    expect(calls).toEqual([]);
  });

  describe('while the page is still parsing', () => {
    /** Makes the document say it is loading, and gives the test the frames' callbacks to run. */
    function loadingDocument() {
      const frames: FrameRequestCallback[] = [];
      const state = { readyState: 'loading' as DocumentReadyState };
      Object.defineProperty(document, 'readyState', { configurable: true, get: () => state.readyState });
      const view = document.defaultView as Window;
      const raf = view.requestAnimationFrame;
      const caf = view.cancelAnimationFrame;
      view.requestAnimationFrame = (callback) => frames.push(callback);
      view.cancelAnimationFrame = (handle) => {
        frames[handle - 1] = () => {};
      };
      return {
        /** Runs the frame callbacks pending, as the browser does before painting a frame. */
        beforePaint() {
          for (const callback of frames.splice(0)) callback(0);
        },
        pendingFrames: () => frames.length,
        parsed() {
          state.readyState = 'interactive';
          document.dispatchEvent(new Event('DOMContentLoaded'));
        },
        restore() {
          delete (document as { readyState?: unknown }).readyState;
          view.requestAnimationFrame = raf;
          view.cancelAnimationFrame = caf;
        },
      };
    }

    it('finds the cards the parser inserted before each frame is painted, not from mutation records', async () => {
      const page = loadingDocument();
      try {
        const calls = watch();
        const first = emptyCard();
        addTitle(first, '2501.00001');
        // No mutation record is delivered while parsing: the frame before the paint finds the card.
        await delivered();
        expect(calls).toEqual([]);
        page.beforePaint();
        expect(calls).toEqual([['2501.00001']]);
        addTitle(emptyCard(), '2501.00002');
        addTitle(emptyCard(), '2501.00003');
        page.beforePaint();
        expect(calls).toEqual([['2501.00001'], ['2501.00002', '2501.00003']]);
      } finally {
        page.restore();
      }
    });

    it('looks once more when the page has parsed, then follows changes by observing them, frame by frame no more', async () => {
      const page = loadingDocument();
      try {
        const calls = watch();
        addTitle(emptyCard(), '2501.00001');
        page.parsed();
        expect(calls).toEqual([['2501.00001']]);
        page.beforePaint();
        expect(page.pendingFrames()).toBe(0);
        // A script adds a card later: the observer reports it.
        addTitle(emptyCard(), '2501.00002');
        await delivered();
        expect(calls).toEqual([['2501.00001'], ['2501.00002']]);
      } finally {
        page.restore();
      }
    });

    it('stops looking frame by frame when stopped', () => {
      const page = loadingDocument();
      try {
        const calls = watch();
        stop?.();
        stop = undefined;
        addTitle(emptyCard(), '2501.00001');
        page.beforePaint();
        page.parsed();
        expect(calls).toEqual([]);
      } finally {
        page.restore();
      }
    });
  });
});
