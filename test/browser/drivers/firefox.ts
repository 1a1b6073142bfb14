/**
 * The Firefox driver: puppeteer-core drives Debian's Firefox ESR over WebDriver BiDi, with the unpacked
 * build (MV2 or MV3) installed as a temporary add-on.
 *
 * - Every request goes through a local TLS proxy (`tls-proxy.ts`) that answers it offline: pages, and the
 *   background's requests too, which per-page interception would not see.
 * - The add-on's address is pinned (`extensions.webextensions.uuids`), so extension pages open at a
 *   known `moz-extension://` address. They need `--remote-allow-system-access`, and Firefox sends no load
 *   event for them: the navigation is started and the page polled until it has loaded.
 * - The background is inspected and stopped from Firefox's privileged (chrome) scope, which the same flag
 *   allows: `extension.backgroundState`, and `extension.terminateBackground()`, what about:debugging's
 *   "Terminate background script" does.
 * - The background is an event page in both builds (MV2 declares `persistent: false`), which Firefox
 *   suspends after `extensions.background.idle.timeout` of idleness: the tests run with a short one, so it is suspended and woken again many times per suite.
 * - Downloads land in a folder of the run (download prefs); the colour scheme is the content override pref.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type {
  BrowserName,
  DriverBrowser,
  DriverPage,
  ExtensionManifest,
  LaunchSpec,
  PageFunction,
} from '../driver';
import { startTlsProxy } from './tls-proxy';

/** The add-on's gecko id (wxt.config.ts) and the address its pages get in the tests. */
export const GECKO_ID = 'daily-papers-companion@dailypapers.dev';
export const EXTENSION_UUID = '5f0c7c1e-3b0a-4d8e-9a51-d41c0ffee000';
/** How long an idle MV3 event page lives in the tests (Firefox's default is 30 s). */
export const IDLE_TIMEOUT_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `body` (an async function body) in Firefox's privileged scope, with `extension` in reach. */
type Privileged = <R>(body: string) => Promise<R>;

class FirefoxPage implements DriverPage {
  constructor(
    readonly page: Page,
    private readonly privileged: Privileged,
    private readonly workDir: string,
  ) {
    // As Playwright does: a dialog a page opens (an alert of a hostile page) is dismissed, not left blocking.
    page.on('dialog', (dialog) => void dialog.dismiss().catch(() => undefined));
  }

  async goto(url: string, options: { timeout?: number } = {}) {
    const timeout = options.timeout ?? 30_000;
    if (!url.startsWith('moz-extension:')) {
      await this.page.goto(url, { timeout });
      return;
    }
    // No load event comes for an extension page: start the navigation and watch the page load.
    this.page.goto(url, { timeout }).catch(() => undefined);
    const deadline = Date.now() + timeout;
    for (;;) {
      const loaded = await this.page
        .evaluate((u) => location.href === u && document.readyState === 'complete', url)
        .catch(() => false);
      if (loaded) return;
      if (Date.now() > deadline) throw new Error(`${url} did not load within ${timeout} ms`);
      await sleep(25);
    }
  }
  async reload() {
    await this.page.reload();
  }
  evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R> {
    // biome-ignore lint/suspicious/noExplicitAny: the driver-neutral function type meets Puppeteer's.
    return this.page.evaluate(fn as any, arg) as Promise<R>;
  }
  evaluateExpression<R>(expression: string): Promise<R> {
    return this.page.evaluate(expression) as Promise<R>;
  }
  async evaluateInContentScript<R>(body: string): Promise<R> {
    // WebDriver BiDi lists no content script realms. From the privileged scope, a frame script is loaded
    // into this tab's content process; it finds the content script's own sandbox the way Firefox's own
    // tests do (`ExtensionContent.getContextByExtensionId`) and evaluates `body` there, so the message is
    // sent by the content script's real `browser.runtime` and the background sees its real sender.
    const code = `(async () => { ${body} })().then((value) => JSON.stringify(value ?? null))`;
    const frameScript = `(() => {
      const token = TOKEN;
      const done = (data) => sendAsyncMessage('dpc:content-eval', { token, ...data });
      try {
        const { ExtensionContent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionContent.sys.mjs');
        const context = ExtensionContent.getContextByExtensionId(${JSON.stringify(GECKO_ID)}, content);
        if (!context?.sandbox) throw new Error('no content script on ' + content.location.href);
        Cu.evalInSandbox(${JSON.stringify(code)}, context.sandbox).then(
          (value) => done({ value }),
          (error) => done({ error: String(error) }),
        );
      } catch (error) {
        done({ error: String(error) });
      }
    })();`;
    const url = this.page.url();
    const deadline = Date.now() + 15_000;
    for (;;) {
      const answer = await this.privileged<{ value?: string; error?: string }>(`
        const url = ${JSON.stringify(url)};
        let tab;
        for (const win of Services.wm.getEnumerator('navigator:browser')) {
          for (const b of win.gBrowser.browsers) if (b.currentURI?.spec === url) tab = b;
        }
        if (!tab) return { error: 'no tab at ' + url };
        const token = String(Math.random());
        const mm = tab.messageManager;
        return await new Promise((resolve) => {
          const listener = (message) => {
            if (message.data.token !== token) return;
            mm.removeMessageListener('dpc:content-eval', listener);
            resolve(message.data);
          };
          mm.addMessageListener('dpc:content-eval', listener);
          mm.loadFrameScript('data:,' + encodeURIComponent(${JSON.stringify(frameScript)}.replace('TOKEN', JSON.stringify(token))), false);
        });`);
      if (answer.value !== undefined) return JSON.parse(answer.value) as R;
      // The content script may not have started yet: wait for it, then report the last error.
      if (!/no content script/.test(answer.error ?? '') || Date.now() > deadline) {
        throw new Error(`in the content script: ${answer.error}`);
      }
      await sleep(50);
    }
  }
  async click(x: number, y: number, options: { shift?: boolean } = {}) {
    if (options.shift) await this.page.keyboard.down('Shift');
    await this.page.mouse.click(x, y);
    if (options.shift) await this.page.keyboard.up('Shift');
  }
  async press(key: string) {
    const parts = key.split('+');
    const main = parts.pop() || '+';
    for (const modifier of parts) await this.page.keyboard.down(modifier as 'Shift');
    await this.page.keyboard.press(main as 'Enter');
    for (const modifier of parts.reverse()) await this.page.keyboard.up(modifier as 'Shift');
  }
  async setViewport(size: { width: number; height: number }) {
    await this.page.setViewport(size);
  }
  async colorScheme(scheme: 'light' | 'dark') {
    // WebDriver BiDi has no media emulation yet: Firefox's own content override (0 dark, 1 light), which
    // applies to every tab; the suite runs one file at a time.
    await this.privileged(
      `Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme === 'dark' ? 0 : 1});`,
    );
    await sleep(100);
  }
  async screenshot(file: string, options: { fullPage?: boolean } = {}) {
    mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file as `${string}.png`, fullPage: options.fullPage });
  }
  async setInputFile(css: string, file: { name: string; mimeType: string; buffer: Buffer }) {
    const dir = path.join(this.workDir, 'uploads');
    mkdirSync(dir, { recursive: true });
    const where = path.join(dir, file.name);
    writeFileSync(where, file.buffer);
    const input = await this.page.waitForSelector(css);
    if (!input) throw new Error(`no ${css}`);
    await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(where);
  }
  async download(action: () => Promise<void>) {
    const dir = path.join(this.workDir, 'downloads');
    const before = new Set(readdirSync(dir));
    await action();
    const deadline = Date.now() + 15_000;
    for (;;) {
      const done = readdirSync(dir).filter((f) => !before.has(f) && !f.endsWith('.part'));
      // Firefox writes a `.part` file and renames it when complete.
      if (done.length > 0 && !readdirSync(dir).some((f) => f.endsWith('.part'))) {
        const filename = done[0]!;
        const where = path.join(dir, filename);
        if (statSync(where).size > 0) return { filename, path: where };
      }
      if (Date.now() > deadline) throw new Error('no download within 15 s');
      await sleep(50);
    }
  }
  async addInitScript(fn: () => void) {
    await this.page.evaluateOnNewDocument(fn);
  }
  async bringToFront() {
    await this.page.bringToFront();
  }
  async close() {
    await this.page.close();
  }
}

export async function launchFirefox(
  spec: LaunchSpec & { name: Extract<BrowserName, 'firefox-mv2' | 'firefox-mv3'> },
): Promise<DriverBrowser> {
  const proxy = await startTlsProxy(spec.workDir, spec.handle);
  const downloads = path.join(spec.workDir, 'downloads');
  mkdirSync(downloads, { recursive: true });
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      protocol: 'webDriverBiDi',
      executablePath: spec.executablePath,
      headless: true,
      acceptInsecureCerts: true,
      defaultViewport: { width: 1280, height: 900 },
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
        'extensions.background.idle.timeout': IDLE_TIMEOUT_MS,
        // Everything through the offline proxy.
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        // Fixtures carry no images (as Chromium's imagesEnabled=false).
        'permissions.default.image': 2,
        // Downloads go straight to a folder of the run.
        'browser.download.dir': downloads,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        'browser.download.alwaysOpenPanel': false,
      },
    });
  } catch (error) {
    await proxy.close();
    throw error;
  }
  const extensionId = await browser.installExtension(spec.extensionDir);
  if (extensionId !== GECKO_ID) throw new Error(`installed ${extensionId}, expected ${GECKO_ID}`);

  // The raw WebDriver BiDi connection, for Firefox's privileged scope (not part of Puppeteer's API).
  const connection = (browser as unknown as { connection: unknown }).connection as {
    send(method: string, params: object): Promise<{ result: unknown }>;
  };
  const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as {
    result: { contexts: { context: string }[] };
  };
  const chromeContext = tree.result.contexts[0]?.context;
  if (!chromeContext) throw new Error('no privileged context (is --remote-allow-system-access set?)');
  const privileged: Privileged = async <R>(body: string) => {
    const answer = (await connection.send('script.evaluate', {
      expression: `(async () => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
        return JSON.stringify(await (async () => { ${body} })() ?? null);
      })()`,
      target: { context: chromeContext },
      awaitPromise: true,
    })) as { result: { type: string; result?: { value?: string }; exceptionDetails?: { text: string } } };
    if (answer.result.type !== 'success') {
      throw new Error(`privileged script failed: ${answer.result.exceptionDetails?.text}`);
    }
    return JSON.parse(answer.result.result?.value ?? 'null') as R;
  };
  const backgroundState = () => privileged<string>('return String(extension.backgroundState);');
  const origin = `moz-extension://${EXTENSION_UUID}`;

  const newPage = async () => new FirefoxPage(await browser.newPage(), privileged, spec.workDir);

  return {
    name: spec.name,
    label: spec.name === 'firefox-mv2' ? 'Firefox ESR (MV2)' : 'Firefox ESR (MV3)',
    manifestVersion: spec.name === 'firefox-mv2' ? 2 : 3,
    extensionId: EXTENSION_UUID,
    extensionOrigin: origin,
    newPage,
    // No handle on the background over BiDi: the manifest as the extension's own pages see it.
    manifest: async () => {
      const page = await newPage();
      await page.goto(`${origin}/manifest.json`);
      const manifest = await page.evaluate(
        () =>
          (
            globalThis as unknown as { chrome: { runtime: { getManifest(): unknown } } }
          ).chrome.runtime.getManifest() as ExtensionManifest,
        undefined,
      );
      await page.close();
      return manifest;
    },
    waitForBackground: async () => {
      const deadline = Date.now() + 20_000;
      while ((await backgroundState()) !== 'running') {
        if (Date.now() > deadline) throw new Error('the background did not start within 20 s');
        await sleep(50);
      }
      return `${origin}/_generated_background_page.html`;
    },
    stopBackground: async () => {
      // An event arriving just then (an alarm, a message a page sent as it stopped) starts the page again at
      // once: terminate again until it stays stopped, as after a night.
      let state = '';
      for (let attempt = 0; attempt < 5; attempt++) {
        state = await privileged<string>(
          'await extension.terminateBackground({ ignoreDevToolsAttached: true }); return String(extension.backgroundState);',
        );
        if (state === 'stopped') return;
        await sleep(100);
      }
      throw new Error(`the background is ${state} after being terminated five times`);
    },
    idleBackground: async () => {
      // Both builds run an event page (MV2 declares `persistent: false`): wait for Firefox to suspend it.
      const deadline = Date.now() + IDLE_TIMEOUT_MS + 10_000;
      while ((await backgroundState()) !== 'stopped') {
        if (Date.now() > deadline) throw new Error('the idle event page was not suspended');
        await sleep(100);
      }
    },
    close: async () => {
      await browser.close().catch(() => undefined);
      await proxy.close();
    },
  };
}
