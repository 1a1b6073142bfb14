/**
 * The state index follows the store: after a visit, every kind of write, an import, erasing, and a sync
 * that brought papers this device never saw. Checked against the store itself: each month's value is
 * what rebuilding it from the rows gives, and the visits are the store's.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { ensureIndex, indexChange, resetIndexKeeper } from '../../../lib/background/state-index';
import { exportBackup } from '../../../lib/db/backup';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { DexieReplica } from '../../../lib/db/sync-replica';
import type { PaperState, StoredPaper } from '../../../lib/model/paper';
import {
  decodeMonth,
  encodeMonth,
  entryOf,
  INDEX_META_KEY,
  INDEX_PAGES_KEY,
  type IndexMeta,
  indexKeyOf,
  lookupEntry,
  recordFingerprint,
} from '../../../lib/model/state-index';
import type { SyncPaper } from '../../../lib/sync/types';
import { idOf, makeRecord } from '../../fixtures/db/records';

const NOW = Date.UTC(2026, 10, 30, 9);
const DAY = 'https://huggingface.co/papers/date/2026-11-30';
const MONTH = '2401';

async function local(key: string): Promise<unknown> {
  return (await fakeBrowser.storage.local.get(key))[key];
}

/** The month's value as a rebuild from the store's rows would write it. */
async function fromStore(): Promise<string> {
  return encodeMonth((await getDb().papers.toArray()).map(entryOf));
}

/** A month's entries in short: id, then r(ead) s(een) S(aved) x (dismissed). */
const brief = (text: string) =>
  decodeMonth(text, MONTH).map(
    (e) => `${e.id} ${e.read ? 'r' : ''}${e.seen ? 's' : ''}${e.saved ? 'S' : ''}${e.dismissed ? 'x' : ''}`,
  );

/** The index's month, in short (the fingerprints aside: observations keep the reading's). */
async function indexedStates(): Promise<string[]> {
  return brief(((await local(indexKeyOf(MONTH))) as string | undefined) ?? '');
}

/** The month as a rebuild from the store would write it, in short. */
async function storeStates(): Promise<string[]> {
  return brief(await fromStore());
}

describe('the state index, kept by the background', () => {
  let now = NOW;
  let handlers: ReturnType<typeof createHandlers>;
  beforeEach(async () => {
    await deleteDb();
    resetIndexKeeper();
    now = NOW;
    handlers = createHandlers({ now: () => now });
  });

  it('is built on the first visit, then holds each paper with the fingerprint of the reading the store took', async () => {
    const records = [1, 2, 3].map((n) => makeRecord(n, { upvotes: n, summary: `Abstract ${n}` }));
    await handlers.observePapers({ papers: records, pageUrl: DAY });
    expect(await local(INDEX_META_KEY)).toMatchObject({ version: 1, months: [MONTH] });
    const text = (await local(indexKeyOf(MONTH))) as string;
    for (const record of records) {
      expect(lookupEntry(text, record.id)).toEqual({
        id: record.id,
        read: false,
        seen: false,
        saved: false,
        hasSummary: true,
        firstSeenAt: NOW,
        fingerprint: recordFingerprint(record),
      });
    }
    expect((await local(INDEX_PAGES_KEY)) as object).toEqual({ 'date:2026-11-30': [NOW, NOW] });
  });

  it('follows reads, saves and seen marks, and records the next visit', async () => {
    await handlers.observePapers({ papers: [1, 2, 3, 4].map((n) => makeRecord(n)), pageUrl: DAY });
    await handlers.setRead({ id: idOf(1), read: true });
    await handlers.setSaved({ id: idOf(2), saved: true });
    await handlers.markSeen({ ids: [idOf(3)] });
    await handlers.setReadMany({ ids: [idOf(4), idOf(1)], read: true });
    await handlers.setRead({ id: idOf(1), read: false });
    await handlers.setDismissed({ id: idOf(3), dismissed: true });
    expect(await indexedStates()).toEqual(await storeStates());
    expect(await indexedStates()).toEqual([`${idOf(1)} s`, `${idOf(2)} S`, `${idOf(3)} sx`, `${idOf(4)} rs`]);

    now = NOW + 3 * 3_600_000;
    await handlers.observePapers({ papers: [], pageUrl: DAY });
    expect((await local(INDEX_PAGES_KEY)) as object).toEqual({ 'date:2026-11-30': [now, now, NOW] });
  });

  it('ends as the store after a burst of writes from several tabs at once, each paper with its last state', async () => {
    const ids = Array.from({ length: 30 }, (_, n) => idOf(n + 1));
    await handlers.observePapers({ papers: ids.map((id) => makeRecord(id)), pageUrl: DAY });
    await Promise.all(
      ids.flatMap((id, n) => [
        handlers.setSaved({ id, saved: true }),
        handlers.setRead({ id, read: true }),
        n % 2 ? handlers.setRead({ id, read: false }) : handlers.setSaved({ id, saved: false }),
      ]),
    );
    expect(await indexedStates()).toEqual(await storeStates());
  });

  it('is rebuilt from the store after an import, and emptied by erasing everything', async () => {
    await handlers.observePapers({ papers: [1, 2].map((n) => makeRecord(n)), pageUrl: DAY });
    await handlers.setSaved({ id: idOf(1), saved: true });
    const backup = await exportBackup(NOW);
    await handlers.observePapers({ papers: [3, 4, 5].map((n) => makeRecord(n)), pageUrl: DAY });

    await handlers.importBackup({ backup, mode: 'replace' });
    expect(await getDb().papers.count()).toBe(2);
    expect(await local(indexKeyOf(MONTH))).toBe(await fromStore());
    expect(await indexedStates()).toEqual([`${idOf(1)} S`, `${idOf(2)} `]);
    expect(Object.keys((await local(INDEX_PAGES_KEY)) as object)).toEqual(
      (await getDb().pages.toArray()).map((page) => page.key),
    );

    // Merged, the papers the backup lacks stay, in the store and in the index.
    await handlers.observePapers({ papers: [6].map((n) => makeRecord(n)), pageUrl: DAY });
    await handlers.importBackup({ backup, mode: 'merge' });
    expect(await getDb().papers.count()).toBe(3);
    expect(await local(indexKeyOf(MONTH))).toBe(await fromStore());

    await handlers.eraseAll({});
    expect(await local(indexKeyOf(MONTH))).toBeUndefined();
    expect(await local(INDEX_META_KEY)).toMatchObject({ version: 1, months: [] });
    expect(await local(INDEX_PAGES_KEY)).toEqual({});
  });

  it('takes the papers a sync brought, which it never held, from the rows the sync wrote', async () => {
    await handlers.observePapers({ papers: [makeRecord(1), makeRecord(2)], pageUrl: DAY });
    const changed: PaperState[] = [];
    const written: StoredPaper[] = [];
    const replica = new DexieReplica({
      now: () => now,
      onPapersChanged: (states, rows) => {
        changed.push(...states);
        written.push(...rows);
      },
    });
    const at = Math.floor(NOW / 1000) + 10;
    // More papers than a patch of states would take (a library arriving): each from its row as written.
    const arriving = Array.from({ length: 6_000 }, (_, n) => idOf(n + 10));
    await replica.apply({
      papers: new Map<string, SyncPaper>([
        [idOf(1), { read: { value: true, at } }],
        ...arriving.map((id): [string, SyncPaper] => [id, { saved: { value: true, at } }]),
      ]),
      settings: {},
    });
    expect(written.map((row) => row.id)).toEqual(changed.map((state) => state.id));
    await indexChange(changed, written);
    expect(await local(indexKeyOf(MONTH))).toBe(await fromStore());
    // The paper the sync left alone keeps its entry.
    expect((await indexedStates()).slice(0, 3)).toEqual([`${idOf(1)} rs`, `${idOf(2)} `, `${idOf(10)} sS`]);
  });

  it('takes the papers a change names, which it never held, from the store', async () => {
    await handlers.observePapers({ papers: [makeRecord(1)], pageUrl: DAY });
    const changed: PaperState[] = [];
    const replica = new DexieReplica({
      now: () => now,
      onPapersChanged: (states) => void changed.push(...states),
    });
    const at = Math.floor(NOW / 1000) + 10;
    await replica.apply({
      papers: new Map([
        [idOf(1), { read: { value: true, at } }],
        [idOf(7), { saved: { value: true, at } }],
        [idOf(8), { read: { value: true, at } }],
      ]),
      settings: {},
    });
    await indexChange(changed);
    expect(await indexedStates()).toEqual(await storeStates());
    expect(await indexedStates()).toEqual([`${idOf(1)} rs`, `${idOf(7)} sS`, `${idOf(8)} rs`]);
  });

  it('rebuilds an index of another format, or a missing one, once per start', async () => {
    await handlers.observePapers({ papers: [1, 2].map((n) => makeRecord(n)), pageUrl: DAY });
    await fakeBrowser.storage.local.set({ [INDEX_META_KEY]: { version: 0 }, [indexKeyOf(MONTH)]: 'garbage' });
    resetIndexKeeper();
    await ensureIndex();
    expect(await local(indexKeyOf(MONTH))).toBe(await fromStore());
    expect(((await local(INDEX_META_KEY)) as IndexMeta).version).toBe(1);
  });

  it('is never half-written where a reader could take it for whole: the description goes last', async () => {
    await handlers.observePapers({ papers: [1].map((n) => makeRecord(n)), pageUrl: DAY });
    const writes: string[][] = [];
    fakeBrowser.storage.local.onChanged.addListener((changes) => void writes.push(Object.keys(changes)));
    await handlers.importBackup({ backup: await exportBackup(NOW), mode: 'replace' });
    const metaWrites = writes.flatMap((keys, i) => (keys.includes(INDEX_META_KEY) ? [i] : []));
    const monthWrites = writes.flatMap((keys, i) => (keys.includes(indexKeyOf(MONTH)) ? [i] : []));
    expect(Math.max(...monthWrites)).toBeLessThan(Math.max(...metaWrites));
  });
});
