/**
 * Trending papers.
 * Reads: `/papers/trending`, also with `?q=WORDS` (a filter of the trending list).
 */
import { readListPage } from '../list';
import { normalizeQuery } from '../page-key';
import type { VariantReader, VariantReading, VariantUrls } from '../variant-reader';

const TRENDING_PATH = /^\/papers\/trending\/?$/;

/** Whether `url` is the trending list. */
export function matches(url: URL): boolean {
  return TRENDING_PATH.test(url.pathname);
}

/** `trending`, or `trending:QUERY` for a filter (the query normalized, see {@link normalizeQuery}). */
export function pageKey(url: URL): string | undefined {
  const query = normalizeQuery(url.searchParams.get('q') ?? '');
  return query === '' ? 'trending' : `trending:${query}`;
}

/** Reads the trending list; its hydration JSON is used when present but not required. */
export function read(doc: Document, _url: URL): VariantReading {
  return readListPage(doc, { hydration: 'optional' });
}

/** The URLs of the trending variant, without its reader (the background needs only these). */
export const trendingUrls: VariantUrls = { variant: 'trending', matches, pageKey };

/** The trending variant. */
export const trendingReader: VariantReader = { ...trendingUrls, read };

// Fixtures: test/fixtures/trending/trending.html, written by hand after the README's card
// anchors; no real capture of this page was available, so the JSON is treated as optional.
