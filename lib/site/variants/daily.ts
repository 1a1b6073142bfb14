/**
 * Daily Papers, one day's list.
 * Reads: `/papers` (today), `/papers?date=YYYY-MM-DD` (older markup) and
 * `/papers/date/YYYY-MM-DD` (2025+). A `?q=` with words makes it a search page instead.
 */
import { readListPage } from '../list';
import type { ParseResult } from '../types';
import { hasSearchQuery } from '../urls';
import type { VariantReader } from '../variant-reader';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_PATH = /^\/papers\/date\/(\d{4}-\d{2}-\d{2})\/?$/;

/** Whether `url` is a daily list. */
export function matches(url: URL): boolean {
  if (hasSearchQuery(url)) return false;
  return /^\/papers\/?$/.test(url.pathname) || DATE_PATH.test(url.pathname);
}

/** The day the URL asks for, when it names one. */
function pageDate(url: URL): string | undefined {
  const fromPath = DATE_PATH.exec(url.pathname)?.[1];
  if (fromPath !== undefined) return fromPath;
  const fromQuery = url.searchParams.get('date') ?? '';
  return DAY.test(fromQuery) ? fromQuery : undefined;
}

/** Reads a daily list: the hydration JSON is expected, and must be for the URL's day. */
export function read(doc: Document, url: URL): ParseResult {
  return readListPage(doc, { hydration: 'expected', pageDate: pageDate(url) });
}

/** The daily-list variant. */
export const dailyReader: VariantReader = { variant: 'daily', matches, read };

// Fixtures: test/fixtures/daily/ (daily-old, daily-new, truncated-json, hostile, duplicates),
// written by hand after the real capture /work/shared/hf-pages/daily-2024-08-01.html and the
// markup notes in /work/shared/hf-pages/README.md; conformance against the capture itself in
// test/unit/parse-conformance.test.ts.
