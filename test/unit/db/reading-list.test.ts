import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import {
  READ_SLICE,
  readAllPapers,
  readFirstPage,
  readPapers,
  readViewCounts,
} from '../../../lib/db/reading-list';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { idOf, makeRecord } from '../../fixtures/db/records';
import { generateLibrary } from '../../support/papers';

const PAGE = 'https://huggingface.co/papers';

describe('the popup reads the store directly', () => {
  beforeEach(async () => {
    await deleteDb();
  });

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

    const ids = async (view: Parameters<typeof readFirstPage>[0], limit = 10) =>
      (await readFirstPage(view, limit)).map((p) => p.id);
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
    await readFirstPage({ kind: 'saved' }, 10);
    await readViewCounts();
    await readAllPapers(() => undefined);
    expect(await getDb().papers.toArray()).toEqual(before);
  });
});
