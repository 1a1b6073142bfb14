/**
 * New versions on arXiv (issue 16): asked only when the reader turned it on and granted the permission, in
 * batches of at most 100 ids, 3 s apart, once a day per paper; a later version than the one known becomes a
 * `version` update, the first answer being the baseline.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { observePapers, setSaved } from '../../../lib/db/papers';
import { deleteDb } from '../../../lib/db/schema';
import { readUpdates, WATCH_INTERVAL_MS } from '../../../lib/db/watch';
import { isArxivId } from '../../../lib/model/arxiv';
import { saveSettings } from '../../../lib/settings';
import type { FetchLike } from '../../../lib/site/hf-api';
import { ARXIV_BATCH, ARXIV_SPACING_MS, arxivQueryUrl, parseArxivVersions } from '../../../lib/watch/arxiv';
import { createWatchWorker, type WatchDeps } from '../../../lib/watch/worker';
import { makeRecord } from '../../fixtures/db/records';

const PAGE = 'https://huggingface.co/papers';
let clock: number;

/** An answer of arXiv's API (Atom) listing `versions`, and an error entry as arXiv gives for bad ids. */
function atom(versions: Record<string, number>): string {
  const entries = Object.entries(versions).map(
    ([id, v]) => `<entry>
    <id>http://arxiv.org/abs/${id}v${v}</id>
    <updated>2026-11-02T10:00:00Z</updated>
    <title>Paper ${id} with x &lt; y</title>
    <link href="http://arxiv.org/abs/${id}v${v}" rel="alternate" type="text/html"/>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>http://arxiv.org/api/cHxbiOdZaP56ODnBPIenZhzg5f8</id>
  <title type="html">ArXiv Query</title>
  ${entries.join('\n  ')}
  <entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title></entry>
</feed>`;
}

/** A fake arXiv answering from `versions`, and a huggingface.co that knows none of the papers. */
function fakeNetwork(versions: Record<string, number>) {
  const net = { versions, arxivCalls: [] as string[][], siteCalls: 0, arxivStatus: 200 };
  const fetch: FetchLike = async (url, init) => {
    expect(init.credentials).toBe('omit');
    if (url.startsWith('https://export.arxiv.org/')) {
      const ids = new URL(url).searchParams.get('id_list')?.split(',') ?? [];
      net.arxivCalls.push(ids);
      if (net.arxivStatus !== 200)
        return new Response('busy', { status: net.arxivStatus, headers: { 'Retry-After': '300' } });
      const listed = Object.fromEntries(
        ids.filter((id) => id in net.versions).map((id) => [id, net.versions[id]!]),
      );
      return new Response(atom(listed), { headers: { 'Content-Type': 'application/atom+xml' } });
    }
    net.siteCalls++;
    return new Response('not found', { status: 404 });
  };
  return { net, fetch };
}

function worker(fetch: FetchLike, extra: Partial<WatchDeps> = {}) {
  return createWatchWorker({
    fetch,
    now: () => clock,
    online: () => true,
    arxivAllowed: async () => true,
    ...extra,
  });
}

const ids = (count: number) =>
  Array.from({ length: count }, (_, i) => `2510.${String(i + 1).padStart(5, '0')}`);

async function save(list: readonly string[]) {
  await observePapers(
    list.map((id) => makeRecord(id, { title: `Title of ${id}` })),
    PAGE,
    clock,
  );
  for (const id of list) await setSaved(id, true, undefined, clock);
}

beforeEach(async () => {
  await deleteDb();
  clock = 1_786_000_000_000;
  await saveSettings({ watchVersions: true });
});

describe("arXiv's answer", () => {
  it('gives the latest version of each paper listed, and nothing for error entries', () => {
    expect(parseArxivVersions(atom({ '2501.00001': 1, '2501.00002': 3 }))).toEqual(
      new Map([
        ['2501.00001', 1],
        ['2501.00002', 3],
      ]),
    );
    expect(parseArxivVersions('<feed><entry><id>not a paper</id></entry></feed>').size).toBe(0);
    expect(parseArxivVersions('')).toEqual(new Map());
  });

  it('is asked over https at export.arxiv.org, for new-style ids only', () => {
    expect(arxivQueryUrl(['2501.00001', '2501.00002'])).toBe(
      'https://export.arxiv.org/api/query?id_list=2501.00001%2C2501.00002&max_results=2',
    );
    expect(isArxivId('2501.00001')).toBe(true);
    expect(isArxivId('hep-th/9901001')).toBe(false);
    expect(isArxivId('2501.00001,2501.00002')).toBe(false);
  });
});

describe('watching versions', () => {
  it('asks arXiv nothing unless the reader turned it on and allowed it', async () => {
    await save(ids(3));
    const { net, fetch } = fakeNetwork({});
    await createWatchWorker({
      fetch,
      now: () => clock,
      online: () => true,
      arxivAllowed: async () => false,
    }).run();
    expect(net.arxivCalls).toEqual([]);
    await saveSettings({ watchVersions: false });
    await worker(fetch).run();
    expect(net.arxivCalls).toEqual([]);
  });

  it('takes the first answer as the baseline, and tells a later version the next day', async () => {
    const list = ids(3);
    await save(list);
    const { net, fetch } = fakeNetwork({ [list[0]!]: 1, [list[1]!]: 2, [list[2]!]: 1 });
    const found: string[] = [];
    const w = worker(fetch, {
      onUpdates: (updates) => void found.push(...updates.map((u) => `${u.id} ${u.kind}`)),
    });

    expect((await w.run()).arxivRequests).toBe(1);
    expect(net.arxivCalls).toEqual([list]);
    expect(found).toEqual([]);

    // Within the day, nothing is asked again.
    clock += ARXIV_SPACING_MS;
    expect((await w.run()).arxivRequests).toBe(0);

    net.versions[list[1]!] = 3;
    clock += WATCH_INTERVAL_MS;
    expect((await w.run()).arxivRequests).toBe(1);
    expect(found).toEqual([`${list[1]} version`]);
    const [stored] = await readUpdates();
    expect(stored).toMatchObject({
      id: list[1],
      kind: 'version',
      count: 3,
      previous: 2,
      title: `Title of ${list[1]}`,
    });
  });

  it('asks in batches of at most 100 ids, 3 s apart', async () => {
    const list = ids(150);
    await save(list);
    const { net, fetch } = fakeNetwork({});
    const w = worker(fetch);
    await w.run();
    clock += ARXIV_SPACING_MS - 1;
    await w.run();
    expect(net.arxivCalls.map((call) => call.length)).toEqual([ARXIV_BATCH]);
    clock += 1;
    await w.run();
    expect(net.arxivCalls.map((call) => call.length)).toEqual([ARXIV_BATCH, 50]);
    expect(new Set(net.arxivCalls.flat())).toEqual(new Set(list));
  });

  it('waits as long as arXiv says when it is busy, then asks the same papers again', async () => {
    const list = ids(2);
    await save(list);
    const { net, fetch } = fakeNetwork({ [list[0]!]: 1 });
    net.arxivStatus = 503;
    const w = worker(fetch);
    await w.run();
    net.arxivStatus = 200;
    // Past the batch's lease (2 minutes), still within the 5 minutes arXiv asked for.
    clock += 150_000;
    await w.run();
    expect(net.arxivCalls).toHaveLength(1);
    clock += 150_000;
    await w.run();
    expect(net.arxivCalls).toEqual([list, list]);
  });
});
