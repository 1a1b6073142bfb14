/**
 * The queries and writes of the reading list. Every write is ONE Dexie read-write transaction, so
 * concurrent writers (several tabs, the popup, the enrichment worker) never lose each other's changes.
 * Functions take `now` so tests control time; the message handlers pass `Date.now()`.
 */
import Dexie from 'dexie';
import { normalizeNote, normalizeTags } from '../model/limits';
import type { PaperRecord, PaperState, PaperView, StoredPaper, StoreStats } from '../model/paper';
import { UserError, unknownPaper } from '../model/user-error';
import { mergeRecord, pickRecord, sameStoredPaper, stateChanged, toPaperState } from './merge';
import { pageKeyFromUrl, touchVisit } from './pages';
import { type EnrichmentRow, getDb, SCANNED_KEY, SETTINGS_STAMPS_KEY, TOMBSTONES_KEY } from './schema';

/** The reply of {@link observePapers} plus the states that changed, for the change feed. */
export interface ObserveOutcome {
  /** One state per requested record, in request order, with `isNew` when the URL is a list. */
  states: PaperState[];
  /** When the user's previous visit of this list ended; absent on the first visit and on paper pages. */
  previousVisitAt?: number;
  /** Papers inserted, or whose card-visible state changed (no `isNew`). */
  changed: PaperState[];
}

/** A reply with the states that changed, for the change feed. */
export interface StatesOutcome {
  states: PaperState[];
  changed: PaperState[];
}

/** Default and largest page size of {@link listPapers}. */
export const LIST_LIMIT = { default: 50, max: 1_000 } as const;

/**
 * An observation that changes nothing else in a paper's row refreshes its `lastSeenAt` only when
 * that is at least this old (1 hour), so a re-visit of a list writes no paper row at all. `lastSeenAt`
 * (which orders the `all` and `seen` views and the popup's Seen history) is therefore exact to within
 * an hour; a row written for another reason (a new field, a first observation) gets `lastSeenAt = now`.
 */
export const LAST_SEEN_REFRESH_MS = 60 * 60_000;

/**
 * {@link readRows} reads the whole primary-key range from the smallest to the largest requested id in
 * one request when it holds at most this many stored rows per requested id; else it gets each id.
 * Measured in Chromium 156 (2,000 stored ids of ~1.3 KB rows, medians): one range read 55 ms against
 * 96 ms of gets; at 2 stored rows per id they cost the same (86 vs 89 ms), at 3 the gets win (126 vs
 * 91 ms). In the background worker Dexie's `bulkGet` costs more still (88 ms against 50 ms for the
 * range), as it also copies its result into a transaction cache.
 */
export const RANGE_READ_FACTOR = 2;

/**
 * The stored rows of `ids` (unique), by id; ids the store does not hold are absent. Counts the stored
 * rows in the primary-key range `[min, max]` of the ids first (keys only): none means nothing to read
 * (a first visit); a range at most {@link RANGE_READ_FACTOR} times the request is read in one request
 * and filtered; a sparser one is read with one get per id. Call it inside a transaction over `papers`
 * so the count and the read see the same data.
 */
async function readRows(ids: readonly string[]): Promise<Map<string, StoredPaper>> {
  const db = getDb();
  const rows = new Map<string, StoredPaper>();
  if (ids.length === 0) return rows;
  // IndexedDB orders string keys by UTF-16 code units, as the default sort does.
  const sorted = [...ids].sort();
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const range = () => db.papers.where(':id').between(min, max, true, true);
  const stored = await range().count();
  if (stored === 0) return rows;
  if (stored <= ids.length * RANGE_READ_FACTOR) {
    const wanted = new Set(ids);
    for (const row of await range().toArray()) if (wanted.has(row.id)) rows.set(row.id, row);
  } else {
    for (const row of await db.papers.bulkGet(sorted)) if (row !== undefined) rows.set(row.id, row);
  }
  return rows;
}

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
    };
    if (page?.previousVisitAt !== undefined) outcome.previousVisitAt = page.previousVisitAt;
    return outcome;
  });
}

/**
 * The states of the known papers among `ids`, in request order, once each; unknown ids are skipped. With
 * `pageUrl`, each state also says whether the paper is new on that list (read-only).
 */
export async function getStates(
  ids: readonly string[],
  pageUrl?: string,
  now: number = Date.now(),
): Promise<PaperState[]> {
  const db = getDb();
  const unique = [...new Set(ids)];
  const key = pageUrl === undefined ? undefined : pageKeyFromUrl(pageUrl);
  // Only a list's states need its visit row (and callers inside a papers-only transaction pass none).
  const tables = key === undefined ? [db.papers] : [db.papers, db.pages];
  const [rows, pageRow] = await db.transaction('r', tables, () =>
    Promise.all([readRows(unique), key === undefined ? undefined : db.pages.get(key)]),
  );
  // The visit as observePapers would record it now, so "new" reads the same from both; nothing is written.
  const page = key === undefined ? undefined : touchVisit(pageRow, key, now);
  return unique.flatMap((id) => {
    const row = rows.get(id);
    return row === undefined ? [] : [toPaperState(row, page)];
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
 * One page of a view, through the indexes, with the view's total:
 *
 * - `saved`: saved papers, latest `savedAt` first;
 * - `read`: read papers, latest `readAt` first;
 * - `seen`: papers in state `seen` (on screen, not read), latest `lastSeenAt` first (`lastSeenAt` is
 *   exact to within {@link LAST_SEEN_REFRESH_MS});
 * - `all`: every paper, latest `lastSeenAt` first;
 * - `tag`: papers with the tag (case-insensitive), latest `lastSeenAt` first.
 */
export async function listPapers(
  view: PaperView,
  limit: number = LIST_LIMIT.default,
  offset = 0,
): Promise<{ papers: StoredPaper[]; total: number }> {
  const db = getDb();
  const take = Math.max(0, Math.min(limit, LIST_LIMIT.max));
  const skip = Math.max(0, offset);
  return db.transaction('r', db.papers, async () => {
    switch (view.kind) {
      case 'saved':
      case 'read':
      case 'all': {
        const index = view.kind === 'saved' ? 'savedAt' : view.kind === 'read' ? 'readAt' : 'lastSeenAt';
        const [papers, total] = await Promise.all([
          db.papers.orderBy(index).reverse().offset(skip).limit(take).toArray(),
          db.papers.orderBy(index).count(),
        ]);
        return { papers, total };
      }
      case 'seen': {
        const range = db.papers
          .where('[state+lastSeenAt]')
          .between(['seen', Dexie.minKey], ['seen', Dexie.maxKey]);
        const [papers, total] = await Promise.all([
          range.reverse().offset(skip).limit(take).toArray(),
          db.papers.where('state').equals('seen').count(),
        ]);
        return { papers, total };
      }
      case 'tag': {
        const ids = [...new Set(await db.papers.where('tags').equalsIgnoreCase(view.tag).primaryKeys())];
        const rows = (await db.papers.bulkGet(ids)).filter((r): r is StoredPaper => r !== undefined);
        rows.sort((a, b) => b.lastSeenAt - a.lastSeenAt || (a.id < b.id ? -1 : 1));
        return { papers: rows.slice(skip, skip + take), total: rows.length };
      }
    }
  });
}

/**
 * Every tag in use with the number of papers carrying it, most used first (then alphabetically).
 * Tags differing only in case count as one, shown with the spelling found first.
 */
export async function listTags(): Promise<{ tag: string; count: number }[]> {
  const keys = (await getDb().papers.orderBy('tags').keys()) as string[];
  const counts = new Map<string, { tag: string; count: number }>();
  for (const tag of keys) {
    const folded = tag.toLowerCase();
    const entry = counts.get(folded);
    if (entry) entry.count += 1;
    else counts.set(folded, { tag, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/** Counts for the popup and the options page, read in one transaction. */
export async function getStats(): Promise<StoreStats> {
  const db = getDb();
  return db.transaction('r', db.papers, async () => {
    const [papers, saved, read, seen, tags] = await Promise.all([
      db.papers.count(),
      db.papers.orderBy('savedAt').count(),
      db.papers.where('state').equals('read').count(),
      db.papers.where('state').equals('seen').count(),
      db.papers.orderBy('tags').uniqueKeys(),
    ]);
    const distinctTags = new Set((tags as string[]).map((t) => t.toLowerCase())).size;
    return { papers, saved, read, seen, tags: distinctTags };
  });
}

/**
 * Deletes every paper, page visit, queued enrichment and sync stamp in one transaction. Returns the papers
 * erased. The device's clock is kept (it never goes back); the caller turns sync off first, so erasing
 * one device's data never erases the others'.
 */
export async function eraseAll(): Promise<{ erased: number }> {
  const db = getDb();
  return db.transaction('rw', [db.papers, db.pages, db.enrichment, db.syncStamps, db.meta], async () => {
    const erased = await db.papers.count();
    await Promise.all([
      db.papers.clear(),
      db.pages.clear(),
      db.enrichment.clear(),
      db.syncStamps.clear(),
      db.meta.bulkDelete([SCANNED_KEY, SETTINGS_STAMPS_KEY, TOMBSTONES_KEY]),
    ]);
    return { erased };
  });
}
