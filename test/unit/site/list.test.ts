// @vitest-environment node
/**
 * How a list page combines its two sources, and how a paper page treats its JSON, on small
 * documents written in the test: what is kept, what is set aside, and the warning that says so.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../../lib/site';

function card(id: string, title: string, upvotes = 1): string {
  return `<article><a href="/papers/${id}"><img src="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png"></a>
    <a href="/login?next=%2Fpapers%2F${id}"><div class="leading-none">${upvotes}</div></a>
    <h3><a href="/papers/${id}">${title}</a></h3></article>`;
}

function item(id: string, title: string): object {
  return {
    paper: { id, title, upvotes: 99, authors: [{ name: 'Ada Lovelace', hidden: false }] },
    title,
    numComments: 4,
  };
}

function page(props: string | undefined, cards: string): Document {
  const attribute =
    props === undefined ? '' : ` data-props="${props.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`;
  const html = `<main><div class="SVELTE_HYDRATER contents" data-target="DailyPapers"${attribute}>${cards}</div></main>`;
  return new JSDOM(html).window.document;
}

const DAY_URL = 'https://huggingface.co/papers?date=2024-08-01';

describe('list pages: hydration JSON and cards', () => {
  it('enriches the cards with the JSON of the same papers', () => {
    const props = JSON.stringify({
      date: '2024-08-01T00:00:00.000Z',
      dailyPapers: [item('2408.00001', 'JSON title')],
    });
    const result = parsePage(page(props, card('2408.00001', 'Card title', 7)), DAY_URL);
    expect(result.warnings).toEqual([]);
    expect(result.papers).toHaveLength(1);
    expect(result.papers[0]).toMatchObject({
      title: 'JSON title',
      upvotes: 99,
      numComments: 4,
      authors: ['Ada Lovelace'],
    });
  });

  it('reads the JSON alone while no card is rendered yet', () => {
    const props = JSON.stringify({ dailyPapers: [item('2408.00001', 'One'), item('2408.00002', 'Two')] });
    const result = parsePage(page(props, ''), DAY_URL);
    expect(result.warnings).toEqual([]);
    expect(result.papers.map((paper) => paper.id)).toEqual(['2408.00001', '2408.00002']);
  });

  it('keeps the cards order and appends papers that only the JSON lists', () => {
    const props = JSON.stringify({ dailyPapers: [item('2408.00001', 'One'), item('2408.00003', 'Three')] });
    const cards = card('2408.00002', 'Two') + card('2408.00001', 'One');
    const result = parsePage(page(props, cards), DAY_URL);
    expect(result.papers.map((paper) => paper.id)).toEqual(['2408.00002', '2408.00001', '2408.00003']);
  });

  it('sets aside a JSON for another day (the list changed without a page load)', () => {
    const props = JSON.stringify({
      date: '2024-07-31T00:00:00.000Z',
      dailyPapers: [item('2407.00001', 'Old')],
    });
    const result = parsePage(page(props, card('2408.00001', 'New')), DAY_URL);
    expect(result.papers.map((paper) => paper.id)).toEqual(['2408.00001']);
    expect(result.warnings).toEqual([
      'Hydration JSON is for 2024-07-31, the page for 2024-08-01 (list changed without a page load); read 1 card from the page instead',
    ]);
  });

  it('sets aside a JSON that lists none of the cards', () => {
    const props = JSON.stringify({ dailyPapers: [item('2407.00001', 'Old'), item('2407.00002', 'Older')] });
    const cards = card('2408.00001', 'New') + card('2408.00002', 'Newer');
    const result = parsePage(page(props, cards), 'https://huggingface.co/papers/week/2024-W31');
    expect(result.papers.map((paper) => paper.id)).toEqual(['2408.00001', '2408.00002']);
    expect(result.warnings).toEqual([
      'Hydration JSON lists none of the papers on the cards (list changed without a page load); read 2 cards from the page instead',
    ]);
  });

  it.each([
    ['null', 'Hydration JSON has no dailyPapers list; read 1 card from the page instead'],
    ['[]', 'Hydration JSON has no dailyPapers list; read 1 card from the page instead'],
    ['{"dailyPapers": 5}', 'Hydration JSON has no dailyPapers list; read 1 card from the page instead'],
    [
      '',
      'Hydration JSON could not be parsed (Unexpected end of JSON input); read 1 card from the page instead',
    ],
  ])('falls back to the cards when data-props is %j', (props, warning) => {
    const result = parsePage(page(props, card('2408.00001', 'Card title', 3)), DAY_URL);
    expect(result.papers).toHaveLength(1);
    expect(result.papers[0]).toMatchObject({ id: '2408.00001', title: 'Card title', upvotes: 3 });
    expect(result.warnings).toEqual([warning]);
  });

  it('skips JSON items without an id and says which', () => {
    const props = JSON.stringify({
      dailyPapers: [null, 5, 'x', { paper: null }, { paper: { id: 7 } }, item('2408.00001', 'Ok')],
    });
    const result = parsePage(page(props, ''), DAY_URL);
    expect(result.papers.map((paper) => paper.id)).toEqual(['2408.00001']);
    expect(result.warnings).toEqual(
      [1, 2, 3, 4, 5].map((n) => `Hydration item ${n} has no arXiv id; skipped`),
    );
  });

  it('warns about a missing JSON on a day, not on a search or trending page', () => {
    const cards = card('2408.00001', 'Card title');
    expect(parsePage(page(undefined, cards), DAY_URL).warnings).toEqual([
      'No DailyPapers hydration JSON on the page; read 1 card from the page instead',
    ]);
    expect(parsePage(page(undefined, cards), 'https://huggingface.co/papers?q=card').warnings).toEqual([]);
    expect(parsePage(page(undefined, cards), 'https://huggingface.co/papers/trending').warnings).toEqual([]);
  });

  it('caps the warnings of a badly broken page', () => {
    const cards = '<article><p>no link</p></article>'.repeat(60);
    const result = parsePage(page(undefined, cards), DAY_URL);
    expect(result.papers).toEqual([]);
    expect(result.warnings).toHaveLength(50);
    expect(result.warnings[0]).toBe(
      'No DailyPapers hydration JSON on the page; read 0 cards from the page instead',
    );
    expect(result.warnings[1]).toBe('Card 1 has no paper link; skipped');
    expect(result.warnings[49]).toBe('12 more warnings not shown');
  });

  it('never takes a navigation link for a paper', () => {
    const html = `<header><a href="/papers/2408.00009">Paper of the day</a></header><main>
      <a href="/papers/date/2024-08-02">Next</a><a href="/papers?date=2024-07-31">Previous</a>${card('2408.00001', 'Card')}</main>`;
    const result = parsePage(new JSDOM(html).window.document, 'https://huggingface.co/papers/trending');
    expect(result.papers.map((paper) => paper.id)).toEqual(['2408.00001']);
  });
});

describe('paper pages', () => {
  const url = 'https://huggingface.co/papers/2501.00001';

  function paperPage(props: string | undefined, body: string): Document {
    const attribute =
      props === undefined ? '' : ` data-props="${props.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`;
    return new JSDOM(`<main><div data-target="PaperContent"${attribute}></div>${body}</main>`).window
      .document;
  }

  it('yields the paper of the URL from its h1, even with no other data', () => {
    const result = parsePage(paperPage(undefined, '<section><h1>Only a title</h1></section>'), url);
    expect(result).toEqual({
      kind: 'paper',
      papers: [
        {
          id: '2501.00001',
          title: 'Only a title',
          authors: [],
          codeLinks: [],
          keywords: [],
          arxivUrl: 'https://arxiv.org/abs/2501.00001',
          pdfUrl: 'https://arxiv.org/pdf/2501.00001',
        },
      ],
      warnings: [],
    });
  });

  it('reads nothing from a page with neither title nor data (not loaded, or not found)', () => {
    const result = parsePage(paperPage(undefined, '<p>404</p>'), url);
    expect(result.papers).toEqual([]);
    expect(result.warnings).toEqual([
      'No title and no paper data on the page of 2501.00001 (not loaded, or not found); read nothing',
    ]);
  });

  it('sets aside a PaperContent JSON that describes another paper', () => {
    const props = JSON.stringify({ paper: { id: '2412.99999', title: 'Previous paper', upvotes: 5 } });
    const result = parsePage(paperPage(props, '<section><h1>This paper</h1></section>'), url);
    expect(result.papers).toHaveLength(1);
    expect(result.papers[0]).toMatchObject({ id: '2501.00001', title: 'This paper' });
    expect(result.papers[0]).not.toHaveProperty('upvotes');
    expect(result.warnings).toEqual([
      'PaperContent hydration JSON is for 2412.99999, not 2501.00001; ignored',
    ]);
  });

  it('reads the page when the PaperContent JSON is broken or empty', () => {
    const broken = parsePage(paperPage('{"paper":', '<section><h1>Title</h1></section>'), url);
    expect(broken.papers[0]?.title).toBe('Title');
    expect(broken.warnings).toEqual([
      'PaperContent hydration JSON could not be parsed (Unexpected end of JSON input); read the page instead',
    ]);
    const empty = parsePage(paperPage('null', '<section><h1>Title</h1></section>'), url);
    expect(empty.warnings).toEqual(['PaperContent hydration JSON has no paper; read the page instead']);
  });

  it('reads a paper page that wraps itself in an <article>, but not the similar-paper cards in it', () => {
    const body = `<article><section><h1>Wrapped title</h1><span class="author">Ada Lovelace</span>
      <a href="https://github.com/own/repo">GitHub 12</a></section>
      <h2>Abstract</h2><p>Own abstract.</p>
      <section><article><h3><a href="/papers/2412.00002">Similar</a></h3><span class="author">Other Author</span>
        <a href="https://github.com/other/repo">GitHub 99</a></article></section></article>`;
    const result = parsePage(paperPage(undefined, body), url);
    expect(result.warnings).toEqual([]);
    expect(result.papers).toHaveLength(1);
    expect(result.papers[0]).toMatchObject({
      id: '2501.00001',
      title: 'Wrapped title',
      authors: ['Ada Lovelace'],
      summary: 'Own abstract.',
      githubRepo: 'https://github.com/own/repo',
      githubStars: 12,
      codeLinks: ['https://github.com/own/repo'],
    });
  });

  it('uses the JSON alone when the page has no h1 yet, and says so', () => {
    const props = JSON.stringify({ paper: { id: '2501.00001v3', title: 'From JSON' } });
    const result = parsePage(paperPage(props, ''), `${url}v3`);
    expect(result.papers[0]).toMatchObject({ id: '2501.00001', title: 'From JSON' });
    expect(result.warnings).toEqual(['The page of 2501.00001 has no h1 title']);
  });
});

describe('other pages', () => {
  it('reads nothing from a page that is not a papers page, and says so', () => {
    const doc = new JSDOM(card('2408.00001', 'A card on a model page')).window.document;
    expect(parsePage(doc, 'https://huggingface.co/models')).toEqual({
      kind: 'unknown',
      papers: [],
      warnings: ['https://huggingface.co/models is not a papers page this reader knows'],
    });
  });
});
