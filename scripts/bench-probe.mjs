// The browser's floor for `npm run bench`: a probe extension, written at run time, that does the least the
// first paint and the popup must do, measured the same way as the real ones in the same run. Its content
// script reads one tiny `storage.local` value at `document_start` (the first paint reads the state index in
// one such call); its page shows one row from a module script (the popup shows its first rows). Beside
// `overlay.indexRead` and `popup.firstRows`, the floor says how much of a figure is the browser's own.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const MANIFEST = {
  manifest_version: 3,
  name: 'Bench probe',
  version: '1.0',
  // A worker with nothing to do: the bench finds an extension's id from its worker.
  background: { service_worker: 'probe-worker.js' },
  permissions: ['storage'],
  host_permissions: ['https://huggingface.co/*'],
  content_scripts: [
    { matches: ['https://huggingface.co/*'], js: ['probe-content.js'], run_at: 'document_start' },
  ],
};

// The same user timing marks as the first paint's (lib/overlay/first-paint.ts FIRST_PAINT_MARKS).
const CONTENT = `performance.mark('dpc:first-paint');
chrome.storage.local.get('probe').then(() => performance.mark('dpc:index-read'));
`;

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>probe</title>
<script type="module" src="probe-page.js"></script></head><body><div id="app"></div></body></html>
`;

// One row, as the popup's first row is found: an element with data-paper-row.
const PAGE_SCRIPT = `const row = document.createElement('div');
row.setAttribute('data-paper-row', '');
row.textContent = 'A paper';
document.getElementById('app').append(row);
`;

/** Writes the probe extension to a new temporary folder and returns the folder. */
export function writeProbeExtension() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpc-probe-'));
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(MANIFEST));
  writeFileSync(path.join(dir, 'probe-worker.js'), '');
  writeFileSync(path.join(dir, 'probe-content.js'), CONTENT);
  writeFileSync(path.join(dir, 'probe.html'), PAGE);
  writeFileSync(path.join(dir, 'probe-page.js'), PAGE_SCRIPT);
  return dir;
}
