// @vitest-environment node
/**
 * The site as measured on a real page of 2026-09-28 (../shared/hf-pages/README.md): cards without a
 * wrapper, organization chips, a GitHub chip that links to the paper's own page, `-` for no upvotes,
 * no comments link for none, a video instead of the thumbnail, and hydration items whose
 * `publishedAt` is not the listing time. Fixture: test/fixtures/site-2026/daily-2026-09-28.html,
 * written by hand after those facts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import type { PaperRecord } from '../../../lib/model/paper';
import { parsePage } from '../../../lib/site';
import { readingFromDailyItem } from '../../../lib/site/hydration';

const URL_2026 = 'https://huggingface.co/papers/date/2026-09-28';
const FIXTURE = path.resolve(__dirname, '../../fixtures/site-2026/daily-2026-09-28.html');

function fixtureDocument(): Document {
  return new JSDOM(readFileSync(FIXTURE, 'utf8'), { url: URL_2026 }).window.document;
}

/** A list page of these cards (no hydration JSON), read as the trending list. */
function readCards(cards: string) {
  return parsePage(
    new JSDOM(`<main><div class="grid">${cards}</div></main>`).window.document,
    'https://huggingface.co/papers/trending',
  );
}

const arxiv = (id: string) => ({
  arxivUrl: `https://arxiv.org/abs/${id}`,
  pdfUrl: `https://arxiv.org/pdf/${id}`,
});
const thumbnail = (id: string) => `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`;

describe('a 2026 daily page (fixtures/site-2026/daily-2026-09-28.html)', () => {
  it('has its cards directly in the grid, without a wrapper', () => {
    const articles = [...fixtureDocument().querySelectorAll('article')];
    expect(articles).toHaveLength(3);
    for (const article of articles) expect(article.parentElement?.classList.contains('grid')).toBe(true);
  });

  it('reads every paper from the JSON and the cards; the listing time is submittedOnDailyAt', () => {
    const expected: PaperRecord[] = [
      {
        id: '2609.20001',
        title: 'Sparse Recovery When x <y and y> z: Bounds for k < n',
        summary: 'We bound recovery when x <y and y> z.',
        authors: ['Mara Quint', 'Tobias Ek'],
        authorCount: 2,
        publishedAt: '2026-09-25T00:00:00.000Z',
        // Not the item's publishedAt (2026-09-24T20:00:00.000Z, the arXiv time shifted back).
        submittedAt: '2026-09-28T00:00:00.000Z',
        upvotes: 0,
        numComments: 0,
        // Only the JSON names the repository; the card's GitHub chip links to /papers/2609.20001.
        githubRepo: 'https://github.com/example-lab/sparse-bounds',
        githubStars: 1234,
        codeLinks: ['https://github.com/example-lab/sparse-bounds'],
        thumbnail: thumbnail('2609.20001'),
        organization: 'Example Lab',
        submittedBy: 'akhaliq',
        keywords: [],
        ...arxiv('2609.20001'),
      },
      {
        id: '2609.20002',
        title: 'Video Tokens Need No Thumbnail',
        summary: 'A short abstract.',
        authors: ['Ines Moreau', 'Kwame Asante'],
        authorCount: 3,
        publishedAt: '2026-09-26T00:00:00.000Z',
        submittedAt: '2026-09-28T00:00:00.000Z',
        upvotes: 42,
        numComments: 7,
        // githubStars is null: a repository without stars (and no chip on the card).
        githubRepo: 'https://github.com/imoreau/video-tokens',
        codeLinks: ['https://github.com/imoreau/video-tokens'],
        thumbnail: thumbnail('2609.20002'),
        submittedBy: 'imoreau',
        keywords: [],
        ...arxiv('2609.20002'),
      },
      {
        id: '2609.20003',
        title: 'Calibrated Agents',
        summary: 'Agents that know what they do not know.',
        authors: ['Leo Marchetti'],
        authorCount: 1,
        publishedAt: '2026-09-26T00:00:00.000Z',
        submittedAt: '2026-09-28T00:00:00.000Z',
        upvotes: 15,
        numComments: 2,
        githubRepo: 'https://github.com/calib-lab/agents',
        githubStars: 87,
        codeLinks: ['https://github.com/calib-lab/agents'],
        thumbnail: thumbnail('2609.20003'),
        organization: 'Calibration Lab',
        submittedBy: 'lmarchetti',
        keywords: [],
        ...arxiv('2609.20003'),
      },
    ];
    expect(parsePage(fixtureDocument(), URL_2026)).toStrictEqual({
      kind: 'list',
      papers: expected,
      warnings: [],
    });
  });

  it('reads the cards alone: "-" is 0 upvotes, chips give organizations, never code links', () => {
    const doc = fixtureDocument();
    doc.querySelector('[data-target="DailyPapers"]')?.removeAttribute('data-props');
    const expected: PaperRecord[] = [
      {
        id: '2609.20001',
        title: 'Sparse Recovery When x <y and y> z: Bounds for k < n',
        authors: [],
        upvotes: 0,
        codeLinks: [],
        thumbnail: thumbnail('2609.20001'),
        organization: 'Example Lab',
        submittedBy: 'akhaliq',
        keywords: [],
        ...arxiv('2609.20001'),
      },
      {
        // A video instead of the thumbnail, and an empty dialog: nothing to read there.
        id: '2609.20002',
        title: 'Video Tokens Need No Thumbnail',
        authors: [],
        authorCount: 3,
        upvotes: 42,
        numComments: 7,
        codeLinks: [],
        submittedBy: 'imoreau',
        keywords: [],
        ...arxiv('2609.20002'),
      },
      {
        id: '2609.20003',
        title: 'Calibrated Agents',
        authors: [],
        upvotes: 15,
        numComments: 2,
        codeLinks: [],
        thumbnail: thumbnail('2609.20003'),
        organization: 'Calibration Lab',
        submittedBy: 'lmarchetti',
        keywords: [],
        ...arxiv('2609.20003'),
      },
    ];
    expect(parsePage(doc, URL_2026)).toStrictEqual({
      kind: 'list',
      papers: expected,
      warnings: ['No DailyPapers hydration JSON on the page; read 3 cards from the page instead'],
    });
  });
});

describe('the upvote box', () => {
  it('showing "-" means 0 upvotes, logged out (a login link) or in (a label)', () => {
    const result = readCards(
      `<article><a href="/login?next=%2Fpapers%2F2609.20011"><div class="leading-none">-</div></a><h3><a href="/papers/2609.20011">Out</a></h3></article>
       <article><label><input type="checkbox"><div class="leading-none"> - </div></label><h3><a href="/papers/2609.20012">In</a></h3></article>`,
    );
    expect(result.papers.map(({ id, upvotes }) => ({ id, upvotes }))).toEqual([
      { id: '2609.20011', upvotes: 0 },
      { id: '2609.20012', upvotes: 0 },
    ]);
  });

  it('is never a count inside a link to the paper (the GitHub chip), which is no code link either', () => {
    const chip = (id: string) =>
      `<a href="/papers/${id}" class="rounded-md border"><span>GitHub</span><div class="leading-none">1,204</div></a>`;
    const result = readCards(
      `<article><h3><a href="/papers/2609.20013">Chip first</a></h3>${chip('2609.20013')}<a href="/login"><div class="leading-none">-</div></a></article>
       <article><h3><a href="/papers/2609.20014">No upvote box</a></h3>${chip('2609.20014')}</article>
       <article><h3><a href="/papers/2609.20015">Absolute chip</a></h3><a href="https://huggingface.co/papers/2609.20015"><span>GitHub</span> 57</a></article>`,
    );
    expect(
      result.papers.map(({ id, upvotes, codeLinks, githubRepo }) => ({ id, upvotes, codeLinks, githubRepo })),
    ).toEqual([
      { id: '2609.20013', upvotes: 0, codeLinks: [], githubRepo: undefined },
      { id: '2609.20014', upvotes: undefined, codeLinks: [], githubRepo: undefined },
      { id: '2609.20015', upvotes: undefined, codeLinks: [], githubRepo: undefined },
    ]);
  });
});

describe("a hydration item's publishedAt", () => {
  const paper = (fields: Record<string, unknown>) => ({ id: '2609.20021', title: 'T', ...fields });

  it('is not the listing time when the paper says when it was listed (2026)', () => {
    const reading = readingFromDailyItem({
      publishedAt: '2026-07-27T20:00:00.000Z',
      paper: paper({
        publishedAt: '2026-07-28T00:00:00.000Z',
        submittedOnDailyAt: '2026-07-31T00:00:00.000Z',
      }),
    });
    expect(reading?.submittedAt).toBe('2026-07-31T00:00:00.000Z');
    expect(reading?.publishedAt).toBe('2026-07-28T00:00:00.000Z');
  });

  it('is not the listing time when it is earlier than the paper itself (an old trending item)', () => {
    const reading = readingFromDailyItem({
      publishedAt: '2024-12-28T07:54:06.000Z',
      paper: paper({ publishedAt: '2024-12-28T12:54:06.000Z' }),
    });
    expect(reading?.submittedAt).toBeUndefined();
  });

  it('is the listing time on 2024 pages, where it follows the paper and nothing else says', () => {
    const reading = readingFromDailyItem({
      publishedAt: '2024-08-01T01:21:47.935Z',
      paper: paper({ publishedAt: '2024-07-31T17:54:27.000Z' }),
    });
    expect(reading?.submittedAt).toBe('2024-08-01T01:21:47.935Z');
  });

  it('cannot be told apart without the paper’s own date, so it is not used', () => {
    expect(
      readingFromDailyItem({ publishedAt: '2025-02-14T00:00:00.000Z', paper: paper({}) })?.submittedAt,
    ).toBeUndefined();
  });
});
