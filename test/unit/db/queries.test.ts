import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import {
  eraseAll,
  markSeen,
  observePapers,
  setNote,
  setRead,
  setSaved,
  setTags,
} from '../../../lib/db/papers';
import {
  getStates,
  getStats,
  listPapers,
  listTags,
  READ_SLICE,
  readAllPapers,
  readPage,
  readPapers,
  readViewCounts,
} from '../../../lib/db/queries';
import { deleteDb, getDb } from '../../../lib/db/schema';
import type { StoredPaper } from '../../../lib/model/paper';
import { comparePapers, inView, type ListView } from '../../../lib/model/views';
import { idOf, makeRecord } from '../../fixtures/db/records';
import { generateLibrary, makePaper } from '../../support/papers';

const PAGE = 'https://huggingface.co/papers';
const DAY = 'https://huggingface.co/papers/date/2025-01-31';
const T0 = 1_738_000_000_000;
const MIN = 60_000;

beforeEach(async () => {
  await deleteDb();
});

describe('the popup reads the store directly', () => {
  it('reads the first rows of each view in its date order', async () => {
    let clock = 1_000;
    const handlers = createHandlers({ now: () => clock++ });
    await handlers.observePapers({ papers: [1, 2, 3, 4, 5].map((n) => makeRecord(n)), pageUrl: PAGE });
    await handlers.markSeen({ ids: [idOf(1), idOf(2), idOf(3), idOf(4)] });
    for (const n of [3, 1, 2]) await handlers.setSaved({ id: idOf(n), saved: true });
    for (const n of [2, 4]) await handlers.setRead({ id: idOf(n), read: true });
    await handlers.setTags({ id: idOf(4), tags: ['RL'] });
    await handlers.setTags({ id: idOf(1), tags: ['rl', 'survey'] });
    // Paper 1 is seen again two hours later (the store refreshes `lastSeenAt` at most hourly).
    clock += 2 * 3_600_000;
    await handlers.observePapers({ papers: [makeRecord(1)], pageUrl: PAGE });

    const ids = async (view: Parameters<typeof readPage>[0], limit = 10) =>
      (await readPage(view, limit)).map((p) => p.id);
    expect(await ids({ kind: 'saved' })).toEqual([idOf(2), idOf(1), idOf(3)]);
    expect(await ids({ kind: 'saved' }, 2)).toEqual([idOf(2), idOf(1)]);
    expect(await ids({ kind: 'read' })).toEqual([idOf(4), idOf(2)]);
    expect(await ids({ kind: 'seen' })).toEqual([idOf(1), idOf(3)]);
    expect(await ids({ kind: 'tag', tag: 'Rl' })).toEqual([idOf(1), idOf(4)]);

    expect(await readViewCounts()).toEqual({
      saved: 3,
      read: 2,
      seen: 2,
      tags: [
        { tag: 'RL', count: 2 },
        { tag: 'survey', count: 1 },
      ],
    });
    expect((await readPapers([idOf(5), idOf(99)])).map((p) => p?.id)).toEqual([idOf(5), undefined]);
  });

  it('reads everything in slices, in id order, without missing or repeating a row', async () => {
    const papers = generateLibrary(2 * READ_SLICE + 17);
    await getDb().papers.bulkPut(papers);
    const slices: number[] = [];
    const seen: string[] = [];
    const total = await readAllPapers((slice) => {
      slices.push(slice.length);
      seen.push(...slice.map((p) => p.id));
    });
    expect(total).toBe(papers.length);
    expect(slices).toEqual([READ_SLICE, READ_SLICE, 17]);
    expect(seen).toEqual(papers.map((p) => p.id).sort());
  });

  it('never writes: a popup read leaves the store as it was', async () => {
    const handlers = createHandlers({ now: () => 1 });
    await handlers.observePapers({ papers: [makeRecord(1)], pageUrl: PAGE });
    const before = await getDb().papers.toArray();
    await readPage({ kind: 'saved' }, 10);
    await readViewCounts();
    await readAllPapers(() => undefined);
    expect(await getDb().papers.toArray()).toEqual(before);
  });
});

describe('listPapers, listTags, getStats', () => {
  beforeEach(async () => {
    // Papers 0..9 seen on the list at T0 + n minutes; 0..4 saved, 5..7 read, 2 tagged.
    for (let n = 0; n < 10; n++) await observePapers([makeRecord(n)], DAY, T0 + n * MIN);
    await markSeen(
      Array.from({ length: 10 }, (_, n) => idOf(n)),
      T0 + 20 * MIN,
    );
    for (let n = 0; n < 5; n++) await setSaved(idOf(n), true, undefined, T0 + (30 + ((n * 7) % 5)) * MIN);
    for (let n = 5; n < 8; n++) await setRead(idOf(n), true, T0 + (40 - n) * MIN);
    await setTags(idOf(1), ['ML', 'vision'], T0);
    await setTags(idOf(6), ['ml'], T0);
  });

  it('lists saved papers by savedAt, newest first, with the total', async () => {
    const { papers, total } = await listPapers({ kind: 'saved' });
    expect(total).toBe(5);
    expect(papers.map((p) => p.savedAt)).toEqual([...papers.map((p) => p.savedAt!)].sort((a, b) => b - a));
  });

  it('lists read papers by readAt, newest first', async () => {
    const { papers, total } = await listPapers({ kind: 'read' });
    expect(total).toBe(3);
    expect(papers.map((p) => p.id)).toEqual([idOf(5), idOf(6), idOf(7)]);
  });

  it('lists seen (not read) papers by lastSeenAt, newest first, in pages', async () => {
    const first = await listPapers({ kind: 'seen' }, 3, 0);
    const second = await listPapers({ kind: 'seen' }, 3, 3);
    expect(first.total).toBe(7);
    expect([...first.papers, ...second.papers].map((p) => p.id)).toEqual([9, 8, 4, 3, 2, 1].map(idOf));
  });

  it('lists all papers by lastSeenAt, newest first', async () => {
    const { papers, total } = await listPapers({ kind: 'all' }, 2);
    expect(total).toBe(10);
    expect(papers.map((p) => p.id)).toEqual([idOf(9), idOf(8)]);
  });

  it("lists a tag case-insensitively, in the popup's order: when saved, else when last seen, newest first", async () => {
    const { papers, total } = await listPapers({ kind: 'tag', tag: 'ml' });
    expect(total).toBe(2);
    // Paper 1 was saved at T0 + 32 min; paper 6, not saved, was last seen at T0 + 6 min. (Until the one
    // query module, this message ordered a tag by lastSeenAt alone, which gave 6 before 1.)
    expect(papers.map((p) => p.id)).toEqual([idOf(1), idOf(6)]);
  });

  it('counts tags case-insensitively, most used first', async () => {
    expect(await listTags()).toEqual([
      { tag: 'ML', count: 2 },
      { tag: 'vision', count: 1 },
    ]);
  });

  it('gives the stats', async () => {
    expect(await getStats()).toEqual({ papers: 10, saved: 5, read: 3, seen: 7, tags: 2 });
  });

  it('erases everything in one go', async () => {
    await setSaved(idOf(9), true, undefined, T0);
    expect(await eraseAll()).toEqual({ erased: 10 });
    expect(await getStats()).toEqual({ papers: 0, saved: 0, read: 0, seen: 0, tags: 0 });
    expect(await getDb().pages.count()).toBe(0);
    expect(await getDb().enrichment.count()).toBe(0);
  });
});

describe('one order per view, whoever reads it', () => {
  it('readPage, listPapers and the popup (comparePapers by date) give every view in the same order, ties included', async () => {
    const at = (n: number) => T0 + n * MIN;
    // Equal dates on purpose: two papers saved at the same time, a saved and an unsaved tagged paper
    // whose view dates are equal, two papers read at once.
    const rows: StoredPaper[] = [
      makePaper({ id: idOf(1), savedAt: at(5), lastSeenAt: at(1), tags: ['rl'] }),
      makePaper({ id: idOf(2), savedAt: at(5), lastSeenAt: at(2), tags: ['RL'] }),
      makePaper({ id: idOf(3), savedAt: undefined, lastSeenAt: at(5), tags: ['rl', 'Rl'] }),
      makePaper({ id: idOf(4), savedAt: undefined, lastSeenAt: at(9), tags: ['rl'] }),
      makePaper({ id: idOf(5), savedAt: at(1), lastSeenAt: at(3), state: 'read', readAt: at(7) }),
      makePaper({ id: idOf(6), savedAt: undefined, lastSeenAt: at(3), state: 'read', readAt: at(7) }),
      makePaper({ id: idOf(7), savedAt: undefined, lastSeenAt: at(3), tags: ['rl'] }),
    ];
    await getDb().papers.bulkPut(rows);
    const views: ListView[] = [
      { kind: 'saved' },
      { kind: 'read' },
      { kind: 'seen' },
      { kind: 'tag', tag: 'rL' },
    ];
    for (const view of views) {
      const expected = rows
        .filter((p) => inView(p, view))
        .sort(comparePapers('date', view))
        .map((p) => p.id);
      expect(
        (await readPage(view, 50)).map((p) => p.id),
        view.kind,
      ).toEqual(expected);
      expect(
        (await listPapers(view)).papers.map((p) => p.id),
        view.kind,
      ).toEqual(expected);
      const paged = [...(await readPage(view, 2)), ...(await readPage(view, 50, 2))].map((p) => p.id);
      expect(paged, view.kind).toEqual(expected);
    }
    // The tag view: newest of (savedAt, else lastSeenAt) first; 1 and 2 tie at 5 with 3, largest id first.
    expect((await readPage({ kind: 'tag', tag: 'rl' }, 50)).map((p) => p.id)).toEqual(
      [4, 3, 2, 1, 7].map(idOf),
    );
  });
});

describe('states carry the note', () => {
  const NOTE = '<think> x < y';

  it('every state a read or a write returns has the note exactly as written, and none without one', async () => {
    await observePapers([makeRecord(1), makeRecord(2)], PAGE, T0);
    const written = await setNote(idOf(1), NOTE, T0 + 1);
    expect(written.note).toBe(NOTE);
    const [withNote, without] = await getStates([idOf(1), idOf(2)], DAY, T0 + 2);
    expect(withNote).toEqual({ id: idOf(1), state: 'new', saved: false, tags: [], isNew: false, note: NOTE });
    expect(without).not.toHaveProperty('note');
    expect((await setSaved(idOf(1), true, undefined, T0 + 3)).note).toBe(NOTE);
    expect((await markSeen([idOf(1)], T0 + 4)).states[0]?.note).toBe(NOTE);
    const observed = await observePapers([makeRecord(1)], PAGE, T0 + 2 * 3_600_000);
    expect(observed.states[0]?.note).toBe(NOTE);

    const removed = await setNote(idOf(1), '  ', T0 + 5);
    expect(removed).not.toHaveProperty('note');
    expect((await getStates([idOf(1)]))[0]).not.toHaveProperty('note');
  });

  it('through the messages too: setNote answers with it, getStates gives it back', async () => {
    const handlers = createHandlers({ now: () => T0 });
    await handlers.observePapers({ papers: [makeRecord(1)], pageUrl: PAGE });
    expect((await handlers.setNote({ id: idOf(1), note: NOTE })).state.note).toBe(NOTE);
    expect((await handlers.getStates({ ids: [idOf(1)] })).states[0]?.note).toBe(NOTE);
  });
});
