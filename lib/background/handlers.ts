/**
 * The background's handler for every message: each runs the store function (one transaction; reads
 * from `lib/db/queries.ts`, writes from `lib/db/papers.ts`), then publishes what changed on the change feed.
 */
import { exportBackup, importBackup as importBackupFile } from '../db/backup';
import * as papers from '../db/papers';
import * as queries from '../db/queries';
import { getDb } from '../db/schema';
import { markUpdatesRead } from '../db/watch';
import { createForYou, type ForYou } from '../foryou/for-you';
import { loadDay, readCachedPapers } from '../inbox/days';
import type { PaperState } from '../model/paper';
import type { SyncStatus } from '../model/sync-status';
import { UserError } from '../model/user-error';
import type { FetchLike } from '../site/hf-api';
import { isDailyListKey } from '../site/page-key';
import { dailyListVisited, publishChange } from './feed';
import type { Handlers } from './server';
import { ensureIndex, indexChange, indexObserved, indexReplaced, type StoreContents } from './state-index';

/** What the handlers need from the outside; everything has a default. */
export interface HandlerDeps {
  /** Defaults to `Date.now`. */
  now?: () => number;
  /** Called after a paper was saved (the background starts the enrichment worker). Must not throw. */
  onSaved?: () => void;
  /** Called after a user-owned field changed (saved, read, tags, note; imports): sync it. Must not throw. */
  onUserChange?: () => void;
  /** Runs a sync now; without it `syncNow` answers with no status. */
  syncNow?: () => Promise<SyncStatus | undefined>;
  /** "For you"; defaults to one over the store with `now`. */
  forYou?: ForYou;
  /** Makes every watched paper due and starts the watch worker; how many are watched. */
  checkNow?: () => Promise<number>;
  /** Told that the updates changed (all read): the background republishes the unread count. */
  onUpdatesChanged?: () => Promise<void>;
  /** Runs before everything is erased: turns sync off, so erasing here never erases other devices. */
  beforeErase?: () => Promise<void>;
  /** Opens the inbox page in a new tab; without it `openInbox` does nothing. */
  openInbox?: () => Promise<void>;
  /** The network, for the inbox's days; defaults to the global `fetch`. */
  fetch?: FetchLike;
}

/**
 * Runs `write` for each id in order inside ONE read-write transaction over `papers` and `enrichment`:
 * the store functions' own transactions join it, so a bulk change is all or nothing (an unknown id or
 * a broken tag limit rolls every paper back). Ids are deduplicated.
 */
function eachInOneTransaction(
  ids: readonly string[],
  write: (id: string) => Promise<PaperState>,
): Promise<PaperState[]> {
  const db = getDb();
  return db.transaction('rw', db.papers, db.enrichment, async () => {
    const states: PaperState[] = [];
    for (const id of new Set(ids)) states.push(await write(id));
    return states;
  });
}

/** Creates the handlers of every protocol message. */
export function createHandlers(deps: HandlerDeps = {}): Handlers {
  const now = deps.now ?? Date.now;
  const forYou = deps.forYou ?? createForYou({ now });
  // Every change reaches the open pages (the feed) and the next page loads (the state index).
  const publish = async (states: PaperState[]) => {
    await Promise.all([publishChange(states, now()), indexChange(states)]);
  };
  // Everything changed (an import, erasing); `whole`, when the caller holds all the store now has.
  const publishAll = async (whole?: StoreContents) => {
    await Promise.all([publishChange('all', now()), whole ? indexReplaced(whole) : indexChange('all')]);
  };
  const userChanged = async (states: PaperState[]) => {
    await publish(states);
    deps.onUserChange?.();
    await forYou.noteChange();
  };
  const one = async (state: Promise<PaperState>) => {
    const result = await state;
    await userChanged([result]);
    return { state: result };
  };

  return {
    async observePapers({ papers: records, pageUrl }) {
      void ensureIndex();
      const { changed, rows, page, ...reply } = await papers.observePapers(records, pageUrl, now());
      await Promise.all([
        publishChange(changed, now()),
        indexObserved(records, rows, page),
        page !== undefined && isDailyListKey(page.key) ? dailyListVisited(page.lastVisitAt) : undefined,
      ]);
      return reply;
    },
    async getStates({ ids, pageUrl }) {
      void ensureIndex();
      return queries.getListStates(ids, pageUrl, now());
    },
    async markSeen({ ids }) {
      const { states, changed } = await papers.markSeen(ids, now());
      await publish(changed);
      return { states };
    },
    async setSaved({ id, saved, paper }) {
      const reply = await one(papers.setSaved(id, saved, paper, now()));
      if (saved) deps.onSaved?.();
      return reply;
    },
    setRead: ({ id, read }) => one(papers.setRead(id, read, now())),
    setDismissed: ({ id, dismissed }) => one(papers.setDismissed(id, dismissed, now())),
    setWatched: ({ id, watched }) => one(papers.setWatched(id, watched, now())),
    setTags: ({ id, tags }) => one(papers.setTags(id, tags, now())),
    setNote: ({ id, note }) => one(papers.setNote(id, note, now())),
    listPapers: ({ view, limit, offset }) => queries.listPapers(view, limit, offset),
    async listTags() {
      return { tags: await queries.listTags() };
    },
    getStats: () => queries.getStats(),
    async exportBackup() {
      return { backup: await exportBackup(now()) };
    },
    async importBackup({ backup, mode }) {
      const result = await importBackupFile(backup, mode);
      if (!result.ok) throw new UserError(result.error);
      await publishAll(result.replacedWith);
      deps.onUserChange?.();
      await forYou.noteChange();
      return { papers: result.papers, pages: result.pages };
    },
    async eraseAll() {
      await deps.beforeErase?.();
      const result = await papers.eraseAll();
      await forYou.reset();
      await publishAll();
      return result;
    },
    async rankPapers({ ids, tag, days }) {
      return forYou.rank(ids, tag, days === undefined ? undefined : await readCachedPapers(days));
    },
    resetForYou: () => forYou.reset(),
    async syncNow() {
      const status = await deps.syncNow?.();
      return status === undefined ? {} : { status };
    },
    async checkNow() {
      return { watched: (await deps.checkNow?.()) ?? 0 };
    },
    async markUpdatesRead() {
      const readThrough = await markUpdatesRead();
      await deps.onUpdatesChanged?.();
      return { readThrough };
    },
    async setSavedMany({ ids, saved }) {
      const at = now();
      const states = await eachInOneTransaction(ids, (id) => papers.setSaved(id, saved, undefined, at));
      await userChanged(states);
      if (saved && states.length > 0) deps.onSaved?.();
      return { states };
    },
    async setReadMany({ ids, read }) {
      const at = now();
      const states = await eachInOneTransaction(ids, (id) => papers.setRead(id, read, at));
      await userChanged(states);
      return { states };
    },
    async addTagsMany({ ids, tags }) {
      const at = now();
      const states = await eachInOneTransaction(ids, async (id) => {
        const [current] = await queries.getStates([id]);
        // An unknown id reaches setTags, which refuses it with the store's message.
        return papers.setTags(id, [...(current?.tags ?? []), ...tags], at);
      });
      await userChanged(states);
      return { states };
    },
    async openInbox() {
      await deps.openInbox?.();
      return {};
    },
    async getInboxDay({ date }) {
      const day = await loadDay(date, { fetch: deps.fetch ?? ((url, init) => fetch(url, init)), now });
      return { day, states: await queries.getStates(day.papers.map((p) => p.id)) };
    },
  };
}
