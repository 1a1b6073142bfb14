/**
 * Daily Papers, one day's list.
 * Reads: `/papers` (today), `/papers?date=YYYY-MM-DD` (older markup) and
 * `/papers/date/YYYY-MM-DD` (2025+). A `?q=` with words makes it a search page instead.
 */
import { readListPage } from '../list';
import { DAILY_LIST_KEY_PREFIX } from '../page-key';
import { hasSearchQuery } from '../urls';
import type { VariantReader, VariantReading, VariantUrls } from '../variant-reader';

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

/**
 * `date:YYYY-MM-DD` for a day's list (path or `?date=`), `date:latest` for `/papers` without a date;
 * undefined for a `?date=` that is not a day.
 */
export function pageKey(url: URL): string | undefined {
  const fromPath = DATE_PATH.exec(url.pathname)?.[1];
  if (fromPath !== undefined) return `${DAILY_LIST_KEY_PREFIX}${fromPath}`;
  const date = url.searchParams.get('date');
  if (date === null || date === '') return `${DAILY_LIST_KEY_PREFIX}latest`;
  return DAY.test(date) ? `${DAILY_LIST_KEY_PREFIX}${date}` : undefined;
}

/** Reads a daily list: the hydration JSON is expected, and must be for the URL's day. */
export function read(doc: Document, url: URL): VariantReading {
  return readListPage(doc, { hydration: 'expected', pageDate: pageDate(url) });
}

/** The URLs of the daily variant, without its reader (the background needs only these). */
export const dailyUrls: VariantUrls = { variant: 'daily', matches, pageKey };

/** The daily variant. */
export const dailyReader: VariantReader = { ...dailyUrls, read };

// Fixtures: test/fixtures/daily/ (daily-old, daily-new, truncated-json, hostile, duplicates),
// written by hand after a real capture of the daily list of 2024-08-01 and the markup notes kept
// with it in the shared data folder (../shared/hf-pages); conformance against that capture itself
// in test/unit/site/conformance.test.ts.
