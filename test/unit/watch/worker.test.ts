import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { backoffMs, LEASE_MS } from '../../../lib/db/enrichment';
import { observePapers, setSaved, setWatched } from '../../../lib/db/papers';
import { RATE_LIMIT } from '../../../lib/db/rate-limit';
import { deleteDb, getDb } from '../../../lib/db/schema';
import {
  checkAllNow,
  claimNextCheck,
  countUnreadUpdates,
  markUpdatesRead,
  readUpdates,
  reconcileWatch,
  recordCheck,
  WATCH_INTERVAL_MS,
} from '../../../lib/db/watch';
import type { PaperState } from '../../../lib/model/paper';
import type { PaperUpdate } from '../../../lib/model/watch';
import { saveSettings } from '../../../lib/settings';
import type { FetchLike } from '../../../lib/site/hf-api';
import { createWatchWorker, OFFLINE_RETRY_MS, WATCH_ALARM, type WatchDeps } from '../../../lib/watch/worker';
import { makeRecord } from '../../fixtures/db/records';
import day1 from '../../fixtures/watch/answers-day1.json';
import day2 from '../../fixtures/watch/answers-day2.json';

const PAGE = 'https://huggingface.co/papers';
const MIN = 60_000;
const IDS = Object.keys(day1.answers);
let clock: number;

type Answers = Record<string, unknown>;

/** A fake site answering from a table of recorded answers (404 for others), counting its requests. */
function fakeSite(initial: Answers) {
  const site = {
    answers: initial,
    calls: [] as string[],
    status: 200,
    headers: {} as Record<string, string>,
  };
  const fetch: FetchLike = async (url, init) => {
    expect(init.credentials).toBe('omit');
    const id = decodeURIComponent(url.slice(url.lastIndexOf('/') + 1));
    site.calls.push(id);
    if (site.status !== 200) return new Response('busy', { status: site.status, headers: site.headers });
    const body = site.answers[id];
    if (body === undefined) return new Response('not found', { status: 404 });
    return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
  };
  return { site, fetch };
}

function worker(fetch: FetchLike, extra: Partial<WatchDeps> = {}) {
  return createWatchWorker({ fetch, now: () => clock, online: () => true, ...extra });
}

async function save(ids: readonly string[]) {
  await observePapers(
    ids.map((id) => makeRecord(id, { title: `Title of ${id}` })),
    PAGE,
    clock,
  );
  for (const id of ids) await setSaved(id, true, undefined, clock);
}

/** Runs the worker until nothing is due, moving the clock past each throttle; returns the requests. */
async function drain(w: ReturnType<typeof worker>): Promise<number> {
  let requests = 0;
  for (let round = 0; round < 100; round++) {
    const report = await w.run();
    requests += report.requests;
    if (report.throttledUntil === undefined) return requests;
    clock = report.throttledUntil;
  }
  throw new Error('did not drain');
}

const summary = (u: PaperUpdate) => ({
  id: u.id,
  kind: u.kind,
  ...(u.url !== undefined ? { url: u.url } : {}),
  ...(u.count !== undefined ? { count: u.count } : {}),
  ...(u.previous !== undefined ? { previous: u.previous } : {}),
});

beforeEach(async () => {
  await deleteDb();
  clock = 1_786_000_000_000;
});

describe('two recorded answers of the same papers a day apart', () => {
  it('give exactly the expected updates, and none for the unchanged paper', async () => {
    await save(IDS);
    const { site, fetch } = fakeSite(day1.answers);
    const found: PaperUpdate[] = [];
    const w = worker(fetch, { onUpdates: (u) => void found.push(...u) });

    // The first answer is the baseline: it tells nothing.
    expect(await checkAllNow(clock)).toBe(IDS.length);
    expect(await drain(w)).toBe(IDS.length);
    expect(found).toEqual([]);
    expect(await readUpdates()).toEqual([]);

    // A day later, with the second answers.
    site.answers = day2.answers;
    clock += WATCH_INTERVAL_MS;
    expect(await drain(w)).toBe(IDS.length);
    const expected = [
      { id: '2608.10001', kind: 'code', url: 'https://github.com/lab/one' },
      { id: '2608.10001', kind: 'models', count: 2, previous: 0 },
      { id: '2608.10002', kind: 'project', url: 'https://lab.github.io/two/' },
      { id: '2608.10002', kind: 'datasets', count: 3, previous: 1 },
      { id: '2608.10003', kind: 'stars', count: 1204, previous: 1000 },
    ];
    expect(found.map(summary).sort(byIdAndKind)).toEqual(expected.sort(byIdAndKind));
    // Stored newest first, each with the paper's title.
    const stored = await readUpdates();
    expect(stored.map(summary).sort(byIdAndKind)).toEqual(expected);
    expect(stored.map((u) => u.seq)).toEqual([...stored.map((u) => u.seq)].sort((a, b) => b! - a!));
    expect(stored.find((u) => u.kind === 'code')?.title).toBe('Title of 2608.10001');
    expect(stored.some((u) => u.id === '2608.10004')).toBe(false);
  });

  it('gives nothing when the same answers come again', async () => {
    await save(IDS);
    const { fetch } = fakeSite(day2.answers);
    const w = worker(fetch);
    await checkAllNow(clock);
    await drain(w);
    clock += WATCH_INTERVAL_MS;
    expect(await drain(w)).toBe(IDS.length);
    expect(await readUpdates()).toEqual([]);
  });

  it('gives the paper its released repository as a code link, and says so on the change feed', async () => {
    await save(['2608.10001']);
    const { site, fetch } = fakeSite(day1.answers);
    const changed: PaperState[] = [];
    const w = worker(fetch, { onChanged: (s) => void changed.push(...s) });
    await checkAllNow(clock);
    await drain(w);
    site.answers = day2.answers;
    await checkAllNow(clock);
    await drain(w);
    const row = await getDb().papers.get('2608.10001');
    expect(row?.githubRepo).toBe('https://github.com/lab/one');
    expect(row?.codeLinks[0]).toBe('https://github.com/lab/one');
    expect(changed.at(-1)).toMatchObject({ id: '2608.10001', githubRepo: 'https://github.com/lab/one' });
  });

  it('counts the updates not seen yet until the reader has seen them', async () => {
    await save(IDS);
    const { site, fetch } = fakeSite(day1.answers);
    const w = worker(fetch);
    await checkAllNow(clock);
    await drain(w);
    site.answers = day2.answers;
    await checkAllNow(clock);
    await drain(w);
    const total = (await readUpdates()).length;
    expect(total).toBeGreaterThan(0);
    expect(await countUnreadUpdates()).toBe(total);
    await markUpdatesRead();
    expect(await countUnreadUpdates()).toBe(0);
  });
});

describe('how often the site is asked', () => {
  it('checks each watched paper at most once a day, spread over the day', async () => {
    await save(IDS);
    const { site, fetch } = fakeSite(day1.answers);
    const w = worker(fetch);
    // Newly watched papers are first checked somewhere in the next day, not all at once.
    await reconcileWatch(clock);
    const due = (await getDb().watch.toArray()).map((r) => r.nextCheckAt - clock);
    expect(Math.min(...due)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...due)).toBeLessThan(WATCH_INTERVAL_MS);
    expect(new Set(due).size).toBe(IDS.length);
    // Over two days, hour by hour: every paper is asked about exactly twice.
    const start = clock;
    while (clock < start + 2 * WATCH_INTERVAL_MS) {
      await drain(w);
      clock += 60 * MIN;
    }
    for (const id of IDS) expect(site.calls.filter((c) => c === id)).toHaveLength(2);
  });

  it('keeps within the request budget it shares with the enrichment worker', async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `2608.2000${i}`);
    await save(ids);
    const { site, fetch } = fakeSite({});
    const w = worker(fetch);
    await checkAllNow(clock);
    const first = await w.run();
    expect(first.requests).toBe(RATE_LIMIT.requests);
    expect(first.throttledUntil).toBe(clock + RATE_LIMIT.windowMs);
    expect(first.alarmAt).toBe(clock + RATE_LIMIT.windowMs);
    expect((await fakeBrowser.alarms.get(WATCH_ALARM))?.scheduledTime).toBe(first.alarmAt);
    clock = first.throttledUntil!;
    expect((await w.run()).requests).toBe(ids.length - RATE_LIMIT.requests);
    expect(site.calls).toHaveLength(ids.length);
  });

  it('backs off after a failure, as long as the server asks, and checks again a day after an answer', async () => {
    await save(['2608.10001']);
    const { site, fetch } = fakeSite(day1.answers);
    const w = worker(fetch);
    await checkAllNow(clock);
    site.status = 503;
    await w.run();
    let row = await getDb().watch.get('2608.10001');
    expect(row).toMatchObject({ attempts: 1, lastError: 'huggingface.co answered 503' });
    expect(row!.nextCheckAt).toBe(clock + backoffMs(1));
    // A 429 with Retry-After longer than the back-off waits as long as the server said.
    site.status = 429;
    site.headers = { 'Retry-After': '3600' };
    clock = row!.nextCheckAt;
    await w.run();
    row = await getDb().watch.get('2608.10001');
    expect(row!.attempts).toBe(2);
    expect(row!.nextCheckAt).toBe(clock + 3600_000);
    // Nothing is asked before then.
    const calls = site.calls.length;
    clock += 3599_000;
    expect((await w.run()).requests).toBe(0);
    expect(site.calls).toHaveLength(calls);
    // Then it answers: the count of failures starts again, and the next check is a day later.
    site.status = 200;
    clock += 1_000;
    expect((await w.run()).requests).toBe(1);
    row = await getDb().watch.get('2608.10001');
    expect(row).toMatchObject({ attempts: 0, checkedAt: clock, nextCheckAt: clock + WATCH_INTERVAL_MS });
    expect(row?.lastError).toBeUndefined();
  });

  it('asks nothing while the browser is offline, and looks again later', async () => {
    await save(IDS);
    const { site, fetch } = fakeSite(day1.answers);
    await checkAllNow(clock);
    const report = await worker(fetch, { online: () => false }).run();
    expect(report).toMatchObject({ requests: 0, offline: true, alarmAt: clock + OFFLINE_RETRY_MS });
    expect(site.calls).toEqual([]);
    expect((await fakeBrowser.alarms.get(WATCH_ALARM))?.scheduledTime).toBe(clock + OFFLINE_RETRY_MS);
  });

  it('asks nothing when watching is turned off', async () => {
    await save(IDS);
    await saveSettings({ watchSaved: false });
    const { site, fetch } = fakeSite(day1.answers);
    await checkAllNow(clock);
    expect(await worker(fetch).run()).toMatchObject({ requests: 0, disabled: true });
    expect(site.calls).toEqual([]);
  });

  it('stops watching a paper that is no longer saved', async () => {
    await save(IDS);
    await checkAllNow(clock);
    await setSaved(IDS[0]!, false, undefined, clock);
    const { site, fetch } = fakeSite(day1.answers);
    await drain(worker(fetch));
    expect(site.calls.sort()).toEqual(IDS.slice(1).sort());
    expect(await getDb().watch.get(IDS[0]!)).toBeUndefined();
  });
});

describe('papers watched without being saved', () => {
  /** Stores the papers as seen on a page, without saving them. */
  async function see(ids: readonly string[]) {
    await observePapers(
      ids.map((id) => makeRecord(id, { title: `Title of ${id}` })),
      PAGE,
      clock,
    );
  }

  it('are checked like saved ones, and their changes become updates', async () => {
    const [watchedId, seenId] = ['2608.10001', '2608.10002'];
    await see([watchedId, seenId]);
    await setWatched(watchedId, true, clock);
    const { site, fetch } = fakeSite(day1.answers);
    const w = worker(fetch);
    await checkAllNow(clock);
    await drain(w);
    // Only the watched paper is asked about: a paper merely seen on a page is not.
    expect(site.calls).toEqual([watchedId]);
    site.answers = day2.answers;
    clock += WATCH_INTERVAL_MS;
    await drain(w);
    expect(site.calls).toEqual([watchedId, watchedId]);
    expect((await readUpdates()).map(summary).sort(byIdAndKind)).toEqual([
      { id: '2608.10001', kind: 'code', url: 'https://github.com/lab/one' },
      { id: '2608.10001', kind: 'models', count: 2, previous: 0 },
    ]);
  });

  it('are dropped when the reader stops watching them, unless saved', async () => {
    const [unsavedId, savedId] = IDS as [string, string];
    await see([unsavedId, savedId]);
    await setSaved(savedId, true, undefined, clock);
    await setWatched(unsavedId, true, clock);
    await setWatched(savedId, true, clock);
    await checkAllNow(clock);
    expect((await getDb().watch.toCollection().primaryKeys()).sort()).toEqual([unsavedId, savedId].sort());
    await setWatched(unsavedId, false, clock);
    await setWatched(savedId, false, clock);
    const { site, fetch } = fakeSite(day1.answers);
    await drain(worker(fetch));
    // A saved paper is always watched; the other is neither saved nor watched any more.
    expect(site.calls).toEqual([savedId]);
    expect(await getDb().watch.toCollection().primaryKeys()).toEqual([savedId]);
  });

  it('stay watched when the reader unsaves them', async () => {
    const [id] = IDS as [string];
    await save([id]);
    await setWatched(id, true, clock);
    await setSaved(id, false, undefined, clock);
    const { site, fetch } = fakeSite(day1.answers);
    await checkAllNow(clock);
    await drain(worker(fetch));
    expect(site.calls).toEqual([id]);
  });
});

describe('checking now', () => {
  it('makes every watched paper due, even one whose check was under way', async () => {
    await save(IDS);
    const { site, fetch } = fakeSite(day1.answers);
    await checkAllNow(clock);
    const w = worker(fetch);
    await drain(w);
    expect(site.calls).toHaveLength(IDS.length);
    // A check is under way when the reader asks again: its answer does not cancel the request.
    clock += RATE_LIMIT.windowMs;
    await checkAllNow(clock);
    const claim = await claimNextCheck(clock);
    expect(claim.kind).toBe('claimed');
    await checkAllNow(clock);
    await recordCheck((claim as { id: string }).id, { kind: 'found', info: {} }, clock, 1000);
    clock += RATE_LIMIT.windowMs;
    expect(await drain(w)).toBe(IDS.length);
  });
});

describe('a background stopped mid-way', () => {
  it('resumes where it was: the cut-off check is made again after its lease, the others once', async () => {
    await save(IDS);
    const { site, fetch } = fakeSite(day1.answers);
    await checkAllNow(clock);
    // The stopped background had claimed one check (its request slot taken) and never wrote its answer.
    const claim = await claimNextCheck(clock);
    expect(claim.kind).toBe('claimed');
    const cutOff = (claim as { id: string }).id;

    // A new background (nothing in memory) picks up the others at once, within the same persisted budget.
    const fresh = worker(fetch);
    const report = await fresh.run();
    expect(report.requests).toBe(Math.min(IDS.length - 1, RATE_LIMIT.requests - 1));
    await drain(fresh);
    expect(site.calls.sort()).toEqual(IDS.filter((id) => id !== cutOff).sort());
    // The cut-off check comes back when its lease runs out.
    clock += LEASE_MS;
    await drain(fresh);
    expect(site.calls.filter((id) => id === cutOff)).toHaveLength(1);
    expect(site.calls).toHaveLength(IDS.length);
    for (const row of await getDb().watch.toArray()) expect(row.checkedAt).toBeDefined();
  });
});

function byIdAndKind(a: { id: string; kind: string }, b: { id: string; kind: string }): number {
  return a.id === b.id ? a.kind.localeCompare(b.kind) : a.id.localeCompare(b.id);
}

describe('what the site knows of a paper, kept on its row', () => {
  it('keeps the linked counts of the last answer, through a later visit of a page showing the paper', async () => {
    await save(['2608.10001']);
    const { site, fetch } = fakeSite(day1.answers);
    const w = worker(fetch);
    await checkAllNow(clock);
    await drain(w);
    site.answers = day2.answers;
    await checkAllNow(clock);
    await drain(w);
    expect((await getDb().papers.get('2608.10001'))?.linked).toEqual({ models: 2, datasets: 0, spaces: 0 });
    clock += 2 * 60 * MIN;
    const [state] = (await observePapers([makeRecord('2608.10001', { title: 'Title again' })], PAGE, clock))
      .states;
    expect(state?.linked).toEqual({ models: 2, datasets: 0, spaces: 0 });
    expect((await getDb().papers.get('2608.10001'))?.linked).toEqual({ models: 2, datasets: 0, spaces: 0 });
  });
});
