/**
 * Stamping this device's changes for sync, and the bookkeeping of its own stamps: the hybrid logical clock,
 * which tombstones are published, which are collected. The other half of the replica, writing other devices'
 * winners into the rows, is {@link DexieReplica.apply} in `lib/db/sync-replica.ts`.
 *
 * Local writes (the message handlers, imports, the context menu) know nothing of sync: they change the
 * paper rows as always. A sync pass compares the rows written since the previous pass (the `updatedAt`
 * index) with the stamps and stamps what differs, dated by the row's own times (`savedAt`, `readAt`,
 * `updatedAt`) but always after everything this device had seen — so a change made offline keeps its
 * place in time, and a change made after seeing another device's change always wins over it.
 */
import { ARXIV_ID_RE } from '../model/arxiv';
import type { StoredPaper } from '../model/paper';
import { DEFAULT_SETTINGS, type Settings } from '../model/settings';
import { loadSettings } from '../settings';
import { observe as observeStamp, tick } from '../sync/hlc';
import { isCollected, isEmptyPaper, isTombstone } from '../sync/merge';
import type { Hlc, Stamped, SyncPaper, SyncState } from '../sync/types';
import {
  CLOCK_KEY,
  getDb,
  SCANNED_KEY,
  SETTINGS_STAMPS_KEY,
  type SettingsStamps,
  type SyncStampsRow,
  TOMBSTONES_KEY,
} from './schema';

/**
 * A pass re-reads rows written up to this long before the previous pass's newest one (1 minute), so a
 * wall clock set back a little never hides a change (comparing a row twice changes nothing).
 */
export const RESCAN_MARGIN_MS = 60_000;

/** The user's side of a paper row, as sync sees it. */
interface UserFields {
  saved: boolean;
  read: boolean;
  /** Watched by the reader's choice (`watchedAt`), saved or not. */
  watched: boolean;
  note: string;
  /** By case-folded tag: the tag as written. */
  tags: Map<string, string>;
}

function userFields(row: StoredPaper | undefined): UserFields {
  const tags = new Map<string, string>();
  for (const tag of row?.tags ?? []) if (!tags.has(tag.toLowerCase())) tags.set(tag.toLowerCase(), tag);
  return {
    saved: row?.savedAt !== undefined,
    read: row?.state === 'read',
    watched: row?.watchedAt !== undefined,
    note: row?.note ?? '',
    tags,
  };
}

/**
 * Stamps the fields of `row` that differ from `paper` (the stamps as last known), in place. A changed
 * field is stamped `max(its own time, clock + 1)`. Returns the newest stamp given, or 0 when nothing
 * differed.
 */
export function stampDifferences(
  paper: SyncPaper,
  row: StoredPaper | undefined,
  clock: Hlc,
  now: number,
): Hlc {
  const current = userFields(row);
  const stamp = (timeMs: number | undefined) => tick(clock, timeMs ?? now);
  const hint = row?.updatedAt ?? now;
  let newest = 0;
  const set = <T>(value: T, at: Hlc): Stamped<T> => {
    newest = Math.max(newest, at);
    return { value, at };
  };
  if (current.saved !== (paper.saved?.value ?? false)) {
    paper.saved = set(current.saved, stamp(current.saved ? row?.savedAt : hint));
  }
  if (current.read !== (paper.read?.value ?? false)) {
    paper.read = set(current.read, stamp(current.read ? (row?.readAt ?? hint) : hint));
  }
  if (current.watched !== (paper.watched?.value ?? false)) {
    paper.watched = set(current.watched, stamp(current.watched ? row?.watchedAt : hint));
  }
  if (current.note !== (paper.note?.value ?? '')) paper.note = set(current.note, stamp(hint));
  const tags = paper.tags ?? {};
  for (const [key, tag] of current.tags) {
    if (tags[key]?.value !== tag) tags[key] = set(tag, stamp(hint));
  }
  for (const [key, entry] of Object.entries(tags)) {
    if (entry.value !== null && !current.tags.has(key)) tags[key] = set(null, stamp(hint));
  }
  if (Object.keys(tags).length > 0) paper.tags = tags;
  return newest;
}

function hasTombstone(paper: SyncPaper): boolean {
  return (
    paper.saved?.value === false ||
    paper.read?.value === false ||
    paper.watched?.value === false ||
    paper.note?.value === '' ||
    Object.values(paper.tags ?? {}).some((t) => t.value === null)
  );
}

/**
 * Keeps the `meta` list of papers whose stamps hold a tombstone (few: unsaves, unreads, untags) in step
 * with stamp rows written, so publishing and collecting read those rows instead of the whole table.
 * Call inside a transaction over `meta`.
 */
export async function trackTombstones(
  written: readonly SyncStampsRow[],
  deleted: readonly string[] = [],
): Promise<void> {
  const db = getDb();
  const row = await db.meta.get(TOMBSTONES_KEY);
  if (!Array.isArray(row?.value)) return; // not built yet: the next publish or collect scans and builds it
  const ids = new Set(row.value as string[]);
  const before = ids.size;
  let changed = false;
  for (const { id, paper } of written) {
    if (hasTombstone(paper)) {
      if (!ids.has(id)) {
        ids.add(id);
        changed = true;
      }
    } else if (ids.delete(id)) changed = true;
  }
  for (const id of deleted) if (ids.delete(id)) changed = true;
  if (changed || ids.size !== before) await db.meta.put({ key: TOMBSTONES_KEY, value: [...ids] });
}

/**
 * The stamp rows that may hold a tombstone: those the `meta` list names, or every row when the list is not
 * built yet (then it is built). Call inside a transaction over `syncStamps` and `meta`.
 */
async function rowsWithTombstones(): Promise<SyncStampsRow[]> {
  const db = getDb();
  const row = await db.meta.get(TOMBSTONES_KEY);
  if (Array.isArray(row?.value)) {
    return (await db.syncStamps.bulkGet(row.value as string[])).filter(
      (r): r is SyncStampsRow => r !== undefined,
    );
  }
  const rows = (await db.syncStamps.toArray()).filter((r) => hasTombstone(r.paper));
  await db.meta.put({ key: TOMBSTONES_KEY, value: rows.map((r) => r.id) });
  return rows;
}

/**
 * Stamps the local changes made since the previous pass (all rows on the first pass, or after an import
 * reset {@link SCANNED_KEY}), then returns every stamped field. Papers deleted from the store (a backup
 * imported in `replace` mode) get tombstones for what they had. `now` is the wall clock in milliseconds.
 */
export async function loadStamped(now: number): Promise<SyncState> {
  const db = getDb();
  // Settings first: on the very first pass they take the oldest possible stamps (see stampSettings).
  const settings = await stampSettings(now);
  const papers = await db.transaction('rw', db.papers, db.syncStamps, db.meta, async () => {
    const [clockRow, scannedRow, stampRows] = await Promise.all([
      db.meta.get(CLOCK_KEY),
      db.meta.get(SCANNED_KEY),
      db.syncStamps.toArray(),
    ]);
    const clock = typeof clockRow?.value === 'number' ? clockRow.value : 0;
    const scannedThrough = typeof scannedRow?.value === 'number' ? scannedRow.value : undefined;
    const stamps = new Map<string, SyncPaper>(stampRows.map((r) => [r.id, r.paper]));
    const rows =
      scannedThrough === undefined
        ? await db.papers.toArray()
        : await db.papers
            .where('updatedAt')
            .aboveOrEqual(scannedThrough - RESCAN_MARGIN_MS)
            .toArray();

    let newest = 0;
    let newestUpdate = scannedThrough ?? 0;
    const changed: SyncStampsRow[] = [];
    const compare = (id: string, row: StoredPaper | undefined) => {
      const paper = structuredClone(stamps.get(id) ?? {});
      const at = stampDifferences(paper, row, clock, now);
      if (at === 0) return;
      newest = Math.max(newest, at);
      stamps.set(id, paper);
      changed.push({ id, paper });
    };
    for (const row of rows) {
      if (!ARXIV_ID_RE.test(row.id)) continue;
      newestUpdate = Math.max(newestUpdate, row.updatedAt);
      compare(row.id, row);
    }
    if (scannedThrough === undefined) {
      // A full pass also sees the papers that are gone: what they had is removed everywhere.
      const present = new Set(rows.map((r) => r.id));
      for (const id of stamps.keys()) if (!present.has(id)) compare(id, undefined);
    }
    const writes: Promise<unknown>[] = [
      db.meta.put({ key: SCANNED_KEY, value: Math.min(newestUpdate, now) }),
    ];
    if (changed.length > 0) writes.push(db.syncStamps.bulkPut(changed), trackTombstones(changed));
    if (newest > clock) writes.push(db.meta.put({ key: CLOCK_KEY, value: newest }));
    await Promise.all(writes);
    return stamps;
  });
  return { papers, settings };
}

/**
 * Advances the clock to `stamp`, unless `stamp` is more than a day ahead of the wall clock (`now`, in
 * milliseconds).
 */
export async function observeClock(stamp: Hlc, now: number): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.meta, async () => {
    const row = await db.meta.get(CLOCK_KEY);
    const clock = typeof row?.value === 'number' ? row.value : 0;
    const next = observeStamp(clock, stamp, now);
    if (next > clock) await db.meta.put({ key: CLOCK_KEY, value: next });
  });
}

/**
 * Forgets tombstones published (or, unpublished, stamped) at or before `collected`. Settings are never
 * removals, so they are never collected.
 */
export async function collectTombstones(collected: Hlc): Promise<void> {
  const db = getDb();
  const dead = (entry: Stamped<unknown> | undefined) => entry !== undefined && isCollected(entry, collected);
  await db.transaction('rw', db.syncStamps, db.meta, async () => {
    const puts: SyncStampsRow[] = [];
    const deletes: string[] = [];
    for (const row of await rowsWithTombstones()) {
      const paper = structuredClone(row.paper);
      let touched = false;
      for (const field of ['saved', 'read', 'watched', 'note'] as const) {
        if (dead(paper[field])) {
          delete paper[field];
          touched = true;
        }
      }
      for (const [key, entry] of Object.entries(paper.tags ?? {})) {
        if (dead(entry)) {
          delete paper.tags![key];
          touched = true;
        }
      }
      if (!touched) continue;
      if (isEmptyPaper(paper)) deletes.push(row.id);
      else puts.push({ id: row.id, paper });
    }
    await Promise.all([
      puts.length > 0 ? db.syncStamps.bulkPut(puts) : undefined,
      deletes.length > 0 ? db.syncStamps.bulkDelete(deletes) : undefined,
      puts.length + deletes.length > 0 ? trackTombstones(puts, deletes) : undefined,
    ]);
  });
}

/**
 * Marks every tombstone stamped at or before `stamp` and not yet published as published at `stamp` (the
 * engine calls it once it has written them to `storage.sync`; later ones wait for the next run).
 */
export async function publishTombstones(stamp: Hlc): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.syncStamps, db.meta, async () => {
    const puts: SyncStampsRow[] = [];
    for (const row of await rowsWithTombstones()) {
      let touched = false;
      const paper = structuredClone(row.paper);
      const mark = (entry: Stamped<unknown> | undefined) => {
        if (entry !== undefined && isTombstone(entry) && entry.published === undefined && entry.at <= stamp) {
          entry.published = stamp;
          touched = true;
        }
      };
      mark(paper.saved);
      mark(paper.read);
      mark(paper.watched);
      mark(paper.note);
      for (const entry of Object.values(paper.tags ?? {})) mark(entry);
      if (touched) puts.push({ id: row.id, paper });
    }
    if (puts.length > 0) await db.syncStamps.bulkPut(puts);
  });
}

/** The device's clock now: after everything it has stamped or seen, and not behind the wall clock. */
export async function currentClock(): Promise<Hlc> {
  const row = await getDb().meta.get(CLOCK_KEY);
  return typeof row?.value === 'number' ? row.value : 0;
}

async function readSettingsStamps(): Promise<SettingsStamps | undefined> {
  const row = await getDb().meta.get(SETTINGS_STAMPS_KEY);
  return row?.value !== null && typeof row?.value === 'object'
    ? { ...(row.value as SettingsStamps) }
    : undefined;
}

/**
 * Stamps settings changed since the previous pass. On the very first pass only settings that differ
 * from the defaults are stamped, and as old as possible, so a device joining takes the settings the
 * others already share instead of imposing its defaults.
 */
export async function stampSettings(now: number): Promise<SettingsStamps> {
  const db = getDb();
  const current = await loadSettings();
  return db.transaction('rw', db.meta, async () => {
    const recorded = await readSettingsStamps();
    const clockRow = await db.meta.get(CLOCK_KEY);
    const clock = typeof clockRow?.value === 'number' ? clockRow.value : 0;
    const stamps: SettingsStamps = { ...(recorded ?? {}) };
    let newest = 0;
    for (const [name, value] of Object.entries(current) as [keyof Settings, unknown][]) {
      if (recorded === undefined) {
        // Compared as JSON: a setting may be an object (the filters).
        if (JSON.stringify(value) === JSON.stringify(DEFAULT_SETTINGS[name])) continue;
        stamps[name] = { value, at: clock + 1 };
      } else if (JSON.stringify(stamps[name]?.value ?? DEFAULT_SETTINGS[name]) !== JSON.stringify(value)) {
        // A setting never stamped is compared with its default: only a change from it is news.
        stamps[name] = { value, at: tick(clock, now) };
      } else {
        continue;
      }
      newest = Math.max(newest, stamps[name]!.at);
    }
    if (recorded === undefined || newest > 0) await db.meta.put({ key: SETTINGS_STAMPS_KEY, value: stamps });
    if (newest > clock) await db.meta.put({ key: CLOCK_KEY, value: newest });
    return stamps;
  });
}
