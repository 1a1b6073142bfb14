/**
 * Daily Papers, one ISO week's list.
 * Reads: `/papers/week/YYYY-Www` (e.g. `/papers/week/2026-W47`).
 */
import { readListPage } from '../list';
import type { VariantReader, VariantReading, VariantUrls } from '../variant-reader';

const WEEK_PATH = /^\/papers\/week\/(\d{4}-W\d{2})\/?$/;

/** Whether `url` is a weekly list. */
export function matches(url: URL): boolean {
  return WEEK_PATH.test(url.pathname);
}

/** `week:YYYY-Www`. */
export function pageKey(url: URL): string | undefined {
  const week = WEEK_PATH.exec(url.pathname)?.[1];
  return week === undefined ? undefined : `week:${week}`;
}

/** Reads a weekly list (same cards and hydration JSON as a day, `periodType: "week"`). */
export function read(doc: Document, _url: URL): VariantReading {
  return readListPage(doc, { hydration: 'expected' });
}

/** The URLs of the week variant, without its reader (the background needs only these). */
export const weekUrls: VariantUrls = { variant: 'week', matches, pageKey };

/** The week variant. */
export const weekReader: VariantReader = { ...weekUrls, read };

// Fixtures: test/fixtures/week/week.html, written by hand after the README's description of the
// 2025+ list pages (`periodType`, `dateString` in the props); no real capture was available.
