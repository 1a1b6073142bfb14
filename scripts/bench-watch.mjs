/**
 * The watcher's cost (issue 16), on the product's own code (lib/watch and lib/db, bundled by esbuild for
 * Node with fake-indexeddb and WXT's fake browser standing in for IndexedDB and `browser.*`):
 *
 *   watch.refresh.1000           checking 1,000 watched papers against answers served by a local HTTP
 *                                server, with their day-two answers (some gain code and models)
 *   watch.refresh.1000.requests  the requests the server counted (must be exactly 1,000)
 *   watch.refresh.1000.updates   the updates found
 *   watch.refresh.1000.heap      the most heap the run used above the start (Node, sampled every 10 ms)
 *
 * The worker's clock is simulated (it jumps to the end of each rate-limit wait), so the time measured is
 * the work (requests, JSON, IndexedDB transactions), not the 4-a-minute politeness, which makes a real
 * refresh of 1,000 papers take about four hours. Each metric is printed as one JSON line
 * `{"metric", "value", "unit"}`. Usage: node scripts/bench-watch.mjs
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COUNT = 1_000;

async function importWatcher(dir) {
  const shim = path.join(dir, 'wxt-browser.mjs');
  writeFileSync(
    shim,
    "import { fakeBrowser } from '@webext-core/fake-browser';\nexport const browser = fakeBrowser;\n",
  );
  const entry = path.join(dir, 'entry.ts');
  writeFileSync(
    entry,
    [
      "import 'fake-indexeddb/auto';",
      `export * from ${JSON.stringify(path.join(ROOT, 'lib/watch/worker.ts'))};`,
      `export { checkAllNow, readUpdates } from ${JSON.stringify(path.join(ROOT, 'lib/db/watch.ts'))};`,
      `export { importBackup } from ${JSON.stringify(path.join(ROOT, 'lib/db/backup.ts'))};`,
    ].join('\n'),
  );
  const out = path.join(dir, 'watcher.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile: out,
    nodePaths: [path.join(ROOT, 'node_modules')],
    alias: { 'wxt/browser': shim },
    logLevel: 'error',
  });
  return import(pathToFileURL(out).href);
}

const idOf = (n) => `2601.${String(n).padStart(5, '0')}`;

/** A paper API answer shaped like the real 2026 ones; on day two every tenth paper has code and models. */
function answer(n, day) {
  const released = day === 2 && n % 10 === 0;
  return {
    id: idOf(n),
    title: `Paper ${n}`,
    authors: [{ name: 'Ada Lovelace', hidden: false }],
    publishedAt: '2026-01-10T00:00:00.000Z',
    summary: 'An abstract of a few sentences. '.repeat(20),
    upvotes: n % 300,
    ai_summary: 'A one-line summary written by the site.',
    ai_keywords: ['diffusion', 'benchmark'],
    ...(released ? { githubRepo: `https://github.com/lab/p${n}`, githubStars: 10 } : {}),
    linkedModels: [],
    numTotalModels: released ? 2 : 0,
    linkedDatasets: [],
    numTotalDatasets: 0,
    linkedSpaces: [],
    numTotalSpaces: 0,
  };
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpc-bench-watch-'));
  const server = createServer();
  try {
    const watcher = await importWatcher(dir);
    let day = 1;
    let requests = 0;
    server.on('request', (req, res) => {
      const match = /^\/api\/papers\/2601\.(\d{5})$/.exec(req.url ?? '');
      if (!match) {
        res.writeHead(404).end();
        return;
      }
      requests += 1;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer(Number(match[1]), day)));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const local = `http://127.0.0.1:${server.address().port}`;

    let clock = Date.UTC(2026, 0, 20);
    const papers = Array.from({ length: COUNT }, (_, n) => ({
      id: idOf(n),
      title: `Paper ${n}`,
      authors: ['Ada Lovelace'],
      codeLinks: [],
      keywords: [],
      arxivUrl: `https://arxiv.org/abs/${idOf(n)}`,
      pdfUrl: `https://arxiv.org/pdf/${idOf(n)}`,
      state: 'seen',
      firstSeenAt: clock,
      lastSeenAt: clock,
      savedAt: clock,
      tags: [],
      updatedAt: clock,
    }));
    const imported = await watcher.importBackup(
      JSON.stringify({
        format: 'daily-papers-companion-backup',
        version: 1,
        exportedAt: new Date(clock).toISOString(),
        papers,
        pages: [],
      }),
      'replace',
    );
    if (!imported.ok) throw new Error(imported.error);

    const worker = watcher.createWatchWorker({
      fetch: (url, init) => fetch(url.replace('https://huggingface.co', local), init),
      now: () => clock,
      online: () => true,
    });
    const refresh = async () => {
      let found = 0;
      for (;;) {
        const report = await worker.run();
        found += report.updates;
        if (report.throttledUntil === undefined) return found;
        clock = report.throttledUntil;
      }
    };
    // Day one: the baseline (every paper due now).
    await watcher.checkAllNow(clock);
    await refresh();
    // Day two, measured.
    day = 2;
    requests = 0;
    clock += 24 * 60 * 60_000;
    globalThis.gc?.();
    const heapStart = process.memoryUsage().heapUsed;
    let heapPeak = heapStart;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 10);
    const start = performance.now();
    const updates = await refresh();
    const ms = performance.now() - start;
    clearInterval(sampler);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    const print = (metric, value, unit) => console.log(JSON.stringify({ metric, value, unit }));
    print('watch.refresh.1000', Math.round(ms), 'ms');
    print('watch.refresh.1000.requests', requests, 'requests');
    print('watch.refresh.1000.updates', updates, 'updates');
    print('watch.refresh.1000.heap', Math.round((heapPeak - heapStart) / 2 ** 20), 'MiB');
    if (requests !== COUNT) {
      console.error(`Expected exactly ${COUNT} requests, the server counted ${requests}.`);
      process.exitCode = 1;
    }
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
