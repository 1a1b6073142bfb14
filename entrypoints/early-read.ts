import { drawScreen } from '../components/first-screen';
import type { ReadableArea } from '../lib/messages/early-read';
import { beginPageReads } from '../lib/messages/page-reads';

// The popup's and the inbox's first script, classic and tiny, run as soon as the page is parsed: it begins
// the read their first rows need while their modules load (lib/messages/early-read.ts), and in the popup
// first the read of the first screen kept with valid rows (components/first-screen.ts), which it draws;
// the popup's own first render, drawing the same rows, then replaces it. Written without the polyfill,
// which would triple its size: Chrome's `chrome` and Firefox's `browser` both answer `storage.local.get`
// with a promise.
interface ExtensionGlobal {
  browser?: { storage?: { local?: ReadableArea } };
  chrome?: { storage?: { local?: ReadableArea } };
}

export default defineUnlistedScript(() => {
  const api = globalThis as ExtensionGlobal;
  const area = api.browser?.storage?.local ?? api.chrome?.storage?.local;
  if (area === undefined) return;
  beginPageReads(location.pathname, area, (screen) => {
    const app = document.getElementById('app');
    // Only into an empty page: the popup may have drawn itself already.
    if (app === null || app.firstChild !== null) return;
    if (drawScreen(app, screen)) performance.mark('dpc:first-screen');
  });
});
