#!/usr/bin/env node
/**
 * Measures the `observePapers` round trip in real Chromium: the time from `chrome.runtime.sendMessage`
 * on an extension page (popup.html) to its answer, which covers validation in the background worker,
 * the IndexedDB transaction and the change-feed write.
 *
 * For each size (default 50, 500 and 2,000 papers of ~1 KB each) and each run it measures:
 *
 * - `first`:   a first visit: a list page never seen before, showing papers the store does not hold
 *              (each run uses its own block of ids, so the store grows with the earlier runs' papers);
 * - `revisit`: the same page and papers again right after (same visit, nothing changed on the cards);
 * - `changed`: the same again with every card's upvote count changed (every row must be written).
 *
 * Run 0 is a warm-up and is not counted; the medians of the other runs are printed, with the load
 * average before and after (the machine may be shared: compare medians taken under similar load).
 *
 * Usage:
 *   node scripts/measure-observe.mjs [--skip-build] [--extension DIR] [--runs N] [--sizes 50,500,2000]
 *                                    [--settle MS] [--json]
 *
 *   --skip-build     measure the existing build in .output/chrome-mv3 (default: run `npx wxt build` first)
 *   --extension DIR  measure the unpacked extension in DIR (implies --skip-build)
 *   --runs N         measured runs per size and scenario, after one warm-up (default 7)
 *   --sizes LIST     comma-separated numbers of papers (default 50,500,2000)
 *   --settle MS      pause before each measured call, so the previous call's change-feed readers and
 *                    IndexedDB compaction settle (default 250)
 *   --json           print one JSON object instead of the table
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { makePaper, median } from './bench-data.mjs';
import { chromiumArgs, findChromium } from './browser-path.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCENARIOS = ['first', 'revisit', 'changed'];

const { values: opts } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    extension: { type: 'string' },
    runs: { type: 'string', default: '7' },
    sizes: { type: 'string', default: '50,500,2000' },
    settle: { type: 'string', default: '250' },
    json: { type: 'boolean', default: false },
  },
});
const runs = Number(opts.runs);
const sizes = opts.sizes.split(',').map(Number);
const settleMs = Number(opts.settle);
if (!(runs >= 1) || sizes.some((n) => !(n >= 1 && n <= 5_000)) || !(settleMs >= 0)) {
  console.error('measure-observe: --runs must be ≥ 1, --sizes between 1 and 5000, --settle ≥ 0.');
  process.exit(2);
}

/** A day page of its own for each block, so every `first` run is the first visit of its list. */
function pageUrlOf(block) {
  const day = new Date(Date.UTC(2025, 0, 1) + block * 86_400_000).toISOString().slice(0, 10);
  return `https://huggingface.co/papers/date/${day}`;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

function build() {
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('npx wxt build failed');
}

async function main() {
  const extensionDir = path.resolve(opts.extension ?? path.join(ROOT, '.output/chrome-mv3'));
  if (opts.extension === undefined && !opts['skip-build']) build();
  if (!existsSync(path.join(extensionDir, 'manifest.json')))
    throw new Error(`No built extension in ${extensionDir}.`);
  const executablePath = findChromium();
  if (!executablePath) throw new Error('No Chromium found (apt-get install chromium, or set CHROME_PATH).');

  const userDataDir = mkdtempSync(path.join(tmpdir(), 'dpc-measure-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: chromiumArgs(extensionDir),
  });
  const loadBefore = load();
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html`);

    /** One round trip, timed in the page; throws on an error answer. */
    const observe = async (papers, pageUrl) => {
      await sleep(settleMs);
      return page.evaluate(
        async (data) => {
          const start = performance.now();
          const answer = await chrome.runtime.sendMessage({ type: 'observePapers', data });
          const ms = performance.now() - start;
          if (!answer?.ok) throw new Error(`observePapers failed: ${answer?.error ?? 'no answer'}`);
          if (answer.result.states.length !== data.papers.length)
            throw new Error('observePapers: wrong reply');
          return ms;
        },
        { papers, pageUrl },
      );
    };

    const results = {};
    let block = 0;
    for (const size of sizes) {
      const samples = Object.fromEntries(SCENARIOS.map((s) => [s, []]));
      for (let run = 0; run <= runs; run++) {
        block += 1;
        const pageUrl = pageUrlOf(block);
        const papers = Array.from({ length: size }, (_, n) => makePaper(block, n));
        const changed = papers.map((p) => ({ ...p, upvotes: p.upvotes + 1 }));
        const times = {
          first: await observe(papers, pageUrl),
          revisit: await observe(papers, pageUrl),
          changed: await observe(changed, pageUrl),
        };
        if (run > 0) for (const s of SCENARIOS) samples[s].push(times[s]);
      }
      results[size] = Object.fromEntries(
        SCENARIOS.map((s) => [
          s,
          {
            median: median(samples[s]),
            min: Math.min(...samples[s]),
            max: Math.max(...samples[s]),
            samples: samples[s],
          },
        ]),
      );
    }
    const loadAfter = load();

    if (opts.json) {
      console.log(JSON.stringify({ extensionDir, runs, loadBefore, loadAfter, results }, null, 2));
      return;
    }
    console.log(`observePapers round trip, median of ${runs} runs after 1 warm-up (ms; min–max in brackets)`);
    console.log(`extension: ${extensionDir}`);
    console.log(`load average before: ${loadBefore}   after: ${loadAfter}`);
    console.log(['papers', ...SCENARIOS].map((h) => h.padStart(h === 'papers' ? 6 : 20)).join(''));
    for (const size of sizes) {
      const cells = SCENARIOS.map((s) => {
        const r = results[size][s];
        return `${r.median.toFixed(1)} [${r.min.toFixed(0)}–${r.max.toFixed(0)}]`.padStart(20);
      });
      console.log(String(size).padStart(6) + cells.join(''));
    }
  } finally {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
