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
import { type ChangeFeed, POPUP_FIRST_ROWS_KEY, POPUP_FIRST_SCREEN_KEY } from './protocol';

/** What is kept: the default view's first rows, read up to `limit`, when the change feed was at `seq`. */
export interface KeptPopupRows {
  view: string;
  limit: number;
  seq: number;
  papers: StoredPaper[];
}

/**
 * The popup's first screen as it drew its kept rows (components/first-screen.ts), at the same position.
 * Stored apart from the rows: the page's first script reads only this (~20 KB for six rows), and a read of
 * `storage.local` while the page loads is answered later the larger it is (the rows with it made ~80 KB,
 * answered 10-30 ms later in a probe page).
 */
export interface KeptPopupScreen {
  view: string;
  seq: number;
  screen: unknown;
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

/**
 * The kept first screen in `values` (a read of `storage.local` with the change feed), when it is valid: of
 * the default view, at the feed's position.
 */
export function validKeptScreen(values: Record<string, unknown>): KeptPopupScreen | undefined {
  const kept = values[POPUP_FIRST_SCREEN_KEY];
  return isKeptPopupScreen(kept) && kept.view === KEPT_VIEW && kept.seq === feedSeqOf(values)
    ? kept
    : undefined;
}

function isKeptPopupScreen(value: unknown): value is KeptPopupScreen {
  const kept = value as KeptPopupScreen | undefined;
  return (
    typeof kept === 'object' &&
    kept !== null &&
    typeof kept.seq === 'number' &&
    typeof kept.view === 'string' &&
    kept.screen !== undefined
  );
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

/**
 * The kept first screen once a change is published, the feed being at `seqBefore` until then: moved with
 * the rows it was drawn from when they are (`rowsAfter`, from {@link keptPopupRowsAfter}), else undefined.
 */
export function keptPopupScreenAfter(
  kept: unknown,
  seqBefore: number,
  rowsAfter: KeptPopupRows | undefined,
): KeptPopupScreen | undefined {
  if (rowsAfter === undefined || !isKeptPopupScreen(kept) || kept.seq !== seqBefore) return undefined;
  return { ...kept, seq: rowsAfter.seq };
}
