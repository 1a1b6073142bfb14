/**
 * The extension's {@link LocalReplica}: the reading list in IndexedDB plus, per paper, the stamps of its
 * synced fields (`syncStamps`), the device's hybrid logical clock and the settings' stamps (`meta`).
 *
 * Local writes (the message handlers, imports, the context menu) know nothing of sync: they change the
 * paper rows as always. A sync pass compares the rows written since the previous pass (the `updatedAt`
 * index) with the stamps and stamps what differs, dated by the row's own times (`savedAt`, `readAt`,
 * `updatedAt`) but always after everything this device had seen — so a change made offline keeps its
 * place in time, and a change made after seeing another device's change always wins over it.
 */

import { ARXIV_ID_RE, arxivAbsUrl, arxivPdfUrl } from '../model/arxiv';
import { LIMITS } from '../model/limits';
import type { PaperState, StoredPaper } from '../model/paper';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../model/settings';
import { loadSettings, saveSettings } from '../settings';
import { observe as observeStamp, tick } from '../sync/hlc';
import { isCollected, isEmptyPaper, isTombstone } from '../sync/merge';
import { compareStamped } from '../sync/stamp';
import type { Hlc, LocalReplica, Stamped, SyncPaper, SyncState } from '../sync/types';
import { toPaperState } from './merge';
import {
  CLOCK_KEY,
  type EnrichmentRow,
  getDb,
  SCANNED_KEY,
  SETTINGS_STAMPS_KEY,
  type SettingsStamps,
  type SyncStampsRow,
  TOMBSTONES_KEY,
} from './schema';

export { CLOCK_KEY, SCANNED_KEY, SETTINGS_STAMPS_KEY, TOMBSTONES_KEY };

/**
 * A pass re-reads rows written up to this long before the previous pass's newest one (1 minute), so a
 * wall clock set back a little never hides a change (comparing a row twice changes nothing).
 */
export const RESCAN_MARGIN_MS = 60_000;

/** Options of {@link DexieReplica}. */
export interface DexieReplicaOptions {
  /** Defaults to `Date.now`. */
  now?: () => number;
  /** Called after {@link DexieReplica.apply} changed papers, with their new states (for the change feed). */
  onPapersChanged?: (states: PaperState[]) => void | Promise<void>;
  /** Called after {@link DexieReplica.apply} queued papers for enrichment. */
  onQueued?: () => void;
}

/** The user's side of a paper row, as sync sees it. */
interface UserFields {
  saved: boolean;
  read: boolean;
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
    note: row?.note ?? '',
    tags,
  };
}

/**
 * Stamps the fields of `row` that differ from `paper` (the stamps as last known), in place. A changed
 * field is stamped `max(its own time, clock + 1)`. Returns the newest stamp given, or 0 when nothing
 * differed.
 */
function stampDifferences(paper: SyncPaper, row: StoredPaper | undefined, clock: Hlc, now: number): Hlc {
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

/**
 * The rows of `ids` (in their order; `undefined` where absent) in the fewest requests: none from an empty
 * table, the whole table when it is not much larger than the request (a first sync brings thousands of
 * papers at once), one get per id otherwise.
 */
async function readByIds<T extends { id: string }>(
  table: {
    count(): PromiseLike<number>;
    toArray(): PromiseLike<T[]>;
    bulkGet(keys: string[]): PromiseLike<(T | undefined)[]>;
  },
  ids: readonly string[],
): Promise<(T | undefined)[]> {
  const stored = await table.count();
  if (stored === 0) return ids.map(() => undefined);
  if (stored <= ids.length * 2) {
    const byId = new Map((await table.toArray()).map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id));
  }
  return table.bulkGet([...ids]);
}

function hasTombstone(paper: SyncPaper): boolean {
  return (
    paper.saved?.value === false ||
    paper.read?.value === false ||
    paper.note?.value === '' ||
    Object.values(paper.tags ?? {}).some((t) => t.value === null)
  );
}

/**
 * Keeps the `meta` list of papers whose stamps hold a tombstone (few: unsaves, unreads, untags) in step
 * with stamp rows written, so publishing and collecting read those rows instead of the whole table.
 * Call inside a transaction over `meta`.
 */
async function trackTombstones(
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

/** Whether `a` wins over `b` by the rule every device and the decoder use ({@link compareStamped}). */
function beats(a: Stamped<unknown>, b: Stamped<unknown> | undefined): boolean {
  return b === undefined || compareStamped(a, b) > 0;
}

function hasLiveValue(paper: SyncPaper): boolean {
  return (
    paper.saved?.value === true ||
    paper.read?.value === true ||
    (paper.note?.value ?? '') !== '' ||
    Object.values(paper.tags ?? {}).some((t) => t.value !== null)
  );
}

/** Writes the stamped values of `paper` into `row` (a copy); returns whether a user field changed. */
function writeUserFields(row: StoredPaper, paper: SyncPaper): boolean {
  const before = JSON.stringify([row.savedAt !== undefined, row.state, row.note ?? '', row.tags]);
  if (paper.saved !== undefined) {
    if (paper.saved.value) row.savedAt ??= paper.saved.at * 1000;
    else delete row.savedAt;
  }
  if (paper.read !== undefined) {
    if (paper.read.value) {
      if (row.state !== 'read') row.readAt = paper.read.at * 1000;
      row.state = 'read';
    } else if (row.state === 'read') {
      row.state = 'seen';
      delete row.readAt;
    }
  }
  if (paper.note !== undefined) {
    const note = paper.note.value.slice(0, LIMITS.note);
    if (note.trim() === '') delete row.note;
    else row.note = note;
  }
  if (paper.tags !== undefined) {
    const live = new Map<string, string>();
    for (const [key, entry] of Object.entries(paper.tags)) {
      const tag = entry.value;
      if (tag !== null && tag.trim() !== '' && tag.length <= LIMITS.tag) live.set(key, tag);
    }
    // Keep the row's order for tags it already had; add the others after them.
    const tags: string[] = [];
    for (const tag of row.tags) {
      const kept = live.get(tag.toLowerCase());
      if (kept !== undefined) {
        tags.push(kept);
        live.delete(tag.toLowerCase());
      }
    }
    tags.push(...[...live.values()].sort());
    row.tags = tags.slice(0, LIMITS.tags);
  }
  return JSON.stringify([row.savedAt !== undefined, row.state, row.note ?? '', row.tags]) !== before;
}

/** A row for a paper this device has never shown: the page fields come later (enrichment, a visit). */
function placeholderRow(id: string, now: number): StoredPaper {
  return {
    id,
    title: '',
    authors: [],
    codeLinks: [],
    keywords: [],
    arxivUrl: arxivAbsUrl(id),
    pdfUrl: arxivPdfUrl(id),
    state: 'seen',
    firstSeenAt: now,
    lastSeenAt: now,
    tags: [],
    updatedAt: now,
  };
}

/**
 * Whether the site's API should be asked about a paper sync changed: a saved paper without code links (as
 * when saving on a page), or a paper known only through sync that lists show (saved, tagged or with a
 * note) and that has no title yet. Read marks alone are not fetched: the card that shows the paper brings
 * its title, and thousands of them would take days at the API's polite rate.
 */
function wantsEnrichment(row: StoredPaper): boolean {
  if (row.savedAt !== undefined && !row.githubRepo && !row.projectPage) return true;
  return row.title === '' && (row.savedAt !== undefined || row.tags.length > 0 || row.note !== undefined);
}

/** The {@link LocalReplica} over the extension's IndexedDB database and settings. */
export class DexieReplica implements LocalReplica {
  private readonly now: () => number;

  constructor(private readonly options: DexieReplicaOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Stamps the local changes made since the previous pass (all rows on the first pass, or after an import
   * reset {@link SCANNED_KEY}), then returns every stamped field. Papers deleted from the store (a backup
   * imported in `replace` mode) get tombstones for what they had.
   */
  async load(): Promise<SyncState> {
    const db = getDb();
    const now = this.now();
    // Settings first: on the very first pass they take the oldest possible stamps (see stampSettings).
    const settings = await this.stampSettings(now);
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
   * Writes the winning registers of `incoming` into the rows (one transaction over papers, stamps and the
   * enrichment queue). Local changes not yet stamped are stamped first, after everything observed, so
   * they are kept. Papers unknown here are created from what sync knows; saved or tagged ones are queued
   * for the site's API to fill in their title, authors and links.
   */
  async apply(incoming: SyncState): Promise<number> {
    const db = getDb();
    const now = this.now();
    let applied = 0;
    let queued = 0;
    const states: PaperState[] = [];
    if (incoming.papers.size > 0) {
      await db.transaction('rw', [db.papers, db.syncStamps, db.meta, db.enrichment], async () => {
        const ids = [...incoming.papers.keys()].filter((id) => ARXIV_ID_RE.test(id));
        const [clockRow, stampRows, rows] = await Promise.all([
          db.meta.get(CLOCK_KEY),
          readByIds(db.syncStamps, ids),
          readByIds(db.papers, ids),
        ]);
        let clock = typeof clockRow?.value === 'number' ? clockRow.value : 0;
        const stampWrites: SyncStampsRow[] = [];
        const rowWrites: StoredPaper[] = [];
        const enrich: EnrichmentRow[] = [];
        const unqueue: string[] = [];
        ids.forEach((id, i) => {
          const remote = incoming.papers.get(id)!;
          const row = rows[i];
          const local = structuredClone(stampRows[i]?.paper ?? {});
          // A change made since the last pass: stamp it now, after everything observed.
          clock = Math.max(clock, stampDifferences(local, row, clock, now));
          const wins: SyncPaper = {};
          let count = 0;
          if (remote.saved && beats(remote.saved, local.saved)) {
            local.saved = wins.saved = remote.saved;
            count++;
          }
          if (remote.read && beats(remote.read, local.read)) {
            local.read = wins.read = remote.read;
            count++;
          }
          if (remote.note && beats(remote.note, local.note)) {
            local.note = wins.note = remote.note;
            count++;
          }
          for (const [key, entry] of Object.entries(remote.tags ?? {})) {
            local.tags ??= {};
            if (beats(entry, local.tags[key])) {
              local.tags[key] = entry;
              count++;
            }
          }
          if (!isEmptyPaper(local) && JSON.stringify(local) !== JSON.stringify(stampRows[i]?.paper)) {
            stampWrites.push({ id, paper: local });
          }
          if (count === 0) return;
          applied += count;
          if (row === undefined && !hasLiveValue(local)) return; // only removals of a paper never shown here
          const next: StoredPaper =
            row === undefined ? placeholderRow(id, now) : { ...row, tags: [...row.tags] };
          const changedFields = writeUserFields(next, local);
          if (!changedFields && row !== undefined) return;
          next.updatedAt = now;
          rowWrites.push(next);
          states.push(toPaperState(next));
          if (next.savedAt === undefined && row?.savedAt !== undefined) unqueue.push(id);
          if (wantsEnrichment(next)) {
            enrich.push({ id, status: 'pending', attempts: 0, nextAttemptAt: now, updatedAt: now });
          }
        });
        const queuedBefore = enrich.length > 0 ? await db.enrichment.bulkGet(enrich.map((e) => e.id)) : [];
        const toQueue = enrich.filter((_, i) => queuedBefore[i] === undefined);
        queued = toQueue.length;
        await Promise.all([
          stampWrites.length > 0 ? db.syncStamps.bulkPut(stampWrites) : undefined,
          stampWrites.length > 0 ? trackTombstones(stampWrites) : undefined,
          rowWrites.length > 0 ? db.papers.bulkPut(rowWrites) : undefined,
          toQueue.length > 0 ? db.enrichment.bulkPut(toQueue) : undefined,
          unqueue.length > 0 ? db.enrichment.bulkDelete(unqueue) : undefined,
          db.meta.put({ key: CLOCK_KEY, value: clock }),
        ]);
      });
    }
    applied += await this.applySettings(incoming.settings, now);
    if (states.length > 0) await this.options.onPapersChanged?.(states);
    if (queued > 0) this.options.onQueued?.();
    return applied;
  }

  /** Advances the clock to `stamp`, unless `stamp` is more than a day ahead of the wall clock. */
  async observe(stamp: Hlc): Promise<void> {
    const db = getDb();
    const now = this.now();
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
  async collect(collected: Hlc): Promise<void> {
    const db = getDb();
    const dead = (entry: Stamped<unknown> | undefined) =>
      entry !== undefined && isCollected(entry, collected);
    await db.transaction('rw', db.syncStamps, db.meta, async () => {
      const puts: SyncStampsRow[] = [];
      const deletes: string[] = [];
      for (const row of await rowsWithTombstones()) {
        const paper = structuredClone(row.paper);
        let touched = false;
        for (const field of ['saved', 'read', 'note'] as const) {
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
  async markPublished(stamp: Hlc): Promise<void> {
    const db = getDb();
    await db.transaction('rw', db.syncStamps, db.meta, async () => {
      const puts: SyncStampsRow[] = [];
      for (const row of await rowsWithTombstones()) {
        let touched = false;
        const paper = structuredClone(row.paper);
        const mark = (entry: Stamped<unknown> | undefined) => {
          if (
            entry !== undefined &&
            isTombstone(entry) &&
            entry.published === undefined &&
            entry.at <= stamp
          ) {
            entry.published = stamp;
            touched = true;
          }
        };
        mark(paper.saved);
        mark(paper.read);
        mark(paper.note);
        for (const entry of Object.values(paper.tags ?? {})) mark(entry);
        if (touched) puts.push({ id: row.id, paper });
      }
      if (puts.length > 0) await db.syncStamps.bulkPut(puts);
    });
  }

  /** The device's clock now: after everything it has stamped or seen, and not behind the wall clock. */
  async readClock(): Promise<Hlc> {
    const row = await getDb().meta.get(CLOCK_KEY);
    return typeof row?.value === 'number' ? row.value : 0;
  }

  private async readSettingsStamps(): Promise<SettingsStamps | undefined> {
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
  private async stampSettings(now: number): Promise<SettingsStamps> {
    const db = getDb();
    const current = await loadSettings();
    return db.transaction('rw', db.meta, async () => {
      const recorded = await this.readSettingsStamps();
      const clockRow = await db.meta.get(CLOCK_KEY);
      const clock = typeof clockRow?.value === 'number' ? clockRow.value : 0;
      const stamps: SettingsStamps = { ...(recorded ?? {}) };
      let newest = 0;
      for (const [name, value] of Object.entries(current) as [keyof Settings, unknown][]) {
        if (recorded === undefined) {
          if (value === DEFAULT_SETTINGS[name]) continue;
          stamps[name] = { value, at: clock + 1 };
        } else if (JSON.stringify(stamps[name]?.value ?? DEFAULT_SETTINGS[name]) !== JSON.stringify(value)) {
          // A setting never stamped is compared with its default: only a change from it is news.
          stamps[name] = { value, at: tick(clock, now) };
        } else {
          continue;
        }
        newest = Math.max(newest, stamps[name]!.at);
      }
      if (recorded === undefined || newest > 0)
        await db.meta.put({ key: SETTINGS_STAMPS_KEY, value: stamps });
      if (newest > clock) await db.meta.put({ key: CLOCK_KEY, value: newest });
      return stamps;
    });
  }

  private async applySettings(incoming: SyncState['settings'], now: number): Promise<number> {
    if (Object.keys(incoming).length === 0) return 0;
    const local = await this.stampSettings(now);
    const patch: Record<string, unknown> = {};
    let count = 0;
    for (const [name, entry] of Object.entries(incoming)) {
      if (!Object.hasOwn(DEFAULT_SETTINGS, name) || !beats(entry, local[name])) continue;
      // A value this version does not know (a newer version's choice) is not applied, nor stamped.
      const candidate = parseSettings({ ...DEFAULT_SETTINGS, [name]: entry.value }) as unknown as Record<
        string,
        unknown
      >;
      if (JSON.stringify(candidate[name]) !== JSON.stringify(entry.value)) continue;
      local[name] = entry;
      patch[name] = entry.value;
      count++;
    }
    if (count === 0) return 0;
    await saveSettings(patch as Partial<Settings>);
    await getDb().meta.put({ key: SETTINGS_STAMPS_KEY, value: local });
    return count;
  }
}
