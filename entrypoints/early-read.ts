import { beginEarlyRead, type ReadableArea } from '../lib/messages/early-read';

// The popup's and the inbox's first script, classic and tiny, run as soon as the page is parsed: it begins
// the read their first rows need while their modules load (lib/messages/early-read.ts). Written without
// the polyfill, which would triple its size: Chrome's `chrome` and Firefox's `browser` both answer
// `storage.local.get` with a promise.
interface ExtensionGlobal {
  browser?: { storage?: { local?: ReadableArea } };
  chrome?: { storage?: { local?: ReadableArea } };
}

export default defineUnlistedScript(() => {
  const api = globalThis as ExtensionGlobal;
  const area = api.browser?.storage?.local ?? api.chrome?.storage?.local;
  if (area !== undefined) beginEarlyRead(location.pathname, area);
});
