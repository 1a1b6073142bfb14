// @vitest-environment node
/**
 * parsePage never throws and never lets an unsafe value through, whatever the document: empty,
 * garbage, damaged cards, odd hydration JSON, absurd nesting, a DOM that throws.
 */
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { type ParseResult, parsePage } from '../../../lib/site';

const URLS = [
  'https://huggingface.co/papers',
  'https://huggingface.co/papers/date/2025-03-11',
  'https://huggingface.co/papers/week/2025-W11',
  'https://huggingface.co/papers/month/2025-03',
  'https://huggingface.co/papers/trending',
  'https://huggingface.co/papers?q=words',
  'https://huggingface.co/papers/2501.00001',
];

const ARXIV_ID = /^\d{4}\.\d{4,5}$/;
/** The body of the generated pages' `<script>` elements, which is never text of a card. */
const SCRIPT_BODY = 'alert(1)';

/** The invariants every result must hold, whatever the page. */
function expectWellFormed(result: ParseResult, url: string): void {
  expect(result.kind).toBe(url.match(/\/papers\/\d/) ? 'paper' : 'list');
  expect(Array.isArray(result.warnings)).toBe(true);
  for (const warning of result.warnings) expect(typeof warning).toBe('string');
  const ids = result.papers.map((paper) => paper.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const paper of result.papers) {
    expect(paper.id).toMatch(ARXIV_ID);
    // Titles are kept as the page shows them (markup-like text included), whitespace collapsed;
    // what a <script> holds is not shown, so never read.
    expect(paper.title).toBe(paper.title.replace(/\s+/g, ' ').trim());
    expect(paper.title).not.toContain(SCRIPT_BODY);
    expect(paper.arxivUrl).toBe(`https://arxiv.org/abs/${paper.id}`);
    expect(paper.pdfUrl).toBe(`https://arxiv.org/pdf/${paper.id}`);
    for (const link of [paper.githubRepo, paper.projectPage, paper.thumbnail, ...paper.codeLinks]) {
      if (link === undefined) continue;
      expect(new URL(link).protocol).toBe('https:');
    }
    if (paper.githubRepo !== undefined)
      expect(paper.githubRepo).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+$/);
    if (paper.thumbnail !== undefined)
      expect(new URL(paper.thumbnail).hostname).toMatch(/(^|\.)huggingface\.co$/);
  }
}

function parseHtml(html: string, url: string): ParseResult {
  return parsePage(new JSDOM(html).window.document, url);
}

describe('parsePage never throws', () => {
  it.each(URLS)('on an empty document at %s', (url) => {
    const result = parseHtml('', url);
    expectWellFormed(result, url);
    expect(result.papers).toEqual([]);
    expect(result.warnings.length).toBeGreaterThan(0);
  });

  it('on a document without any element', () => {
    const doc = new JSDOM('').window.document;
    doc.removeChild(doc.documentElement);
    for (const url of URLS) expectWellFormed(parsePage(doc, url), url);
  });

  it('on articles without links, or with only broken ones', () => {
    const html = `<main><article></article><article><h3>Title only</h3></article>
      <article><a>no href</a><a href="">empty</a><a href="/papers/">no id</a><a href="/papers/x.y">bad id</a></article></main>`;
    const result = parseHtml(html, URLS[1] ?? '');
    expect(result.papers).toEqual([]);
    expect(result.warnings).toEqual([
      'No DailyPapers hydration JSON on the page; read 0 cards from the page instead',
      'Card 1 has no paper link; skipped',
      'Card 2 has no paper link; skipped',
      'Card 3 has no paper link; skipped',
    ]);
  });

  it.each([
    'null',
    '[]',
    '{"dailyPapers": 5}',
    '{"dailyPapers": [null, [], {"paper": {"id": {}}}]}',
    '"text"',
    '{',
  ])('on data-props = %s', (props) => {
    const doc = new JSDOM('<main><div data-target="DailyPapers"><article></article></div></main>').window
      .document;
    doc.querySelector('[data-target]')?.setAttribute('data-props', props);
    for (const url of URLS) expectWellFormed(parsePage(doc, url), url);
  });

  it('on markup nested 5,000 levels deep, around and inside a card', () => {
    // Built with DOM calls in chains of 500 levels: parsing such markup from a string costs jsdom
    // seconds, and inserting a 5,000-level subtree at once overflows jsdom's own (recursive) code.
    const doc = new JSDOM('<main></main>').window.document;
    const deepen = (parent: Element, name: string, depth: number): Element => {
      let deepest = parent;
      for (let built = 0; built < depth; built += 500) {
        const top = doc.createElement(name);
        let bottom = top;
        for (let level = 1; level < Math.min(500, depth - built); level += 1) {
          bottom = bottom.appendChild(doc.createElement(name));
        }
        deepest.appendChild(top);
        deepest = bottom;
      }
      return deepest;
    };
    const article = deepen(doc.querySelector('main') as Element, 'div', 5000).appendChild(
      doc.createElement('article'),
    );
    const link = article.appendChild(doc.createElement('h3')).appendChild(doc.createElement('a'));
    link.setAttribute('href', '/papers/2501.00001');
    deepen(link, 'span', 5000).textContent = 'Deep title';

    const result = parsePage(doc, 'https://huggingface.co/papers/trending');
    expect(result.papers.map((paper) => [paper.id, paper.title])).toEqual([['2501.00001', 'Deep title']]);
    expect(result.warnings).toEqual([]);
    const paperResult = parsePage(doc, 'https://huggingface.co/papers/2501.00001');
    expectWellFormed(paperResult, 'https://huggingface.co/papers/2501.00001');
  });

  it('on a card whose DOM throws: that card becomes a warning, the others are read', () => {
    const html = `<main>${[1, 2, 3].map((n) => `<article><h3><a href="/papers/2501.0000${n}">Paper ${n}</a></h3></article>`).join('')}</main>`;
    const doc = new JSDOM(html).window.document;
    const second = doc.querySelectorAll('article')[1];
    if (second === undefined) throw new Error('fixture has three cards');
    const link = second.querySelector('a');
    Object.defineProperty(link, 'getAttribute', {
      value: () => {
        throw new Error('attribute read failed');
      },
    });
    const result = parsePage(doc, 'https://huggingface.co/papers/trending');
    expect(result.papers.map((paper) => paper.id)).toEqual(['2501.00001', '2501.00003']);
    expect(result.warnings).toEqual(['Card 2 could not be read (attribute read failed); skipped']);
  });

  it('on a document object that throws on every use', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no DOM here');
        },
      },
    ) as Document;
    expect(parsePage(hostile, 'https://huggingface.co/papers/trending')).toEqual({
      kind: 'list',
      papers: [],
      warnings: ['The trending page could not be read (no DOM here)'],
    });
    expect(parsePage(hostile, 'https://huggingface.co/papers/2501.00001').kind).toBe('paper');
  });

  it('on a URL that is not a string or not a URL', () => {
    const doc = new JSDOM('<article><h3><a href="/papers/2501.00001">T</a></h3></article>').window.document;
    for (const url of [undefined, null, 42, '', 'papers', '::'] as unknown as string[]) {
      const result = parsePage(doc, url);
      expect(result.kind).toBe('unknown');
      expect(result.papers).toEqual([]);
      expect(result.warnings).toHaveLength(1);
    }
  });
});

describe('parsePage on generated pages (property)', () => {
  const hrefs = fc.constantFrom(
    '/papers/2501.00001',
    '/papers/2501.00002v2#community',
    'https://huggingface.co/papers/2501.00003',
    'https://huggingface.co.evil/papers/2501.00004',
    '//evil.example/papers/2501.00005',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '/papers/date/2025-03-11',
    '/papers?date=2025-03-11',
    'https://github.com/owner/repo',
    'https://github.com.evil.example/owner/repo',
    'https://github.com/huggingface',
    '/orgname',
    '',
  );
  const text = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom(
      '<script>alert(1)</script>',
      '<b>bold</b>',
      'Submitted by x',
      '· 3 authors',
      '42',
      '1.2k',
      '&lt;i&gt;',
    ),
  );
  const tag = fc.constantFrom(
    'div',
    'span',
    'p',
    'h3',
    'li',
    'label',
    'script',
    'svg',
    'article',
    'section',
    'h1',
  );
  const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      fc
        .tuple(hrefs, fc.array(tie('node'), { maxLength: 3 }))
        .map(([href, kids]) => `<a href="${href}">${kids.join('')}</a>`),
      fc
        .tuple(tag, fc.constantFrom('', 'leading-none', 'author'), fc.array(tie('node'), { maxLength: 4 }))
        .map(([name, className, kids]) => `<${name} class="${className}">${kids.join('')}</${name}>`),
      fc.constantFrom(
        '<img src="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2501.00001.png">',
        '<img src="javascript:alert(1)//social-thumbnails/papers/x.png">',
        '<div data-target="DailyPapers" data-props="{&quot;dailyPapers&quot;:[{&quot;paper&quot;:{&quot;id&quot;:&quot;2501.00009&quot;}}]}"></div>',
        '<div data-target="PaperContent" data-props="{&quot;paper&quot;:{&quot;id&quot;:&quot;2501.00001&quot;,&quot;projectPage&quot;:&quot;javascript:x&quot;}}"></div>',
      ),
    ),
  })).node;

  it('holds every invariant on random markup, at every variant URL', () => {
    fc.assert(
      fc.property(fc.array(node, { maxLength: 12 }), fc.constantFrom(...URLS), (nodes, url) => {
        expectWellFormed(parseHtml(`<main>${nodes.join('')}</main>`, url), url);
      }),
      { numRuns: 150 },
    );
  });

  it('holds every invariant on arbitrary strings taken as HTML', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.constantFrom(...URLS), (html, url) => {
        expectWellFormed(parseHtml(html, url), url);
      }),
      { numRuns: 100 },
    );
  });
});
