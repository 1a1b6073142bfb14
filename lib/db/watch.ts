/**
 * The watch queue (issue 16): every saved paper, and every paper the reader chose to watch, is checked on huggingface.co about once a day, and what
 * changed since its last check becomes an update. Each step is one read-write transaction, and every
 * step's state is in the store (a claimed check is a lease that runs out), so a background stopped at
 * any point resumes where it was. Requests share the enrichment's budget (`rate-limit.ts`).
 */
import type { PaperState, StoredPaper } from '../model/paper';
import { diffSnapshots, joinSnapshots, type PaperUpdate } from '../model/watch';
import { type FetchOutcome, watchSnapshotOf } from '../site/hf-api';
import { applyInfo, backoffMs, LEASE_MS } from './enrichment';
import { toPaperState } from './merge';
import { takeRequestSlot } from './rate-limit';
import { ARXIV_ASKED_KEY, getDb, UPDATES_READ_KEY, type WatchRow } from './schema';

/** A watched paper is checked once per this long (a day). */
export const WATCH_INTERVAL_MS = 24 * 60 * 60_000;

/**
 * Where in the day a newly watched paper is first checked: a fixed offset from its id, so a thousand
 * papers saved together are spread over the day rather than asked for at once.
 */
export function spreadMs(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619) >>> 0;
  return hash % WATCH_INTERVAL_MS;
}

/** Whether a stored paper is on the watch list: saved, or watched by the reader's choice. */
function watchesPaper(paper: Pick<StoredPaper, 'savedAt' | 'watchedAt'> | undefined): boolean {
  return paper !== undefined && (paper.savedAt !== undefined || paper.watchedAt !== undefined);
}

/**
 * Makes the watch list the saved papers and the papers the reader chose to watch: such a paper without
 * an entry gets one (first check at its {@link spreadMs}, with nothing known, so the first answer is the
 * baseline and tells nothing), an entry whose paper is neither any more is dropped. Reads keys only.
 */
export async function reconcileWatch(now: number): Promise<{ added: number; removed: number }> {
  const db = getDb();
  return db.transaction('rw', db.papers, db.watch, async () => {
    const [saved, chosen, entries] = await Promise.all([
      db.papers.orderBy('savedAt').primaryKeys(),
      db.papers.orderBy('watchedAt').primaryKeys(),
      db.watch.toCollection().primaryKeys(),
    ]);
    const wanted = new Set([...saved, ...chosen]);
    const listed = new Set(entries);
    const added: WatchRow[] = [...wanted]
      .filter((id) => !listed.has(id))
      .map((id) => ({ id, nextCheckAt: now + spreadMs(id), attempts: 0, snapshot: {} }));
    const removed = entries.filter((id) => !wanted.has(id));
    if (added.length > 0) await db.watch.bulkAdd(added);
    if (removed.length > 0) await db.watch.bulkDelete(removed);
    return { added: added.length, removed: removed.length };
  });
}

/** The outcome of {@link claimNextCheck}. */
export type WatchClaim =
  | { kind: 'idle' }
  | { kind: 'skipped'; id: string }
  | { kind: 'throttled'; retryAt: number }
  | { kind: 'claimed'; id: string };

/**
 * Picks the entry due first at `now`. An entry whose paper is no longer saved nor watched is dropped
 * (`skipped`).
 * Otherwise takes a request slot (`throttled` when none is free) and leases the entry: not due again
 * for {@link LEASE_MS}, so a check cut off by a stopped background is made again later.
 */
export async function claimNextCheck(now: number): Promise<WatchClaim> {
  const db = getDb();
  return db.transaction('rw', db.watch, db.papers, db.meta, async (): Promise<WatchClaim> => {
    const entry = await db.watch.where('nextCheckAt').belowOrEqual(now).first();
    if (entry === undefined) return { kind: 'idle' };
    const paper = await db.papers.get(entry.id);
    if (!watchesPaper(paper)) {
      await db.watch.delete(entry.id);
      return { kind: 'skipped', id: entry.id };
    }
    const slot = await takeRequestSlot(now);
    if (!slot.ok) return { kind: 'throttled', retryAt: slot.retryAt };
    await db.watch.update(entry.id, { nextCheckAt: now + LEASE_MS });
    return { kind: 'claimed', id: entry.id };
  });
}

/** What {@link recordCheck} wrote. */
export interface CheckResult {
  /** The paper's new state, when its row changed (for the change feed). */
  state?: PaperState;
  /** The updates found, with their `seq`. */
  updates: PaperUpdate[];
}

/**
 * Writes the outcome of one check, in one transaction:
 *
 * - in every case but a failure, a "check now" made during the check keeps the entry due;
 * - `found`: the answer's snapshot is joined to the last one, the difference becomes updates
 *   ({@link diffSnapshots}), the paper's row takes what it lacked (`applyInfo`: a released repository
 *   becomes its code link), and the next check is a day later;
 * - `not-found`: nothing changes; the next check is a day later;
 * - `retry`: the next check waits the enrichment's back-off (or the server's `Retry-After`, if longer).
 */
export async function recordCheck(
  id: string,
  outcome: FetchOutcome,
  now: number,
  starThreshold: number,
): Promise<CheckResult> {
  const db = getDb();
  return db.transaction('rw', db.watch, db.papers, db.updates, async (): Promise<CheckResult> => {
    const entry = await db.watch.get(id);
    if (entry === undefined) return { updates: [] }; // unwatched or erased meanwhile
    const next: WatchRow = { ...entry };
    delete next.lastError;
    const result: CheckResult = { updates: [] };
    // The claim leased the entry into the future: a due time in the past means the reader asked to
    // check again while this check was under way, and that request stands.
    const askedAgain = entry.nextCheckAt <= now;
    if (outcome.kind === 'retry') {
      next.attempts = entry.attempts + 1;
      next.lastError = outcome.error;
      next.nextCheckAt = now + Math.max(backoffMs(next.attempts), outcome.retryAfterMs ?? 0);
      await db.watch.put(next);
      return result;
    }
    next.attempts = 0;
    next.checkedAt = now;
    next.nextCheckAt = askedAgain ? entry.nextCheckAt : now + WATCH_INTERVAL_MS;
    if (outcome.kind === 'not-found') {
      next.lastError = 'huggingface.co does not know this paper (404)';
    } else {
      next.snapshot = joinSnapshots(entry.snapshot, watchSnapshotOf(outcome.info));
      const paper = await db.papers.get(id);
      if (paper !== undefined) {
        result.updates = diffSnapshots(id, paper.title, entry.snapshot, next.snapshot, now, starThreshold);
        const row = applyInfo(paper, outcome.info, now);
        if (row !== paper) {
          await db.papers.put(row);
          result.state = toPaperState(row);
        }
      }
      if (result.updates.length > 0) {
        const seqs = await db.updates.bulkAdd(result.updates, { allKeys: true });
        result.updates = result.updates.map((u, i) => ({ ...u, seq: seqs[i] as number }));
      }
    }
    await db.watch.put(next);
    return result;
  });
}

/** When the next check is due, if anything is watched. */
export async function nextCheckDue(): Promise<number | undefined> {
  return (await getDb().watch.orderBy('nextCheckAt').first())?.nextCheckAt;
}

/**
 * The reader asked to check now: the watch list is brought up to date and every entry is due at `now`
 * (the request budget still spaces the requests). Returns how many papers are watched.
 */
export async function checkAllNow(now: number): Promise<number> {
  await reconcileWatch(now);
  const db = getDb();
  // arXiv's versions too (the batches are still spaced as arXiv asks).
  return db.transaction('rw', db.watch, () =>
    db.watch.toCollection().modify({ nextCheckAt: now, versionCheckedAt: 0 }),
  );
}

/** The newest updates first, at most `limit`. */
export async function readUpdates(limit = 200): Promise<PaperUpdate[]> {
  return getDb().updates.orderBy(':id').reverse().limit(limit).toArray();
}

/** How many updates the reader has not seen (keys only). */
export async function countUnreadUpdates(): Promise<number> {
  const db = getDb();
  return db.transaction('r', db.updates, db.meta, async () => {
    const through = (await db.meta.get(UPDATES_READ_KEY))?.value;
    const after = typeof through === 'number' ? through : 0;
    return db.updates.where(':id').above(after).count();
  });
}

/** The reader has seen every update so far. Returns the `seq` read through. */
export async function markUpdatesRead(): Promise<number> {
  const db = getDb();
  return db.transaction('rw', db.updates, db.meta, async () => {
    const newest = (await db.updates.orderBy(':id').lastKey()) as number | undefined;
    const through = newest ?? 0;
    await db.meta.put({ key: UPDATES_READ_KEY, value: through });
    return through;
  });
}

/** What the popup's Updates view shows: the newest updates, how many are unread, and the last read. */
export async function readUpdatesState(
  limit = 200,
): Promise<{ updates: PaperUpdate[]; unread: number; readThrough: number }> {
  const db = getDb();
  return db.transaction('r', db.updates, db.meta, async () => {
    const through = (await db.meta.get(UPDATES_READ_KEY))?.value;
    const readThrough = typeof through === 'number' ? through : 0;
    const [updates, unread] = await Promise.all([
      db.updates.orderBy(':id').reverse().limit(limit).toArray(),
      db.updates.where(':id').above(readThrough).count(),
    ]);
    return { updates, unread, readThrough };
  });
}

/** What the last checks said of these papers (linked counts for the popup's rows), by id. */
export async function readSnapshots(ids: readonly string[]): Promise<Map<string, WatchRow['snapshot']>> {
  const rows = await getDb().watch.bulkGet([...ids]);
  const out = new Map<string, WatchRow['snapshot']>();
  for (const row of rows) if (row !== undefined) out.set(row.id, row.snapshot);
  return out;
}

/** The outcome of {@link claimVersionBatch}. */
export type VersionClaim =
  | { kind: 'idle' }
  | { kind: 'throttled'; retryAt: number }
  | { kind: 'claimed'; ids: string[] };

/**
 * Picks up to `max` watched papers whose arXiv versions were not asked for in the last day (never asked
 * first) and leases them for {@link LEASE_MS}, unless arXiv was asked less than `spacingMs` ago
 * (`throttled`). Reads the watch list whole: it is the saved and watched papers, thousands at most.
 */
export async function claimVersionBatch(
  now: number,
  max: number,
  spacingMs: number,
  eligible: (id: string) => boolean,
): Promise<VersionClaim> {
  const db = getDb();
  return db.transaction('rw', db.watch, db.meta, async (): Promise<VersionClaim> => {
    const asked = (await db.meta.get(ARXIV_ASKED_KEY))?.value;
    if (typeof asked === 'number' && now < asked + spacingMs)
      return { kind: 'throttled', retryAt: asked + spacingMs };
    const due = await db.watch
      .filter((row) => eligible(row.id) && (row.versionCheckedAt ?? 0) + WATCH_INTERVAL_MS <= now)
      .limit(max)
      .toArray();
    if (due.length === 0) return { kind: 'idle' };
    // Leased: due again in LEASE_MS if the answer never comes (a stopped background, a failed request).
    const lease = now - WATCH_INTERVAL_MS + LEASE_MS;
    await db.watch.bulkPut(due.map((row) => ({ ...row, versionCheckedAt: lease })));
    await db.meta.put({ key: ARXIV_ASKED_KEY, value: now });
    return { kind: 'claimed', ids: due.map((row) => row.id) };
  });
}

/** arXiv asked us to wait (`Retry-After`): no batch is claimed before `until`. */
export async function holdVersionsUntil(until: number, spacingMs: number): Promise<void> {
  await getDb().meta.put({ key: ARXIV_ASKED_KEY, value: until - spacingMs });
}

/**
 * Writes arXiv's answer for the papers of a batch, in one transaction: each paper's known version joins its
 * snapshot, and a later version than the one known becomes an update (the first answer is the baseline).
 * Papers the answer leaves out are asked again in a day. Returns the updates, with their `seq`.
 */
export async function recordVersions(
  ids: readonly string[],
  versions: ReadonlyMap<string, number>,
  now: number,
): Promise<PaperUpdate[]> {
  const db = getDb();
  return db.transaction('rw', db.watch, db.papers, db.updates, async () => {
    const found: PaperUpdate[] = [];
    const rows: WatchRow[] = [];
    const [entries, papers] = await Promise.all([db.watch.bulkGet([...ids]), db.papers.bulkGet([...ids])]);
    for (const [i, entry] of entries.entries()) {
      if (entry === undefined) continue; // unwatched or erased meanwhile
      const next: WatchRow = { ...entry, versionCheckedAt: now };
      const version = versions.get(entry.id);
      if (version !== undefined) {
        next.snapshot = joinSnapshots(entry.snapshot, { version });
        const title = papers[i]?.title ?? entry.id;
        const before = { version: entry.snapshot.version };
        found.push(...diffSnapshots(entry.id, title, before, { version: next.snapshot.version }, now, 0));
      }
      rows.push(next);
    }
    await db.watch.bulkPut(rows);
    if (found.length === 0) return found;
    const seqs = await db.updates.bulkAdd(found, { allKeys: true });
    return found.map((update, i) => ({ ...update, seq: seqs[i] as number }));
  });
}
