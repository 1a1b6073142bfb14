/**
 * The one message protocol between the content script, the popup, the options page and the
 * background worker. Every payload is plain JSON. Each entry maps a message name (verbNoun) to
 * its request and its reply.
 */

import type { ForYouRanking } from '../model/for-you';
import type { InboxDay } from '../model/inbox';
import type { PaperRecord, PaperState, PaperView, StoredPaper, StoreStats } from '../model/paper';
import type { SyncStatus } from '../model/sync-status';

/** The protocol: message name → request and reply types. */
export interface ProtocolMap {
  /** Store what a page shows and return the states of all its papers, in the same order. */
  observePapers: {
    request: { papers: PaperRecord[]; pageUrl: string };
    reply: { states: PaperState[]; previousVisitAt?: number };
  };
  /**
   * States of some papers (unknown ones are left out): for a refresh after a change elsewhere, and for the
   * overlay's first marks, which need only ids. With `pageUrl`, each state says whether it is new on that
   * list; the visit itself is recorded by `observePapers`, never here.
   */
  getStates: {
    request: { ids: string[]; pageUrl?: string };
    /** With `pageUrl`: when the list was visited before this visit; absent on its first visit. */
    reply: { states: PaperState[]; previousVisitAt?: number };
  };
  /** Record that these cards were on screen. */
  markSeen: { request: { ids: string[] }; reply: { states: PaperState[] } };
  /** Save or unsave; `paper` lets a paper unknown to the store be saved with what is known. */
  setSaved: { request: { id: string; saved: boolean; paper?: PaperRecord }; reply: { state: PaperState } };
  setRead: { request: { id: string; read: boolean }; reply: { state: PaperState } };
  /** Mark a paper "not interested" (key `x`), or take that back. */
  setDismissed: { request: { id: string; dismissed: boolean }; reply: { state: PaperState } };
  /**
   * Watch a paper for updates without saving it (issue 16), or stop; a saved paper is watched whatever
   * this says.
   */
  setWatched: { request: { id: string; watched: boolean }; reply: { state: PaperState } };
  setTags: { request: { id: string; tags: string[] }; reply: { state: PaperState } };
  setNote: { request: { id: string; note: string }; reply: { state: PaperState } };
  listPapers: {
    request: { view: PaperView; limit?: number; offset?: number };
    reply: { papers: StoredPaper[]; total: number };
  };
  listTags: { request: Record<string, never>; reply: { tags: { tag: string; count: number }[] } };
  getStats: { request: Record<string, never>; reply: StoreStats };
  exportBackup: { request: Record<string, never>; reply: { backup: unknown } };
  importBackup: {
    request: { backup: unknown; mode: 'merge' | 'replace' };
    reply: { papers: number; pages: number };
  };
  eraseAll: { request: Record<string, never>; reply: { erased: number } };
  /** Save or unsave several papers, in one transaction (all or nothing); states in request order. */
  setSavedMany: { request: { ids: string[]; saved: boolean }; reply: { states: PaperState[] } };
  /** Mark several papers read or unread, in one transaction (all or nothing). */
  setReadMany: { request: { ids: string[]; read: boolean }; reply: { states: PaperState[] } };
  /** Add tags to several papers, keeping the tags each has, in one transaction (all or nothing). */
  addTagsMany: { request: { ids: string[]; tags: string[] }; reply: { states: PaperState[] } };
  /**
   * "For you" (issue 14): the scores of the known papers among `ids`, in that order, for the reader or for
   * one tag ("more like #rl"); a cold start when too few papers are liked yet. With `days` (the inbox's),
   * the papers the store lacks are known from those days' cached lists too.
   */
  rankPapers: { request: { ids: string[]; tag?: string; days?: string[] }; reply: ForYouRanking };
  /** Delete every "For you" model; the next ranking learns again from the reading list. */
  resetForYou: { request: Record<string, never>; reply: { deleted: number } };
  /** Sync with the browser's `storage.sync` now (when sync is on); the outcome, as the options page shows it. */
  syncNow: { request: Record<string, never>; reply: { status?: SyncStatus } };
  /**
   * The papers the site listed on one day (`YYYY-MM-DD`), for the inbox: from the background's hourly
   * cache or the site's API; a failing day says why. With the states of those the store knows.
   */
  getInboxDay: { request: { date: string }; reply: { day: InboxDay; states: PaperState[] } };
  /** Open the inbox page in a new tab (the link on the papers pages). */
  openInbox: { request: Record<string, never>; reply: Record<string, never> };
  /** Check every watched paper on huggingface.co now (within the request budget); how many are watched. */
  checkNow: { request: Record<string, never>; reply: { watched: number } };
  /** The reader has seen every update so far: none is unread any more. */
  markUpdatesRead: { request: Record<string, never>; reply: { readThrough: number } };
}

/** A message name. */
export type MessageName = keyof ProtocolMap;

/**
 * Who may send a message. `content`: the content script on a papers page, and the extension's own pages;
 * `page`: the extension's own pages only (the popup, the options page). A papers page runs next to code
 * we do not control, and a compromised page process can send anything its content script could: so the
 * content script may only read the states of the papers it names and act on one paper at a time, never
 * read out, import or erase the whole reading list. The background enforces this from the browser's own
 * facts about the sender (`lib/background/senders.ts`), never from anything in the message.
 */
export type SenderRight = 'content' | 'page';

/** The right of every message; a new message must declare one (the type requires every name). */
export const MESSAGE_RIGHTS: { readonly [K in MessageName]: SenderRight } = {
  // What the overlay sends (lib/overlay): the states of its page's papers, what the page shows, one paper.
  observePapers: 'content',
  getStates: 'content',
  markSeen: 'content',
  setSaved: 'content',
  setRead: 'content',
  setDismissed: 'content',
  setWatched: 'content',
  setTags: 'content',
  setNote: 'content',
  listTags: 'content',
  rankPapers: 'content',
  // Bulk reads, bulk writes, backups, erasing and sync: the popup and the options page only.
  listPapers: 'page',
  getStats: 'page',
  exportBackup: 'page',
  importBackup: 'page',
  eraseAll: 'page',
  setSavedMany: 'page',
  setReadMany: 'page',
  addTagsMany: 'page',
  syncNow: 'page',
  // The inbox page asks the site for whole days through the background.
  getInboxDay: 'page',
  // A papers page may only open the inbox, never read it: it opens in a tab of its own.
  openInbox: 'content',
  resetForYou: 'page',
  checkNow: 'page',
  markUpdatesRead: 'page',
};
/** The request of message `K`. */
export type RequestOf<K extends MessageName> = ProtocolMap[K]['request'];
/** The reply of message `K`. */
export type ReplyOf<K extends MessageName> = ProtocolMap[K]['reply'];

/** The envelope on the wire. */
export interface Envelope<K extends MessageName = MessageName> {
  type: K;
  data: RequestOf<K>;
}

/** What the background answers: a result or a clear error message. */
export type Answer<K extends MessageName = MessageName> =
  | { ok: true; result: ReplyOf<K> }
  | { ok: false; error: string };

/** The `storage.local` key of the settings (lib/settings.ts reads and writes them). */
export const SETTINGS_KEY = 'settings';

/**
 * The `storage.local` key the background writes after each change, so every tab and the popup learn
 * of it without polling (storage change events reach every context, even after the worker stops).
 */
export const CHANGE_FEED_KEY = 'changeFeed';

/**
 * The `storage.local` key of the popup's first rows as it last showed them (its default view), so the next
 * popup shows them before IndexedDB has opened. The background moves them along with each change it
 * publishes that cannot have touched them and removes them with any other (lib/messages/kept-rows.ts): a
 * popup never starts from rows older than the store.
 */
export const POPUP_FIRST_ROWS_KEY = 'popupFirstRows';

/**
 * The `storage.local` key of the popup's first screen as it drew its kept first rows
 * (components/first-screen.ts), at their position and moved or removed with them. Kept apart from the rows
 * so that the read the page's first script draws it from is a quarter of their size.
 */
export const POPUP_FIRST_SCREEN_KEY = 'popupFirstScreen';

/**
 * The `storage.local` key of the inbox's first rows as it last showed them (lib/inbox/first-rows.ts), so
 * the next inbox on the same days shows them before IndexedDB has opened. Removed with every published
 * change, as the popup's are.
 */
export const INBOX_FIRST_ROWS_KEY = 'inboxFirstRows';

/**
 * The `storage.local` key of the order the reader last chose in the inbox (by day, by upvotes, "For
 * you"), which the next inbox opens in. A choice of this browser's, as a list's sort is: not synced.
 */
export const INBOX_ORDER_KEY = 'inboxOrder';

/**
 * The `storage.local` key the background writes when watched papers' updates change (found, or all
 * read), so the popup's Updates view and the badge follow without polling.
 */
export const UPDATES_FEED_KEY = 'updatesFeed';

/** The value under {@link UPDATES_FEED_KEY}. */
export interface UpdatesFeed {
  /** When it was written. */
  at: number;
  /** Updates not yet seen by the reader. */
  unread: number;
}

/** The value under {@link CHANGE_FEED_KEY}. `states` is omitted when too many papers changed at once. */
export interface ChangeFeed {
  seq: number;
  at: number;
  ids: string[];
  states?: PaperState[];
  /** Everything may have changed (import, erase): re-read it all. */
  all?: boolean;
}
