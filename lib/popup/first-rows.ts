/**
 * The popup's first rows, kept in `storage.local` between openings: the next popup shows them at once,
 * before IndexedDB has opened, then the store's own rows replace them. Kept only for the default view and
 * valid only at the change feed's position (`seq`) they carry: the background, as it publishes a change,
 * moves them to the new position when the change cannot have touched them, and removes them otherwise
 * (lib/messages/kept-rows.ts), so they are never older than the store.
 */
import { browser } from 'wxt/browser';
import { feedSeqOf } from '../messages/change-feed';
import { takeEarlyRead } from '../messages/early-read';
import type { KeptPopupRows } from '../messages/kept-rows';
import { POPUP_FIRST_ROWS_KEY } from '../messages/protocol';
import type { StoredPaper } from '../model/paper';
import { DEFAULT_VIEW, type ListView } from '../model/views';

const viewKey = (view: ListView) => JSON.stringify(view);

/** The kept first `limit` rows of `view`, or undefined when none are valid (another view, a change since). */
export async function readKeptRows(view: ListView, limit: number): Promise<StoredPaper[] | undefined> {
  if (viewKey(view) !== viewKey(DEFAULT_VIEW)) return undefined;
  // Begun by the page's first script, before the modules loaded (lib/messages/early-read.ts).
  const stored = await takeEarlyRead('/popup.html', browser.storage.local);
  const kept = stored[POPUP_FIRST_ROWS_KEY] as KeptPopupRows | undefined;
  const seq = feedSeqOf(stored);
  if (!kept || kept.view !== viewKey(view) || kept.seq !== seq || kept.limit < limit) return undefined;
  return Array.isArray(kept.papers) ? kept.papers.slice(0, limit) : undefined;
}

/** Keeps the default view's first rows, read up to `limit` when the change feed was at `seq`. */
export async function keepRows(papers: StoredPaper[], limit: number, seq: number): Promise<void> {
  const kept: KeptPopupRows = { view: viewKey(DEFAULT_VIEW), limit, seq, papers };
  await browser.storage.local.set({ [POPUP_FIRST_ROWS_KEY]: kept });
}
