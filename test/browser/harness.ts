/**
 * Drives Debian's Chromium with the built extension loaded, offline: every huggingface.co request is
 * answered from fixtures through `context.route`, everything else is refused.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Route, type Worker } from 'playwright-core';
import { describe } from 'vitest';
// @ts-expect-error: plain ESM helper shared with the scripts, typed loosely on purpose.
import { chromiumArgs, findChromium } from '../../scripts/browser-path.mjs';

/** The built Chrome extension the tests load. */
export const EXTENSION_DIR = path.resolve(__dirname, '../../.output/chrome-mv3');
/** Where fixtures live. */
export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures');

const executablePath: string | undefined = findChromium();

/**
 * `describe` when a browser is available; otherwise a loud skip, or a failure in CI where a
 * missing browser means the suite would prove nothing.
 */
export const describeInBrowser: typeof describe = (() => {
  if (executablePath && existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) return describe;
  const why = executablePath
    ? `no built extension at ${EXTENSION_DIR} (run npm run build)`
    : 'no Chromium found (install it with apt-get install chromium, or set CHROME_PATH)';
  if (process.env.CI) throw new Error(`Browser tests cannot run in CI: ${why}.`);
  console.warn(`\n${'!'.repeat(72)}\n!! BROWSER TESTS SKIPPED: ${why}.\n${'!'.repeat(72)}\n`);
  return describe.skip as unknown as typeof describe;
})();

/** A page body served at a huggingface.co path. */
export type Routes = Record<string, string | (() => string)>;

/** One running browser with the extension. */
export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  worker: () => Promise<Worker>;
  /** Serve `html` at `https://huggingface.co${pathAndQuery}`. */
  serve: (pathAndQuery: string, html: string | (() => string)) => void;
  /** Stops the extension's service worker, as the browser may at any moment. */
  stopServiceWorker: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Answers a request of the extension to the site's paper API, `https://huggingface.co/api/papers/ID`,
 * with `route.fulfill`, `route.abort`, or after a delay. Errors it throws (e.g. fulfilling a request
 * the extension has given up on) are ignored.
 */
export type ApiHandler = (id: string, route: Route) => Promise<void>;

/** Options of {@link launchWithExtension}. */
export interface LaunchOptions {
  /** How the paper API answers; without it, like anything not served: 404. */
  api?: ApiHandler;
}

const API_PATH = /^\/api\/papers\/([^/]+)$/;

/** Reads a fixture file as text. */
export function fixture(relativePath: string): string {
  return readFileSync(path.join(FIXTURES_DIR, relativePath), 'utf8');
}

/** Launches Chromium with the built extension and offline routing. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'dpc-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: chromiumArgs(EXTENSION_DIR),
    viewport: { width: 1280, height: 900 },
  });
  const routes = new Map<string, string | (() => string)>();
  await context.route(
    (url) => url.protocol !== 'chrome-extension:',
    async (route) => {
      const url = new URL(route.request().url());
      const apiId = url.hostname === 'huggingface.co' ? API_PATH.exec(url.pathname)?.[1] : undefined;
      if (apiId !== undefined && options.api !== undefined) {
        await options.api(decodeURIComponent(apiId), route).catch(() => undefined);
        return;
      }
      const body = url.hostname === 'huggingface.co' ? routes.get(url.pathname + url.search) : undefined;
      if (body === undefined) {
        // Images, the site's API and anything else unknown: answer without touching the network.
        await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not served in tests' });
        return;
      }
      await route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: typeof body === 'function' ? body() : body,
      });
    },
  );
  const worker = async (): Promise<Worker> => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return existing ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  };
  const extensionId = new URL((await worker()).url()).host;

  const stopServiceWorker = async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
  };

  return {
    context,
    extensionId,
    worker,
    serve: (p, html) => routes.set(p, html),
    stopServiceWorker,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the popup (or any extension page) in a tab. */
export async function openExtensionPage(browser: ExtensionBrowser, file = 'popup.html'): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/${file}`);
  return page;
}
