/**
 * Visits of a list page: when the user last visited it, and which papers are new on it since then.
 * Plain rules on plain rows, so the store and the content script (reading the state index before the
 * page is painted) say "new" alike.
 */
import type { StoredPaper } from './paper';

/** The visits of one list page, as the store keeps them. */
export interface PageRow {
  /** Page key (the page reader's `pageKeyFromUrl`), e.g. `date:2025-01-31`, `week:2025-W05`, `search:diffusion`. */
  key: string;
  /** When the current (or last) visit started. */
  visitStartedAt: number;
  /** Last observation of this page. */
  lastVisitAt: number;
  /** `lastVisitAt` of the visit before the current one; absent during the first ever visit. */
  previousVisitAt?: number;
}

/** Observations of one list less than this apart belong to the same visit (30 minutes). */
export const VISIT_GAP_MS = 30 * 60_000;

/**
 * Records an observation of a list page at `now` and returns the updated row.
 *
 * A visit is a run of observations less than {@link VISIT_GAP_MS} apart. When a new visit starts,
 * `previousVisitAt` becomes the `lastVisitAt` of the visit that ended, and `visitStartedAt` becomes
 * `now`. A clock that went backwards never moves `lastVisitAt` back.
 */
export function touchVisit(row: PageRow | undefined, key: string, now: number): PageRow {
  if (row === undefined) return { key, visitStartedAt: now, lastVisitAt: now };
  if (now - row.lastVisitAt >= VISIT_GAP_MS) {
    return { key, visitStartedAt: now, lastVisitAt: now, previousVisitAt: row.lastVisitAt };
  }
  return { ...row, lastVisitAt: Math.max(row.lastVisitAt, now) };
}

/**
 * Whether a paper is new on a list: it was first seen after the user's previous visit of the list. On
 * the first visit of a list nothing is new since a previous one. Read papers are never new.
 */
export function isNewOnPage(paper: Pick<StoredPaper, 'state' | 'firstSeenAt'>, page: PageRow): boolean {
  if (paper.state === 'read' || page.previousVisitAt === undefined) return false;
  return paper.firstSeenAt > page.previousVisitAt;
}
