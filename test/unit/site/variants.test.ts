// @vitest-environment node
/**
 * Every hand-written fixture under test/fixtures/<variant>/ is read with jsdom and compared with
 * its reviewed `.expected.json` (the full ParseResult), plus the 2,000-card page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ParseResult, parsePage } from '../../../lib/site';
import { generateLargePage, LARGE_PAGE_URL, largePageIds } from '../../fixtures/generate-large.mjs';
import { PAGE_FIXTURES } from '../../fixtures/pages';

const fixturesDir = path.resolve(__dirname, '../../fixtures');

/** The fixtures and the URL each page is read as (a table shared with the browser tests). */
const FIXTURES = PAGE_FIXTURES;
/** The folders of page fixtures, one per variant. */
const VARIANT_DIRS = ['daily', 'week', 'month', 'trending', 'search', 'paper'];

function parseFixture(file: string, url: string) {
  const html = readFileSync(path.join(fixturesDir, `${file}.html`), 'utf8');
  const dom = new JSDOM(html, { url });
  return parsePage(dom.window.document, url);
}

describe('parsePage on the hand-written fixtures', () => {
  it.each(FIXTURES)('$file', ({ file, url }) => {
    const expected: unknown = JSON.parse(
      readFileSync(path.join(fixturesDir, `${file}.expected.json`), 'utf8'),
    );
    expect(parseFixture(file, url)).toStrictEqual(expected);
  });

  it('has a table entry for every fixture page on disk', () => {
    const onDisk = VARIANT_DIRS.flatMap((dir) =>
      readdirSync(path.join(fixturesDir, dir))
        .filter((name) => name.endsWith('.html'))
        .map((name) => `${dir}/${name.replace(/\.html$/, '')}`),
    );
    expect(onDisk.sort()).toEqual(FIXTURES.map((fixture) => fixture.file).sort());
  });
});

/** The median of some durations. */
function median(durations: number[]): number {
  const sorted = [...durations].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.POSITIVE_INFINITY;
}

/** Runs `parsePage` and returns its result and duration in ms. */
function timedParse(doc: Document, url: string): { result: ParseResult; ms: number } {
  const start = performance.now();
  const result = parsePage(doc, url);
  return { result, ms: performance.now() - start };
}

describe('a generated page of 2,000 cards', () => {
  const count = 2000;
  let largeDoc: Document;
  let smallDoc: Document;

  beforeAll(() => {
    largeDoc = new JSDOM(generateLargePage(count), { url: LARGE_PAGE_URL }).window.document;
    smallDoc = new JSDOM(generateLargePage(count / 4), { url: LARGE_PAGE_URL }).window.document;
  });

  it('reads all 2,000 papers in page order in under 500 ms (median of 5 runs)', () => {
    // Two warm-up runs: the first runs also compile the reader; the budget is for reading.
    timedParse(largeDoc, LARGE_PAGE_URL);
    timedParse(largeDoc, LARGE_PAGE_URL);
    const runs = Array.from({ length: 5 }, () => timedParse(largeDoc, LARGE_PAGE_URL));
    const medianMs = median(runs.map((run) => run.ms));
    console.info(`parsePage over ${count} cards: median ${medianMs.toFixed(1)} ms of 5 runs`);
    const result = runs[runs.length - 1]?.result;
    expect(result?.warnings).toEqual([]);
    expect(result?.papers.map((paper) => paper.id)).toEqual(largePageIds(count));
    expect(medianMs).toBeLessThan(500);

    // Spot checks that both sources were merged on every card, not only on the first ones.
    expect(result?.papers[count - 1]).toMatchObject({
      id: '2501.02000',
      title: 'Generated Paper Number 2000: A Study of Scale',
      upvotes: 1,
      numComments: 1999 % 7,
      submittedBy: 'user-1999',
      authorCount: 3,
    });
    expect(result?.papers[1830]).toMatchObject({
      githubRepo: 'https://github.com/gen-lab/repo-1831',
      githubStars: 5490,
      codeLinks: ['https://github.com/gen-lab/repo-1831', 'https://github.com/gen-lab/paper-1831'],
    });
  });

  it('takes time in proportion to the cards: 4 times the cards, well under 8 times the time', () => {
    timedParse(smallDoc, LARGE_PAGE_URL);
    timedParse(largeDoc, LARGE_PAGE_URL);
    // Interleaved, so that a burst of load on the machine hits both sizes alike.
    const small: number[] = [];
    const large: number[] = [];
    for (let run = 0; run < 5; run += 1) {
      small.push(timedParse(smallDoc, LARGE_PAGE_URL).ms);
      large.push(timedParse(largeDoc, LARGE_PAGE_URL).ms);
    }
    expect(timedParse(smallDoc, LARGE_PAGE_URL).result.papers).toHaveLength(count / 4);
    // Linear work gives about 4x; a pass over all cards for each card would give about 16x.
    expect(median(large) / median(small)).toBeLessThan(8);
  });
});
