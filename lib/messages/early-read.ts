/**
 * A page's first read of `storage.local`, begun before its modules have loaded. The popup and the inbox
 * draw their first rows from what the last opening kept there; the read is a round trip to the browser,
 * and begun by the page's module it waited for the module graph to load (~20-40 ms, measured in the
 * popup). A tiny classic script (entrypoints/early-read.ts) runs as soon as the page is parsed, begins
 * the read and leaves its answer here; the page's module takes it when it starts, or reads anew.
 */

import {
  CHANGE_FEED_KEY,
  INBOX_FIRST_ROWS_KEY,
  INBOX_ORDER_KEY,
  POPUP_FIRST_ROWS_KEY,
  POPUP_FIRST_SCREEN_KEY,
  SETTINGS_KEY,
} from './protocol';

/** The pages that begin a read early, by path. */
export type EarlyReadPage = '/popup.html' | '/inbox.html';

/** What a page's first rows are drawn from, by the page's path. */
export const EARLY_READS: Readonly<Record<EarlyReadPage, readonly string[]>> = {
  '/popup.html': [POPUP_FIRST_ROWS_KEY, CHANGE_FEED_KEY],
  '/inbox.html': [INBOX_FIRST_ROWS_KEY, CHANGE_FEED_KEY, SETTINGS_KEY, INBOX_ORDER_KEY],
};

/**
 * What the popup's first script draws its first screen from, read on its own and before the rows: answers
 * come in order, and the smaller one sooner (lib/messages/kept-rows.ts, KeptPopupScreen).
 */
export const POPUP_SCREEN_READ: readonly string[] = [POPUP_FIRST_SCREEN_KEY, CHANGE_FEED_KEY];

/** The part of a `storage.local` area the read needs. */
export interface ReadableArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
}

/** Where the begun read waits for the page's module: a property of the page's global object. */
const SLOT = '__dpcEarlyRead';

interface EarlyRead {
  keys: readonly string[];
  answer: Promise<Record<string, unknown>>;
}

type WithSlot = typeof globalThis & { [SLOT]?: EarlyRead };

/**
 * Begins the read of `path`'s keys, if the page has any, and returns its answer; one that fails is left to
 * the page, which reads anew.
 */
export function beginEarlyRead(
  path: string,
  area: ReadableArea,
): Promise<Record<string, unknown>> | undefined {
  const keys = (EARLY_READS as Readonly<Record<string, readonly string[]>>)[path];
  if (keys === undefined) return undefined;
  const answer = area.get([...keys]);
  // Nothing is reported twice: the page reports a failure of its own read.
  answer.catch(() => undefined);
  (globalThis as WithSlot)[SLOT] = { keys, answer };
  return answer;
}

/**
 * The answer to `page`'s first read: the one begun early when there is one (taken once: a later read must
 * see the storage as it is then), else a read begun now. Either way it holds every key of `page`.
 */
export function takeEarlyRead(page: EarlyReadPage, area: ReadableArea): Promise<Record<string, unknown>> {
  const keys = EARLY_READS[page];
  const global = globalThis as WithSlot;
  const early = global[SLOT];
  delete global[SLOT];
  if (early !== undefined && keys.every((key) => early.keys.includes(key))) {
    return early.answer.catch(() => area.get([...keys]));
  }
  return area.get([...keys]);
}
