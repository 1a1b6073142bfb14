// @vitest-environment happy-dom
/**
 * The overlay's parts run on the shared page state, each on its own; and the overlay takes late
 * cards from the page reader's late read, which walks only what the page added.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MessageName, ReplyOf, RequestOf } from '../../../lib/messages/protocol';
import type { PaperState } from '../../../lib/model/paper';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { toggleSaved } from '../../../lib/overlay/actions';
import { Marks } from '../../../lib/overlay/marks';
import { Overlay, type OverlayHost } from '../../../lib/overlay/overlay';
import { OverlayPage } from '../../../lib/overlay/page';
import { readPage } from '../../../lib/site';
import { t } from '../../support/dom';

const URL_OF_LIST = 'https://huggingface.co/papers/date/2026-11-26';

function card(id: string): string {
  return `<div><article><h3><a href="/papers/${id}">Paper ${id}</a></h3></article></div>`;
}

function loadList(ids: string[]): void {
  document.head.replaceChildren();
  document.body.innerHTML = `<main><div class="grid">${ids.map(card).join('')}</div></main>`;
}

const newState = (id: string): PaperState => ({ id, state: 'new', saved: false, tags: [], isNew: true });

/** A background that knows no paper: every paper is new. */
function makeHost(): { host: OverlayHost; sent: { type: string; ids: string[] }[] } {
  const sent: { type: string; ids: string[] }[] = [];
  const host: OverlayHost = {
    doc: document,
    t,
    send: async <K extends MessageName>(type: K, data: RequestOf<K>): Promise<ReplyOf<K>> => {
      const request = data as { ids?: string[]; papers?: { id: string }[] };
      const ids = request.ids ?? request.papers?.map((p) => p.id) ?? [];
      sent.push({ type, ids });
      return { states: ids.map(newState), tags: [] } as unknown as ReplyOf<K>;
    },
    openTab: () => {},
    navigate: () => {},
    currentUrl: () => URL_OF_LIST,
  };
  return { host, sent };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

beforeAll(() => {
  vi.stubGlobal('IntersectionObserver', undefined);
});

describe('the marks, on their own', () => {
  it('mark the cards of the page state, follow their states and leave with their stylesheet', () => {
    loadList(['2611.00001', '2611.00002']);
    const page = new OverlayPage(makeHost().host, { ...DEFAULT_SETTINGS });
    page.reset(URL_OF_LIST, 'daily');
    const marks = new Marks(page);
    marks.start();
    page.addCards(readPage(document, URL_OF_LIST).cards);
    const [first, second] = document.querySelectorAll<HTMLElement>('article');
    expect(first!.dataset).toMatchObject({ paperId: '2611.00001', readingState: 'new' });
    page.updateState({ id: '2611.00002', state: 'read', saved: true, tags: [] });
    expect(second!.dataset).toMatchObject({ readingState: 'read', saved: 'true' });
    expect(second!.parentElement!.dataset.dpcWrapState).toBe('read');
    expect(document.getElementById('dpc-page-style')).not.toBeNull();
    marks.stop();
    expect(document.getElementById('dpc-page-style')).toBeNull();
    // Stopped, the marks no longer follow the page.
    page.updateState({ id: '2611.00001', state: 'read', saved: false, tags: [] });
    expect(first!.dataset.readingState).toBe('new');
  });
});

describe('late cards', () => {
  let overlay: Overlay | undefined;
  afterEach(() => overlay?.stop());

  it('are read from the nodes the page added, without reading the page again', async () => {
    loadList(Array.from({ length: 30 }, (_, i) => `2611.${String(i + 1).padStart(5, '0')}`));
    const { host, sent } = makeHost();
    overlay = new Overlay(host, { ...DEFAULT_SETTINGS });
    await overlay.start();
    expect(document.querySelectorAll('article[data-reading-state]')).toHaveLength(30);

    const walked: Node[] = [];
    const createTreeWalker = document.createTreeWalker.bind(document);
    vi.spyOn(document, 'createTreeWalker').mockImplementation((root: Node, whatToShow?: number) => {
      walked.push(root);
      return createTreeWalker(root, whatToShow);
    });
    const grid = document.querySelector('.grid')!;
    grid.insertAdjacentHTML('beforeend', card('2611.90001') + card('2611.90002'));
    const added = [...grid.children].slice(-2);
    await settle();
    await settle();
    vi.restoreAllMocks();

    expect(document.querySelectorAll('article[data-reading-state]')).toHaveLength(32);
    expect(sent.at(-1)).toEqual({ type: 'observePapers', ids: ['2611.90001', '2611.90002'] });
    expect(walked.length).toBeGreaterThan(0);
    for (const root of walked) expect(added.some((cell) => cell.contains(root))).toBe(true);
  });
});

describe('answers that come after a newer state', () => {
  it("keep the change feed's newer state: a slow answer to a save does not undo another tab's read", async () => {
    loadList(['2611.00001']);
    let answer: (reply: unknown) => void = () => {};
    const host: OverlayHost = {
      ...makeHost().host,
      // The background answers the save late, with the state as it wrote it (saved, not read yet).
      send: (() =>
        new Promise<unknown>((resolve) => {
          answer = resolve;
        })) as OverlayHost['send'],
    };
    const page = new OverlayPage(host, { ...DEFAULT_SETTINGS });
    page.reset(URL_OF_LIST, 'daily');
    const marks = new Marks(page);
    marks.start();
    page.addCards(readPage(document, URL_OF_LIST).cards);
    page.updateState(newState('2611.00001'));

    const saving = toggleSaved(page, '2611.00001');
    // Meanwhile another tab marks it read: the feed brings the store's newest state (saved and read).
    page.updateState({ id: '2611.00001', state: 'read', saved: true, tags: [] });
    answer({ state: { id: '2611.00001', state: 'new', saved: true, tags: [] } });
    await saving;

    const article = document.querySelector<HTMLElement>('article')!;
    expect(article.dataset).toMatchObject({ readingState: 'read', saved: 'true' });
    marks.stop();
  });

  it('take an answer when nothing newer came meanwhile', async () => {
    loadList(['2611.00001']);
    const page = new OverlayPage(makeHost().host, { ...DEFAULT_SETTINGS });
    page.reset(URL_OF_LIST, 'daily');
    page.addCards(readPage(document, URL_OF_LIST).cards);
    const askedAt = page.stamp();
    page.updateState({ id: '2611.00001', state: 'read', saved: false, tags: [] }, askedAt);
    expect(page.states.get('2611.00001')?.state).toBe('read');
  });
});
