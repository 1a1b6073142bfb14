/**
 * The one IndexedDB database of the extension, owned by the background worker.
 *
 * Every other context (content script, popup, options page) reaches it through the message
 * protocol in `lib/messages/protocol.ts`, never directly.
 *
 * SHIPPED SCHEMA VERSIONS ARE NEVER EDITED. To change the schema, add `SCHEMA_V2` and a
 * `this.version(2).stores(SCHEMA_V2).upgrade(...)` call below the existing one, add a frozen
 * `test/fixtures/db/v2.json`, and extend `test/unit/db-migrations.test.ts` so that a database written
 * at every older version still opens with every row intact.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { StoredPaper } from '../messages/protocol';

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
 * - `pages`: one {@link PageRow} per list page key (see `lib/db/pages.ts`).
 * - `enrichment`: the queue of saved papers waiting for code links ({@link EnrichmentRow}).
 * - `meta`: small keyed values, e.g. the persisted request-rate window of the enrichment worker.
 */
export const SCHEMA_V1 = {
  papers: 'id, savedAt, readAt, lastSeenAt, firstSeenAt, state, *tags, [state+lastSeenAt]',
  pages: 'key, lastVisitAt',
  enrichment: 'id, status, [status+nextAttemptAt]',
  meta: 'key',
} as const;

/** Visit bookkeeping of one list page (a day, a week, a month, trending or a search). */
export interface PageRow {
  /** Page key from {@link pageKeyFromUrl}, e.g. `date:2025-01-31`, `week:2025-W05`, `search:diffusion`. */
  key: string;
  /** When the current (or last) visit started. */
  visitStartedAt: number;
  /** Last observation of this page. */
  lastVisitAt: number;
  /** `lastVisitAt` of the visit before the current one; absent during the first ever visit. */
  previousVisitAt?: number;
}

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

  /** @param name database name; tests may use another one. */
  constructor(name: string = DB_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    // Future versions go here, e.g. this.version(2).stores(SCHEMA_V2).upgrade(async (tx) => …).
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
