/**
 * The one IndexedDB database of the extension, owned by the background worker.
 *
 * Every other context (content script, popup, options page) reaches it through the message
 * protocol in `lib/messages/protocol.ts`, never directly.
 *
 * SHIPPED SCHEMA VERSIONS ARE NEVER EDITED. To change the schema, add `SCHEMA_V5` and a
 * `this.version(5).stores(SCHEMA_V5).upgrade(...)` call below the existing ones, add a frozen
 * `test/fixtures/db/v5.json`, and extend `test/unit/db/migrations.test.ts` so that a database written
 * at every older version still opens with every row intact.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { StoredPaper } from '../model/paper';
import type { PageRow } from '../model/visits';
import type { PaperUpdate, WatchSnapshot } from '../model/watch';
import type { Hlc, Stamped, SyncPaper } from '../sync/types';

/** The IndexedDB database name. */
export const DB_NAME = 'daily-papers-companion';

/**
 * Version 1 of the schema, in Dexie's notation (first entry = primary key, `*` = multi-entry,
 * `[a+b]` = compound index). Shipped: never edit; `db-migrations.test.ts` pins it to a frozen copy.
 *
 * - `papers`: one {@link StoredPaper} per arXiv id. `savedAt` and `readAt` are present only on saved
 *   and read rows (IndexedDB cannot index booleans, and absent keys keep rows out of an index), so
 *   `orderBy('savedAt')` lists exactly the saved papers. `[state+lastSeenAt]` serves the `seen` view.
 *   `lastSeenAt` is exact to within `LAST_SEEN_REFRESH_MS` (1 hour, `lib/db/papers.ts`): a re-visit
 *   that changes nothing else in a row does not rewrite it sooner.
 * - `pages`: one {@link PageRow} per list page key (see `lib/model/visits.ts`).
 * - `enrichment`: the queue of saved papers waiting for code links ({@link EnrichmentRow}).
 * - `meta`: small keyed values, e.g. the persisted request-rate window of the enrichment worker.
 */
export const SCHEMA_V1 = {
  papers: 'id, savedAt, readAt, lastSeenAt, firstSeenAt, state, *tags, [state+lastSeenAt]',
  pages: 'key, lastVisitAt',
  enrichment: 'id, status, [status+nextAttemptAt]',
  meta: 'key',
} as const;

/**
 * Version 2 (sync): `papers` gains an `updatedAt` index, so the sync finds the rows written since its
 * last pass without reading the whole table, and `syncStamps` keeps, per paper, the stamped value of
 * each synced field as this device last knew it (see `lib/db/sync-stamps.ts`). Shipped: never edit.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  papers: 'id, savedAt, readAt, lastSeenAt, firstSeenAt, state, *tags, [state+lastSeenAt], updatedAt',
  syncStamps: 'id',
} as const;

/**
 * Version 3 (watch, issue 16): `watch` holds one {@link WatchRow} per watched (saved) paper, due by
 * `nextCheckAt`; `updates` the changes found, keyed by an increasing `seq` (so "unread" is every `seq`
 * above the last one read, kept in `meta`), with `id` to drop a paper's updates. Shipped: never edit.
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  watch: 'id, nextCheckAt',
  updates: '++seq, id',
} as const;

/**
 * Version 4 (watch without saving, issue 16): `papers` gains a `watchedAt` index, present only on the
 * papers the reader chose to watch, so the watch list (saved ∪ watched) is read from two indexes, never
 * by scanning every paper. Shipped: never edit.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  papers:
    'id, savedAt, readAt, lastSeenAt, firstSeenAt, state, *tags, [state+lastSeenAt], updatedAt, watchedAt',
} as const;

/**
 * The synced fields of one paper with the stamps of the changes that set them, tombstones included:
 * what this device has published or learned. A paper row whose user fields differ from this record has
 * local changes not yet stamped.
 */
export interface SyncStampsRow {
  /** arXiv id. */
  id: string;
  paper: SyncPaper;
}

/** `meta` key of the device's hybrid logical clock ({@link ClockRow}). */
export const CLOCK_KEY = 'hlc';
/** `meta` key of the newest `updatedAt` a sync pass has compared; absent means "compare every row". */
export const SCANNED_KEY = 'syncScannedThrough';
/** `meta` key of the ids of papers whose sync stamps hold a tombstone (kept by `lib/db/sync-stamps.ts`). */
export const TOMBSTONES_KEY = 'syncTombstones';
/** `meta` key of the settings' stamps ({@link SettingsStamps}). */
export const SETTINGS_STAMPS_KEY = 'syncSettings';

/** `meta` key of the `seq` of the newest update the reader has seen; every update above it is unread. */
export const UPDATES_READ_KEY = 'updatesReadThrough';
/** Meta key: when arXiv was last asked for versions (its requests are spaced). */
export const ARXIV_ASKED_KEY = 'arxivAskedAt';

/** The synced settings with their stamps (in `meta` under `syncSettings`). */
export type SettingsStamps = Record<string, Stamped<unknown>>;

/** This device's hybrid logical clock (in `meta` under `hlc`). */
export type ClockRow = Hlc;

/** Visit bookkeeping of one list page (a day, a week, a month, trending or a search): the model's row. */
export type { PageRow };

/** Where a queued paper stands. `done` covers "found links" and "the site knows nothing" (404). */
export type EnrichmentStatus = 'pending' | 'done' | 'failed';

/** One entry of the enrichment queue: a saved paper that had neither a repository nor a project page. */
export interface EnrichmentRow {
  /** arXiv id of the paper. */
  id: string;
  status: EnrichmentStatus;
  /** Requests made so far. */
  attempts: number;
  /** Earliest time of the next request (while `pending`). */
  nextAttemptAt: number;
  /** Why the last attempt did not succeed, in words. */
  lastError?: string;
  updatedAt: number;
}

/** One watched paper: when it is checked next and what the site said at its last check. */
export interface WatchRow {
  /** arXiv id. */
  id: string;
  /** Earliest time of the next request (a lease while a check is under way). */
  nextCheckAt: number;
  /** Failed requests since the last answer (for the back-off). */
  attempts: number;
  /** When the site last answered (absent before the first answer). */
  checkedAt?: number;
  /** What the site said, joined over the checks so far. */
  snapshot: WatchSnapshot;
  /** Why the last attempt did not succeed, in words. */
  lastError?: string;
  /** When arXiv was last asked for its versions (or, while a request is under way, its lease). */
  versionCheckedAt?: number;
}

/** A small keyed value. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/** The Dexie database class. Construct it through {@link getDb}, not directly (except in tests). */
export class PapersDb extends Dexie {
  papers!: EntityTable<StoredPaper, 'id'>;
  pages!: EntityTable<PageRow, 'key'>;
  enrichment!: EntityTable<EnrichmentRow, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  syncStamps!: EntityTable<SyncStampsRow, 'id'>;
  watch!: EntityTable<WatchRow, 'id'>;
  updates!: EntityTable<PaperUpdate, 'seq'>;

  /** @param name database name; tests may use another one. */
  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    // v1 → v2 rewrites no row: IndexedDB builds the `updatedAt` index from the rows it holds (every row
    // has `updatedAt`), and `syncStamps` starts empty; the first sync stamps the existing library with the
    // times it already records (savedAt, readAt, updatedAt).
    this.version(2).stores(SCHEMA_V2);
    // v2 → v3 adds two empty tables: the watcher fills `watch` from the saved papers on its first run.
    this.version(3).stores(SCHEMA_V3);
    // v3 → v4 rewrites no row: no row has `watchedAt` yet, so the new index starts empty.
    this.version(4).stores(SCHEMA_V4);
  }
}

let instance: PapersDb | undefined;

/**
 * The database, created on first use. Nothing touches IndexedDB at import time: WXT imports
 * entrypoints in Node while building, and a content script must never open it.
 */
export function getDb(): PapersDb {
  instance ??= new PapersDb();
  return instance;
}

/** Closes and deletes the database; the next {@link getDb} starts from an empty one. For tests. */
export async function deleteDb(): Promise<void> {
  const db = instance ?? new PapersDb();
  instance = undefined;
  await db.delete();
}
