/**
 * Runs the browser suite in one browser, chosen by `DPC_BROWSER` (set by each Vitest project in
 * vitest.config.ts): `chromium` (the MV3 build in Debian's Chromium, playwright-core), `firefox-mv2` or
 * `firefox-mv3` (that build in Debian's Firefox ESR, puppeteer-core over WebDriver BiDi). The test cases
 * are the same; only the driver (`driver.ts`, `drivers/`) differs. Offline: every huggingface.co request
 * is answered from what the test serves, everything else with a 404.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe } from 'vitest';
import type { MessageName, RequestOf } from '../../lib/messages/protocol';
// @ts-expect-error: plain ESM helper shared with the scripts, typed loosely on purpose.
import { findChromium, findFirefox } from '../../scripts/browser-path.mjs';
import { type BrowserName, type DriverBrowser, type Reply, TestPage } from './driver';

export type { Reply } from './driver';
export { TestPage } from './driver';

/** Which browser and build this run drives. */
export const BROWSER = (process.env.DPC_BROWSER ?? 'chromium') as BrowserName;
if (!['chromium', 'firefox-mv2', 'firefox-mv3'].includes(BROWSER)) {
  throw new Error(`DPC_BROWSER must be chromium, firefox-mv2 or firefox-mv3, not ${BROWSER}`);
}
export const IS_FIREFOX = BROWSER !== 'chromium';
/** For test names. */
export const LABEL = {
  chromium: 'Chromium',
  'firefox-mv2': 'Firefox ESR (MV2)',
  'firefox-mv3': 'Firefox ESR (MV3)',
}[BROWSER];

/** The built extension the tests load. */
export const EXTENSION_DIR = path.resolve(
  __dirname,
  '../../.output',
  BROWSER === 'chromium' ? 'chrome-mv3' : BROWSER,
);
/** Where fixtures live. */
export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures');

/**
 * A row the popup (or the inbox) drew itself, not one of the inert copy of the last first screen that the
 * page's first script may draw before the app (components/first-screen.ts), which the app replaces.
 */
export const APP_ROW = '[data-paper-row]:not([inert] *)';

const executablePath: string | undefined = IS_FIREFOX ? findFirefox() : findChromium();

/**
 * `describe` when the browser is available; otherwise a loud skip, or a failure in CI where a missing
 * browser means the suite would prove nothing.
 */
export const describeInBrowser: typeof describe = (() => {
  if (executablePath && existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) return describe;
  const why = executablePath
    ? `no built extension at ${EXTENSION_DIR} (run npm run build:all)`
    : IS_FIREFOX
      ? 'no Firefox found (install it with apt-get install firefox-esr, or set FIREFOX_PATH)'
      : 'no Chromium found (install it with apt-get install chromium, or set CHROME_PATH)';
  if (process.env.CI) throw new Error(`Browser tests (${LABEL}) cannot run in CI: ${why}.`);
  console.warn(`\n${'!'.repeat(72)}\n!! BROWSER TESTS (${LABEL}) SKIPPED: ${why}.\n${'!'.repeat(72)}\n`);
  return describe.skip as unknown as typeof describe;
})();

/**
 * Answers a request of the extension to the site's paper API, `https://huggingface.co/api/papers/ID`: a
 * reply (possibly after a delay), or `undefined` for a 404.
 */
export type ApiHandler = (id: string) => Promise<Reply | undefined>;

/**
 * Answers a request to the site's daily list API, `https://huggingface.co/api/daily_papers?date=…&limit=…&p=…`
 * (the whole URL is given, for its paging parameters): a reply, or `undefined` for a 404.
 */
export type DailyApiHandler = (url: URL) => Promise<Reply | undefined>;

/** Options of {@link launchWithExtension}. */
export interface LaunchOptions {
  /** How the paper API answers; without it, like anything not served: 404. */
  api?: ApiHandler;
  /** How the daily list API answers (the inbox); without it: 404. */
  dailyApi?: DailyApiHandler;
}

/** One running browser with the extension, as the tests use it. */
export interface ExtensionBrowser extends Omit<DriverBrowser, 'newPage'> {
  /** A new tab. */
  newPage(): Promise<TestPage>;
  /** The tabs this test opened and has not closed. */
  pages(): TestPage[];
  /** Serve `html` at `https://huggingface.co${pathAndQuery}`. */
  serve(pathAndQuery: string, html: string | (() => string)): void;
}

const API_PATH = /^\/api\/papers\/([^/]+)$/;

/** Reads a fixture file as text. */
export function fixture(relativePath: string): string {
  return readFileSync(path.join(FIXTURES_DIR, relativePath), 'utf8');
}

/** Launches the browser with the built extension and offline serving. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const workDir = mkdtempSync(path.join(tmpdir(), `dpc-${BROWSER}-`));
  const routes = new Map<string, string | (() => string)>();
  const handle = async (url: URL): Promise<Reply | undefined> => {
    if (url.hostname !== 'huggingface.co') return undefined;
    const apiId = API_PATH.exec(url.pathname)?.[1];
    if (apiId !== undefined && options.api !== undefined) return options.api(decodeURIComponent(apiId));
    if (url.pathname === '/api/daily_papers' && options.dailyApi !== undefined) return options.dailyApi(url);
    const body = routes.get(url.pathname + url.search);
    // Images, the site's API and anything else unknown: a 404, without touching the network.
    if (body === undefined) return undefined;
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: typeof body === 'function' ? body() : body,
    };
  };
  const spec = { executablePath: executablePath!, extensionDir: EXTENSION_DIR, handle, workDir };
  let driver: DriverBrowser;
  try {
    driver =
      BROWSER === 'chromium'
        ? await (await import('./drivers/chromium')).launchChromium(spec)
        : await (await import('./drivers/firefox')).launchFirefox({ ...spec, name: BROWSER });
  } catch (error) {
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  const open = new Set<TestPage>();
  return {
    name: driver.name,
    label: driver.label,
    manifestVersion: driver.manifestVersion,
    extensionId: driver.extensionId,
    extensionOrigin: driver.extensionOrigin,
    manifest: () => driver.manifest(),
    waitForBackground: () => driver.waitForBackground(),
    stopBackground: () => driver.stopBackground(),
    idleBackground: () => driver.idleBackground(),
    newPage: async () => {
      const page = new TestPage(await driver.newPage());
      const close = page.close.bind(page);
      page.close = async () => {
        open.delete(page);
        await close();
      };
      open.add(page);
      return page;
    },
    pages: () => [...open],
    serve: (p, html) => routes.set(p, html),
    close: async () => {
      await driver.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Opens the popup (or any extension page) in a tab. */
export async function openExtensionPage(browser: ExtensionBrowser, file = 'popup.html'): Promise<TestPage> {
  const page = await browser.newPage();
  await page.goto(`${browser.extensionOrigin}/${file}`);
  return page;
}

// The extension's API inside its own pages: `browser` in Firefox (whose `chrome` takes callbacks in
// Manifest V2), `chrome` in Chromium.
export type Api = { runtime: { sendMessage(message: unknown): Promise<unknown> } };
declare const chrome: Api;

export type Answer = { ok: true; result: unknown } | { ok: false; error: string };

/**
 * Sends one message from an extension page and returns the background's answer. As the product's client
 * (lib/messages/client.ts) does, a send that found no background (an event page caught while being
 * suspended; the tests suspend it after 2 s idle) is tried again: nothing ran.
 */
export function send<K extends MessageName>(page: TestPage, type: K, data: RequestOf<K>): Promise<Answer> {
  return page.evaluate(
    async ([t, d]) => {
      for (const delay of [50, 250, -1]) {
        try {
          return (await ((globalThis as { browser?: Api }).browser ?? chrome).runtime.sendMessage({
            type: t,
            data: d,
          })) as Answer;
        } catch (error) {
          if (delay < 0 || !/Receiving end does not exist/.test(String(error))) throw error;
          await new Promise((resolve) => setTimeout(resolve, delay));
        }
      }
      throw new Error('unreachable');
    },
    [type, data] as const,
  );
}

/** An extension page that runs none of the extension's own UI. */
export function quietPage(browser: ExtensionBrowser): Promise<TestPage> {
  return openExtensionPage(browser, 'manifest.json');
}
