// @vitest-environment node
/**
 * Hostile pages: what a page can put in front of the reader, and what must come out of it. No page
 * script runs and the page's document is not touched; text that looks like markup is kept exactly as
 * written (it is rendered as text), while the content of the page's script, style, template and icon
 * elements is never read as text; links in disguise are refused; absurd sizes are cut to what the store keeps (so one absurd
 * card cannot make the background refuse a whole page); huge or deep hydration JSON is bounded; a
 * page of 10,000 cards reads in under 2 s. Each refusal or cut is said in `warnings`.
 *
 * What the other suites already cover is not repeated here: random markup and random strings
 * (parse-robustness), markup nested 5,000 levels, the hand-written fixtures of every variant with
 * their hostile and duplicate pages (parse-variants), link parsing one href at a time (parse-ids,
 * code-links).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { handleMessage } from '../../../lib/background/server';
import { deleteDb } from '../../../lib/db/schema';
import { validateRequest } from '../../../lib/messages/validate';
import { LIMITS } from '../../../lib/model/limits';
import type { PaperRecord } from '../../../lib/model/paper';
import { type ParseResult, parsePage } from '../../../lib/site';
import { MAX_HYDRATION_CHARS, MAX_HYDRATION_ITEMS } from '../../../lib/site/hydration';
import { generateLargePage, LARGE_PAGE_URL, largePageIds } from '../../fixtures/generate-large.mjs';

const HOSTILE_DIR = path.resolve(__dirname, '../../fixtures/hostile');
const DAY = '2025-05-01';
const DAY_URL = `https://huggingface.co/papers/date/${DAY}`;
const TRENDING_URL = 'https://huggingface.co/papers/trending';
/** Text of elements in markup.html that are not text of a card: noscript, template, svg, mXSS style. */
const HIDDEN_CARD_TEXT = ['noscript', 'template', 'svg', 'mxss'];

/** `unit` repeated `n` times. */
const big = (n: number, unit = 'x') => unit.repeat(n);

function hostileFixture(name: string): string {
  return readFileSync(path.join(HOSTILE_DIR, name), 'utf8');
}

/** Whether the background's validator takes these papers in one `observePapers` request. */
function acceptedByBackground(papers: PaperRecord[], pageUrl = DAY_URL): string | true {
  const validated = validateRequest('observePapers', { papers, pageUrl });
  return validated.ok ? true : validated.error;
}

/** A list page with these cards and, when given, a DailyPapers hydration block holding `props`. */
function listPage(cards: string, props?: unknown): Document {
  const doc = new JSDOM(
    `<main><div class="SVELTE_HYDRATER contents" data-target="DailyPapers"><section>${cards}</section></div></main>`,
  ).window.document;
  const block = doc.querySelector('[data-target]');
  if (props !== undefined)
    block?.setAttribute('data-props', typeof props === 'string' ? props : JSON.stringify(props));
  return doc;
}

function card(id: string, title = `Paper ${id}`, extra = ''): string {
  return `<div><article><h3><a href="/papers/${id}">${title}</a></h3>${extra}</article></div>`;
}

function jsonItem(id: string, paper: Record<string, unknown> = {}, item: Record<string, unknown> = {}) {
  return { paper: { id, title: `Paper ${id}`, ...paper }, ...item };
}

/** Every text field of a record. */
function texts(paper: PaperRecord): string[] {
  return [
    paper.title,
    paper.summary ?? '',
    paper.organization ?? '',
    paper.submittedBy ?? '',
    paper.aiSummary ?? '',
    ...paper.authors,
    ...paper.keywords,
  ];
}

describe('a page full of script and markup (fixtures/hostile/markup.html)', () => {
  const url = 'https://huggingface.co/papers/date/2025-04-01';

  it('keeps every text exactly as written, markup-like text included, and reads no script, style, template or icon of the cards', () => {
    const result = parsePage(new JSDOM(hostileFixture('markup.html'), { url }).window.document, url);
    expect(result).toStrictEqual({
      kind: 'list',
      papers: [
        {
          // The hydration JSON's strings are the site's text, shown as text: kept verbatim.
          id: '2504.00001',
          title:
            'Shadow <iframe srcdoc="<script>parent.runs++</script>"></iframe>Attention <style>*{display:none}</style>Revisited',
          summary:
            'We <a href="javascript:window.runs++">click</a> nothing. <script>window.runs++</script>Code: https://github.com/real-lab/shadow-attention',
          authors: [
            '<img src=x onerror=window.runs++>Ada <b>Lovelace</b>',
            '</script><script>window.runs++</script>',
            'Grace <svg onload=window.runs++>Hopper',
          ],
          authorCount: 3,
          upvotes: 10,
          numComments: 1,
          githubRepo: 'https://github.com/real-lab/shadow-attention',
          codeLinks: ['https://github.com/real-lab/shadow-attention'],
          thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2504.00001.png',
          organization: '<form action=javascript:window.runs++><button>Lab</button></form>',
          submittedBy: 'akhaliq',
          keywords: ['<marquee onstart=window.runs++>attention</marquee>', 'shadow'],
          aiSummary: '<details open ontoggle=window.runs++>A summary</details>',
          arxivUrl: 'https://arxiv.org/abs/2504.00001',
          pdfUrl: 'https://arxiv.org/pdf/2504.00001',
        },
        {
          // The item's own "__proto__" key is data, not a prototype: its summary and its paper
          // 2504.09999 are not read.
          id: '2504.00002',
          title: 'Plain Title',
          authors: [],
          codeLinks: [],
          thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2504.00002.png',
          keywords: [],
          arxivUrl: 'https://arxiv.org/abs/2504.00002',
          pdfUrl: 'https://arxiv.org/pdf/2504.00002',
        },
        {
          // Markup written as text (&lt;script&gt;…) and the raw text of a <textarea> are text of the
          // card: kept as written. The <style> of the mXSS shape is not. "an xmp." is outside the <p>
          // (<xmp> closes it).
          id: '2504.00003',
          title: 'Math Title',
          summary:
            'Abstract with <script>window.runs++</script> written as text, <img src=x onerror=window.runs++> a textarea and',
          authors: [],
          numComments: 3,
          codeLinks: [],
          submittedBy: 'mallory',
          keywords: [],
          arxivUrl: 'https://arxiv.org/abs/2504.00003',
          pdfUrl: 'https://arxiv.org/pdf/2504.00003',
        },
        {
          // <xmp> shows its content literally: `<b>card</b>` is what the card says.
          id: '2504.00004',
          title: 'Title element in a <b>card</b> title',
          authors: [],
          codeLinks: [],
          keywords: [],
          arxivUrl: 'https://arxiv.org/abs/2504.00004',
          pdfUrl: 'https://arxiv.org/pdf/2504.00004',
        },
      ],
      warnings: [],
    });
    // The cards of 2504.00003 and 2504.00004 are read from the DOM only (no JSON item).
    for (const paper of result.papers.slice(2)) {
      for (const text of texts(paper))
        for (const hidden of HIDDEN_CARD_TEXT) expect(text).not.toContain(hidden);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(acceptedByBackground(result.papers, url)).toBe(true);
  });

  it('runs no script of the page and neither creates nor changes a node of its document', async () => {
    const dom = new JSDOM(hostileFixture('markup.html'), { url, runScripts: 'dangerously' });
    const win = dom.window as unknown as Window & typeof globalThis & { runs: number };
    const doc = win.document;
    if (doc.readyState !== 'complete') await new Promise((resolve) => win.addEventListener('load', resolve));
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The page's own scripts ran at load: its <script> in <head> and <body onload>.
    const runsAtLoad = win.runs;
    expect(runsAtLoad).toBe(2);
    const before = doc.documentElement.outerHTML;

    // Every way to turn a string into nodes (and so to run an onerror=) is watched, on the page's
    // window; so is any change to the tree.
    const calls: string[] = [];
    const watch = (target: object, name: string, kind: 'value' | 'set' = 'value') => {
      let owner: object | null = target;
      while (owner !== null && !Object.hasOwn(owner, name)) owner = Object.getPrototypeOf(owner);
      const descriptor = owner === null ? undefined : Object.getOwnPropertyDescriptor(owner, name);
      if (owner === null || descriptor === undefined) throw new Error(`nothing to watch: ${name}`);
      if (kind === 'value') {
        const original = descriptor.value as (...args: unknown[]) => unknown;
        Object.defineProperty(owner, name, {
          ...descriptor,
          value(this: unknown, ...args: unknown[]) {
            calls.push(name);
            return original.apply(this, args);
          },
        });
      } else {
        Object.defineProperty(owner, name, {
          ...descriptor,
          set(this: unknown, value: unknown) {
            calls.push(name);
            descriptor.set?.call(this, value);
          },
        });
      }
    };
    const element = win.Element.prototype;
    for (const name of ['innerHTML', 'outerHTML']) watch(element, name, 'set');
    for (const name of ['insertAdjacentHTML', 'setAttribute', 'setHTMLUnsafe']) {
      if (name in element) watch(element, name);
    }
    for (const name of ['createElement', 'createElementNS', 'importNode', 'write', 'writeln', 'open']) {
      watch(win.Document.prototype, name);
    }
    watch(win.Range.prototype, 'createContextualFragment');
    watch(win.DOMParser.prototype, 'parseFromString');
    watch(win.Node.prototype, 'cloneNode');
    const mutations: MutationRecord[] = [];
    const observer = new win.MutationObserver((records) => mutations.push(...records));
    observer.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });

    const result = parsePage(doc, url);
    await new Promise((resolve) => setTimeout(resolve, 50)); // let any queued event or task fire
    mutations.push(...observer.takeRecords());
    observer.disconnect();

    expect(result.papers).toHaveLength(4);
    expect(calls).toEqual([]);
    expect(mutations).toEqual([]);
    expect(win.runs).toBe(runsAtLoad);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('links in disguise (fixtures/hostile/links.html)', () => {
  it('reads only the three real papers, and from them only safe links', () => {
    const result = parsePage(
      new JSDOM(hostileFixture('links.html'), { url: TRENDING_URL }).window.document,
      TRENDING_URL,
    );
    expect(result).toStrictEqual({
      kind: 'list',
      papers: [
        {
          id: '2505.00011',
          title: 'A Real Paper With Hostile Links',
          authors: [],
          githubRepo: 'https://github.com/real-lab/real-repo',
          githubStars: 1200,
          codeLinks: ['https://github.com/real-lab/real-repo'],
          keywords: [],
          arxivUrl: 'https://arxiv.org/abs/2505.00011',
          pdfUrl: 'https://arxiv.org/pdf/2505.00011',
        },
        {
          id: '2505.00012',
          title: 'Upper-Case Site Link',
          authors: [],
          codeLinks: [],
          keywords: [],
          arxivUrl: 'https://arxiv.org/abs/2505.00012',
          pdfUrl: 'https://arxiv.org/pdf/2505.00012',
        },
        {
          // The look-alike title link names no paper; the card's own thumbnail link does.
          id: '2505.00013',
          title: 'Title Under a Look-alike Link',
          authors: [],
          codeLinks: [],
          thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2505.00013.png',
          keywords: [],
          arxivUrl: 'https://arxiv.org/abs/2505.00013',
          pdfUrl: 'https://arxiv.org/pdf/2505.00013',
        },
      ],
      warnings: Array.from({ length: 10 }, (_, n) => `Card ${n + 1} has no paper link; skipped`),
    });
  });
});

describe('absurd sizes are cut to what the store keeps, so the background takes the page', () => {
  const id = '2505.00001';
  const longUrl = (host: string) => `https://${host}/${big(LIMITS.url)}.png`;
  const cases: [string, Document, (p: PaperRecord) => unknown, unknown, string][] = [
    [
      'a card title of 2,500 characters',
      listPage(card(id, big(2_500, 'T'))),
      (p) => p.title,
      big(LIMITS.title, 'T'),
      'title',
    ],
    [
      'a title of 2,500 characters in the JSON',
      listPage(card(id, 'Short'), { dailyPapers: [jsonItem(id, {}, { title: big(2_500, 'T') })] }),
      (p) => p.title.length,
      2_000,
      'title',
    ],
    [
      'a title cut inside an emoji keeps no half of it',
      listPage(card(id, `${big(1_999, 'T')}😀😀`)),
      (p) => p.title,
      big(1_999, 'T'),
      'title',
    ],
    [
      'an abstract of 25,000 characters',
      listPage(card(id, 'T', `<p>${big(25_000, 'a ')}</p>`)),
      (p) => p.summary?.length,
      LIMITS.summary,
      'summary',
    ],
    [
      '6,000 authors',
      listPage(card(id), {
        dailyPapers: [
          jsonItem(id, { authors: Array.from({ length: 6_000 }, (_, n) => ({ name: `A${n}` })) }),
        ],
      }),
      (p) => [p.authors.length, p.authors.at(-1), p.authorCount],
      [5_000, 'A4999', 6_000],
      'authors',
    ],
    [
      'an author name of 400 characters',
      listPage(card(id), {
        dailyPapers: [jsonItem(id, { authors: [{ name: big(400, 'n') }, { name: 'B' }] })],
      }),
      (p) => p.authors,
      [big(300, 'n'), 'B'],
      'authors',
    ],
    [
      'an organization name of 400 characters',
      listPage(card(id), { dailyPapers: [jsonItem(id, {}, { organization: { fullname: big(400, 'o') } })] }),
      (p) => p.organization,
      big(300, 'o'),
      'organization',
    ],
    [
      '150 keywords, one of them 150 characters long',
      listPage(card(id), {
        dailyPapers: [
          jsonItem(id, { ai_keywords: [big(150, 'k'), ...Array.from({ length: 149 }, (_, n) => `k${n}`)] }),
        ],
      }),
      (p) => [p.keywords.length, p.keywords[0], p.keywords.at(-1)],
      [100, 'k0', 'k99'],
      'keywords',
    ],
    [
      'an AI summary of 3,000 characters',
      listPage(card(id), { dailyPapers: [jsonItem(id, { ai_summary: big(3_000, 's') })] }),
      (p) => p.aiSummary?.length,
      LIMITS.aiSummary,
      'aiSummary',
    ],
    [
      '2 billion upvotes',
      listPage(card(id), { dailyPapers: [jsonItem(id, { upvotes: 2_000_000_000 })] }),
      (p) => p.upvotes,
      undefined,
      'upvotes',
    ],
    [
      '5 billion comments',
      listPage(card(id), { dailyPapers: [jsonItem(id, {}, { numComments: 5_000_000_000 })] }),
      (p) => p.numComments,
      undefined,
      'numComments',
    ],
    [
      '5 billion GitHub stars',
      listPage(card(id), { dailyPapers: [jsonItem(id, { githubRepo: 'a/b', githubStars: 5_000_000_000 })] }),
      (p) => [p.githubRepo, p.githubStars],
      ['https://github.com/a/b', undefined],
      'githubStars',
    ],
    [
      '"· 2,000,000 authors" on a card',
      listPage(card(id, 'T', '<ul><li><div>· 2,000,000 authors</div></li></ul>')),
      (p) => p.authorCount,
      undefined,
      'authorCount',
    ],
    [
      'a submitter name of 150 characters',
      listPage(card(id), { dailyPapers: [jsonItem(id, {}, { submittedBy: { name: big(150, 'u') } })] }),
      (p) => p.submittedBy,
      undefined,
      'submittedBy',
    ],
    [
      'a publication date of 100 characters',
      listPage(card(id), {
        dailyPapers: [jsonItem(id, { publishedAt: `2025-01-01T00:00:00.${big(78, '0')}Z` })],
      }),
      (p) => p.publishedAt,
      undefined,
      'publishedAt',
    ],
    [
      'a thumbnail link of 2,100 characters',
      listPage(card(id), {
        dailyPapers: [jsonItem(id, {}, { thumbnail: longUrl('cdn-thumbnails.huggingface.co') })],
      }),
      (p) => p.thumbnail,
      undefined,
      'thumbnail',
    ],
    [
      'a project page link of 2,100 characters',
      listPage(card(id), { dailyPapers: [jsonItem(id, { projectPage: longUrl('project.example') })] }),
      (p) => p.projectPage,
      undefined,
      'projectPage',
    ],
    [
      'an abstract naming 60 repositories',
      listPage(
        card(
          id,
          'T',
          `<p>${Array.from({ length: 60 }, (_, n) => `https://github.com/lab/r${n}`).join(' ')}</p>`,
        ),
      ),
      (p) => [p.codeLinks.length, p.codeLinks[0], p.codeLinks.at(-1), p.githubRepo],
      [50, 'https://github.com/lab/r0', 'https://github.com/lab/r49', 'https://github.com/lab/r0'],
      'codeLinks',
    ],
  ];

  it.each(cases)('%s', (_what, doc, pick, expected, field) => {
    const result = parsePage(doc, DAY_URL);
    expect(result.papers.map((p) => p.id)).toEqual([id]);
    expect(pick(result.papers[0]!)).toEqual(expected);
    expect(result.warnings).toContain(`Paper ${id}: ${field} over the store's limits; cut to fit`);
    expect(acceptedByBackground(result.papers)).toBe(true);
  });

  it('a page where one card is absurd is still stored whole, through the background', async () => {
    await deleteDb();
    const cards = Array.from({ length: 20 }, (_, n) => card(`2505.${String(n + 1).padStart(5, '0')}`)).join(
      '',
    );
    const doc = listPage(cards + card('2505.00099', big(5_000, 'T'), `<p>${big(30_000)}</p>`));
    const { papers } = parsePage(doc, DAY_URL);
    expect(papers).toHaveLength(21);
    const handlers = createHandlers();
    const answer = await handleMessage(handlers, {
      type: 'observePapers',
      data: { papers, pageUrl: DAY_URL },
    });
    expect(answer).toMatchObject({ ok: true });
    expect(await handleMessage(handlers, { type: 'getStats', data: {} })).toMatchObject({
      ok: true,
      result: { papers: 21 },
    });
  });

  it('whatever the sizes of the fields, the background takes the records (property)', () => {
    const size = (max: number) => fc.integer({ min: 0, max });
    fc.assert(
      fc.property(
        fc.record({
          title: size(3_000),
          summary: size(24_000),
          authors: size(5_500),
          authorName: size(400),
          keywords: size(120),
          keyword: size(130),
          organization: size(400),
          aiSummary: size(2_500),
          upvotes: fc.oneof(size(10), fc.constant(Number.MAX_SAFE_INTEGER)),
          repos: size(55),
        }),
        (n) => {
          const item = jsonItem(
            id,
            {
              title: big(n.title, 't'),
              summary: big(n.summary, 's'),
              authors: Array.from({ length: n.authors }, () => ({ name: big(n.authorName, 'a') || 'a' })),
              ai_keywords: Array.from({ length: n.keywords }, (_, k) => `${k}${big(n.keyword, 'k')}`),
              ai_summary: big(n.aiSummary, 'm'),
              upvotes: n.upvotes,
            },
            { organization: big(n.organization, 'o') },
          );
          const links = Array.from({ length: n.repos }, (_, k) => `https://github.com/o/r${k}`).join(' ');
          const doc = listPage(card(id, big(n.title, 'c'), `<p>${links}</p>`), { dailyPapers: [item] });
          const result = parsePage(doc, DAY_URL);
          expect(result.papers).toHaveLength(1);
          expect(acceptedByBackground(result.papers)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('a page of 10,000 cards', () => {
  const count = 10_000;
  let doc: Document;
  beforeAll(() => {
    doc = new JSDOM(generateLargePage(count), { url: LARGE_PAGE_URL }).window.document;
  }, 120_000);

  it('reads all 10,000 papers, in page order, without a warning, in under 2 s (best of 3)', () => {
    const runs: { ms: number; result: ParseResult }[] = [];
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      const result = parsePage(doc, LARGE_PAGE_URL);
      runs.push({ ms: performance.now() - started, result });
    }
    const best = Math.min(...runs.map((run) => run.ms));
    console.info(`parsePage over ${count} cards: best of 3 runs ${best.toFixed(0)} ms`);
    const { result } = runs[0]!;
    expect(result.warnings).toEqual([]);
    expect(result.papers.map((paper) => paper.id)).toEqual(largePageIds(count));
    expect(result.papers[count - 1]).toMatchObject({
      id: '2501.10000',
      title: 'Generated Paper Number 10000: A Study of Scale',
      submittedBy: 'user-9999',
    });
    expect(best).toBeLessThan(2_000);
  });
});

describe('hydration JSON that is huge, long, deep or malformed', () => {
  const ids = ['2505.00001', '2505.00002'];
  const cards = ids.map((id) => card(id)).join('');

  it(`is not parsed when over ${MAX_HYDRATION_CHARS.toLocaleString('en-US')} characters (20 MB here): the cards are read, with a warning`, () => {
    const props = JSON.stringify({ dailyPapers: ids.map((id) => jsonItem(id)), padding: big(20_000_000) });
    const doc = listPage(cards, props);
    const started = performance.now();
    const result = parsePage(doc, DAY_URL);
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.papers.map((p) => p.id)).toEqual(ids);
    expect(result.warnings).toEqual([
      'Hydration JSON could not be parsed (20 million characters, over the 10 million the reader parses); read 2 cards from the page instead',
    ]);
  });

  it('is parsed up to the bound: 9.9 million characters still enrich the cards', () => {
    const item = jsonItem(ids[0]!, { upvotes: 7 });
    const props = JSON.stringify({ dailyPapers: [item], padding: big(MAX_HYDRATION_CHARS - 100) });
    expect(props.length).toBeLessThanOrEqual(MAX_HYDRATION_CHARS);
    const result = parsePage(listPage(cards, props), DAY_URL);
    expect(result.papers[0]?.upvotes).toBe(7);
    expect(result.warnings).toEqual([]);
  });

  it(`reads the first ${MAX_HYDRATION_ITEMS.toLocaleString('en-US')} of 100,000 items, with a warning, in well under 2 s`, () => {
    const items = Array.from({ length: 100_000 }, (_, n) => ({
      paper: { id: `2500.${String(n).padStart(5, '0')}` },
    }));
    const doc = listPage(card('2500.00000'), { dailyPapers: items });
    const started = performance.now();
    const result = parsePage(doc, DAY_URL);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.warnings).toEqual([
      `Hydration JSON lists 100,000 items; read the first ${MAX_HYDRATION_ITEMS.toLocaleString('en-US')} only`,
    ]);
    expect(result.papers).toHaveLength(MAX_HYDRATION_ITEMS);
    expect(result.papers[0]?.id).toBe('2500.00000');
  });

  it('nested 100,000 levels deep, as a whole or inside an item: no overflow, the cards are read', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const inItem = `{"dailyPapers":[{"paper":{"id":"${ids[0]}","title":${deep},"authors":${deep}}}]}`;
    for (const props of [deep, inItem]) {
      const result = parsePage(listPage(cards, props), DAY_URL);
      expect(result.papers.map((p) => p.id)).toEqual(ids);
      expect(result.papers[0]?.title).toBe(`Paper ${ids[0]}`);
    }
  });

  it('an array-like list with a length of a billion is not walked', () => {
    const started = performance.now();
    const result = parsePage(listPage(cards, { dailyPapers: { length: 1_000_000_000 } }), DAY_URL);
    expect(performance.now() - started).toBeLessThan(500);
    expect(result.papers.map((p) => p.id)).toEqual(ids);
    expect(result.warnings).toEqual([
      'Hydration JSON has no dailyPapers list; read 2 cards from the page instead',
    ]);
  });

  it.each([
    ['an unterminated string', '{"dailyPapers":[{"paper":{"id":"2505.00001'],
    ['NaN', '{"dailyPapers":[{"paper":{"id":"2505.00001","upvotes":NaN}}]}'],
    ['trailing commas', '{"dailyPapers":[{"paper":{"id":"2505.00001",}},]}'],
    ['single quotes', "{'dailyPapers':[]}"],
    ['a byte order mark', '\uFEFF{"dailyPapers":[]}'],
    ['HTML instead of JSON', '<script>alert(1)</script>'],
  ])('malformed (%s): a warning naming the parse error, and the cards', (_what, props) => {
    const result = parsePage(listPage(cards, props), DAY_URL);
    expect(result.papers.map((p) => p.id)).toEqual(ids);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(
      /^Hydration JSON could not be parsed \(.+\); read 2 cards from the page instead$/,
    );
  });
});

describe('missing fields', () => {
  it('a card that is only a link, and an item that is only an id, are papers with nothing else', () => {
    const doc = listPage('<div><article><a href="/papers/2505.00001"><img alt=""></a></article></div>', {
      dailyPapers: [{ paper: { id: '2505.00002' } }],
    });
    const result = parsePage(doc, DAY_URL);
    const bare = (id: string) => ({
      id,
      title: '',
      authors: [],
      codeLinks: [],
      keywords: [],
      arxivUrl: `https://arxiv.org/abs/${id}`,
      pdfUrl: `https://arxiv.org/pdf/${id}`,
    });
    expect(result).toStrictEqual({
      kind: 'list',
      // The JSON lists none of the cards' papers (it describes another list), so it is set aside.
      papers: [bare('2505.00001')],
      warnings: [
        'Hydration JSON lists none of the papers on the cards (list changed without a page load); read 1 card from the page instead',
        'Card 1 (2505.00001) has no title',
      ],
    });
    expect(acceptedByBackground(result.papers)).toBe(true);
    const onlyJson = parsePage(listPage('', { dailyPapers: [{ paper: { id: '2505.00002' } }] }), DAY_URL);
    expect(onlyJson.papers).toStrictEqual([bare('2505.00002')]);
    expect(acceptedByBackground(onlyJson.papers)).toBe(true);
  });
});

describe('duplicate ids', () => {
  it('one paper shown 1,000 times (cards with and without versions, JSON items) is one record, read in linear time', () => {
    const id = '2505.00001';
    const cards = Array.from({ length: 1_000 }, (_, n) =>
      card(n % 3 === 0 ? id : `${id}v${(n % 9) + 1}`, n === 0 ? 'First Title' : `Title ${n}`),
    ).join('');
    const items = Array.from({ length: 1_000 }, (_, n) =>
      jsonItem(`${id}v${(n % 5) + 1}`, { upvotes: n + 1 }),
    );
    const started = performance.now();
    const result = parsePage(listPage(cards, { dailyPapers: items }), DAY_URL);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.papers).toHaveLength(1);
    // The first JSON item is the richest source and wins its fields; the title is the JSON's too.
    expect(result.papers[0]).toMatchObject({ id, title: `Paper ${id}v1`, upvotes: 1 });
    expect(result.warnings).toEqual([]);
  });
});
