// @vitest-environment node
/**
 * Conformance with a real page: the capture of https://huggingface.co/papers for 2024-08-01 and
 * its DailyPapers props, kept outside the project in ../shared/hf-pages (present in CI, absent in
 * a user's clone, where this suite skips itself and says so). Expected values are read from the
 * props file at test time, independently of the reader.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../../lib/site';

const captureDir = path.resolve(__dirname, '../../../../shared/hf-pages');
const htmlPath = path.join(captureDir, 'daily-2024-08-01.html');
const propsPath = path.join(captureDir, 'daily-2024-08-01.props.json');
const captureAvailable = existsSync(htmlPath) && existsSync(propsPath);
if (!captureAvailable) {
  console.warn(
    `parse-conformance: skipped, the real capture is not at ${captureDir} (it is only there in CI)`,
  );
}

/** The `dailyPapers` item fields this test compares, typed loosely: it is someone else's JSON. */
interface CapturedItem {
  title: string;
  numComments: number;
  publishedAt: string;
  thumbnail: string;
  submittedBy: { name: string };
  paper: {
    id: string;
    upvotes: number;
    publishedAt: string;
    summary: string;
    authors: { name: string; hidden?: boolean }[];
  };
}

/** The fields both sources (JSON and cards) show, as the props file states them. */
function expectedFromProps(items: CapturedItem[]) {
  return items.map((item) => ({
    id: item.paper.id,
    title: item.title.replace(/\s+/g, ' ').trim(),
    upvotes: item.paper.upvotes,
    numComments: item.numComments,
    submittedBy: item.submittedBy.name,
    authorCount: item.paper.authors.length,
  }));
}

function pick(papers: ReturnType<typeof parsePage>['papers']) {
  return papers.map(({ id, title, upvotes, numComments, submittedBy, authorCount }) => ({
    id,
    title,
    upvotes,
    numComments,
    submittedBy,
    authorCount,
  }));
}

describe.skipIf(!captureAvailable)('the real capture of /papers for 2024-08-01', () => {
  const url = 'https://huggingface.co/papers';
  const html = captureAvailable ? readFileSync(htmlPath, 'utf8') : '';
  const items: CapturedItem[] = captureAvailable
    ? JSON.parse(readFileSync(propsPath, 'utf8')).dailyPapers
    : [];

  it('has the 13 papers the props list', () => {
    expect(items).toHaveLength(13);
  });

  it('reads every paper, in order, with the values of the props', () => {
    const result = parsePage(new JSDOM(html, { url }).window.document, url);
    expect(result.kind).toBe('list');
    expect(result.warnings).toEqual([]);
    expect(pick(result.papers)).toEqual(expectedFromProps(items));
    // Fields only the JSON has.
    result.papers.forEach((paper, index) => {
      const item = items[index];
      expect(paper.publishedAt).toBe(item?.paper.publishedAt);
      expect(paper.submittedAt).toBe(item?.publishedAt);
      expect(paper.thumbnail).toBe(item?.thumbnail);
      expect(paper.authors).toEqual(
        item?.paper.authors.filter((author) => author.hidden !== true).map((author) => author.name),
      );
    });
  });

  it('reads the same ids, titles, upvotes, comments, submitters and author counts from the cards alone', () => {
    const doc = new JSDOM(html, { url }).window.document;
    const hydration = doc.querySelector('[data-target="DailyPapers"]');
    expect(hydration?.hasAttribute('data-props')).toBe(true);
    // Only the attribute goes: the element also wraps the cards.
    hydration?.removeAttribute('data-props');
    const result = parsePage(doc, url);
    expect(result.warnings).toEqual([
      'No DailyPapers hydration JSON on the page; read 13 cards from the page instead',
    ]);
    expect(pick(result.papers)).toEqual(expectedFromProps(items));
  });

  it('takes code only from the abstracts that name a repository, never from the site chrome', () => {
    const result = parsePage(new JSDOM(html, { url }).window.document, url);
    // In this capture one abstract names a GitHub repository (others name github.io pages, which
    // are project pages, not code); the header and footer links of the site never count.
    const namingRepo = items
      .filter((item) => /github\.com\/[\w.-]+\/[\w.-]+/.test(item.paper.summary))
      .map((item) => item.paper.id);
    expect(namingRepo).toEqual(['2407.21721']);
    const withCode = result.papers.filter((paper) => paper.codeLinks.length > 0);
    expect(withCode.map((paper) => paper.id)).toEqual(namingRepo);
    expect(withCode[0]?.githubRepo).toBe('https://github.com/ruohaoguo/ovavss');
  });
});
