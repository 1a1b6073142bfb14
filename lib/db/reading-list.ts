/**
 * The popup's READ queries. The popup is an extension page, so it may read the extension's IndexedDB
 * directly (a message round trip per read would cost the first paint); every write still goes through
 * the message protocol, whose handlers validate, write and publish the change feed.
 *
 * Nothing here writes. The queries use the same indexes as `listPapers` in `papers.ts`.
 */
import Dexie from 'dexie';
import type { StoredPaper } from '../model/paper';
import type { ListView, ViewCounts } from '../model/views';
import { countTags } from '../model/views';
import { getDb } from './schema';

/** Rows read per slice by {@link readAllPapers}: large enough to be quick, small enough to stay smooth. */
export const READ_SLICE = 1_000;

/**
 * The first `limit` papers of a view in its date order (see `viewDate` in lib/model/views.ts), through
 * the indexes, so that the popup can draw its first rows before the whole list is read.
 */
export async function readFirstPage(view: ListView, limit: number): Promise<StoredPaper[]> {
  const db = getDb();
  switch (view.kind) {
    case 'saved':
      return db.papers.orderBy('savedAt').reverse().limit(limit).toArray();
    case 'read':
      return db.papers.orderBy('readAt').reverse().limit(limit).toArray();
    case 'seen':
      return db.papers
        .where('[state+lastSeenAt]')
        .between(['seen', Dexie.minKey], ['seen', Dexie.maxKey])
        .reverse()
        .limit(limit)
        .toArray();
    case 'tag': {
      const ids = [...new Set(await db.papers.where('tags').equalsIgnoreCase(view.tag).primaryKeys())];
      const rows = (await db.papers.bulkGet(ids)).filter((r): r is StoredPaper => r !== undefined);
      rows.sort((a, b) => (b.savedAt ?? b.lastSeenAt) - (a.savedAt ?? a.lastSeenAt));
      return rows.slice(0, limit);
    }
  }
}

/** How many papers each view holds, counted on the indexes without reading the rows. */
export async function readViewCounts(): Promise<ViewCounts> {
  const db = getDb();
  return db.transaction('r', db.papers, async () => {
    const [saved, read, seen, tagKeys] = await Promise.all([
      db.papers.orderBy('savedAt').count(),
      db.papers.where('state').equals('read').count(),
      db.papers.where('state').equals('seen').count(),
      db.papers.orderBy('tags').keys(),
    ]);
    return { saved, read, seen, tags: countTags(tagKeys as string[]) };
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
