import { beforeEach, describe, expect, it } from 'vitest';
import { deleteDb, getDb } from '../../../lib/db/schema';
import {
  DAY_FRESH_MS,
  dayCacheKey,
  lastDailyVisitAt,
  loadDay,
  REQUEST_SPACING_MS,
} from '../../../lib/inbox/days';
import { DAILY_PAGE_SIZE, dailyPapersApiUrl, readDailyItems } from '../../../lib/site/daily-api';
import type { FetchLike } from '../../../lib/site/hf-api';
import { dailyAnswer, dailyItem, dayPaperId, pageOf } from '../../support/daily-api';

const DAY = '2026-07-31';
let clock: number;
let slept: number[];

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    ...init,
  });

/** A fake site answering each URL with `answer`, recording the URLs asked. */
function fakeSite(answer: (url: string) => Response | Promise<Response>) {
  const calls: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push(url);
    expect(init.credentials).toBe('omit');
    return answer(url);
  };
  return { fetch, calls };
}

const deps = (fetch: FetchLike) => ({
  fetch,
  now: () => clock,
  sleep: async (ms: number) => {
    slept.push(ms);
    clock += ms;
  },
});

beforeEach(async () => {
  await deleteDb();
  clock = Date.parse('2026-08-01T10:00:00Z');
  slept = [];
});

describe('the days of the inbox', () => {
  it('reads a day from the site, every page of it, and keeps each paper once', async () => {
    const items = dailyAnswer(DAY, DAILY_PAGE_SIZE + 20);
    items.push(items[0]!); // the site repeated a paper across pages
    const site = fakeSite((url) => json(pageOf(items, url)));
    const day = await loadDay(DAY, deps(site.fetch));
    expect(day.status).toBe('ok');
    expect(site.calls).toEqual([dailyPapersApiUrl(DAY, 0), dailyPapersApiUrl(DAY, 1)]);
    expect(day.papers.map((p) => p.id)).toEqual(
      Array.from({ length: DAILY_PAGE_SIZE + 20 }, (_, i) => dayPaperId(DAY, i + 1)),
    );
  });

  it('reads the fields the inbox shows and filters on from an item of the real shape', () => {
    const [paper] = readDailyItems([
      dailyItem(DAY, '2607.23193', {
        upvotes: 3,
        organization: 'Acme AI',
        githubRepo: 'https://github.com/acme/omni',
        keywords: ['token compression'],
      }),
    ]);
    expect(paper).toMatchObject({
      id: '2607.23193',
      upvotes: 3,
      organization: 'Acme AI',
      githubRepo: 'https://github.com/acme/omni',
      keywords: ['token compression'],
      authors: ['Ada Lovelace', 'Alan Turing'],
      submittedAt: `${DAY}T00:00:00.000Z`,
      arxivUrl: 'https://arxiv.org/abs/2607.23193',
    });
  });

  it('answers from the cache within the hour, and asks again after it', async () => {
    const site = fakeSite((url) => json(pageOf(dailyAnswer(DAY, 3), url)));
    await loadDay(DAY, deps(site.fetch));
    clock += DAY_FRESH_MS - 1;
    const cached = await loadDay(DAY, deps(site.fetch));
    expect(site.calls).toHaveLength(1);
    expect(cached.papers).toHaveLength(3);
    clock += 1;
    await loadDay(DAY, deps(site.fetch));
    expect(site.calls).toHaveLength(2);
  });

  it('spaces its requests', async () => {
    const site = fakeSite((url) => json(pageOf(dailyAnswer(DAY, 2), url)));
    await loadDay('2026-07-30', deps(site.fetch));
    await loadDay('2026-07-31', deps(site.fetch));
    expect(slept).toEqual([REQUEST_SPACING_MS]);
  });

  it('tries a 429 or 5xx again after a pause, at least what Retry-After asks', async () => {
    const answers = [json([], { status: 429, headers: { 'Retry-After': '2' } }), json([], { status: 503 })];
    const site = fakeSite((url) => answers.shift() ?? json(pageOf(dailyAnswer(DAY, 2), url)));
    const day = await loadDay(DAY, deps(site.fetch));
    expect(day.status).toBe('ok');
    expect(site.calls).toHaveLength(3);
    expect(slept.filter((ms) => ms >= 1_000)).toEqual([2_000, 3_000]);
  });

  it('says plainly why a day failed, and keeps the papers of an earlier answer', async () => {
    const good = fakeSite((url) => json(pageOf(dailyAnswer(DAY, 2), url)));
    await loadDay(DAY, deps(good.fetch));
    clock += DAY_FRESH_MS;
    const down = fakeSite(() => json({ error: 'boom' }, { status: 500 }));
    const day = await loadDay(DAY, deps(down.fetch));
    expect(day).toMatchObject({ status: 'failed', error: 'huggingface.co answered 500' });
    expect(day.papers).toHaveLength(2);
    expect(down.calls).toHaveLength(3); // the first try and two more

    const offline = fakeSite(() => Promise.reject(new TypeError('Failed to fetch')));
    const never = await loadDay('2026-07-30', deps(offline.fetch));
    expect(never).toMatchObject({ status: 'offline', papers: [] });
    expect(never.error).toMatch(/network error/);
    expect(offline.calls).toHaveLength(1); // offline is not retried here: the reader is told at once
  });

  it('says an answer that is not a list failed, and caches nothing then', async () => {
    const site = fakeSite(() => json({ items: [] }));
    expect(await loadDay(DAY, deps(site.fetch))).toMatchObject({ status: 'failed', papers: [] });
    expect(await getDb().meta.get(dayCacheKey(DAY))).toBeUndefined();
  });

  it('knows when a daily list was last visited', async () => {
    expect(await lastDailyVisitAt()).toBeUndefined();
    await getDb().pages.bulkPut([
      { key: 'date:2026-07-30', visitStartedAt: 1, lastVisitAt: 5_000 },
      { key: 'date:latest', visitStartedAt: 1, lastVisitAt: 9_000 },
      { key: 'week:2026-W31', visitStartedAt: 1, lastVisitAt: 99_000 },
    ]);
    expect(await lastDailyVisitAt()).toBe(9_000);
  });
});

describe('the count of the inbox for the popup', () => {
  it('counts from the cached days only, without asking the site, minus what was handled and muted', async () => {
    const { cachedInboxCount } = await import('../../../lib/inbox/count');
    const { observePapers, setRead } = await import('../../../lib/db/papers');
    const { NO_FILTERS } = await import('../../../lib/model/filters');
    const noFilters = { ...NO_FILTERS, rules: [] };
    expect(await cachedInboxCount(noFilters, clock)).toBeUndefined();
    const items = [
      ...dailyAnswer('2026-08-01', 3),
      dailyItem('2026-08-01', '2608.99999', { organization: 'Acme AI' }),
    ];
    const site = fakeSite((url) => json(pageOf(items, url)));
    const day = await loadDay('2026-08-01', deps(site.fetch));
    await observePapers([day.papers[0]!], 'https://huggingface.co/papers/date/2026-08-01', clock);
    await setRead(day.papers[0]!.id, true, clock);
    const calls = site.calls.length;
    expect(await cachedInboxCount(noFilters, clock)).toBe(3);
    expect(
      await cachedInboxCount(
        { ...noFilters, rules: [{ action: 'mute', field: 'organization', value: 'Acme AI' }] },
        clock,
      ),
    ).toBe(2);
    expect(site.calls).toHaveLength(calls);
  });
});
