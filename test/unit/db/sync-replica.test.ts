/**
 * The IndexedDB side of sync (`DexieReplica`): how local changes get their stamps, how changes from
 * other devices land in the reading list, and what is never lost on the way.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import { importBackup } from '../../../lib/db/backup';
import {
  eraseAll,
  observePapers,
  setNote,
  setRead,
  setSaved,
  setTags,
  setWatched,
} from '../../../lib/db/papers';
import { CLOCK_KEY, deleteDb, getDb, TOMBSTONES_KEY } from '../../../lib/db/schema';
import { DexieReplica } from '../../../lib/db/sync-replica';
import type { PaperState } from '../../../lib/model/paper';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { loadSettings, saveSettings } from '../../../lib/settings';
import { compareStamped } from '../../../lib/sync/stamp';
import type { SyncPaper, SyncState } from '../../../lib/sync/types';
import { idOf, makeRecord } from '../../fixtures/db/records';

const DAY = 'https://huggingface.co/papers/date/2025-01-31';
const T0 = 1_738_000_000_000; // ms
const S0 = T0 / 1000; // the same instant in clock seconds
const MIN = 60_000;

let now = T0;
let changed: PaperState[] = [];
let queued = 0;
const replica = () =>
  new DexieReplica({
    now: () => now,
    onPapersChanged: (states) => {
      changed.push(...states);
    },
    onQueued: () => {
      queued++;
    },
  });
const incoming = (papers: Record<string, SyncPaper>, settings: SyncState['settings'] = {}): SyncState => ({
  papers: new Map(Object.entries(papers)),
  settings,
});
const row = (n: number | string) => getDb().papers.get(typeof n === 'string' ? n : idOf(n));

beforeEach(async () => {
  await deleteDb();
  fakeBrowser.reset();
  now = T0;
  changed = [];
  queued = 0;
});

describe('stamping local changes', () => {
  it('stamps an existing library on the first pass with the times it records', async () => {
    await observePapers([makeRecord(1), makeRecord(2), makeRecord(3)], DAY, T0 - 10 * MIN);
    await setSaved(idOf(1), true, undefined, T0 - 9 * MIN);
    await setRead(idOf(2), true, T0 - 8 * MIN);
    await setTags(idOf(3), ['LLM', 'to read'], T0 - 7 * MIN);
    await setNote(idOf(3), 'Compare with 2401.00001', T0 - 6 * MIN);

    const state = await replica().load();
    expect(state.papers.get(idOf(1))).toEqual({ saved: { value: true, at: S0 - 540 } });
    expect(state.papers.get(idOf(2))).toEqual({ read: { value: true, at: S0 - 480 } });
    expect(state.papers.get(idOf(3))).toEqual({
      note: { value: 'Compare with 2401.00001', at: S0 - 360 },
      tags: { llm: { value: 'LLM', at: S0 - 360 }, 'to read': { value: 'to read', at: S0 - 360 } },
    });
    // Seen marks do not sync.
    expect(state.papers.size).toBe(3);
  });

  it('stamps nothing anew when nothing changed, and keeps the clock where it was', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await setSaved(idOf(1), true, undefined, T0);
    const first = await replica().load();
    const clock = (await getDb().meta.get(CLOCK_KEY))?.value;
    now += 5 * MIN;
    const second = await replica().load();
    expect(second).toEqual(first);
    expect((await getDb().meta.get(CLOCK_KEY))?.value).toBe(clock);
  });

  it('stamps a change made after seeing another device later than what it saw, even with a slow clock', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await replica().load();
    // Another device's change, stamped an hour ahead of this device's wall clock.
    await replica().observe(S0 + 3600);
    await setRead(idOf(1), true, T0 + MIN);
    const state = await replica().load();
    expect(state.papers.get(idOf(1))?.read).toEqual({ value: true, at: S0 + 3601 });
  });

  it('keeps the time of a change made offline, so a later change on another device wins over it', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await setRead(idOf(1), true, T0);
    await replica().load();
    // Offline: unread at T0 + 10 min. The sync runs an hour later; another device read it at T0 + 30 min.
    await setRead(idOf(1), false, T0 + 10 * MIN);
    now = T0 + 60 * MIN;
    const local = await replica().load();
    expect(local.papers.get(idOf(1))?.read).toEqual({ value: false, at: S0 + 600 });
    await replica().observe(S0 + 1800);
    await replica().apply(incoming({ [idOf(1)]: { read: { value: true, at: S0 + 1800 } } }));
    expect((await row(1))?.state).toBe('read');
  });

  it('gives every change of one pass the same floor: a bulk action does not push the clock ahead', async () => {
    const records = Array.from({ length: 500 }, (_, n) => makeRecord(n));
    await observePapers(records, DAY, T0);
    for (const r of records) await setRead(r.id, true, T0);
    await replica().load();
    expect((await getDb().meta.get(CLOCK_KEY))?.value).toBe(S0);
  });

  it('turns a removal into a tombstone: unsave, unread, untag, a cleared note', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await setSaved(idOf(1), true, undefined, T0);
    await setRead(idOf(1), true, T0);
    await setTags(idOf(1), ['Keep', 'Drop'], T0);
    await setNote(idOf(1), 'x', T0);
    await replica().load();
    now = T0 + MIN;
    await setSaved(idOf(1), false, undefined, now);
    await setRead(idOf(1), false, now);
    await setTags(idOf(1), ['Keep'], now);
    await setNote(idOf(1), '', now);
    const paper = (await replica().load()).papers.get(idOf(1))!;
    expect(paper.saved).toEqual({ value: false, at: S0 + 60 });
    expect(paper.read).toEqual({ value: false, at: S0 + 60 });
    expect(paper.note).toEqual({ value: '', at: S0 + 60 });
    expect(paper.tags?.drop).toEqual({ value: null, at: S0 + 60 });
    expect(paper.tags?.keep).toEqual({ value: 'Keep', at: S0 });
  });

  it('a backup imported in replace mode removes, everywhere, what the backup does not have', async () => {
    await observePapers([makeRecord(1), makeRecord(2)], DAY, T0);
    await setSaved(idOf(1), true, undefined, T0);
    await setSaved(idOf(2), true, undefined, T0);
    await replica().load();
    const backup = {
      format: 'daily-papers-companion-backup',
      version: 1,
      exportedAt: new Date(T0).toISOString(),
      papers: [
        {
          ...makeRecord(2),
          state: 'seen',
          firstSeenAt: T0,
          lastSeenAt: T0,
          savedAt: T0,
          tags: [],
          updatedAt: T0,
        },
      ],
      pages: [],
    };
    now = T0 + MIN;
    const result = await importBackup(backup, 'replace');
    expect(result.ok).toBe(true);
    const state = await replica().load();
    // Removed when the backup replaced the library.
    expect(state.papers.get(idOf(1))?.saved).toEqual({ value: false, at: S0 + 60 });
    expect(state.papers.get(idOf(2))?.saved).toEqual({ value: true, at: S0 });
  });

  it('erasing all data forgets the stamps but never moves the clock back', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await setSaved(idOf(1), true, undefined, T0);
    await replica().load();
    await eraseAll();
    expect(await getDb().syncStamps.count()).toBe(0);
    expect((await getDb().meta.get(CLOCK_KEY))?.value).toBe(S0);
    expect((await replica().load()).papers.size).toBe(0);
  });
});

describe('applying what other devices did', () => {
  it('stamps a paper watched without being saved with the time it was watched, and its unwatching', async () => {
    await observePapers([makeRecord(1)], DAY, T0 - 10 * MIN);
    await setWatched(idOf(1), true, T0 - 5 * MIN);
    expect((await replica().load()).papers.get(idOf(1))).toEqual({ watched: { value: true, at: S0 - 300 } });
    now = T0 + MIN;
    await setWatched(idOf(1), false, now);
    expect((await replica().load()).papers.get(idOf(1))?.watched).toEqual({ value: false, at: S0 + 60 });
  });

  it('watches what another device watches, and stops when it stops, newer stamp first', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await replica().load();
    await replica().apply(incoming({ [idOf(1)]: { watched: { value: true, at: S0 + 5 } } }));
    expect(await row(1)).toMatchObject({ watchedAt: T0 + 5_000 });
    expect(changed.at(-1)).toMatchObject({ id: idOf(1), watched: true, saved: false });
    await replica().apply(incoming({ [idOf(1)]: { watched: { value: false, at: S0 + 4 } } }));
    expect((await row(1))?.watchedAt).toBe(T0 + 5_000);
    await replica().apply(incoming({ [idOf(1)]: { watched: { value: false, at: S0 + 6 } } }));
    expect(await row(1)).not.toHaveProperty('watchedAt');
    // A paper never shown here is created, watched, and its title asked of the site.
    const id = '2502.04321';
    await replica().apply(incoming({ [id]: { watched: { value: true, at: S0 } } }));
    expect(await row(id)).toMatchObject({ id, title: '', watchedAt: T0 });
    expect(await row(id)).not.toHaveProperty('savedAt');
    expect((await getDb().enrichment.toArray()).map((e) => e.id)).toEqual([id]);
  });

  it('creates a paper it has never shown, queues saved ones for the site API, and tells the tabs', async () => {
    const id = '2502.01234';
    const applied = await replica().apply(
      incoming({
        [id]: { saved: { value: true, at: S0 }, tags: { llm: { value: 'LLM', at: S0 } } },
        '2502.05678': { read: { value: true, at: S0 } },
      }),
    );
    expect(applied).toBe(3);
    expect(await row(id)).toMatchObject({
      id,
      title: '',
      savedAt: T0,
      tags: ['LLM'],
      state: 'seen',
      arxivUrl: `https://arxiv.org/abs/${id}`,
    });
    expect(await row('2502.05678')).toMatchObject({ state: 'read', readAt: T0 });
    // Only the saved one is fetched: read marks get their title from the card that shows them.
    expect((await getDb().enrichment.toArray()).map((e) => e.id)).toEqual([id]);
    expect(queued).toBe(1);
    expect(changed.map((s) => s.id).sort()).toEqual([id, '2502.05678']);
  });

  it('applies a newer removal and ignores an older one', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await setSaved(idOf(1), true, undefined, T0);
    await replica().load();
    await replica().apply(incoming({ [idOf(1)]: { saved: { value: false, at: S0 - 1 } } }));
    expect((await row(1))?.savedAt).toBe(T0);
    await replica().apply(incoming({ [idOf(1)]: { saved: { value: false, at: S0 + 1 } } }));
    expect((await row(1))?.savedAt).toBeUndefined();
    expect(await getDb().enrichment.get(idOf(1))).toBeUndefined();
  });

  it('keeps a local change made between the pass and the arrival, whatever the arrival says', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await replica().load();
    await replica().observe(S0 + 100);
    // The user tags the paper while the sync runs; the remote says "no tags" at a later stamp than ours.
    await setTags(idOf(1), ['mine'], T0 + 1000);
    await replica().apply(incoming({ [idOf(1)]: { tags: { mine: { value: null, at: S0 + 100 } } } }));
    expect((await row(1))?.tags).toEqual(['mine']);
    const state = await replica().load();
    expect(state.papers.get(idOf(1))?.tags?.mine).toEqual({ value: 'mine', at: S0 + 101 });
  });

  it('merges tags by their case-folded form and keeps the order the row had', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await setTags(idOf(1), ['b', 'A'], T0);
    await replica().load();
    await replica().apply(
      incoming({
        [idOf(1)]: {
          tags: {
            a: { value: 'a', at: S0 + 5 },
            c: { value: 'C', at: S0 + 5 },
            b: { value: null, at: S0 - 5 },
          },
        },
      }),
    );
    expect((await row(1))?.tags).toEqual(['b', 'a', 'C']);
  });

  it('refuses what the store would refuse: odd ids, oversized tags and notes are cut or left out', async () => {
    await replica().apply(
      incoming({
        __proto__x: { saved: { value: true, at: S0 } },
        'not-an-id': { saved: { value: true, at: S0 } },
        '2502.00001': {
          saved: { value: true, at: S0 },
          tags: { long: { value: 'x'.repeat(65), at: S0 } },
          note: { value: 'n'.repeat(20_000), at: S0 },
        },
      }),
    );
    expect(await getDb().papers.count()).toBe(1);
    const stored = await row('2502.00001');
    expect(stored?.tags).toEqual([]);
    expect(stored?.note?.length).toBe(10_000);
  });

  // The replica once kept its own comparison, which stopped at the value: of two copies of one tombstone it
  // kept the unpublished one where every other device (and the decoder) keeps the published one.
  it('decides between equal stamps and values by the shared rule: the published copy of a tombstone wins', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await setSaved(idOf(1), true, undefined, T0);
    await replica().load();
    now = T0 + MIN;
    await setSaved(idOf(1), false, undefined, now);
    const local = (await replica().load()).papers.get(idOf(1))!.saved!;
    expect(local).toEqual({ value: false, at: S0 + 60 });
    const published = { ...local, published: S0 + 90 };
    expect(compareStamped(published, local)).toBeGreaterThan(0);
    await replica().apply(incoming({ [idOf(1)]: { saved: published } }));
    expect((await replica().load()).papers.get(idOf(1))?.saved).toEqual(published);
  });

  it('an equal stamp is decided by the value, the same way on every device', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await setNote(idOf(1), 'alpha', T0);
    await replica().load();
    await replica().apply(incoming({ [idOf(1)]: { note: { value: 'beta', at: S0 } } }));
    expect((await row(1))?.note).toBe('beta');
    await replica().apply(incoming({ [idOf(1)]: { note: { value: 'alpha', at: S0 } } }));
    expect((await row(1))?.note).toBe('beta');
  });
});

describe('settings', () => {
  it('a device joining takes the shared settings instead of imposing its defaults', async () => {
    const local = await replica().load();
    expect(local.settings).toEqual({});
    await replica().apply(incoming({}, { overlayStyle: { value: 'hide', at: 5 } }));
    expect((await loadSettings()).overlayStyle).toBe('hide');
  });

  it('a setting changed here is stamped now and wins over an older remote value', async () => {
    await replica().load();
    await saveSettings({ badge: 'unread' });
    now = T0 + MIN;
    const state = await replica().load();
    expect(state.settings.badge).toEqual({ value: 'unread', at: S0 + 60 });
    await replica().apply(incoming({}, { badge: { value: 'new', at: S0 } }));
    expect((await loadSettings()).badge).toBe('unread');
  });

  it('ignores unknown settings and values this version does not know', async () => {
    await replica().load();
    await replica().apply(
      incoming(
        {},
        {
          overlayStyle: { value: 'blink', at: S0 },
          nonsense: { value: true, at: S0 },
          keyboardShortcuts: { value: false, at: S0 },
        },
      ),
    );
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, keyboardShortcuts: false });
  });
});

describe('collecting tombstones', () => {
  it('forgets published tombstones at or before the watermark and keeps everything else', async () => {
    await observePapers([makeRecord(1), makeRecord(2)], DAY, T0);
    await setSaved(idOf(1), true, undefined, T0);
    await setTags(idOf(2), ['x'], T0);
    await replica().load();
    now = T0 + MIN;
    await setSaved(idOf(1), false, undefined, now);
    await setTags(idOf(2), [], now);
    await replica().load();
    await replica().markPublished(S0 + 100);
    await replica().collect(S0 + 99);
    expect((await replica().load()).papers.get(idOf(1))?.saved?.value).toBe(false);
    await replica().collect(S0 + 100);
    const state = await replica().load();
    expect(state.papers.has(idOf(1))).toBe(false);
    expect(state.papers.has(idOf(2))).toBe(false);
    // Collecting never changes the reading list itself.
    expect((await row(1))?.savedAt).toBeUndefined();
  });

  it('keeps the list of papers with removals in step, so publishing and collecting read only those', async () => {
    const tombstoned = async () =>
      ((await getDb().meta.get(TOMBSTONES_KEY))?.value as string[] | undefined)?.sort();
    await observePapers([makeRecord(1), makeRecord(2), makeRecord(3)], DAY, T0);
    for (const n of [1, 2, 3]) await setSaved(idOf(n), true, undefined, T0);
    await replica().load();
    await replica().markPublished(S0); // builds the list: no removal yet
    expect(await tombstoned()).toEqual([]);
    now = T0 + MIN;
    await setSaved(idOf(2), false, undefined, now);
    await replica().load();
    expect(await tombstoned()).toEqual([idOf(2)]);
    await replica().apply(incoming({ [idOf(3)]: { saved: { value: false, at: S0 + 120 } } }));
    expect(await tombstoned()).toEqual([idOf(2), idOf(3)]);
    await replica().markPublished(S0 + 200);
    await replica().collect(S0 + 200);
    expect(await tombstoned()).toEqual([]);
    const state = await replica().load();
    expect([...state.papers.keys()]).toEqual([idOf(1)]);
  });
});
