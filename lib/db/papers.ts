/**
 * The writes of the reading list (its reads are in `queries.ts`). Every write is ONE Dexie read-write
 * transaction, so concurrent writers (several tabs, the popup, the enrichment worker) never lose each
 * other's changes. Functions take `now` so tests control time; the message handlers pass `Date.now()`.
 */
import { normalizeNote, normalizeTags } from '../model/limits';
import type { PaperRecord, PaperState, StoredPaper } from '../model/paper';
import { UserError, unknownPaper } from '../model/user-error';
import { type PageRow, touchVisit } from '../model/visits';
import { pageKeyFromUrl } from '../site/pages';
import { mergeRecord, pickRecord, sameStoredPaper, stateChanged, toPaperState } from './merge';
import { readRows } from './queries';
import {
  type EnrichmentRow,
  getDb,
  SCANNED_KEY,
  SETTINGS_STAMPS_KEY,
  TOMBSTONES_KEY,
  UPDATES_READ_KEY,
} from './schema';

/** The reply of {@link observePapers} plus the states that changed, for the change feed. */
export interface ObserveOutcome {
  /** One state per requested record, in request order, with `isNew` when the URL is a list. */
  states: PaperState[];
  /** When the user's previous visit of this list ended; absent on the first visit and on paper pages. */
  previousVisitAt?: number;
  /** Papers inserted, or whose card-visible state changed (no `isNew`). */
  changed: PaperState[];
  /** The rows of the observed papers as stored now, by id. */
  rows: Map<string, StoredPaper>;
  /** The list's visit as recorded; absent for a page that is not a list. */
  page?: PageRow;
}

/** A reply with the states that changed, for the change feed. */
export interface StatesOutcome {
  states: PaperState[];
  changed: PaperState[];
}

/**
 * An observation that changes nothing else in a paper's row refreshes its `lastSeenAt` only when
 * that is at least this old (1 hour), so a re-visit of a list writes no paper row at all. `lastSeenAt`
 * (which orders the `all` and `seen` views and the popup's Seen history) is therefore exact to within
 * an hour; a row written for another reason (a new field, a first observation) gets `lastSeenAt = now`.
 */
export const LAST_SEEN_REFRESH_MS = 60 * 60_000;

/**
 * Stores what a page shows, in one transaction over `papers` and `pages`: reads the existing rows
 * ({@link readRows}), merges each record into its row with {@link mergeRecord} (a new row starts `new`
 * with `firstSeenAt = lastSeenAt = now`), and records the visit of the list page (see
 * {@link touchVisit}; its row is written on every call). A paper row is written, with
 * `updatedAt = now` and `lastSeenAt = now`, only when it is new, when the merge changed anything in it
 * ({@link sameStoredPaper}), or when its `lastSeenAt` is at least {@link LAST_SEEN_REFRESH_MS} old; a
 * re-visit within the hour writes only the visit. Returns the states in request order (duplicates
 * included).
 */
export async function observePapers(
  records: readonly PaperRecord[],
  pageUrl: string,
  now: number = Date.now(),
): Promise<ObserveOutcome> {
  const db = getDb();
  const key = pageKeyFromUrl(pageUrl);
  return db.transaction('rw', db.papers, db.pages, async () => {
    const ids = [...new Set(records.map((r) => r.id))];
    const [before, pageRow] = await Promise.all([
      readRows(ids),
      key === undefined ? Promise.resolve(undefined) : db.pages.get(key),
    ]);
    const fields = new Map<string, PaperRecord>();
    for (const record of records) {
      fields.set(record.id, mergeRecord(fields.get(record.id) ?? before.get(record.id), record));
    }
    const after = new Map<string, StoredPaper>();
    const writes: StoredPaper[] = [];
    const changed: PaperState[] = [];
    for (const [id, merged] of fields) {
      const prev = before.get(id);
      if (prev === undefined) {
        const row: StoredPaper = {
          ...merged,
          state: 'new',
          firstSeenAt: now,
          lastSeenAt: now,
          tags: [],
          updatedAt: now,
        };
        after.set(id, row);
        writes.push(row);
        changed.push(toPaperState(row));
        continue;
      }
      const row: StoredPaper = {
        ...merged,
        state: prev.state,
        firstSeenAt: prev.firstSeenAt,
        lastSeenAt: prev.lastSeenAt,
        tags: prev.tags,
        updatedAt: prev.updatedAt,
      };
      if (prev.readAt !== undefined) row.readAt = prev.readAt;
      if (prev.savedAt !== undefined) row.savedAt = prev.savedAt;
      if (prev.note !== undefined) row.note = prev.note;
      if (prev.dismissedAt !== undefined) row.dismissedAt = prev.dismissedAt;
      if (prev.watchedAt !== undefined) row.watchedAt = prev.watchedAt;
      if (prev.linked !== undefined) row.linked = prev.linked;
      if (now - prev.lastSeenAt < LAST_SEEN_REFRESH_MS && sameStoredPaper(prev, row)) {
        after.set(id, prev);
        continue;
      }
      row.lastSeenAt = Math.max(prev.lastSeenAt, now);
      row.updatedAt = now;
      after.set(id, row);
      writes.push(row);
      const state = toPaperState(row);
      if (stateChanged(toPaperState(prev), state)) changed.push(state);
    }
    const page = key === undefined ? undefined : touchVisit(pageRow, key, now);
    // Both writes are queued at once: one wait instead of two, same transaction.
    await Promise.all([
      writes.length > 0 ? db.papers.bulkPut(writes) : undefined,
      page === undefined ? undefined : db.pages.put(page),
    ]);
    const outcome: ObserveOutcome = {
      states: records.map((r) => toPaperState(after.get(r.id)!, page)),
      changed,
      rows: after,
    };
    if (page !== undefined) outcome.page = page;
    if (page?.previousVisitAt !== undefined) outcome.previousVisitAt = page.previousVisitAt;
    return outcome;
  });
}

/**
 * Records that these cards were on screen: `new` becomes `seen`; `seen` and `read` stay as they are
 * (never downgrades). Unknown ids are skipped. Returns the states of the known papers, in request order.
 */
export async function markSeen(ids: readonly string[], now: number = Date.now()): Promise<StatesOutcome> {
  const db = getDb();
  const unique = [...new Set(ids)];
  return db.transaction('rw', db.papers, async () => {
    const stored = await readRows(unique);
    const rows = unique.flatMap((id) => stored.get(id) ?? []);
    const updated = rows
      .filter((r) => r.state === 'new')
      .map((r) => ({ ...r, state: 'seen' as const, updatedAt: now }));
    if (updated.length > 0) await db.papers.bulkPut(updated);
    const byId = new Map(updated.map((r) => [r.id, r]));
    return {
      states: rows.map((r) => toPaperState(byId.get(r.id) ?? r)),
      changed: updated.map((r) => toPaperState(r)),
    };
  });
}

/** Runs `change` on a copy of the row of `id` in one read-write transaction and stores the result. */
async function updatePaper(id: string, now: number, change: (row: StoredPaper) => void): Promise<PaperState> {
  const db = getDb();
  return db.transaction('rw', db.papers, async () => {
    const row = await db.papers.get(id);
    if (row === undefined) throw unknownPaper(id);
    const next: StoredPaper = { ...row, tags: [...row.tags] };
    change(next);
    next.updatedAt = now;
    await db.papers.put(next);
    return toPaperState(next);
  });
}

/**
 * Saves or unsaves a paper, in one transaction over `papers` and `enrichment`.
 *
 * - `savedAt` is set when saving (kept when the paper was already saved) and removed when unsaving.
 * - `paper`, when given, is merged into the row like an observation (without touching `lastSeenAt`);
 *   it lets a paper unknown to the store be saved: the row is created with state `seen`.
 * - A saved paper with neither `githubRepo` nor `projectPage` is queued for enrichment; unsaving
 *   removes it from the queue.
 *
 * @throws {UserError} when the paper is unknown and no `paper` was given, or `paper.id !== id`.
 */
export async function setSaved(
  id: string,
  saved: boolean,
  paper?: PaperRecord,
  now: number = Date.now(),
): Promise<PaperState> {
  if (paper !== undefined && paper.id !== id) {
    throw new UserError(`The paper sent to be saved is ${paper.id}, not ${id}.`);
  }
  const db = getDb();
  return db.transaction('rw', db.papers, db.enrichment, async () => {
    const existing = await db.papers.get(id);
    let row: StoredPaper;
    if (existing === undefined) {
      if (paper === undefined) throw unknownPaper(id);
      row = {
        ...pickRecord(paper),
        state: 'seen',
        firstSeenAt: now,
        lastSeenAt: now,
        tags: [],
        updatedAt: now,
      };
    } else {
      row = { ...existing, ...(paper ? mergeRecord(existing, paper) : {}), updatedAt: now };
    }
    if (saved) row.savedAt = existing?.savedAt ?? now;
    else delete row.savedAt;
    await db.papers.put(row);

    if (saved && row.githubRepo === undefined && row.projectPage === undefined) {
      const queued = await db.enrichment.get(id);
      if (queued === undefined) {
        const entry: EnrichmentRow = {
          id,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          updatedAt: now,
        };
        await db.enrichment.put(entry);
      }
    } else if (!saved) {
      await db.enrichment.delete(id);
    }
    return toPaperState(row);
  });
}

/**
 * Marks a paper read (`state = 'read'`, `readAt = now`, kept when it was already read) or unread
 * (back to `seen`, `readAt` removed).
 *
 * @throws {UserError} when the paper is unknown.
 */
export async function setRead(id: string, read: boolean, now: number = Date.now()): Promise<PaperState> {
  return updatePaper(id, now, (row) => {
    if (read) {
      row.readAt = row.state === 'read' && row.readAt !== undefined ? row.readAt : now;
      row.state = 'read';
    } else {
      row.state = 'seen';
      delete row.readAt;
    }
  });
}

/**
 * Marks a paper "not interested" (`dismissedAt = now`, kept when it was already dismissed) or takes that
 * back (`dismissedAt` removed). The reading state is left as it is: dismissing is a judgement, not a read.
 *
 * @throws {UserError} when the paper is unknown.
 */
export async function setDismissed(
  id: string,
  dismissed: boolean,
  now: number = Date.now(),
): Promise<PaperState> {
  return updatePaper(id, now, (row) => {
    if (dismissed) row.dismissedAt = row.dismissedAt ?? now;
    else delete row.dismissedAt;
  });
}

/**
 * Watches a paper for updates without saving it (`watchedAt = now`, kept when it was already watched),
 * or stops (`watchedAt` removed). A saved paper stays watched while it is saved; the watch worker adds
 * and drops the paper's entry on its next run (`lib/db/watch.ts`).
 *
 * @throws {UserError} when the paper is unknown.
 */
export async function setWatched(
  id: string,
  watched: boolean,
  now: number = Date.now(),
): Promise<PaperState> {
  return updatePaper(id, now, (row) => {
    if (watched) row.watchedAt = row.watchedAt ?? now;
    else delete row.watchedAt;
  });
}

/**
 * Replaces a paper's tags with `tags`, normalized by {@link normalizeTags} (trimmed, deduplicated
 * case-insensitively, at most 50 of at most 64 characters).
 *
 * @throws {UserError} when the paper is unknown or the tags break the limits.
 */
export async function setTags(
  id: string,
  tags: readonly string[],
  now: number = Date.now(),
): Promise<PaperState> {
  const normalized = normalizeTags(tags);
  return updatePaper(id, now, (row) => {
    row.tags = normalized;
  });
}

/**
 * Sets a paper's note (at most 10,000 characters); a blank note removes it.
 *
 * @throws {UserError} when the paper is unknown or the note is too long.
 */
export async function setNote(id: string, note: string, now: number = Date.now()): Promise<PaperState> {
  const normalized = normalizeNote(note);
  return updatePaper(id, now, (row) => {
    if (normalized === undefined) delete row.note;
    else row.note = normalized;
  });
}

/**
 * Deletes every paper, page visit, queued enrichment, sync stamp, watch entry and update in one transaction. Returns the papers
 * erased. The device's clock is kept (it never goes back); the caller turns sync off first, so erasing
 * one device's data never erases the others'.
 */
export async function eraseAll(): Promise<{ erased: number }> {
  const db = getDb();
  const tables = [db.papers, db.pages, db.enrichment, db.syncStamps, db.meta, db.watch, db.updates];
  return db.transaction('rw', tables, async () => {
    const erased = await db.papers.count();
    await Promise.all([
      db.papers.clear(),
      db.pages.clear(),
      db.enrichment.clear(),
      db.syncStamps.clear(),
      db.watch.clear(),
      db.updates.clear(),
      db.meta.bulkDelete([SCANNED_KEY, SETTINGS_STAMPS_KEY, TOMBSTONES_KEY, UPDATES_READ_KEY]),
    ]);
    return { erased };
  });
}
