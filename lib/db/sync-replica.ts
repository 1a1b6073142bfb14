/**
 * The extension's {@link LocalReplica}: the reading list in IndexedDB plus, per paper, the stamps of its
 * synced fields (`syncStamps`), the device's hybrid logical clock and the settings' stamps (`meta`).
 *
 * This file writes other devices' winners into the rows ({@link DexieReplica.apply}): register by register,
 * the winning value becomes the row's saved, read, watched, note and tags, papers unknown here get a placeholder row
 * and a place in the enrichment queue. Stamping this device's own changes, the clock and the tombstones'
 * publication and collection are in `lib/db/sync-stamps.ts`; the class below only hands those on.
 */
import { ARXIV_ID_RE, arxivAbsUrl, arxivPdfUrl } from '../model/arxiv';
import { LIMITS } from '../model/limits';
import type { PaperState, StoredPaper } from '../model/paper';
import { DEFAULT_SETTINGS, parseSettings, type Settings } from '../model/settings';
import { saveSettings } from '../settings';
import { isEmptyPaper } from '../sync/merge';
import { compareStamped } from '../sync/stamp';
import type { Hlc, LocalReplica, Stamped, SyncPaper, SyncState } from '../sync/types';
import { toPaperState } from './merge';
import { CLOCK_KEY, type EnrichmentRow, getDb, SETTINGS_STAMPS_KEY, type SyncStampsRow } from './schema';
import {
  collectTombstones,
  currentClock,
  loadStamped,
  observeClock,
  publishTombstones,
  stampDifferences,
  stampSettings,
  trackTombstones,
} from './sync-stamps';

/** Options of {@link DexieReplica}. */
export interface DexieReplicaOptions {
  /** Defaults to `Date.now`. */
  now?: () => number;
  /**
   * Called after {@link DexieReplica.apply} changed papers, with their new states (for the change feed)
   * and their rows as written (for the state index), in the same order.
   */
  onPapersChanged?: (states: PaperState[], rows: StoredPaper[]) => void | Promise<void>;
  /** Called after {@link DexieReplica.apply} queued papers for enrichment. */
  onQueued?: () => void;
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

/** Whether `a` wins over `b` by the rule every device and the decoder use ({@link compareStamped}). */
function beats(a: Stamped<unknown>, b: Stamped<unknown> | undefined): boolean {
  return b === undefined || compareStamped(a, b) > 0;
}

function hasLiveValue(paper: SyncPaper): boolean {
  return (
    paper.saved?.value === true ||
    paper.read?.value === true ||
    paper.watched?.value === true ||
    (paper.note?.value ?? '') !== '' ||
    Object.values(paper.tags ?? {}).some((t) => t.value !== null)
  );
}

/** Writes the stamped values of `paper` into `row` (a copy); returns whether a user field changed. */
function writeUserFields(row: StoredPaper, paper: SyncPaper): boolean {
  const fields = () =>
    JSON.stringify([
      row.savedAt !== undefined,
      row.state,
      row.note ?? '',
      row.tags,
      row.watchedAt !== undefined,
    ]);
  const before = fields();
  if (paper.saved !== undefined) {
    if (paper.saved.value) row.savedAt ??= paper.saved.at * 1000;
    else delete row.savedAt;
  }
  if (paper.watched !== undefined) {
    if (paper.watched.value) row.watchedAt ??= paper.watched.at * 1000;
    else delete row.watchedAt;
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
  return fields() !== before;
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
 * when saving on a page), or a paper known only through sync that lists show (saved, watched, tagged or
 * with a note) and that has no title yet. Read marks alone are not fetched: the card that shows the paper brings
 * its title, and thousands of them would take days at the API's polite rate.
 */
function wantsEnrichment(row: StoredPaper): boolean {
  if (row.savedAt !== undefined && !row.githubRepo && !row.projectPage) return true;
  return (
    row.title === '' &&
    (row.savedAt !== undefined ||
      row.watchedAt !== undefined ||
      row.tags.length > 0 ||
      row.note !== undefined)
  );
}

/** The {@link LocalReplica} over the extension's IndexedDB database and settings. */
export class DexieReplica implements LocalReplica {
  private readonly now: () => number;

  constructor(private readonly options: DexieReplicaOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Stamps the local changes made since the previous pass, then returns every stamped field (see
   * {@link loadStamped}).
   */
  async load(): Promise<SyncState> {
    return loadStamped(this.now());
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
    // The rows written, in the order of `states`.
    const rowWrites: StoredPaper[] = [];
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
          if (remote.watched && beats(remote.watched, local.watched)) {
            local.watched = wins.watched = remote.watched;
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
    if (states.length > 0) await this.options.onPapersChanged?.(states, rowWrites);
    if (queued > 0) this.options.onQueued?.();
    return applied;
  }

  /** Advances the clock to `stamp`, unless `stamp` is more than a day ahead of the wall clock. */
  async observe(stamp: Hlc): Promise<void> {
    await observeClock(stamp, this.now());
  }

  /**
   * Forgets tombstones published (or, unpublished, stamped) at or before `collected`. Settings are never
   * removals, so they are never collected.
   */
  async collect(collected: Hlc): Promise<void> {
    await collectTombstones(collected);
  }

  /**
   * Marks every tombstone stamped at or before `stamp` and not yet published as published at `stamp` (the
   * engine calls it once it has written them to `storage.sync`; later ones wait for the next run).
   */
  async markPublished(stamp: Hlc): Promise<void> {
    await publishTombstones(stamp);
  }

  /** The device's clock now: after everything it has stamped or seen, and not behind the wall clock. */
  async readClock(): Promise<Hlc> {
    return currentClock();
  }

  private async applySettings(incoming: SyncState['settings'], now: number): Promise<number> {
    if (Object.keys(incoming).length === 0) return 0;
    const local = await stampSettings(now);
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
