/**
 * Paper search results.
 * Reads: `/papers?q=WORDS` (any other query parameters aside).
 */
import { readListPage } from '../list';
import { normalizeQuery } from '../page-key';
import { hasSearchQuery } from '../urls';
import type { VariantReader, VariantReading } from '../variant-reader';

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

/** The search-results variant. */
export const searchReader: VariantReader = { variant: 'search', matches, pageKey, read };

// Fixtures: test/fixtures/search/search.html, written by hand; the README has no verified capture
// of this page and assumes the list cards with an abstract paragraph and no hydration JSON.
