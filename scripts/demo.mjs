// `npm run demo`: opens Chromium with the built extension on a demo papers page bundled with the project,
// served locally and mapped to huggingface.co, offline. With a display the window stays open until you close
// it; without one it runs headless and writes screenshots (light and dark) to the folder it names.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from './browser-path.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const extensionDir = path.join(root, '.output/chrome-mv3');
const demoPage = readFileSync(path.join(root, 'assets/demo/papers.html'), 'utf8');
const demoUrl = 'https://huggingface.co/papers/date/2026-11-26';
const executablePath = findChromium();
if (!executablePath) {
  console.error('No Chromium found: install it (apt-get install chromium) or set CHROME_PATH.');
  process.exit(1);
}
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'dpc-demo-')), {
  executablePath,
  headless,
  args: chromiumArgs(extensionDir, { images: true }),
  viewport: headless ? { width: 1280, height: 1000 } : null,
});
await context.route('**/*', async (route) => {
  const url = new URL(route.request().url());
  if (url.protocol === 'chrome-extension:') return route.continue();
  if (url.hostname === 'huggingface.co' && url.pathname.startsWith('/papers')) {
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: demoPage });
  }
  // Offline: the site's API and images answer "not found" instead of reaching the network.
  return route.fulfill({ status: 404, contentType: 'text/plain', body: 'offline demo' });
});
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(demoUrl);
await page.waitForSelector('[data-paper-id] .dpc-host, .dpc-host', { state: 'attached', timeout: 15_000 });

if (!headless) {
  console.log(`Demo open at ${demoUrl}. Close the browser window to end.`);
  await new Promise((resolve) => context.on('close', resolve));
  process.exit(0);
}

// Headless: act like a reader for a moment, then photograph the page in both themes: the README's pictures
// in screenshots/, and the stores' (1280×800: the overlay light and dark, the popup, the options page) in
// docs/store/screenshots/.
const out = path.join(root, 'screenshots');
const storeOut = path.join(root, 'docs/store/screenshots');
mkdirSync(out, { recursive: true });
mkdirSync(storeOut, { recursive: true });
const cards = page.locator('article[data-paper-id]');
await cards.nth(0).locator('.dpc-host').getByRole('button', { name: /Save/ }).click();
await cards
  .nth(1)
  .locator('.dpc-host')
  .getByRole('button', { name: /Mark as read/ })
  .click();
await page.waitForSelector('article[data-reading-state="read"]');
// Move the focus and the pointer away, so the read card shows dimmed as it would at rest.
await page.evaluate(() => document.activeElement?.blur());
await page.mouse.move(5, 5);
await page.screenshot({ path: path.join(out, 'overlay-light.png') });
await page.evaluate(() => document.documentElement.classList.add('dark'));
await page.waitForTimeout(100);
await page.screenshot({ path: path.join(out, 'overlay-dark.png') });

// The stores' pictures: keyboard triage under way (the focus on the third paper, just saved with s).
await page.setViewportSize({ width: 1280, height: 800 });
await page.evaluate(() => document.documentElement.classList.remove('dark'));
await page.evaluate(() => window.scrollTo(0, 0));
for (const key of ['j', 'j', 'j', 's']) await page.keyboard.press(key);
await page.waitForFunction(() =>
  /Saved/.test(document.querySelector('[data-dpc-toast]')?.shadowRoot?.textContent ?? ''),
);
await page.mouse.move(5, 5);
await page.screenshot({ path: path.join(storeOut, 'overlay-light.png') });
await page.evaluate(() => document.documentElement.classList.add('dark'));
await page.waitForTimeout(100);
await page.screenshot({ path: path.join(storeOut, 'overlay-dark.png') });

const [worker] = context.serviceWorkers().length
  ? context.serviceWorkers()
  : [await context.waitForEvent('serviceworker')];
// `new URL(...).origin` is "null" for chrome-extension: URLs.
const extensionOrigin = worker.url().split('/').slice(0, 3).join('/');
for (const name of ['popup', 'options']) {
  const extensionPage = await context.newPage();
  await extensionPage.setViewportSize({ width: 1280, height: 800 });
  await extensionPage.goto(`${extensionOrigin}/${name}.html`);
  await extensionPage.waitForSelector(name === 'popup' ? '[data-paper-row]' : '[data-stats]:not(:empty)');
  if (name === 'popup') {
    // The popup is 480 px wide: shown as it opens from the toolbar, framed on a 1280×800 picture.
    await extensionPage.evaluate(() => {
      const root = document.documentElement;
      root.style.cssText = 'width:100%;height:100%;background:#e5e7eb;overflow:hidden';
      document.body.style.cssText =
        'margin:60px 0 0 720px;box-shadow:0 12px 40px rgba(0,0,0,.25);border-radius:10px;overflow:hidden';
    });
  }
  await extensionPage.screenshot({ path: path.join(storeOut, `${name}.png`) });
  await extensionPage.close();
}
await context.close();
console.log(
  `Screenshots written to ${out} (overlay-light.png, overlay-dark.png) and ${storeOut} (1280×800).`,
);
