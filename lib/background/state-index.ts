/**
 * Keeps the state index (lib/model/state-index.ts) in `storage.local` in step with the store, so the
 * content script marks cards before the first paint without waking the background: after every write
 * (the handlers, the enrichment worker, sync), each visit of a list, and whole after an import or erasing.
 * A missing index, or one of an older format, is rebuilt from the store; until then the content script
 * reads it as missing and marks after its round trip, as it always could.
 *
 * Updates run one at a time (each reads and writes the months it touches). If the worker stops between a
 * store write and its index update, that entry stays stale until the paper's next change: the page then
 * shows the index's state until the store's answer redraws it, a moment later.
 */
import { browser } from 'wxt/browser';
import { readAllPapers, readRows } from '../db/queries';
import { getDb } from '../db/schema';
import type { PaperRecord, PaperState, StoredPaper } from '../model/paper';
import {
  encodeMonth,
  entryOf,
  INDEX_META_KEY,
  INDEX_PAGES_KEY,
  INDEX_VERSION,
  type IndexEntry,
  type IndexMeta,
  type IndexPages,
  indexKeyOf,
  indexMonthOf,
  isCurrentIndex,
  lookupEntry,
  patchMonth,
  prunePages,
  recordFingerprint,
  storedVisits,
} from '../model/state-index';
import type { PageRow } from '../model/visits';

/** A change of more papers than this rebuilds the index rather than patching it. */
const REBUILD_OVER = 5_000;

let queue: Promise<unknown> = Promise.resolve();
/** The states waiting for the next queued update, by paper, and that update. */
let pending: Map<string, PaperState> | undefined;
let pendingUpdate: Promise<void> | undefined;
/** Whether this worker has seen a current index (it is checked once per start). */
let checked = false;

/** Runs `update` after the ones before it; never rejects (the index is a cache of the store). */
function enqueue(update: () => Promise<void>): Promise<void> {
  const next = queue.then(update).catch((error: unknown) => {
    console.warn('Daily Papers Companion: state index not updated', error);
  });
  queue = next;
  return next;
}

async function readMeta(): Promise<IndexMeta | undefined> {
  const meta = (await browser.storage.local.get(INDEX_META_KEY))[INDEX_META_KEY];
  return isCurrentIndex(meta) ? meta : undefined;
}

/** Groups entries by month. */
function byMonth<T extends { id: string }>(items: readonly T[]): Map<string, T[]> {
  const months = new Map<string, T[]>();
  for (const item of items) {
    const month = indexMonthOf(item.id);
    if (month === undefined) continue;
    const list = months.get(month) ?? [];
    list.push(item);
    months.set(month, list);
  }
  return months;
}

/** The index's description and the values of some months (and the visits), read in one `get`. */
interface IndexRead {
  meta: IndexMeta;
  stored: Record<string, unknown>;
}

/**
 * Reads the description, the months and (with `withPages`) the visits at once; undefined without a current
 * index: there is nothing to patch then, the rebuild (queued at start) writes it whole.
 */
async function readIndex(months: Iterable<string>, withPages: boolean): Promise<IndexRead | undefined> {
  const keys = [INDEX_META_KEY, ...[...months].map(indexKeyOf)];
  if (withPages) keys.push(INDEX_PAGES_KEY);
  const stored = await browser.storage.local.get(keys);
  const meta = stored[INDEX_META_KEY];
  return isCurrentIndex(meta) ? { meta, stored } : undefined;
}

/**
 * Writes entries into their months as `read` found them (and new months into the description, the visit
 * into the visits), in one `set`. `read` holds every month of `entries`, and the visits when `page` is given.
 */
async function writeEntries(read: IndexRead, entries: readonly IndexEntry[], page?: PageRow): Promise<void> {
  const { meta, stored } = read;
  const months = byMonth(entries);
  const values: Record<string, unknown> = {};
  for (const [month, list] of months) {
    const text = stored[indexKeyOf(month)];
    values[indexKeyOf(month)] = patchMonth(typeof text === 'string' ? text : '', list);
  }
  const known = new Set(meta.months);
  if ([...months.keys()].some((month) => !known.has(month))) {
    values[INDEX_META_KEY] = { ...meta, months: [...new Set([...meta.months, ...months.keys()])].sort() };
  }
  if (page) {
    const pages = (stored[INDEX_PAGES_KEY] ?? {}) as IndexPages;
    values[INDEX_PAGES_KEY] = prunePages({ ...pages, [page.key]: storedVisits(page) });
  }
  if (Object.keys(values).length) await browser.storage.local.set(values);
}

/**
 * After a page was observed: the entries of the papers it sent, each with the fingerprint of the reading
 * the store just took (a page showing the same reading next time sends nothing of it), and the visit.
 */
export function indexObserved(
  records: readonly PaperRecord[],
  rows: ReadonlyMap<string, StoredPaper>,
  page: PageRow | undefined,
): Promise<void> {
  return enqueue(async () => {
    const entries: IndexEntry[] = [];
    for (const record of records) {
      const row = rows.get(record.id);
      if (row) entries.push({ ...entryOf(row), fingerprint: recordFingerprint(record) });
    }
    if (!entries.length && !page) return;
    await patchIndex(entries, page);
  });
}

/**
 * After papers' states changed (saved, read, seen; sync; the enrichment worker): their entries, or the whole
 * index again for `'all'` (erasing, merging a backup). With `rows`, the rows as the change wrote them (a
 * sync that brought a library), the entries come from those rows, however many: reading 10,000 rows back
 * from the store cost ~1 s (measured in Chromium), their entries ~50 ms.
 */
export function indexChange(
  change: readonly PaperState[] | 'all',
  rows?: readonly StoredPaper[],
): Promise<void> {
  if (rows !== undefined && rows.length > 0) return enqueue(() => patchIndex(rows.map(entryOf)));
  // Past a few thousand papers, one rebuild costs less than patching (each unknown paper is read anyway).
  if (change === 'all' || change.length > REBUILD_OVER) return enqueue(() => rebuild());
  if (change.length === 0) return Promise.resolve();
  // Changes that come while one update waits join it: one read and one write of the months for a burst of
  // writes (several tabs and the popup at once), the latest state of each paper winning.
  if (pending === undefined) {
    const batch = new Map<string, PaperState>();
    pending = batch;
    pendingUpdate = enqueue(async () => {
      if (pending === batch) pending = undefined;
      await applyStates([...batch.values()]);
    });
  }
  for (const state of change) pending.set(state.id, state);
  return pendingUpdate ?? Promise.resolve();
}

/**
 * After a backup replaced the whole store: the index rebuilt from the papers and visits it now holds, as
 * the import wrote them (see {@link indexChange} for why not read back).
 */
export function indexReplaced(whole: StoreContents): Promise<void> {
  return enqueue(() => rebuild(whole));
}

/**
 * Writes entries (and the visit, with `page`) into the index's months as they are now; nothing without a
 * current index (the rebuild queued at start writes it whole).
 */
async function patchIndex(entries: readonly IndexEntry[], page?: PageRow): Promise<void> {
  const read = await readIndex(byMonth(entries).keys(), page !== undefined);
  if (read) await writeEntries(read, entries, page);
}

/** Writes the entries of papers whose states changed (see {@link indexChange}). */
async function applyStates(change: readonly PaperState[]): Promise<void> {
  const months = byMonth(change);
  const read = await readIndex(months.keys(), false);
  if (read === undefined) return;
  const { stored } = read;
  const entries: IndexEntry[] = [];
  const unknown: string[] = [];
  for (const [month, states] of months) {
    const text = stored[indexKeyOf(month)];
    for (const state of states) {
      const entry = typeof text === 'string' ? lookupEntry(text, state.id) : undefined;
      if (entry === undefined) unknown.push(state.id);
      else {
        const { dismissed: _was, ...rest } = entry;
        entries.push({
          ...rest,
          read: state.state === 'read',
          seen: state.state !== 'new',
          saved: state.saved,
          ...(state.dismissed ? { dismissed: true } : {}),
        });
      }
    }
  }
  // A paper the index does not hold yet (saved from elsewhere, arrived by sync) is read from the store.
  if (unknown.length) {
    const db = getDb();
    const rows = await db.transaction('r', db.papers, () => readRows(unknown));
    for (const row of rows.values()) entries.push(entryOf(row));
  }
  // The papers read from the store are of the months already read: their ids are the change's.
  await writeEntries(read, entries);
}

/** Rebuilds the index when it is missing or of another format; once per worker start, then free. */
export function ensureIndex(): Promise<void> {
  if (checked) return Promise.resolve();
  return enqueue(async () => {
    if (checked) return;
    if ((await readMeta()) === undefined) await rebuild();
    checked = true;
  });
}

/** Everything the store holds that the index describes. */
export interface StoreContents {
  papers: readonly StoredPaper[];
  pages: readonly PageRow[];
}

/**
 * The whole index: every paper's entry, the visits, then the description; from the store, or from `whole`
 * when the caller holds all the store has.
 */
async function rebuild(whole?: StoreContents): Promise<void> {
  const months = new Map<string, IndexEntry[]>();
  const add = (rows: readonly StoredPaper[]) => {
    for (const row of rows) {
      const month = indexMonthOf(row.id);
      if (month === undefined) continue;
      const list = months.get(month) ?? [];
      list.push(entryOf(row));
      months.set(month, list);
    }
  };
  let visits: readonly PageRow[];
  if (whole === undefined) {
    await readAllPapers(add);
    visits = await getDb().pages.toArray();
  } else {
    add(whole.papers);
    visits = whole.pages;
  }
  const pages: IndexPages = {};
  for (const row of visits) pages[row.key] = storedVisits(row);
  const before = (await browser.storage.local.get(INDEX_META_KEY))[INDEX_META_KEY] as
    | Partial<IndexMeta>
    | undefined;
  const values: Record<string, unknown> = { [INDEX_PAGES_KEY]: prunePages(pages) };
  for (const [month, entries] of months) values[indexKeyOf(month)] = encodeMonth(entries);
  // The description goes last: a reader never takes a half-written index for a current one.
  await browser.storage.local.remove(INDEX_META_KEY);
  const stale = (Array.isArray(before?.months) ? before.months : []).filter((month) => !months.has(month));
  if (stale.length) await browser.storage.local.remove(stale.map(indexKeyOf));
  await browser.storage.local.set(values);
  const meta: IndexMeta = { version: INDEX_VERSION, builtAt: Date.now(), months: [...months.keys()].sort() };
  await browser.storage.local.set({ [INDEX_META_KEY]: meta });
  checked = true;
}

/** Forgets what this worker checked (tests start each case from a fresh worker). */
export function resetIndexKeeper(): void {
  checked = false;
  queue = Promise.resolve();
  pending = undefined;
  pendingUpdate = undefined;
}
