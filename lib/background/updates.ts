/**
 * Tells every context that the watched papers' updates changed: the unread count goes to
 * `storage.local` under {@link UPDATES_FEED_KEY}, which the popup's Updates view and the badge hear
 * even after the background has stopped.
 */
import { browser } from 'wxt/browser';
import { countUnreadUpdates } from '../db/watch';
import { UPDATES_FEED_KEY, type UpdatesFeed } from '../messages/protocol';

/** Publishes the unread count now. */
export async function publishUpdates(now: number = Date.now()): Promise<UpdatesFeed> {
  const feed: UpdatesFeed = { at: now, unread: await countUnreadUpdates() };
  await browser.storage.local.set({ [UPDATES_FEED_KEY]: feed });
  return feed;
}
