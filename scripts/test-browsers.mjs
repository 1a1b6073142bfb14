#!/usr/bin/env node
// Runs the browser suite once per browser and build, one after the other (the machine has two cores):
// Chromium (MV3), Firefox ESR with the MV2 build, Firefox ESR with the MV3 build. Each is a Vitest project
// (vitest.config.ts) running the same test cases through its own driver (test/browser/drivers/). A
// failure in one does not stop the next; the exit code says whether all passed. Prints each suite's time.
//
// Usage: node scripts/test-browsers.mjs [chromium] [firefox-mv2] [firefox-mv3]   (default: all three;
// build first with `npm run build:all`)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ALL = ['chromium', 'firefox-mv2', 'firefox-mv3'];
const chosen = process.argv.slice(2);
for (const name of chosen) {
  if (!ALL.includes(name)) {
    console.error(`test-browsers: unknown browser ${name} (one of ${ALL.join(', ')})`);
    process.exit(2);
  }
}
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const results = [];
for (const name of chosen.length > 0 ? chosen : ALL) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [vitest, 'run', '--project', `browser-${name}`], {
    stdio: 'inherit',
  });
  results.push({ name, ok: run.status === 0, seconds: (Date.now() - started) / 1000 });
}
console.log('\nbrowser suites:');
for (const r of results)
  console.log(`  ${r.name.padEnd(12)} ${r.ok ? 'passed' : 'FAILED'}  ${r.seconds.toFixed(1)} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
