/**
 * Paper search results.
 * Reads: `/papers?q=WORDS` (any other query parameters aside).
 */
import { readListPage } from '../list';
import { normalizeQuery } from '../page-key';
import { hasSearchQuery } from '../urls';
import type { VariantReader, VariantReading, VariantUrls } from '../variant-reader';

/** Whether `url` is a search of the papers. */
export function matches(url: URL): boolean {
  return /^\/papers\/?$/.test(url.pathname) && hasSearchQuery(url);
}

/** `search:QUERY`, the query normalized (see {@link normalizeQuery}): one list per search. */
export function pageKey(url: URL): string | undefined {
  return `search:${normalizeQuery(url.searchParams.get('q') ?? '')}`;
}

/** Reads search results: cards, possibly with an abstract paragraph, usually no hydration JSON. */
export function read(doc: Document, _url: URL): VariantReading {
  return readListPage(doc, { hydration: 'optional' });
}

/** The URLs of the search variant, without its reader (the background needs only these). */
export const searchUrls: VariantUrls = { variant: 'search', matches, pageKey };

/** The search variant. */
export const searchReader: VariantReader = { ...searchUrls, read };

// Fixtures: test/fixtures/search/search.html, written by hand; the README has no verified capture
// of this page and assumes the list cards with an abstract paragraph and no hydration JSON.
