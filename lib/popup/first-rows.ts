/**
 * The popup's first rows, kept in `storage.local` between openings: the next popup shows them at once,
 * before IndexedDB has opened, then the store's own rows replace them. Kept only for the default view and
 * valid only at the change feed's position (`seq`) they carry: the background, as it publishes a change,
 * moves them to the new position when the change cannot have touched them, and removes them otherwise
 * (lib/messages/kept-rows.ts), so they are never older than the store.
 */
import { browser } from 'wxt/browser';
import { takeEarlyRead } from '../messages/early-read';
import { KEPT_VIEW, type KeptPopupRows, type KeptPopupScreen, validKeptRows } from '../messages/kept-rows';
import { POPUP_FIRST_ROWS_KEY, POPUP_FIRST_SCREEN_KEY } from '../messages/protocol';
import type { StoredPaper } from '../model/paper';
import { type ListView, viewKey } from '../model/views';

/** Valid kept rows, and the change feed's position they were read at. */
export interface KeptRows {
  papers: StoredPaper[];
  seq: number;
}

/** The kept first `limit` rows of `view`, or undefined when none are valid (another view, a change since). */
export async function readKeptRows(view: ListView, limit: number): Promise<KeptRows | undefined> {
  if (viewKey(view) !== KEPT_VIEW) return undefined;
  // Begun by the page's first script, before the modules loaded (lib/messages/early-read.ts).
  const kept = validKeptRows(await takeEarlyRead('/popup.html', browser.storage.local));
  if (kept === undefined || kept.limit < limit) return undefined;
  return { papers: kept.papers.slice(0, limit), seq: kept.seq };
}

/**
 * Keeps the default view's first rows, read up to `limit` when the change feed was at `seq`, with the
 * first screen drawn from them when there is one (see {@link KeptPopupScreen}), in one write; without
 * one, a screen kept before is removed.
 */
export async function keepRows(
  papers: StoredPaper[],
  limit: number,
  seq: number,
  screen?: unknown,
): Promise<void> {
  const rows: KeptPopupRows = { view: KEPT_VIEW, limit, seq, papers };
  if (screen === undefined) {
    await browser.storage.local.set({ [POPUP_FIRST_ROWS_KEY]: rows });
    await browser.storage.local.remove(POPUP_FIRST_SCREEN_KEY);
    return;
  }
  const kept: KeptPopupScreen = { view: KEPT_VIEW, seq, screen };
  await browser.storage.local.set({ [POPUP_FIRST_ROWS_KEY]: rows, [POPUP_FIRST_SCREEN_KEY]: kept });
}
