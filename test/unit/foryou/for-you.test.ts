import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { setDismissed, setSaved, setTags } from '../../../lib/db/papers';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { createForYou } from '../../../lib/foryou/for-you';
import { CHANGED_KEY, modelKey } from '../../../lib/foryou/models';
import { dayCacheKey } from '../../../lib/inbox/days';
import { forYouOrder } from '../../../lib/model/for-you';
import type { PaperRecord, StoredPaper } from '../../../lib/model/paper';
import { MODEL_VERSION } from '../../../lib/ranking';
import { storedTopics } from '../../support/for-you';

const T0 = 1_760_000_000_000;
let clock = T0;
const now = () => clock;

beforeEach(async () => {
  await deleteDb();
  clock = T0;
});
afterEach(() => vi.useRealTimers());

async function store(rows: StoredPaper[]): Promise<void> {
  await getDb().papers.bulkPut(rows);
}

/** Saves the first `n` decoding papers, the reader's interest; the rest of the corpus stays seen. */
async function readerWhoSavesDecoding(n: number) {
  const { decoding, robots } = storedTopics(8);
  await store([...decoding, ...robots]);
  for (const paper of decoding.slice(0, n)) await setSaved(paper.id, true, undefined, clock);
  return { decoding, robots };
}

describe('For you in the background', () => {
  it('says it cannot rank yet with fewer than 5 liked papers, and how many there are', async () => {
    const { decoding, robots } = await readerWhoSavesDecoding(3);
    const forYou = createForYou({ now });
    expect(await forYou.rank([decoding[7]!.id, robots[7]!.id])).toEqual({
      coldStart: { liked: 3, needed: 5 },
      scores: [],
    });
  });

  it('ranks a paper like the saved ones above one like those passed over, with the words that explain it', async () => {
    const { decoding, robots } = await readerWhoSavesDecoding(6);
    const forYou = createForYou({ now });
    const unseenDecoding = decoding[7]!.id;
    const unseenRobot = robots[7]!.id;
    const ranking = await forYou.rank([unseenRobot, unseenDecoding, '2599.99999']);
    expect(ranking.coldStart).toBeUndefined();
    expect(ranking.scores.map((s) => s.id)).toEqual([unseenRobot, unseenDecoding]);
    expect(forYouOrder(ranking.scores)).toEqual([unseenDecoding, unseenRobot]);
    const decodingScore = ranking.scores[1]!;
    expect(decodingScore.words.length).toBeGreaterThan(0);
    for (const word of decodingScore.words) expect(decoding[7]!.title.toLowerCase()).toContain(word);
    expect(ranking.scores[0]!.level).toBe('low');
  });

  it('trains again after a change noted in the same millisecond as the model it has', async () => {
    const { decoding, robots } = await readerWhoSavesDecoding(0);
    const forYou = createForYou({ now });
    expect((await forYou.rank([robots[7]!.id])).coldStart).toEqual({ liked: 0, needed: 5 });
    // The reader saves five papers before the clock has moved on: the cold-start model must not be reused.
    for (const paper of decoding.slice(0, 5)) await setSaved(paper.id, true, undefined, clock);
    await forYou.noteChange();
    expect((await forYou.rank([robots[7]!.id])).coldStart).toBeUndefined();
  });

  it('keeps the model in the store with its version, and trains again one of another version', async () => {
    await readerWhoSavesDecoding(6);
    await createForYou({ now }).readerModel();
    const stored = await getDb().meta.get(modelKey({ kind: 'reader' }));
    expect(stored?.value).toMatchObject({ version: MODEL_VERSION, coldStart: false, positives: 6 });

    await getDb().meta.put({
      key: modelKey({ kind: 'reader' }),
      value: { ...(stored!.value as object), version: 0 },
    });
    clock += 1;
    const model = await createForYou({ now }).readerModel();
    expect(model).toMatchObject({ version: MODEL_VERSION, trainedAt: clock });
  });

  it('learns from a dismissal: after a change, papers like the dismissed ones score lower', async () => {
    const { decoding, robots } = await readerWhoSavesDecoding(6);
    const forYou = createForYou({ now });
    const ids = [robots[7]!.id, decoding[7]!.id];
    const before = await forYou.rank(ids);
    clock += 1_000;
    for (const paper of robots.slice(0, 6)) await setDismissed(paper.id, true, clock);
    await forYou.noteChange();
    clock += 1_000;
    const after = await forYou.rank(ids);
    expect((await forYou.readerModel()).trainedAt).toBe(clock);
    const gap = (r: typeof before) => r.scores[1]!.score - r.scores[0]!.score;
    // Dismissed papers weigh twice what papers passed over weigh: the robots fall further behind.
    expect(gap(after)).toBeGreaterThan(gap(before));
  });

  it('retrains on its own a few seconds after a change, so the next list needs no training', async () => {
    await readerWhoSavesDecoding(6);
    const forYou = createForYou({ now, retrainDelayMs: 50 });
    // A model trained before the change: the retrain replaces it.
    await forYou.readerModel();
    clock += 1_000;
    await setSaved(storedTopics(8).decoding[6]!.id, true, undefined, clock);
    await forYou.noteChange();
    expect((await getDb().meta.get(CHANGED_KEY))?.value).toBe(clock);
    clock += 1_000;
    await vi.waitFor(async () => {
      const stored = await getDb().meta.get(modelKey({ kind: 'reader' }));
      expect(stored?.value).toMatchObject({ trainedAt: clock });
    });
    const stored = await getDb().meta.get(modelKey({ kind: 'reader' }));
    expect(stored?.value).toMatchObject({ positives: 7 });
  });

  it('ranks by one tag ("more like #robots") from the papers with that tag', async () => {
    const { decoding, robots } = await readerWhoSavesDecoding(6);
    for (const paper of robots.slice(0, 6)) await setTags(paper.id, ['Robots'], clock);
    const forYou = createForYou({ now });
    const ranking = await forYou.rank([decoding[7]!.id, robots[7]!.id], 'robots');
    expect(forYouOrder(ranking.scores)).toEqual([robots[7]!.id, decoding[7]!.id]);
    expect(await getDb().meta.get(modelKey({ kind: 'tag', tag: 'ROBOTS' }))).toBeDefined();
  });

  it('reset deletes every stored model; the next ranking learns again from the reading list', async () => {
    const { robots } = await readerWhoSavesDecoding(6);
    for (const paper of robots.slice(0, 6)) await setTags(paper.id, ['robots'], clock);
    const forYou = createForYou({ now });
    await forYou.rank([robots[7]!.id]);
    await forYou.rank([robots[7]!.id], 'robots');
    await forYou.noteChange();
    expect(await forYou.reset()).toEqual({ deleted: 2 });
    expect(await getDb().meta.where('key').startsWith('forYou').count()).toBe(0);
    expect((await forYou.rank([robots[7]!.id])).scores).toHaveLength(1);
  });
  it("ranks the inbox's papers the store never saw from the cached lists of the days it names", async () => {
    const { decoding, robots } = storedTopics(8);
    // Only the first seven of each topic were ever on screen; the eighth of each was listed on a day missed.
    await store([...decoding.slice(0, 7), ...robots.slice(0, 7)]);
    for (const paper of decoding.slice(0, 6)) await setSaved(paper.id, true, undefined, clock);
    const missed = (row: StoredPaper): PaperRecord => {
      const { state, tags, firstSeenAt, lastSeenAt, updatedAt, ...record } = row;
      return record;
    };
    await getDb().meta.put({
      key: dayCacheKey('2026-07-30'),
      value: { fetchedAt: clock - 86_400_000, papers: [missed(robots[7]!), missed(decoding[7]!)] },
    });
    const handlers = createHandlers({ now, forYou: createForYou({ now }) });
    const ids = [robots[7]!.id, decoding[7]!.id];

    // Without the days, neither is known.
    expect((await handlers.rankPapers({ ids })).scores).toEqual([]);
    // A cached day, even one older than the hour (ranking asks the site for nothing), makes both known.
    const ranking = await handlers.rankPapers({ ids, days: ['2026-07-31', '2026-07-30'] });
    expect(ranking.scores.map((s) => s.id)).toEqual(ids);
    expect(forYouOrder(ranking.scores)).toEqual([decoding[7]!.id, robots[7]!.id]);
    // A paper the store has is ranked from the store, even when a day lists it too.
    const seen = await handlers.rankPapers({ ids: [decoding[6]!.id], days: ['2026-07-30'] });
    expect(seen.scores.map((s) => s.id)).toEqual([decoding[6]!.id]);
  });
});
