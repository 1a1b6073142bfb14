/**
 * The change feed's position (`seq`), which kept first rows (the popup's and the inbox's) are stamped with:
 * rows kept at another position are older than the store.
 */
import { browser } from 'wxt/browser';
import { CHANGE_FEED_KEY, type ChangeFeed } from './protocol';

/** The change feed's position in values read from `storage.local` (0 before any change). */
export function feedSeqOf(stored: Record<string, unknown>): number {
  const seq = (stored[CHANGE_FEED_KEY] as ChangeFeed | undefined)?.seq;
  return typeof seq === 'number' ? seq : 0;
}

/** The change feed's position now. */
export async function changeSeq(): Promise<number> {
  return feedSeqOf(await browser.storage.local.get(CHANGE_FEED_KEY));
}
