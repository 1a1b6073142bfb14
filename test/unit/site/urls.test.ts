// @vitest-environment node
/**
 * The site's URLs are known in one place (lib/site/urls.ts, lib/site/ids.ts): the match patterns
 * of the papers pages and of paper links, the Daily Papers address, and which hosts are the site.
 * The manifest, the content script, the badge and the context menu take them from there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { PAPER_LINK_PATTERNS } from '../../../lib/background/context-menu';
import { paperPageUrl } from '../../../lib/model/arxiv';
import { detectVariant } from '../../../lib/site';
import { PAPER_LINK_MATCHES, paperIdFromHref } from '../../../lib/site/ids';
import { DAILY_PAPERS_URL, isSitePageUrl, PAPERS_PAGE_MATCHES, SITE_ORIGIN } from '../../../lib/site/urls';

const root = path.resolve(__dirname, '../../..');

function matchesAny(patterns: readonly string[], url: string): boolean {
  return patterns.some((pattern) => new MatchPattern(pattern).includes(url));
}

/** One URL of every papers page the reader knows. */
const PAPERS_PAGES = [
  'https://huggingface.co/papers',
  'https://huggingface.co/papers?date=2024-08-01',
  'https://huggingface.co/papers/date/2025-03-11',
  'https://huggingface.co/papers/week/2026-W47',
  'https://huggingface.co/papers/month/2025-03',
  'https://huggingface.co/papers/trending',
  'https://huggingface.co/papers/trending?q=agents',
  'https://huggingface.co/papers?q=diffusion',
  'https://huggingface.co/papers/2407.21783',
];

describe('the site’s addresses', () => {
  it('are on https://huggingface.co', () => {
    expect(SITE_ORIGIN).toBe('https://huggingface.co');
    expect(DAILY_PAPERS_URL).toBe('https://huggingface.co/papers');
    expect(PAPERS_PAGE_MATCHES).toEqual(['https://huggingface.co/papers*']);
    expect(PAPER_LINK_MATCHES).toEqual(['https://huggingface.co/papers/*']);
  });

  it.each(PAPERS_PAGES)('the content script’s patterns cover every page the reader reads: %s', (url) => {
    expect(detectVariant(url)).toBeDefined();
    expect(matchesAny(PAPERS_PAGE_MATCHES, url)).toBe(true);
  });

  it.each([
    'https://www.huggingface.co/papers',
    'https://huggingface.co/models',
    'https://huggingface.co.evil/papers',
    'http://huggingface.co/papers',
  ])('the content script’s patterns leave out %s', (url) => {
    expect(matchesAny(PAPERS_PAGE_MATCHES, url)).toBe(false);
  });

  it('cover every paper link the reader recognises, and the paper page built from an id', () => {
    const link = paperPageUrl('2407.21783');
    expect(paperIdFromHref(link)).toBe('2407.21783');
    expect(matchesAny(PAPER_LINK_MATCHES, link)).toBe(true);
    expect(matchesAny(PAPER_LINK_MATCHES, 'https://huggingface.co/papers/2407.21783v2#community')).toBe(true);
    expect(PAPER_LINK_PATTERNS.slice(0, PAPER_LINK_MATCHES.length)).toEqual(PAPER_LINK_MATCHES);
  });

  it('the daily papers address is a page the reader reads', () => {
    expect(detectVariant(DAILY_PAPERS_URL)).toBe('daily');
    expect(matchesAny(PAPERS_PAGE_MATCHES, DAILY_PAPERS_URL)).toBe(true);
  });

  it('the content script and the manifest take the patterns from lib/site/urls.ts', () => {
    // WXT imports both files at build time, so they can name the constant instead of a copy.
    const content = readFileSync(path.join(root, 'entrypoints/content.ts'), 'utf8');
    const config = readFileSync(path.join(root, 'wxt.config.ts'), 'utf8');
    expect(content).toMatch(/matches: \[\.\.\.PAPERS_PAGE_MATCHES\]/);
    expect(config).toMatch(/PAPERS_MATCHES = \[\.\.\.PAPERS_PAGE_MATCHES\]/);
  });
});

describe('isSitePageUrl: the one host rule', () => {
  it.each([
    ['https://huggingface.co/papers', true],
    ['http://huggingface.co/papers', true],
    ['https://HUGGINGFACE.CO/papers', true],
    // It redirects to huggingface.co: no papers page is shown there, the content script never runs there.
    ['https://www.huggingface.co/papers', false],
    ['https://huggingface.co.evil/papers', false],
    ['https://evilhuggingface.co/papers', false],
    ['https://hf.co/papers', false],
    ['ftp://huggingface.co/papers', false],
  ])('%s → %s', (url, expected) => {
    expect(isSitePageUrl(new URL(url))).toBe(expected);
  });
});
