// @vitest-environment node
/**
 * Text is data: a title, an abstract, an author's name or a keyword is kept exactly as the site
 * gives it, with only its whitespace collapsed, whichever source it comes from (the hydration
 * JSON, a card, a paper page's `h1`). Angle brackets are text: real titles contain them, and the
 * extension renders every text as a text node. What is not text of the page (the content of a
 * `<script>` or `<style>` element) is still never read.
 */
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../../lib/site';
import { readingFromDailyItem } from '../../../lib/site/hydration';

/** The real title of arXiv 2509.08358. */
const THINK_TITLE =
  "<think> So let's replace this phrase with insult... </think> Lessons learned from generation of toxic texts with LLMs";
/** A title whose comparisons look like a tag to a careless reader. */
const BOUNDS_TITLE = 'Bounds for k < n: Sparse Recovery When x <y and y> z';
const ID = '2509.08358';

const TITLES = [
  ['the real title of 2509.08358', THINK_TITLE],
  ['comparisons that look like a tag', BOUNDS_TITLE],
] as const;

/** `text` as HTML text, the way the site writes it into a page. */
function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** `value` as a double-quoted HTML attribute value. */
function attribute(value: string): string {
  return escapeHtml(value).replaceAll('"', '&quot;');
}

function parse(html: string, url: string) {
  return parsePage(new JSDOM(html, { url }).window.document, url);
}

describe.each(TITLES)('a title with angle brackets (%s) is kept verbatim', (_, title) => {
  it('when read from the hydration JSON', () => {
    const props = {
      date: '2025-09-11T00:00:00.000Z',
      // The paper's copy has raw line breaks; the item's title is the clean one.
      dailyPapers: [{ title, paper: { id: ID, title: title.replace(' ', '\n  ') } }],
    };
    const html = `<main><div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="${attribute(JSON.stringify(props))}"></div></main>`;
    const result = parse(html, 'https://huggingface.co/papers/date/2025-09-11');
    expect(result.papers.map((paper) => paper.title)).toEqual([title]);
    expect(result.warnings).toEqual([]);
  });

  it("when read from a card's text, without JSON", () => {
    const html = `<main><article><h3><a href="/papers/${ID}">${escapeHtml(title)}</a></h3></article></main>`;
    const result = parse(html, 'https://huggingface.co/papers/trending');
    expect(result.papers.map((paper) => paper.title)).toEqual([title]);
    expect(result.warnings).toEqual([]);
  });

  it("when read from a paper page's h1", () => {
    const html = `<main><section><h1>\n  ${escapeHtml(title)}\n</h1></section></main>`;
    const result = parse(html, `https://huggingface.co/papers/${ID}`);
    expect(result.papers.map((paper) => paper.title)).toEqual([title]);
  });
});

describe('every text of the JSON is kept verbatim, whitespace collapsed', () => {
  it('abstract, authors, organization, keywords and AI summary', () => {
    const reading = readingFromDailyItem({
      title: THINK_TITLE,
      paper: {
        id: ID,
        summary: 'Models emit <think>\n  and </s> tokens; images enter as <image>.',
        authors: [{ name: 'Ada <Lovelace>' }, { name: '  Grace   Hopper ' }],
        ai_keywords: ['<image> tokens', 'x < y'],
        ai_summary: 'Reasoning in <think> tags.',
        organization: { name: 'lab', fullname: 'Lab <Research>' },
      },
    });
    expect(reading).toMatchObject({
      title: THINK_TITLE,
      summary: 'Models emit <think> and </s> tokens; images enter as <image>.',
      authors: ['Ada <Lovelace>', 'Grace Hopper'],
      keywords: ['<image> tokens', 'x < y'],
      aiSummary: 'Reasoning in <think> tags.',
      organization: 'Lab <Research>',
    });
  });
});

describe('what is not text of the page is still not read', () => {
  it('a card title keeps its markup-like text and drops its script and style elements', () => {
    const html = `<main><article><h3><a href="/papers/${ID}">&lt;think&gt; Plans<script>alert("card")</script><style>a{color:red}</style> &lt;/think&gt; Acts</a></h3></article></main>`;
    const result = parse(html, 'https://huggingface.co/papers/trending');
    expect(result.papers.map((paper) => paper.title)).toEqual(['<think> Plans </think> Acts']);
  });

  it("a paper page's h1 and abstract drop their script, style, template and icon content", () => {
    const html = `<main><section><h1>x &lt;y<script>steal()</script><svg><title>icon</title></svg> and y&gt; z</h1>
      <h2>Abstract</h2><p>We quote &lt;/s&gt;.<style>p{}</style><template>hidden</template><noscript>no</noscript></p></section></main>`;
    const result = parse(html, `https://huggingface.co/papers/${ID}`);
    expect(result.papers.map(({ title, summary }) => ({ title, summary }))).toEqual([
      { title: 'x <y and y> z', summary: 'We quote </s>.' },
    ]);
  });
});
