import { beforeEach, describe, expect, it } from 'vitest';
import {
  LAST_SEEN_REFRESH_MS,
  markSeen,
  observePapers,
  setNote,
  setRead,
  setSaved,
  setTags,
} from '../../../lib/db/papers';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { idOf, makeRecord } from '../../fixtures/db/records';

beforeEach(async () => {
  await deleteDb();
});

const T0 = 1_738_000_000_000;
const N = 60;
const ids = Array.from({ length: N }, (_, n) => idOf(n));

describe('concurrent writers (three tabs and the popup) lose nothing', () => {
  it('keeps every effect of interleaved observe, markSeen, setSaved, setTags, setRead and setNote calls', async () => {
    await observePapers(
      ids.map((_, n) => makeRecord(n)),
      'https://huggingface.co/papers',
      T0,
    );
    const calls: Promise<unknown>[] = [];
    for (let n = 0; n < N; n++) {
      const id = idOf(n);
      // Tab 1 re-reads the day page, finding each paper's repository.
      calls.push(
        observePapers(
          [
            makeRecord(n, {
              githubRepo: `https://github.com/o/r${n}`,
              codeLinks: [`https://github.com/o/r${n}`],
            }),
          ],
          'https://huggingface.co/papers',
          T0 + n,
        ),
      );
      // Tab 2 tags and saves.
      calls.push(setTags(id, [`tag-${n}`, 'all'], T0 + n));
      calls.push(setSaved(id, true, undefined, T0 + n));
      // Tab 3 marks cards seen and writes notes.
      calls.push(markSeen([id], T0 + n));
      calls.push(setNote(id, `note ${n}`, T0 + n));
      // The popup marks every other paper read.
      if (n % 2 === 0) calls.push(setRead(id, true, T0 + n));
      // And tab 1 observes a trending page carrying the upvote count.
      calls.push(
        observePapers([makeRecord(n, { upvotes: n })], 'https://huggingface.co/papers/trending', T0 + n),
      );
    }
    // Shuffle deterministically so writes to one paper interleave with writes to the others.
    const shuffled = calls
      .map((c, i) => [((i * 7919) % calls.length) + i / 1e6, c] as const)
      .sort((a, b) => a[0] - b[0]);
    await Promise.all(shuffled.map(([, c]) => c));

    const rows = await getDb().papers.bulkGet(ids);
    rows.forEach((row, n) => {
      expect(row, idOf(n)).toBeDefined();
      expect(row!.githubRepo).toBe(`https://github.com/o/r${n}`);
      expect(row!.upvotes).toBe(n);
      expect(row!.tags).toEqual([`tag-${n}`, 'all']);
      expect(row!.savedAt).toBeDefined();
      expect(row!.note).toBe(`note ${n}`);
      expect(row!.state).toBe(n % 2 === 0 ? 'read' : 'seen');
    });
    expect(await getDb().pages.count()).toBe(2);
  });

  it('re-visits that skip unchanged rows or refresh lastSeenAt never undo a concurrent user change', async () => {
    const page = 'https://huggingface.co/papers';
    const records = ids.map((_, n) => makeRecord(n));
    await observePapers(records, page, T0);
    const calls: Promise<unknown>[] = [];
    for (let n = 0; n < N; n++) {
      const id = idOf(n);
      // Re-visits within the hour (nothing written) and after it (every row rewritten for lastSeenAt).
      calls.push(observePapers(records, page, T0 + n));
      calls.push(observePapers(records, page, T0 + LAST_SEEN_REFRESH_MS + n));
      calls.push(setTags(id, [`tag-${n}`], T0 + n));
      if (n % 3 === 0) calls.push(setSaved(id, true, undefined, T0 + n));
      if (n % 2 === 0) calls.push(setRead(id, true, T0 + n));
      else calls.push(markSeen([id], T0 + n));
    }
    const shuffled = calls
      .map((c, i) => [((i * 7919) % calls.length) + i / 1e6, c] as const)
      .sort((a, b) => a[0] - b[0]);
    await Promise.all(shuffled.map(([, c]) => c));

    const rows = await getDb().papers.bulkGet(ids);
    rows.forEach((row, n) => {
      expect(row!.tags, idOf(n)).toEqual([`tag-${n}`]);
      expect(row!.savedAt !== undefined).toBe(n % 3 === 0);
      expect(row!.state).toBe(n % 2 === 0 ? 'read' : 'seen');
      expect(row!.firstSeenAt).toBe(T0);
      expect(row!.lastSeenAt).toBeGreaterThanOrEqual(T0 + LAST_SEEN_REFRESH_MS);
    });
  });

  it('serializes many concurrent tag changes on one paper: the result is one of the requested lists', async () => {
    await observePapers([makeRecord(1)], 'https://huggingface.co/papers', T0);
    const lists = Array.from({ length: 30 }, (_, i) => [`a${i}`, `b${i}`]);
    await Promise.all(lists.map((tags, i) => setTags(idOf(1), tags, T0 + i)));
    const row = await getDb().papers.get(idOf(1));
    expect(lists).toContainEqual(row!.tags);
  });
});
