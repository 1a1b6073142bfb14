/**
 * The popup's kept first rows (lib/popup/first-rows.ts) as stored, and what a published change does to
 * them (lib/background/feed.ts). Dropping them with every change sent nearly every real opening of the
 * popup to IndexedDB: a visit of a papers page changes the states of the cards it shows, and those are
 * seldom the reader's saved papers. A change leaves the default view's (saved papers') first rows as they
 * were when it touches none of them and saves nothing (a paper saved now could be among them).
 */
import type { StoredPaper } from '../model/paper';
import { DEFAULT_VIEW, viewKey } from '../model/views';
import { feedSeqOf } from './change-feed';
import { type ChangeFeed, POPUP_FIRST_ROWS_KEY } from './protocol';

/**
 * What is kept: the default view's first rows, read up to `limit`, when the change feed was at `seq`;
 * with them, the popup's first screen as it drew those rows (components/first-screen.ts), when it did.
 */
export interface KeptPopupRows {
  view: string;
  limit: number;
  seq: number;
  papers: StoredPaper[];
  screen?: unknown;
}

/** The view the rows are kept for, as {@link KeptPopupRows.view} names it. */
export const KEPT_VIEW = viewKey(DEFAULT_VIEW);

/**
 * The kept rows in `values` (a read of `storage.local` with the change feed), when they are valid: for the
 * default view, at the feed's position.
 */
export function validKeptRows(values: Record<string, unknown>): KeptPopupRows | undefined {
  const kept = values[POPUP_FIRST_ROWS_KEY];
  return isKeptPopupRows(kept) && kept.view === KEPT_VIEW && kept.seq === feedSeqOf(values)
    ? kept
    : undefined;
}

function isKeptPopupRows(value: unknown): value is KeptPopupRows {
  const kept = value as KeptPopupRows | undefined;
  return (
    typeof kept === 'object' &&
    kept !== null &&
    typeof kept.seq === 'number' &&
    typeof kept.limit === 'number' &&
    typeof kept.view === 'string' &&
    Array.isArray(kept.papers)
  );
}

/**
 * The kept rows once `change` is published, the feed being at `seqBefore` until then: the same rows at
 * the change's position when it cannot have changed them, else undefined (they are dropped).
 */
export function keptPopupRowsAfter(
  kept: unknown,
  seqBefore: number,
  change: ChangeFeed,
): KeptPopupRows | undefined {
  if (!isKeptPopupRows(kept) || kept.seq !== seqBefore || change.all || change.states === undefined) {
    return undefined;
  }
  const shown = new Set(kept.papers.map((paper) => paper.id));
  const untouched = change.states.every((state) => !state.saved && !shown.has(state.id));
  return untouched ? { ...kept, seq: change.seq } : undefined;
}
