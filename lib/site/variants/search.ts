/**
 * Paper search results.
 * Reads: `/papers?q=WORDS` (any other query parameters aside).
 */
import { readListPage } from '../list';
import type { ParseResult } from '../types';
import { hasSearchQuery } from '../urls';
import type { VariantReader } from '../variant-reader';

/** Whether `url` is a search of the papers. */
export function matches(url: URL): boolean {
  return /^\/papers\/?$/.test(url.pathname) && hasSearchQuery(url);
}

/** Reads search results: cards, possibly with an abstract paragraph, usually no hydration JSON. */
export function read(doc: Document, _url: URL): ParseResult {
  return readListPage(doc, { hydration: 'optional' });
}

/** The search-results variant. */
export const searchReader: VariantReader = { variant: 'search', matches, read };

// Fixtures: test/fixtures/search/search.html, written by hand; the README has no verified capture
// of this page and assumes the list cards with an abstract paragraph and no hydration JSON.
