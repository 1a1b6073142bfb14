/**
 * The one query module: every read of the store, for the background's handlers (through the messages)
 * and for the popup and options page (extension pages, which read IndexedDB directly because a message
 * round trip per read would cost the popup its first paint). Nothing here writes; the writes are in
 * `papers.ts`, which also uses {@link readRows} from here.
 *
 * Each view has ONE order, whoever asks: newest first by the view's date (`viewDate` in
 * lib/model/views.ts: saved, read, last seen, and for a tag when saved, else when last seen), equal dates
 * by id, largest first — the order of `comparePapers('date', view)`, which the popup uses in memory, so
 * its first rows and its full list agree. The indexed views get it from `reverse()`, which orders equal
 * index keys by primary key, largest first. The `all` view (messages only) is newest `lastSeenAt` first.
 */
import Dexie from 'dexie';
import type { PaperState, PaperView, StoredPaper, StoreStats } from '../model/paper';
import { comparePapers, countTags, type TagCount, type ViewCounts } from '../model/views';
import { touchVisit } from '../model/visits';
import { pageKeyFromUrl } from '../site/pages';
import { toPaperState } from './merge';
import { getDb } from './schema';

/** Default and largest page size of {@link listPapers}. */
export const LIST_LIMIT = { default: 50, max: 1_000 } as const;

/** Rows read per slice by {@link readAllPapers}: large enough to be quick, small enough to stay smooth. */
export const READ_SLICE = 1_000;

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
export async function readRows(ids: readonly string[]): Promise<Map<string, StoredPaper>> {
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
 * The states of the known papers among `ids`, in request order, once each; unknown ids are skipped. With
 * `pageUrl`, each state also says whether the paper is new on that list (read-only).
 */
export async function getStates(
  ids: readonly string[],
  pageUrl?: string,
  now: number = Date.now(),
): Promise<PaperState[]> {
  return (await getListStates(ids, pageUrl, now)).states;
}

/**
 * As {@link getStates}, with when the list was last visited before this visit (absent on its first visit,
 * when nothing on it is new since a previous one).
 */
export async function getListStates(
  ids: readonly string[],
  pageUrl?: string,
  now: number = Date.now(),
): Promise<{ states: PaperState[]; previousVisitAt?: number }> {
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
  const states = unique.flatMap((id) => {
    const row = rows.get(id);
    return row === undefined ? [] : [toPaperState(row, page)];
  });
  return page?.previousVisitAt === undefined ? { states } : { states, previousVisitAt: page.previousVisitAt };
}

/** The index each date-ordered view is read through. */
const VIEW_INDEX = { saved: 'savedAt', read: 'readAt', all: 'lastSeenAt' } as const;

/** Papers in state `seen`, through `[state+lastSeenAt]` (so in `lastSeenAt` order). */
function seenRange() {
  return getDb().papers.where('[state+lastSeenAt]').between(['seen', Dexie.minKey], ['seen', Dexie.maxKey]);
}

/** Every paper with the tag (any case), once each, in the view's order. */
async function tagRows(tag: string): Promise<StoredPaper[]> {
  const db = getDb();
  // A paper carrying two spellings of the tag is found twice.
  const ids = [...new Set(await db.papers.where('tags').equalsIgnoreCase(tag).primaryKeys())];
  const rows = (await db.papers.bulkGet(ids)).filter((r): r is StoredPaper => r !== undefined);
  return rows.sort(comparePapers('date', { kind: 'tag', tag }));
}

/**
 * `limit` papers of a view from `offset` on, in the view's order (see the module comment), through the
 * indexes; no total, so that the popup draws its first rows before anything is counted.
 *
 * - `saved`: saved papers; `read`: papers with `readAt`; `seen`: papers in state `seen` (on screen, not
 *   read; `lastSeenAt` is exact to within an hour, see `LAST_SEEN_REFRESH_MS` in papers.ts); `all`: every
 *   paper; `tag`: papers with the tag (case-insensitive).
 */
export async function readPage(view: PaperView, limit: number, offset = 0): Promise<StoredPaper[]> {
  switch (view.kind) {
    case 'tag':
      return (await tagRows(view.tag)).slice(offset, offset + limit);
    case 'seen':
      return seenRange().reverse().offset(offset).limit(limit).toArray();
    default:
      return getDb().papers.orderBy(VIEW_INDEX[view.kind]).reverse().offset(offset).limit(limit).toArray();
  }
}

/**
 * One page of a view (as {@link readPage}) with the view's total, in one transaction: the `listPapers`
 * message. `limit` is bounded by {@link LIST_LIMIT}; a negative offset counts as 0.
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
    if (view.kind === 'tag') {
      const rows = await tagRows(view.tag);
      return { papers: rows.slice(skip, skip + take), total: rows.length };
    }
    const [papers, total] = await Promise.all([
      readPage(view, take, skip),
      view.kind === 'seen'
        ? db.papers.where('state').equals('seen').count()
        : db.papers.orderBy(VIEW_INDEX[view.kind]).count(),
    ]);
    return { papers, total };
  });
}

/**
 * Every tag in use with the number of papers carrying it, most used first (then alphabetically); tags
 * differing only in case count as one, with the spelling found first ({@link countTags}).
 */
export async function listTags(): Promise<TagCount[]> {
  return countTags((await getDb().papers.orderBy('tags').keys()) as string[]);
}

/**
 * How many papers each of the popup's views holds (as `inView` in lib/model/views.ts decides), counted
 * on the indexes without reading the rows.
 */
export async function readViewCounts(): Promise<ViewCounts> {
  const db = getDb();
  return db.transaction('r', db.papers, async () => {
    const [saved, read, seen, tags] = await Promise.all([
      db.papers.orderBy('savedAt').count(),
      db.papers.where('state').equals('read').count(),
      db.papers.where('state').equals('seen').count(),
      listTags(),
    ]);
    return { saved, read, seen, tags };
  });
}

/** Counts for the options page: every paper, the popup's view counts, and how many distinct tags. */
export async function getStats(): Promise<StoreStats> {
  const db = getDb();
  return db.transaction('r', db.papers, async () => {
    const [papers, counts] = await Promise.all([db.papers.count(), readViewCounts()]);
    return { papers, saved: counts.saved, read: counts.read, seen: counts.seen, tags: counts.tags.length };
  });
}

/**
 * Reads every paper, {@link READ_SLICE} rows at a time in id order, handing each slice to `onSlice`
 * (so the caller can index while the next slice is read). Returns how many rows were read.
 */
export async function readAllPapers(
  onSlice: (papers: StoredPaper[]) => void | Promise<void>,
): Promise<number> {
  const db = getDb();
  let last: string | undefined;
  let total = 0;
  for (;;) {
    const slice = await (last === undefined ? db.papers.orderBy(':id') : db.papers.where(':id').above(last))
      .limit(READ_SLICE)
      .toArray();
    if (slice.length === 0) return total;
    total += slice.length;
    last = slice[slice.length - 1]!.id;
    await onSlice(slice);
    if (slice.length < READ_SLICE) return total;
  }
}

/** The papers with these ids, in order; `undefined` for an id the store does not have (any more). */
export async function readPapers(ids: readonly string[]): Promise<(StoredPaper | undefined)[]> {
  return getDb().papers.bulkGet([...ids]);
}
