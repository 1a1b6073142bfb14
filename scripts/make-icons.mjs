// Renders assets/icon.svg to the PNG sizes the stores need (public/icon/SIZE.png), with the local Chromium.
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from './browser-path.mjs';

const SIZES = [16, 32, 48, 96, 128];
const svg = readFileSync(new URL('../assets/icon.svg', import.meta.url), 'utf8');
const executablePath = findChromium();
if (!executablePath)
  throw new Error('No Chromium found: install it (apt-get install chromium) or set CHROME_PATH.');

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: chromiumArgs(undefined, { images: true }),
});
const page = await browser.newPage();
mkdirSync(new URL('../public/icon/', import.meta.url), { recursive: true });
for (const size of SIZES) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}</style><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}">`,
  );
  await page.screenshot({
    path: new URL(`../public/icon/${size}.png`, import.meta.url).pathname,
    omitBackground: true,
  });
}
await browser.close();
console.log(`Wrote ${SIZES.map((s) => `public/icon/${s}.png`).join(', ')}`);
