/**
 * The Chromium driver: playwright-core drives Debian's Chromium with the unpacked MV3 build loaded.
 * Every request but the extension's own is answered through `context.route` (pages, and the background's
 * requests to the paper API alike); the service worker is stopped through the DevTools protocol.
 */
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
// @ts-expect-error: plain ESM helper shared with the scripts, typed loosely on purpose.
import { chromiumArgs } from '../../../scripts/browser-path.mjs';
import type { DriverBrowser, DriverPage, ExtensionManifest, LaunchSpec, PageFunction } from '../driver';

class ChromiumPage implements DriverPage {
  constructor(
    readonly page: Page,
    private readonly extensionOrigin: string,
  ) {}

  async goto(url: string, options: { timeout?: number } = {}) {
    await this.page.goto(url, options);
  }
  async reload() {
    await this.page.reload();
  }
  evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R> {
    // biome-ignore lint/suspicious/noExplicitAny: the driver-neutral function type meets Playwright's.
    return this.page.evaluate(fn as any, arg) as Promise<R>;
  }
  evaluateExpression<R>(expression: string): Promise<R> {
    return this.page.evaluate(expression) as Promise<R>;
  }
  async evaluateInContentScript<R>(body: string): Promise<R> {
    // The content script's isolated world of the main frame: an execution context of type `isolated` whose
    // origin is the extension's (the page's own world and other extensions' worlds are not).
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      const contexts: { id: number; origin: string; auxData?: { type?: string; frameId?: string } }[] = [];
      cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
      cdp.on('Runtime.executionContextsCleared', () => contexts.splice(0));
      await cdp.send('Runtime.enable');
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const deadline = Date.now() + 15_000;
      let contextId: number | undefined;
      while (contextId === undefined) {
        contextId = contexts.findLast(
          (c) =>
            c.auxData?.type === 'isolated' &&
            c.auxData.frameId === frameTree.frame.id &&
            c.origin === this.extensionOrigin,
        )?.id;
        if (contextId !== undefined) break;
        if (Date.now() > deadline) throw new Error('no content script world on this page within 15 s');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const answer = await cdp.send('Runtime.evaluate', {
        expression: `(async () => { ${body} })().then((value) => JSON.stringify(value ?? null))`,
        contextId,
        awaitPromise: true,
        returnByValue: true,
      });
      if (answer.exceptionDetails) {
        throw new Error(
          `in the content script: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`,
        );
      }
      return JSON.parse(answer.result.value as string) as R;
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }
  async click(x: number, y: number, options: { shift?: boolean } = {}) {
    if (options.shift) await this.page.keyboard.down('Shift');
    await this.page.mouse.click(x, y);
    if (options.shift) await this.page.keyboard.up('Shift');
  }
  press(key: string) {
    return this.page.keyboard.press(key);
  }
  setViewport(size: { width: number; height: number }) {
    return this.page.setViewportSize(size);
  }
  colorScheme(scheme: 'light' | 'dark') {
    return this.page.emulateMedia({ colorScheme: scheme });
  }
  async screenshot(file: string, options: { fullPage?: boolean } = {}) {
    await this.page.screenshot({ path: file, fullPage: options.fullPage });
  }
  setInputFile(css: string, file: { name: string; mimeType: string; buffer: Buffer }) {
    return this.page.setInputFiles(css, file);
  }
  async download(action: () => Promise<void>) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), action()]);
    return { filename: download.suggestedFilename(), path: await download.path() };
  }
  async addInitScript(fn: () => void) {
    await this.page.addInitScript(fn);
  }
  bringToFront() {
    return this.page.bringToFront();
  }
  close() {
    return this.page.close();
  }
}

export async function launchChromium(spec: LaunchSpec): Promise<DriverBrowser> {
  const context: BrowserContext = await chromium.launchPersistentContext(path.join(spec.workDir, 'profile'), {
    executablePath: spec.executablePath,
    headless: true,
    args: chromiumArgs(spec.extensionDir),
    viewport: { width: 1280, height: 900 },
  });
  await context.route(
    (url) => url.protocol !== 'chrome-extension:',
    async (route) => {
      const reply = await spec.handle(new URL(route.request().url())).catch(() => undefined);
      // A reply to a request the extension has given up on (a timeout) cannot be delivered: ignored.
      await route
        .fulfill(
          reply
            ? {
                status: reply.status,
                headers: reply.headers,
                contentType: reply.contentType,
                body: reply.body,
              }
            : { status: 404, contentType: 'text/plain', body: 'not served in tests' },
        )
        .catch(() => undefined);
    },
  );
  const worker = async (): Promise<Worker> => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return existing ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  };
  const extensionId = new URL((await worker()).url()).host;
  const stopBackground = async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
  };

  return {
    name: 'chromium',
    label: 'Chromium',
    manifestVersion: 3,
    extensionId,
    extensionOrigin: `chrome-extension://${extensionId}`,
    newPage: async () => new ChromiumPage(await context.newPage(), `chrome-extension://${extensionId}`),
    manifest: async () => {
      const w = await worker();
      return (await w.evaluate(() =>
        (
          globalThis as unknown as { chrome: { runtime: { getManifest(): unknown } } }
        ).chrome.runtime.getManifest(),
      )) as ExtensionManifest;
    },
    waitForBackground: async () => (await worker()).url(),
    stopBackground,
    // Chromium stops an idle worker after 30 s: too long to wait for in a test.
    idleBackground: stopBackground,
    close: () => context.close(),
  };
}
