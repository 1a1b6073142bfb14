import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { BACKOFF_MAX_MS, backoffMs, MAX_ATTEMPTS } from '../../../lib/db/enrichment';
import { observePapers, setSaved } from '../../../lib/db/papers';
import { RATE_LIMIT } from '../../../lib/db/rate-limit';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { createEnrichmentWorker, ENRICH_ALARM, type WorkerDeps } from '../../../lib/enrich/worker';
import type { PaperState } from '../../../lib/model/paper';
import { saveSettings } from '../../../lib/settings';
import { FETCH_TIMEOUT_MS, type FetchLike, paperApiUrl } from '../../../lib/site/hf-api';
import { idOf, makeRecord } from '../../fixtures/db/records';

const PAGE = 'https://huggingface.co/papers';
const MIN = 60_000;
let clock: number;

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    ...init,
  });

/** A fake fetch answering from a table of ids, recording every URL asked. */
function fakeFetch(answer: (id: string) => Response | Promise<Response>) {
  const calls: string[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push(url);
    expect(init.credentials).toBe('omit');
    expect(init.signal).toBeInstanceOf(AbortSignal);
    return answer(url.slice(url.lastIndexOf('/') + 1));
  };
  return { fetch, calls };
}

function worker(fetch: FetchLike, extra: Partial<WorkerDeps> = {}) {
  return createEnrichmentWorker({ fetch, now: () => clock, ...extra });
}

async function savedPapers(...ns: number[]) {
  await observePapers(
    ns.map((n) => makeRecord(n)),
    PAGE,
    clock,
  );
  for (const n of ns) await setSaved(idOf(n), true, undefined, clock);
}

const queue = (n: number) => getDb().enrichment.get(idOf(n));
const paper = (n: number) => getDb().papers.get(idOf(n));

beforeEach(async () => {
  await deleteDb();
  clock = 1_738_000_000_000;
});

describe('a saved paper without code links is enriched from huggingface.co', () => {
  it('reads githubRepo (canonicalized from owner/repo), stars, project page, AI summary and keywords', async () => {
    await savedPapers(1);
    const { fetch, calls } = fakeFetch(() =>
      json({
        id: idOf(1),
        githubRepo: 'NVlabs/Sana',
        githubStars: 1234,
        projectPage: 'https://nvlabs.github.io/Sana/',
        ai_summary: 'A fast text-to-image model.',
        ai_keywords: ['diffusion', 'linear attention'],
      }),
    );
    const changed: PaperState[][] = [];
    const report = await worker(fetch, { onChanged: (s) => void changed.push(s) }).run();
    expect(calls).toEqual([paperApiUrl(idOf(1))]);
    expect(calls[0]).toBe('https://huggingface.co/api/papers/2401.00001');
    expect(report).toMatchObject({ requests: 1, skipped: 0 });
    expect(await paper(1)).toMatchObject({
      githubRepo: 'https://github.com/NVlabs/Sana',
      githubStars: 1234,
      projectPage: 'https://nvlabs.github.io/Sana/',
      aiSummary: 'A fast text-to-image model.',
      keywords: ['diffusion', 'linear attention'],
      codeLinks: ['https://github.com/NVlabs/Sana'],
      savedAt: clock,
    });
    expect(await queue(1)).toMatchObject({ status: 'done', attempts: 1 });
    expect(changed).toEqual([
      [expect.objectContaining({ id: idOf(1), githubRepo: 'https://github.com/NVlabs/Sana' })],
    ]);
    expect(await fakeBrowser.alarms.get(ENRICH_ALARM)).toBeUndefined();
  });

  it('never erases: keeps the AI summary and keywords the page had, ignores non-https project pages', async () => {
    await observePapers([makeRecord(1, { aiSummary: 'From the page.', keywords: ['a'] })], PAGE, clock);
    await setSaved(idOf(1), true, undefined, clock);
    const { fetch } = fakeFetch(() =>
      json({
        githubRepo: 'not a repo',
        projectPage: 'http://insecure.example/',
        ai_summary: 'Other.',
        ai_keywords: ['A', 'b'],
      }),
    );
    await worker(fetch).run();
    const row = await paper(1);
    expect(row).toMatchObject({ aiSummary: 'From the page.', keywords: ['a', 'b'] });
    expect(row).not.toHaveProperty('githubRepo');
    expect(row).not.toHaveProperty('projectPage');
    expect(await queue(1)).toMatchObject({ status: 'done' });
  });

  it('does not queue papers that already have links, nor unsaved ones', async () => {
    await observePapers([makeRecord(1, { projectPage: 'https://x.test/' }), makeRecord(2)], PAGE, clock);
    await setSaved(idOf(1), true, undefined, clock);
    expect(await getDb().enrichment.count()).toBe(0);
  });

  it('settles without a request an entry whose paper was unsaved or found its links meanwhile', async () => {
    await savedPapers(1, 2);
    await setSaved(idOf(1), false, undefined, clock);
    await getDb().enrichment.put({
      id: idOf(1),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: clock,
      updatedAt: clock,
    });
    await observePapers(
      [makeRecord(2, { githubRepo: 'https://github.com/a/b', codeLinks: [] })],
      PAGE,
      clock,
    );
    const { fetch, calls } = fakeFetch(() => json({}));
    const report = await worker(fetch).run();
    expect(calls).toEqual([]);
    expect(report.skipped).toBe(2);
    expect(await queue(1)).toBeUndefined();
    expect(await queue(2)).toMatchObject({ status: 'done', attempts: 0 });
  });
});

describe('failures never block or undo the save, and are retried with backoff', () => {
  const failures: [string, () => FetchLike, string][] = [
    [
      'offline',
      () => async () => {
        throw new TypeError('Failed to fetch');
      },
      'network error (offline?): Failed to fetch',
    ],
    [
      '429',
      () => async () => new Response('slow down', { status: 429 }),
      'rate limited by huggingface.co (429)',
    ],
    ['503', () => async () => new Response('oops', { status: 503 }), 'huggingface.co answered 503'],
    ['500', () => async () => new Response('oops', { status: 500 }), 'huggingface.co answered 500'],
    [
      'malformed JSON',
      () => async () => new Response('{"githubRepo": ', { status: 200 }),
      'malformed JSON from huggingface.co',
    ],
    [
      'JSON that is not an object',
      () => async () => json([1, 2]),
      'unexpected answer from huggingface.co (not an object)',
    ],
  ];

  it.each(failures)('%s: recorded, retried in 1 minute, paper still saved', async (_kind, make, error) => {
    await savedPapers(1);
    const report = await worker(make()).run();
    expect(report.requests).toBe(1);
    expect(await queue(1)).toEqual({
      id: idOf(1),
      status: 'pending',
      attempts: 1,
      nextAttemptAt: clock + MIN,
      lastError: error,
      updatedAt: clock,
    });
    expect((await paper(1))?.savedAt).toBe(clock);
    expect(report.alarmAt).toBe(clock + MIN);
    expect((await fakeBrowser.alarms.get(ENRICH_ALARM))?.scheduledTime).toBe(clock + MIN);
  });

  it('timeout: the request is aborted after the timeout (10 s by default)', async () => {
    expect(FETCH_TIMEOUT_MS).toBe(10_000);
    await savedPapers(1);
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    await worker(hanging, { timeoutMs: 30 }).run();
    expect(await queue(1)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'timed out after 0.03 s',
    });
  });

  it('timeout while reading the body counts as a timeout too', async () => {
    await savedPapers(1);
    const slowBody: FetchLike = async (_url, init) =>
      ({
        ok: true,
        status: 200,
        headers: new Headers(),
        json: () =>
          new Promise((_r, reject) =>
            init.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
          ),
      }) as unknown as Response;
    await worker(slowBody, { timeoutMs: 30 }).run();
    expect((await queue(1))?.lastError).toBe('timed out after 0.03 s');
  });

  it('429 with Retry-After waits at least as long as the server asked', async () => {
    await savedPapers(1);
    const { fetch } = fakeFetch(() => new Response('', { status: 429, headers: { 'Retry-After': '600' } }));
    await worker(fetch).run();
    expect((await queue(1))?.nextAttemptAt).toBe(clock + 600_000);
  });

  it('404 is final: done with nothing, never asked again', async () => {
    await savedPapers(1);
    const { fetch, calls } = fakeFetch(() => new Response('', { status: 404 }));
    await worker(fetch).run();
    expect(await queue(1)).toMatchObject({
      status: 'done',
      lastError: 'huggingface.co does not know this paper (404)',
    });
    clock += 24 * 60 * MIN;
    await worker(fetch).run();
    expect(calls).toHaveLength(1);
    expect((await paper(1))?.savedAt).toBeDefined();
  });

  it('backs off 1, 2, 4, 8 … minutes, capped at 6 hours, then gives up after MAX_ATTEMPTS', async () => {
    expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([1, 2, 4, 8, 16].map((m) => m * MIN));
    expect(backoffMs(9)).toBe(256 * MIN);
    expect(backoffMs(10)).toBe(BACKOFF_MAX_MS);
    expect(backoffMs(1_000)).toBe(6 * 60 * MIN);

    await savedPapers(1);
    const { fetch, calls } = fakeFetch(() => new Response('', { status: 502 }));
    const w = worker(fetch);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      await w.run();
      const entry = (await queue(1))!;
      if (entry.status === 'pending') delays.push(entry.nextAttemptAt - clock);
      clock = Math.max(entry.nextAttemptAt, clock + RATE_LIMIT.windowMs);
    }
    expect(calls).toHaveLength(MAX_ATTEMPTS);
    expect(delays.slice(0, 4)).toEqual([1, 2, 4, 8].map((m) => m * MIN));
    expect(Math.max(...delays)).toBe(BACKOFF_MAX_MS);
    expect(await queue(1)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
    await w.run();
    expect(calls).toHaveLength(MAX_ATTEMPTS);
  });

  it('a worker stopped in the middle of a request retries it after the lease', async () => {
    await savedPapers(1);
    let calls = 0;
    const never: FetchLike = () => {
      calls += 1;
      return new Promise(() => undefined); // the worker "stops" here
    };
    void worker(never, { timeoutMs: 60 * MIN }).run();
    await vi.waitFor(async () => expect((await queue(1))?.attempts).toBe(1));
    const { fetch } = fakeFetch(() => json({ githubRepo: 'a/b' }));
    await worker(fetch).run(); // restarted worker, right away: the entry is leased
    expect((await paper(1))?.githubRepo).toBeUndefined();
    clock += 3 * MIN;
    await worker(fetch).run();
    expect((await paper(1))?.githubRepo).toBe('https://github.com/a/b');
    expect(calls).toBe(1);
  });
});

describe('at most 4 requests a minute, across worker restarts', () => {
  it('stops after 4 requests, sets the alarm for the next free slot, and continues a minute later', async () => {
    await savedPapers(1, 2, 3, 4, 5, 6);
    const { fetch, calls } = fakeFetch(() => json({ projectPage: 'https://p.test/' }));
    const first = await worker(fetch).run();
    expect(calls).toHaveLength(4);
    expect(first.throttledUntil).toBe(clock + MIN);
    expect((await fakeBrowser.alarms.get(ENRICH_ALARM))?.scheduledTime).toBe(clock + MIN);

    // A new worker (the old one was stopped) 30 seconds later: still no slot.
    clock += 30_000;
    await worker(fetch).run();
    expect(calls).toHaveLength(4);

    clock += 30_000;
    await worker(fetch).run();
    expect(calls).toHaveLength(6);
    expect(await getDb().enrichment.where('status').equals('done').count()).toBe(6);
  });

  it('no 60-second window ever holds more than 4 requests', async () => {
    await savedPapers(...Array.from({ length: 12 }, (_, n) => n));
    const times: number[] = [];
    const { fetch } = fakeFetch(() => {
      times.push(clock);
      return json({});
    });
    const start = clock;
    const w = worker(fetch);
    while (clock < start + 5 * MIN) {
      await w.run();
      clock += 7_000;
    }
    expect(times).toHaveLength(12);
    for (const t of times)
      expect(times.filter((u) => u >= t && u < t + RATE_LIMIT.windowMs).length).toBeLessThanOrEqual(4);
  });
});

describe('the user can turn enrichment off', () => {
  it('makes no request while fetchCodeLinks is false, and resumes when it is back on', async () => {
    await savedPapers(1);
    await saveSettings({ fetchCodeLinks: false });
    await fakeBrowser.alarms.create(ENRICH_ALARM, { when: clock + MIN });
    const { fetch, calls } = fakeFetch(() => json({ githubRepo: 'a/b' }));
    expect(await worker(fetch).run()).toMatchObject({ disabled: true, requests: 0 });
    expect(calls).toEqual([]);
    expect(await fakeBrowser.alarms.get(ENRICH_ALARM)).toBeUndefined();
    expect(await queue(1)).toMatchObject({ status: 'pending' });

    await saveSettings({ fetchCodeLinks: true });
    await worker(fetch).run();
    expect(calls).toHaveLength(1);
  });
});

describe('the worker never runs twice at once', () => {
  it('coalesces overlapping runs and goes around once more for work queued meanwhile', async () => {
    await savedPapers(1);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { fetch, calls } = fakeFetch(async () => {
      await gate;
      return json({});
    });
    const w = worker(fetch);
    const a = w.run();
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    await savedPapers(2);
    const b = w.run();
    expect(b).toBe(a);
    release();
    await a;
    expect(calls).toEqual([paperApiUrl(idOf(1)), paperApiUrl(idOf(2))]);
  });

  it('poke runs at most every 30 seconds', async () => {
    const { fetch } = fakeFetch(() => json({}));
    const w = worker(fetch);
    const run = vi.spyOn(w, 'run');
    w.poke();
    w.poke();
    clock += 30_000;
    w.poke();
    expect(run).toHaveBeenCalledTimes(2);
    await vi.waitFor(() => undefined);
  });
});
