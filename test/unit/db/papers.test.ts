import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LAST_SEEN_REFRESH_MS,
  markSeen,
  observePapers,
  setDismissed,
  setNote,
  setRead,
  setSaved,
  setTags,
} from '../../../lib/db/papers';
import { getStates, listPapers, RANGE_READ_FACTOR } from '../../../lib/db/queries';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { VISIT_GAP_MS } from '../../../lib/model/visits';
import { idOf, makeRecord, makeRichRecord } from '../../fixtures/db/records';

const DAY = 'https://huggingface.co/papers/date/2025-01-31';
const TRENDING = 'https://huggingface.co/papers/trending';
const PAPER_PAGE = 'https://huggingface.co/papers/2401.00001';
const T0 = 1_738_000_000_000;
const MIN = 60_000;

beforeEach(async () => {
  await deleteDb();
});

const row = (n: number) => getDb().papers.get(idOf(n));

describe('observePapers', () => {
  it('stores new papers as new, with firstSeenAt and lastSeenAt, and returns states in request order', async () => {
    const result = await observePapers([makeRecord(2), makeRecord(1)], DAY, T0);
    expect(result.states.map((s) => s.id)).toEqual([idOf(2), idOf(1)]);
    // The list's first visit: nothing is new since a previous one (#19).
    expect(result.states[0]).toEqual({ id: idOf(2), state: 'new', saved: false, tags: [], isNew: false });
    expect(result.previousVisitAt).toBeUndefined();
    expect(await row(1)).toMatchObject({
      state: 'new',
      firstSeenAt: T0,
      lastSeenAt: T0,
      updatedAt: T0,
      tags: [],
    });
  });

  it('returns one state per requested record, duplicates included', async () => {
    const result = await observePapers([makeRecord(1), makeRecord(1, { upvotes: 3 })], DAY, T0);
    expect(result.states).toHaveLength(2);
    expect(await getDb().papers.count()).toBe(1);
    expect((await row(1))?.upvotes).toBe(3);
  });

  it('updates lastSeenAt but keeps firstSeenAt and the user state on later observations', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await setSaved(idOf(1), true, undefined, T0 + 1);
    await setRead(idOf(1), true, T0 + 2);
    await setTags(idOf(1), ['x'], T0 + 3);
    await setNote(idOf(1), 'hello', T0 + 4);
    await observePapers([makeRecord(1)], DAY, T0 + LAST_SEEN_REFRESH_MS);
    expect(await row(1)).toMatchObject({
      state: 'read',
      firstSeenAt: T0,
      lastSeenAt: T0 + LAST_SEEN_REFRESH_MS,
      savedAt: T0 + 1,
      readAt: T0 + 2,
      tags: ['x'],
      note: 'hello',
    });
  });

  it('keeps the fields an earlier reading found when a later card lacks them', async () => {
    await observePapers([makeRichRecord(1)], PAPER_PAGE, T0);
    await observePapers([makeRecord(1, { upvotes: 500 })], DAY, T0 + MIN);
    const stored = await row(1);
    expect(stored?.githubRepo).toBe(makeRichRecord(1).githubRepo);
    expect(stored?.summary).toBe(makeRichRecord(1).summary);
    expect(stored?.authors).toEqual(makeRichRecord(1).authors);
    expect(stored?.upvotes).toBe(500);
  });

  it('reports the card-visible changes only: inserts and new links', async () => {
    const first = await observePapers([makeRecord(1), makeRecord(2)], DAY, T0);
    expect(first.changed.map((s) => s.id)).toEqual([idOf(1), idOf(2)]);
    const again = await observePapers(
      [makeRecord(1, { upvotes: 9 }), makeRecord(2, { githubStars: 4 })],
      DAY,
      T0 + 1,
    );
    expect(again.changed).toEqual([{ id: idOf(2), state: 'new', saved: false, tags: [], githubStars: 4 }]);
  });

  it('gives no isNew and records no visit on a paper page', async () => {
    const result = await observePapers([makeRecord(1)], PAPER_PAGE, T0);
    expect(result.states[0]?.isNew).toBeUndefined();
    expect(await getDb().pages.count()).toBe(0);
  });

  describe('new on a list since the previous visit', () => {
    it('first visit of a list: nothing on it is new, whether seen elsewhere or not (#19)', async () => {
      await observePapers([makeRecord(1)], TRENDING, T0);
      const day = await observePapers([makeRecord(1), makeRecord(2)], DAY, T0 + 5 * MIN);
      expect(day.states.map((s) => s.isNew)).toEqual([false, false]);
    });

    it('papers stay new for the whole visit, even after being marked seen', async () => {
      await observePapers([makeRecord(2)], DAY, T0);
      const next = T0 + VISIT_GAP_MS + MIN;
      await observePapers([makeRecord(1), makeRecord(2)], DAY, next);
      await markSeen([idOf(1)], next + MIN);
      const later = await observePapers([makeRecord(1)], DAY, next + 20 * MIN);
      expect(later.states[0]).toMatchObject({ state: 'seen', isNew: true });
    });

    it('on the next visit only papers first seen after the previous one are new', async () => {
      await observePapers([makeRecord(1)], DAY, T0);
      await observePapers([makeRecord(1)], DAY, T0 + 10 * MIN); // same visit
      await observePapers([makeRecord(2)], TRENDING, T0 + 40 * MIN); // seen elsewhere meanwhile
      const next = await observePapers(
        [makeRecord(1), makeRecord(2), makeRecord(3)],
        DAY,
        T0 + 10 * MIN + VISIT_GAP_MS,
      );
      expect(next.previousVisitAt).toBe(T0 + 10 * MIN);
      expect(next.states.map((s) => s.isNew)).toEqual([false, true, true]);
    });

    it('read papers are never new', async () => {
      await observePapers([makeRecord(1)], DAY, T0);
      await setRead(idOf(1), true, T0 + 1);
      const again = await observePapers([makeRecord(1)], DAY, T0 + 2);
      expect(again.states[0]?.isNew).toBe(false);
    });
  });
});

describe('observePapers writes only the rows that changed', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Spies on every way a paper row can be written. */
  const spyWrites = () => {
    const papers = getDb().papers;
    return { bulkPut: vi.spyOn(papers, 'bulkPut'), put: vi.spyOn(papers, 'put') };
  };
  const written = (spy: ReturnType<typeof spyWrites>) =>
    spy.bulkPut.mock.calls.flatMap(([rows]) => rows.map((r) => r.id));

  it('a re-visit within the hour writes no paper row, but still records the visit', async () => {
    const records = [makeRichRecord(1), makeRecord(2), makeRichRecord(3)];
    await observePapers(records, DAY, T0);
    const stored = await getDb().papers.toArray();
    const spy = spyWrites();
    const again = await observePapers(records, DAY, T0 + 10 * MIN);
    expect(spy.bulkPut).not.toHaveBeenCalled();
    expect(spy.put).not.toHaveBeenCalled();
    expect(await getDb().papers.toArray()).toEqual(stored);
    expect(again.changed).toEqual([]);
    expect(again.states.map((s) => [s.id, s.state, s.isNew])).toEqual([
      [idOf(1), 'new', false],
      [idOf(2), 'new', false],
      [idOf(3), 'new', false],
    ]);
    expect(again.states[0]?.githubRepo).toBe(makeRichRecord(1).githubRepo);
    expect(await getDb().pages.get('date:2025-01-31')).toEqual({
      key: 'date:2025-01-31',
      visitStartedAt: T0,
      lastVisitAt: T0 + 10 * MIN,
    });
    // A later visit within the hour: not new any more, still no paper row written.
    const next = await observePapers(records, DAY, T0 + 10 * MIN + VISIT_GAP_MS);
    expect(next.previousVisitAt).toBe(T0 + 10 * MIN);
    expect(next.states.map((s) => s.isNew)).toEqual([false, false, false]);
    expect(spy.bulkPut).not.toHaveBeenCalled();
  });

  it('a poorer reading within the hour writes nothing and erases nothing', async () => {
    await observePapers([makeRichRecord(1)], PAPER_PAGE, T0);
    const before = await row(1);
    const spy = spyWrites();
    await observePapers([makeRecord(1, { title: '', authors: [] })], DAY, T0 + MIN);
    expect(spy.bulkPut).not.toHaveBeenCalled();
    expect(await row(1)).toEqual(before);
  });

  it('duplicates of an unchanged paper in one request write nothing', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    const spy = spyWrites();
    const again = await observePapers([makeRecord(1), makeRecord(1)], DAY, T0 + MIN);
    expect(spy.bulkPut).not.toHaveBeenCalled();
    expect(again.states).toHaveLength(2);
  });

  it('writes a changed field, with updatedAt and lastSeenAt = now, and only the changed rows', async () => {
    await observePapers([makeRecord(1), makeRecord(2), makeRecord(3)], DAY, T0);
    await setSaved(idOf(2), true, undefined, T0 + 1);
    await setTags(idOf(2), ['keep'], T0 + 2);
    const spy = spyWrites();
    const again = await observePapers(
      [makeRecord(1), makeRecord(2, { upvotes: 7 }), makeRecord(3, { githubStars: 4 })],
      DAY,
      T0 + 5 * MIN,
    );
    expect(written(spy)).toEqual([idOf(2), idOf(3)]);
    expect(await row(1)).toMatchObject({ lastSeenAt: T0, updatedAt: T0 });
    expect(await row(2)).toMatchObject({
      upvotes: 7,
      savedAt: T0 + 1,
      tags: ['keep'],
      firstSeenAt: T0,
      lastSeenAt: T0 + 5 * MIN,
      updatedAt: T0 + 5 * MIN,
    });
    expect(await row(3)).toMatchObject({ githubStars: 4, lastSeenAt: T0 + 5 * MIN, updatedAt: T0 + 5 * MIN });
    // Upvotes are not on the card's state: only paper 3's change goes to the change feed.
    expect(again.changed.map((s) => s.id)).toEqual([idOf(3)]);
  });

  it('refreshes lastSeenAt once it is an hour old, even when nothing else changed', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await observePapers([makeRecord(1)], TRENDING, T0 + LAST_SEEN_REFRESH_MS - 1);
    expect(await row(1)).toMatchObject({ lastSeenAt: T0, updatedAt: T0 });
    const spy = spyWrites();
    const later = await observePapers([makeRecord(1)], TRENDING, T0 + LAST_SEEN_REFRESH_MS);
    expect(written(spy)).toEqual([idOf(1)]);
    expect(await row(1)).toMatchObject({
      firstSeenAt: T0,
      lastSeenAt: T0 + LAST_SEEN_REFRESH_MS,
      updatedAt: T0 + LAST_SEEN_REFRESH_MS,
    });
    // lastSeenAt is not on the card: nothing for the change feed.
    expect(later.changed).toEqual([]);
  });

  it('never moves lastSeenAt back when the clock does', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await observePapers([makeRecord(1, { upvotes: 3 })], DAY, T0 - LAST_SEEN_REFRESH_MS * 2);
    expect(await row(1)).toMatchObject({ upvotes: 3, lastSeenAt: T0 });
  });

  it('keeps the seen history in order to within the hour', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await observePapers([makeRecord(2)], DAY, T0 + MIN);
    // Paper 1 shows up again within the hour: the history still has it first seen, then 2.
    await observePapers([makeRecord(1)], DAY, T0 + 2 * MIN);
    expect((await listPapers({ kind: 'all' })).papers.map((p) => p.id)).toEqual([idOf(2), idOf(1)]);
    // Two hours later it comes first.
    await observePapers([makeRecord(1)], DAY, T0 + 2 * LAST_SEEN_REFRESH_MS);
    expect((await listPapers({ kind: 'all' })).papers.map((p) => p.id)).toEqual([idOf(1), idOf(2)]);
  });
});

describe('observePapers, getStates and markSeen read the rows they need, whatever the store holds', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const ids = (ns: number[]) => ns.map(idOf);

  it('a dense id range is read in one range read, without per-id gets', async () => {
    await observePapers(
      Array.from({ length: 20 }, (_, n) => makeRecord(n)),
      DAY,
      T0,
    );
    await setSaved(idOf(4), true, undefined, T0 + 1);
    const bulkGet = vi.spyOn(getDb().papers, 'bulkGet');
    // Ten stored papers and two unknown ones: the range [0, 21] holds 20 rows, at most factor × 12.
    const request = [...ids([9, 4, 0, 3]), idOf(21), ...ids([1, 2, 5, 6, 7, 8]), idOf(20)];
    expect(RANGE_READ_FACTOR * request.length).toBeGreaterThanOrEqual(22);
    const result = await observePapers(
      request.map((id) => makeRecord(id)),
      DAY,
      T0 + MIN,
    );
    expect(result.states.map((s) => s.id)).toEqual(request);
    expect(result.states.map((s) => s.saved)).toEqual(request.map((id) => id === idOf(4)));
    expect(result.changed.map((s) => s.id)).toEqual([idOf(21), idOf(20)]);
    // Now 22 rows in the range, still at most factor × 12.
    const states = await getStates([...request, idOf(4)]);
    expect(states.map((s) => s.id)).toEqual(request);
    expect(states.find((s) => s.id === idOf(4))?.saved).toBe(true);
    expect(bulkGet).not.toHaveBeenCalled();
  });

  it('a sparse id range is read with per-id gets', async () => {
    await observePapers(
      Array.from({ length: 40 }, (_, n) => makeRecord(n)),
      DAY,
      T0,
    );
    await setRead(idOf(39), true, T0 + 1);
    const bulkGet = vi.spyOn(getDb().papers, 'bulkGet');
    // The range [0, 39] holds 40 rows, more than factor × 3.
    const states = await getStates([idOf(39), idOf(0), idOf(41)]);
    expect(bulkGet).toHaveBeenCalled();
    expect(states.map((s) => [s.id, s.state])).toEqual([
      [idOf(39), 'read'],
      [idOf(0), 'new'],
    ]);
    const seen = await markSeen([idOf(0), idOf(39), idOf(20), idOf(0)], T0 + 2);
    expect(seen.states.map((s) => [s.id, s.state])).toEqual([
      [idOf(0), 'seen'],
      [idOf(39), 'read'],
      [idOf(20), 'seen'],
    ]);
    const observed = await observePapers([makeRecord(39), makeRecord(0, { upvotes: 1 })], DAY, T0 + 3);
    expect(observed.states.map((s) => [s.id, s.state])).toEqual([
      [idOf(39), 'read'],
      [idOf(0), 'seen'],
    ]);
    expect(await row(0)).toMatchObject({ upvotes: 1, state: 'seen', firstSeenAt: T0 });
  });

  it('reads nothing on a first visit of papers outside every stored range', async () => {
    await observePapers([makeRecord(1), makeRecord(2)], DAY, T0);
    const bulkGet = vi.spyOn(getDb().papers, 'bulkGet');
    const result = await observePapers([makeRecord(100), makeRecord(101)], DAY, T0 + MIN);
    expect(bulkGet).not.toHaveBeenCalled();
    expect(result.states.map((s) => s.state)).toEqual(['new', 'new']);
    expect(await getDb().papers.count()).toBe(4);
  });
});

describe('getStates and markSeen', () => {
  it('getStates returns the known papers in request order, once each, and skips unknown ids', async () => {
    await observePapers([makeRecord(1), makeRecord(2)], DAY, T0);
    const states = await getStates([idOf(2), idOf(9), idOf(1), idOf(2)]);
    expect(states.map((s) => s.id)).toEqual([idOf(2), idOf(1)]);
    expect(states[0]?.isNew).toBeUndefined();
  });

  it('markSeen turns new into seen and never downgrades read', async () => {
    await observePapers([makeRecord(1), makeRecord(2)], DAY, T0);
    await setRead(idOf(2), true, T0 + 1);
    const result = await markSeen([idOf(1), idOf(2), idOf(3)], T0 + 2);
    expect(result.states.map((s) => [s.id, s.state])).toEqual([
      [idOf(1), 'seen'],
      [idOf(2), 'read'],
    ]);
    expect(result.changed.map((s) => s.id)).toEqual([idOf(1)]);
    expect(await row(2)).toMatchObject({ state: 'read', readAt: T0 + 1 });
    expect((await markSeen([idOf(1)], T0 + 3)).changed).toEqual([]);
  });
});

describe('setSaved', () => {
  it('saves with savedAt, keeps the first savedAt when saved again, and unsaves by removing it', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    expect(await setSaved(idOf(1), true, undefined, T0 + 1)).toMatchObject({ saved: true });
    await setSaved(idOf(1), true, undefined, T0 + 2);
    expect((await row(1))?.savedAt).toBe(T0 + 1);
    expect(await setSaved(idOf(1), false, undefined, T0 + 3)).toMatchObject({ saved: false });
    expect(await row(1)).not.toHaveProperty('savedAt');
  });

  it('saves a paper unknown to the store with the record given', async () => {
    const state = await setSaved(idOf(4), true, makeRichRecord(4), T0);
    expect(state).toMatchObject({ id: idOf(4), saved: true, state: 'seen' });
    expect(await row(4)).toMatchObject({ title: makeRichRecord(4).title, firstSeenAt: T0, savedAt: T0 });
  });

  it('refuses, with a clear error, to save an unknown paper without a record', async () => {
    await expect(setSaved(idOf(4), true, undefined, T0)).rejects.toThrow(
      'Paper 2401.00004 is not in your reading list yet',
    );
  });

  it('refuses a record of another paper', async () => {
    await expect(setSaved(idOf(4), true, makeRecord(5), T0)).rejects.toThrow(
      'The paper sent to be saved is 2401.00005',
    );
  });

  it('queues a saved paper without code links for enrichment, and unqueues it when unsaved', async () => {
    await observePapers([makeRecord(1), makeRichRecord(2)], DAY, T0);
    await setSaved(idOf(1), true, undefined, T0 + 1);
    await setSaved(idOf(2), true, undefined, T0 + 1);
    expect(await getDb().enrichment.toArray()).toEqual([
      { id: idOf(1), status: 'pending', attempts: 0, nextAttemptAt: T0 + 1, updatedAt: T0 + 1 },
    ]);
    await setSaved(idOf(1), false, undefined, T0 + 2);
    expect(await getDb().enrichment.count()).toBe(0);
  });
});

describe('setRead', () => {
  it('marks read with readAt, and unread back to seen', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    expect(await setRead(idOf(1), true, T0 + 1)).toMatchObject({ state: 'read' });
    expect(await row(1)).toMatchObject({ state: 'read', readAt: T0 + 1 });
    await setRead(idOf(1), true, T0 + 2);
    expect((await row(1))?.readAt).toBe(T0 + 1);
    expect(await setRead(idOf(1), false, T0 + 3)).toMatchObject({ state: 'seen' });
    expect(await row(1)).not.toHaveProperty('readAt');
  });

  it('refuses an unknown paper', async () => {
    await expect(setRead(idOf(1), true, T0)).rejects.toThrow('not in your reading list');
  });
});

describe('setDismissed', () => {
  it('marks "not interested" with dismissedAt, keeps the reading state, and takes it back', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    expect(await setDismissed(idOf(1), true, T0 + 1)).toEqual({
      id: idOf(1),
      state: 'new',
      saved: false,
      tags: [],
      dismissed: true,
    });
    expect(await row(1)).toMatchObject({ state: 'new', dismissedAt: T0 + 1, updatedAt: T0 + 1 });
    await setDismissed(idOf(1), true, T0 + 2);
    expect((await row(1))?.dismissedAt).toBe(T0 + 1);
    expect(await setDismissed(idOf(1), false, T0 + 3)).not.toHaveProperty('dismissed');
    expect(await row(1)).not.toHaveProperty('dismissedAt');
  });

  it('survives a later observation of the paper, which shows it not new', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await setDismissed(idOf(1), true, T0 + 1);
    const later = T0 + VISIT_GAP_MS + LAST_SEEN_REFRESH_MS;
    const { states } = await observePapers([makeRecord(1, { title: 'A new title' })], DAY, later);
    expect(states[0]).toMatchObject({ dismissed: true });
    expect(await row(1)).toMatchObject({ dismissedAt: T0 + 1, title: 'A new title' });
  });

  it('refuses an unknown paper', async () => {
    await expect(setDismissed(idOf(1), true, T0)).rejects.toThrow('not in your reading list');
  });
});

describe('setTags', () => {
  beforeEach(async () => {
    await observePapers([makeRecord(1)], DAY, T0);
  });

  it('trims, collapses spaces, drops blanks and duplicates (case-insensitively, first spelling wins)', async () => {
    const state = await setTags(idOf(1), ['  ML ', 'ml', '', 'computer   vision', 'Ml', '  '], T0 + 1);
    expect(state.tags).toEqual(['ML', 'computer vision']);
  });

  it('refuses a tag over 64 characters and more than 50 tags, changing nothing', async () => {
    await setTags(idOf(1), ['keep'], T0 + 1);
    await expect(setTags(idOf(1), ['x'.repeat(65)], T0 + 2)).rejects.toThrow('at most 64 characters');
    await expect(
      setTags(
        idOf(1),
        Array.from({ length: 51 }, (_, i) => `t${i}`),
        T0 + 2,
      ),
    ).rejects.toThrow('at most 50 tags');
    expect((await row(1))?.tags).toEqual(['keep']);
  });

  it('accepts exactly 50 tags of 64 characters', async () => {
    const tags = Array.from({ length: 50 }, (_, i) => `${i}`.padStart(64, 'x'));
    expect((await setTags(idOf(1), tags, T0 + 1)).tags).toHaveLength(50);
  });
});

describe('setNote', () => {
  it('sets, replaces and (when blank) removes the note', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await setNote(idOf(1), 'first', T0 + 1);
    expect((await row(1))?.note).toBe('first');
    await setNote(idOf(1), '   ', T0 + 2);
    expect(await row(1)).not.toHaveProperty('note');
  });

  it('refuses a note over 10,000 characters', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    await expect(setNote(idOf(1), 'x'.repeat(10_001), T0)).rejects.toThrow('at most 10,000 characters');
    await expect(setNote(idOf(1), 'x'.repeat(10_000), T0)).resolves.toBeDefined();
  });
});

describe('getStates with the page it is asked for', () => {
  it('says which papers are new on that list, as observePapers would, and records no visit', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    // The next day the list shows one more paper, first seen elsewhere in between.
    await observePapers([makeRecord(2)], TRENDING, T0 + 12 * 60 * MIN);
    const visitBefore = await getDb().pages.get('date:2025-01-31');
    expect(visitBefore?.lastVisitAt).toBe(T0);
    const states = await getStates([idOf(1), idOf(2), idOf(3)], DAY, T0 + 24 * 60 * MIN);
    expect(states.map((s) => [s.id, s.isNew])).toEqual([
      [idOf(1), false],
      [idOf(2), true],
    ]);
    expect(await getDb().pages.get('date:2025-01-31')).toEqual(visitBefore);
  });

  it('leaves isNew out without a page', async () => {
    await observePapers([makeRecord(1)], DAY, T0);
    const [state] = await getStates([idOf(1)]);
    expect(state).not.toHaveProperty('isNew');
  });
});
