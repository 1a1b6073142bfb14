/**
 * The change feed's position (`seq`), which kept first rows (the popup's and the inbox's) are stamped with:
 * rows kept at another position are older than the store.
 */
import type { ReadableArea } from './early-read';
import { CHANGE_FEED_KEY, type ChangeFeed } from './protocol';

/** The change feed's position in values read from `storage.local` (0 before any change). */
export function feedSeqOf(stored: Record<string, unknown>): number {
  const seq = (stored[CHANGE_FEED_KEY] as ChangeFeed | undefined)?.seq;
  return typeof seq === 'number' ? seq : 0;
}

/**
 * The change feed's position now, in `area` (the extension's `storage.local`). Passed in, so that this
 * module stays free of the browser's API for the pages' first script (entrypoints/early-read.ts).
 */
export async function changeSeq(area: ReadableArea): Promise<number> {
  return feedSeqOf(await area.get([CHANGE_FEED_KEY]));
}
