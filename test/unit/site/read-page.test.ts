// @vitest-environment node
/**
 * `readPage`: the records with the elements of their cards, the one rule for which element is a
 * card and which link names its paper, and `readLateCards`, which reads only the cards added since.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { type PageReading, parsePage, readPage } from '../../../lib/site';
import { PAGE_FIXTURES } from '../../fixtures/pages';

const fixturesDir = path.resolve(__dirname, '../../fixtures');
const DAY_URL = 'https://huggingface.co/papers/date/2024-08-01';
const PAPER_URL = 'https://huggingface.co/papers/2408.00001';

function card(id: string, title = `Paper ${id}`): string {
  return `<article><a href="/papers/${id}"><img src="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png"></a>
    <h3><a href="/papers/${id}">${title}</a></h3><a href="/papers/${id}#community">2</a></article>`;
}

/** A daily list: the cards, each alone in its grid cell, under the hydration block. */
function listPage(cards: string, items: object[] = []): Document {
  const props = JSON.stringify({ date: '2024-08-01T00:00:00.000Z', dailyPapers: items })
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;');
  return new JSDOM(
    `<main><div data-target="DailyPapers" data-props="${props}"><div class="grid">${cards}</div></div></main>`,
  ).window.document;
}

const cell = (html: string) => `<div>${html}</div>`;
const ids = (reading: { cards: { id: string }[] }) => reading.cards.map((c) => c.id);
const nothingHandled = () => false;

/** Appends `html` to the grid and returns the added element, as a MutationObserver reports it. */
function append(doc: Document, html: string): Element {
  const grid = doc.querySelector('.grid')!;
  grid.insertAdjacentHTML('beforeend', html);
  return grid.lastElementChild!;
}

describe('readPage: records with their cards', () => {
  it.each(PAGE_FIXTURES)(
    '$file: the same reading as parsePage, each card with a paper of it',
    ({ file, url }) => {
      const doc = new JSDOM(readFileSync(path.join(fixturesDir, `${file}.html`), 'utf8'), { url }).window
        .document;
      const reading = readPage(doc, url);
      expect({ kind: reading.kind, papers: reading.papers, warnings: reading.warnings }).toStrictEqual(
        parsePage(doc, url),
      );
      const paperIds = reading.papers.map((paper) => paper.id);
      expect(reading.cards.length).toBeGreaterThan(0);
      for (const { id, element, wrapper } of reading.cards) {
        expect(paperIds).toContain(id);
        expect(wrapper.contains(element)).toBe(true);
      }
      if (reading.kind === 'paper') {
        // One card, the block holding the title; the similar papers' cards are not the paper's.
        expect(ids(reading)).toEqual([paperIds[0]]);
        expect(reading.cards[0]!.element.querySelector('h1')).not.toBeNull();
      } else {
        for (const { element } of reading.cards) expect(element.localName).toBe('article');
      }
    },
  );

  it('names a card by its title link, not by a paper its abstract cites', () => {
    const doc = listPage(
      cell(`<article><p>Builds on <a href="/papers/2401.00009">earlier work</a>.</p>
        <h3><a href="/papers/2408.00001">The Title</a></h3></article>`),
    );
    expect(ids(readPage(doc, DAY_URL))).toEqual(['2408.00001']);
  });

  it('keeps the reader’s fallback: a card without a title link is named by a paper link outside its text', () => {
    const doc = listPage(
      cell(
        '<article><a href="/papers/2408.00002"><img src="x.png"></a><h3>Title without link</h3></article>',
      ),
    );
    const reading = readPage(doc, DAY_URL);
    expect(ids(reading)).toEqual(['2408.00002']);
    expect(reading.papers[0]!.title).toBe('Title without link');
  });

  it('leaves out articles without a paper link, and keeps one card per element for a paper shown twice', () => {
    const doc = listPage(
      cell(card('2408.00001')) + cell('<article><h3>An ad</h3></article>') + cell(card('2408.00001')),
    );
    const reading = readPage(doc, DAY_URL);
    expect(ids(reading)).toEqual(['2408.00001', '2408.00001']);
    expect(reading.papers).toHaveLength(1);
  });

  it('hides a card with its grid cell when it sits alone in one, else alone', () => {
    const doc = listPage(`${cell(card('2408.00001'))}<div>${card('2408.00002')}${card('2408.00003')}</div>`);
    const [alone, first, second] = readPage(doc, DAY_URL).cards;
    expect(alone!.wrapper).toBe(alone!.element.parentElement);
    expect(first!.wrapper).toBe(first!.element);
    expect(second!.wrapper).toBe(second!.element);
  });

  it('finds no card on a page it does not know, and reads no late card there', () => {
    const doc = listPage(cell(card('2408.00001')));
    const reading = readPage(doc, 'https://huggingface.co/models');
    expect(reading).toMatchObject({ variant: undefined, kind: 'unknown', cards: [], papers: [] });
    expect(reading.readLateCards([doc.body], nothingHandled).cards).toEqual([]);
  });
});

describe('readLateCards: only the cards added since', () => {
  /** The page read once, and the overlay's record of the elements it holds. */
  function readOnce(doc: Document, url = DAY_URL): { reading: PageReading; handled: Set<Element> } {
    const reading = readPage(doc, url);
    return { reading, handled: new Set(reading.cards.map((c) => c.element)) };
  }

  it('reads the added cards alone, in page order, enriched by the page data read the first time', () => {
    const items = ['2408.00001', '2408.00005'].map((id) => ({
      paper: { id, title: 'From JSON', authors: [{ name: 'Ada Lovelace' }] },
    }));
    const doc = listPage(cell(card('2408.00001')) + cell(card('2408.00002')), items);
    const { reading, handled } = readOnce(doc);
    expect(ids(reading)).toEqual(['2408.00001', '2408.00002']);
    // Two roots reported out of page order.
    const fifth = append(doc, cell(card('2408.00005')));
    const third = doc.querySelector('.grid')!.insertBefore(doc.createElement('div'), fifth);
    third.innerHTML = card('2408.00003');

    const late = reading.readLateCards([fifth, third], (el) => handled.has(el));
    expect(late.kind).toBe('list');
    expect(ids(late)).toEqual(['2408.00003', '2408.00005']);
    expect(late.papers.map((p) => p.id)).toEqual(['2408.00003', '2408.00005']);
    expect(late.papers[1]).toMatchObject({ title: 'From JSON', authors: ['Ada Lovelace'] });
    expect(late.warnings).toEqual([]);
  });

  it('walks only the added subtrees, never the page', () => {
    const doc = listPage(
      Array.from({ length: 50 }, (_, i) => cell(card(`2408.${String(i).padStart(5, '0')}`))).join(''),
    );
    const { reading, handled } = readOnce(doc);
    const added = [append(doc, cell(card('2408.10001'))), append(doc, cell(card('2408.10002')))];
    const walked: Node[] = [];
    const createTreeWalker = doc.createTreeWalker.bind(doc);
    doc.createTreeWalker = ((root: Node, whatToShow?: number) => {
      walked.push(root);
      return createTreeWalker(root, whatToShow);
    }) as typeof doc.createTreeWalker;
    const querySelectorAll = doc.querySelectorAll.bind(doc);
    let pageQueries = 0;
    doc.querySelectorAll = ((selectors: string) => {
      pageQueries += 1;
      return querySelectorAll(selectors);
    }) as typeof doc.querySelectorAll;

    const late = reading.readLateCards(added, (el) => handled.has(el));
    expect(ids(late)).toEqual(['2408.10001', '2408.10002']);
    expect(walked.length).toBeGreaterThan(0);
    for (const root of walked) expect(added.some((cellElement) => cellElement.contains(root))).toBe(true);
    expect(pageQueries).toBe(0);
  });

  it('reads a card again when its paper link comes late, and never a card already held', () => {
    const doc = listPage(cell(card('2408.00001')) + cell('<article><h3>Loading…</h3></article>'));
    const { reading, handled } = readOnce(doc);
    expect(ids(reading)).toEqual(['2408.00001']);
    const [held, pending] = [...doc.querySelectorAll('article')];
    // The site fills a card in place: the added node lies inside it.
    const badge = held!.appendChild(doc.createElement('span'));
    pending!.querySelector('h3')!.innerHTML = '<a href="/papers/2408.00002">Loaded</a>';
    const link = pending!.querySelector('a')!;

    const late = reading.readLateCards([badge, link, link.firstChild!], (el) => handled.has(el));
    expect(ids(late)).toEqual(['2408.00002']);
    expect(late.cards[0]!.element).toBe(pending);
  });

  it('ignores nodes removed again before the read, and cards without a paper link', () => {
    const doc = listPage(cell(card('2408.00001')));
    const { reading, handled } = readOnce(doc);
    const gone = append(doc, cell(card('2408.00002')));
    gone.remove();
    const ad = append(doc, cell('<article><h3>An ad</h3></article>'));
    const late = reading.readLateCards([gone, ad], (el) => handled.has(el));
    expect(late.cards).toEqual([]);
    expect(late.papers).toEqual([]);
    expect(late.warnings).toEqual(['Late cards: Card 1 has no paper link; skipped']);
  });

  it('on a paper page, reads the page again only when its title comes late', () => {
    const doc = new JSDOM('<main><section><p>Loading…</p></section></main>').window.document;
    const { reading, handled } = readOnce(doc, PAPER_URL);
    expect(reading.cards).toEqual([]);
    const section = doc.querySelector('section')!;
    const title = section.appendChild(doc.createElement('h1'));
    title.textContent = 'A Paper Rendered Late';

    const late = reading.readLateCards([title], (el) => handled.has(el));
    expect(ids(late)).toEqual(['2408.00001']);
    expect(late.cards[0]!.element).toBe(section);
    expect(late.papers[0]).toMatchObject({ id: '2408.00001', title: 'A Paper Rendered Late' });

    handled.add(section);
    const comment = section.appendChild(doc.createElement('p'));
    expect(reading.readLateCards([comment], (el) => handled.has(el))).toMatchObject({
      cards: [],
      papers: [],
    });
  });
});
