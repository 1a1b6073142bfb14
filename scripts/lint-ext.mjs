#!/usr/bin/env node
// Runs `web-ext lint` (Mozilla's add-on linter, with AMO's rules) on the Firefox build and fails on any
// error or warning, except one known and accepted warning: UNSAFE_VAR_ASSIGNMENT on Preact's own
// `dom.innerHTML = props.dangerouslySetInnerHTML.__html`, which the extension never uses (it renders
// text only; see test/unit/integration/hostile-tags-notes.test.ts). It shows up once in every bundle that holds
// Preact (the content script, and the chunk the popup and options page share); each is checked against
// the bundled source, so an innerHTML assignment of our own is never waved through. Notices are printed
// and do not fail.
//
// Usage: node scripts/lint-ext.mjs [SOURCE_DIR]   (default .output/firefox-mv2; `npm run lint:ext`
// builds it first)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sourceDir = path.resolve(process.argv[2] ?? '.output/firefox-mv2');
if (!existsSync(path.join(sourceDir, 'manifest.json'))) {
  console.error(`lint:ext: no extension at ${sourceDir} (build it with: npx wxt build -b firefox)`);
  process.exit(2);
}

const webExt = fileURLToPath(new URL('../node_modules/web-ext/bin/web-ext.js', import.meta.url));
// No --self-hosted: the add-on is meant for addons.mozilla.org, so AMO's own checks apply.
const run = spawnSync(
  process.execPath,
  [webExt, 'lint', '--source-dir', sourceDir, '--output', 'json', '--no-input'],
  {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  },
);
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(
    `lint:ext: web-ext lint gave no JSON report (exit ${run.status}).\n${run.stdout}\n${run.stderr}`,
  );
  process.exit(2);
}

/** Preact's dangerouslySetInnerHTML assignment, minified: `e.innerHTML=h.__html`. */
const PREACT_INNER_HTML = /^[\w$]+\.innerHTML=[\w$]+\.__html\b/;

/** Whether a message is the accepted warning: UNSAFE_VAR_ASSIGNMENT at Preact's assignment. */
function isAcceptedPreactWarning(message) {
  if (message.code !== 'UNSAFE_VAR_ASSIGNMENT' || !message.file || !message.line) return false;
  const lines = readFileSync(path.join(sourceDir, message.file), 'utf8').split('\n');
  // web-ext counts columns from 1.
  const at = lines[message.line - 1]?.slice(Math.max(0, (message.column ?? 1) - 1)) ?? '';
  return PREACT_INNER_HTML.test(at);
}

const where = (m) => (m.file ? ` (${m.file}${m.line ? `:${m.line}:${m.column ?? 0}` : ''})` : '');
const describe = (m) =>
  `${m.code}: ${m.message}${where(m)}\n    ${String(m.description ?? '').replace(/\s+/g, ' ')}`;

const errors = report.errors ?? [];
const warnings = report.warnings ?? [];
const accepted = warnings.filter(isAcceptedPreactWarning);
const failing = [...errors, ...warnings.filter((m) => !accepted.includes(m))];

for (const m of accepted) console.log(`accepted  ${m.code} in Preact's dangerouslySetInnerHTML${where(m)}`);
for (const m of report.notices ?? []) console.log(`notice    ${describe(m)}`);
for (const m of errors) console.log(`ERROR     ${describe(m)}`);
for (const m of warnings.filter((w) => !accepted.includes(w))) console.log(`WARNING   ${describe(m)}`);
console.log(
  `lint:ext: ${errors.length} errors, ${warnings.length - accepted.length} warnings (${accepted.length} accepted: Preact), ${(report.notices ?? []).length} notices`,
);
process.exit(failing.length > 0 ? 1 : 0);
