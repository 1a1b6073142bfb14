/**
 * The change feed: after each successful write the background stores a {@link ChangeFeed} in
 * `browser.storage.local` under {@link CHANGE_FEED_KEY}. Storage change events reach every tab and the
 * popup, even after the worker stopped, so they update without polling.
 */
import { browser } from 'wxt/browser';
import { keptRowsOutliveVisit } from '../inbox/first-rows';
import { keptPopupRowsAfter, keptPopupScreenAfter } from '../messages/kept-rows';
import {
  CHANGE_FEED_KEY,
  type ChangeFeed,
  INBOX_FIRST_ROWS_KEY,
  POPUP_FIRST_ROWS_KEY,
  POPUP_FIRST_SCREEN_KEY,
} from '../messages/protocol';
import { type PaperState, paperState } from '../model/paper';

/** At most this many states travel in one feed entry; beyond, the entry says `all: true`. */
export const FEED_STATES_MAX = 500;

let lastSeq = 0;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `work` after the feed's writes queued before it, one at a time. Never rejects: a failure is logged
 * as "could not `what`" and answered with undefined.
 */
function queued<T>(work: () => Promise<T>, what: string): Promise<T | undefined> {
  const next = queue.then(work);
  queue = next.catch(() => undefined);
  return next.catch((err: unknown) => {
    console.warn(`Daily Papers Companion: could not ${what}`, err);
    return undefined;
  });
}

/**
 * Publishes a change. `states` are the changed papers' states (without `isNew`, which depends on the
 * list); `'all'` means everything may have changed (import, erase). Nothing is published for an empty
 * list. Entries are written one at a time, `seq` strictly increasing, even across worker restarts
 * (it continues from the stored entry). Never rejects: a failed write is logged, since the data
 * write it reports has already succeeded.
 */
export function publishChange(
  change: readonly PaperState[] | 'all',
  now: number = Date.now(),
): Promise<ChangeFeed | undefined> {
  if (change !== 'all' && change.length === 0) return Promise.resolve(undefined);
  return queued(async () => {
    const values = await browser.storage.local.get([
      CHANGE_FEED_KEY,
      POPUP_FIRST_ROWS_KEY,
      POPUP_FIRST_SCREEN_KEY,
    ]);
    const stored = values[CHANGE_FEED_KEY] as Partial<ChangeFeed> | undefined;
    const storedSeq = typeof stored?.seq === 'number' && Number.isFinite(stored.seq) ? stored.seq : 0;
    lastSeq = Math.max(lastSeq, storedSeq) + 1;
    const feed: ChangeFeed = { seq: lastSeq, at: now, ids: [] };
    if (change === 'all') {
      feed.all = true;
    } else {
      // Every tab's content script reads the feed, so a paper travels as its state, field by field
      // (paperState), never as more, even if a caller passed a whole record.
      const byId = new Map<string, PaperState>();
      for (const state of change) byId.set(state.id, paperState(state, state.saved));
      if (byId.size > FEED_STATES_MAX) {
        feed.all = true;
      } else {
        feed.ids = [...byId.keys()];
        feed.states = [...byId.values()];
      }
    }
    // The popup's kept first rows move to the new position with the feed, in one write, when the change
    // cannot have touched them. Else they, and the inbox's (whose count of papers left any change to its
    // days alters), may show what just changed: the next popup or inbox reads the store.
    const keptRows = keptPopupRowsAfter(values[POPUP_FIRST_ROWS_KEY], storedSeq, feed);
    const keptScreen = keptPopupScreenAfter(values[POPUP_FIRST_SCREEN_KEY], storedSeq, keptRows);
    await Promise.all([
      browser.storage.local.set({
        [CHANGE_FEED_KEY]: feed,
        ...(keptRows === undefined ? {} : { [POPUP_FIRST_ROWS_KEY]: keptRows }),
        ...(keptScreen === undefined ? {} : { [POPUP_FIRST_SCREEN_KEY]: keptScreen }),
      }),
      browser.storage.local.remove([
        INBOX_FIRST_ROWS_KEY,
        ...(keptRows === undefined ? [POPUP_FIRST_ROWS_KEY] : []),
        ...(keptScreen === undefined ? [POPUP_FIRST_SCREEN_KEY] : []),
      ]),
    ]);
    return feed;
  }, 'publish a change');
}

/**
 * After a visit of a daily list at `visitAt`: the inbox's kept first rows go unless that visit leaves
 * their range where it was (keptRowsOutliveVisit), as its default range starts at the last such visit
 * (lib/inbox/first-rows.ts) and a visit that changed no paper publishes nothing. Queued with the feed's
 * writes. Never rejects.
 */
export async function dailyListVisited(visitAt: number): Promise<void> {
  await queued(async () => {
    const kept = (await browser.storage.local.get(INBOX_FIRST_ROWS_KEY))[INBOX_FIRST_ROWS_KEY];
    if (!keptRowsOutliveVisit(kept, visitAt)) await browser.storage.local.remove(INBOX_FIRST_ROWS_KEY);
  }, "drop the inbox's kept rows");
}
