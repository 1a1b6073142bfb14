/**
 * Accessibility measured by a real engine (#17): axe-core audits what the extension adds, in light and
 * dark, in every browser of the suite — the popup, the options page, and a papers page with the overlay
 * (controls, marks, the keys' help, the tag editor). On the site's page only nodes inside our own hosts
 * and marks count: the site's own issues are not ours.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { audit } from './axe';
import {
  APP_ROW,
  describeInBrowser,
  type ExtensionBrowser,
  LABEL,
  launchWithExtension,
  openExtensionPage,
} from './harness';

const DEMO = readFileSync(path.resolve(__dirname, '../../assets/demo/papers.html'), 'utf8');
const DEMO_URL = 'https://huggingface.co/papers/date/2026-11-26';

describeInBrowser(`accessibility of what the extension adds, measured by axe-core, in ${LABEL}`, () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    browser.serve(new URL(DEMO_URL).pathname, DEMO);
    // A reading list to show: a visit stores the page's papers; two saved, one read.
    const page = await browser.newPage();
    await page.goto(DEMO_URL);
    for (const [id, name] of [
      ['2611.18801', 'Save'],
      ['2611.18650', 'Save'],
      ['2611.18777', 'Mark as read'],
    ] as const) {
      const button = { within: `[data-paper-id="${id}"] .dpc-host`, role: 'button', name };
      await page.waitFor(button);
      await page.click(button);
    }
    await page.waitForFunction(
      () =>
        document.querySelector('[data-paper-id="2611.18777"]')?.getAttribute('data-reading-state') === 'read',
    );
    await page.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`finds nothing in the overlay's controls, marks, keys' help and tag editor (${scheme})`, async () => {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      await page.colorScheme(scheme);
      await page.goto(DEMO_URL);
      if (scheme === 'dark') await page.evaluate(() => document.documentElement.classList.add('dark'));
      await page.waitFor({ within: '[data-paper-id="2611.18512"] .dpc-host', role: 'button', name: /Save/ });
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await audit(page, true), 'controls and marks').toEqual([]);

      await page.press('?');
      await page.waitForFunction(() =>
        [...document.querySelectorAll('.dpc-host')].some((h) =>
          h.shadowRoot?.querySelector('[role="dialog"]'),
        ),
      );
      expect(await audit(page, true), "the keys' help").toEqual([]);
      await page.press('Escape');

      const tags = { within: '[data-paper-id="2611.18801"] .dpc-host', role: 'button', name: /Tags/ };
      await page.click(tags);
      await page.waitForFunction(() =>
        Boolean(
          document
            .querySelector('[data-paper-id="2611.18801"] .dpc-host')
            ?.shadowRoot?.querySelector('textarea'),
        ),
      );
      expect(await audit(page, true), 'the tag editor').toEqual([]);
      await page.press('Escape');

      // A key action's confirmation, with Undo.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.press('j');
      await page.press('r');
      await page.waitForFunction(() =>
        /Marked/.test(document.querySelector('[data-dpc-toast]')?.shadowRoot?.textContent ?? ''),
      );
      expect(await audit(page, true), "a key action's confirmation").toEqual([]);

      // The audit does see inside our shadow roots: a nameless button there is found.
      await page.evaluate(() => {
        const root = document.querySelector('[data-paper-id="2611.18512"] .dpc-host')!.shadowRoot!;
        root.querySelector('.bar')!.append(document.createElement('button'));
      });
      expect((await audit(page, true)).map((f) => f.id)).toContain('button-name');
      await page.close();
    });

    it(`finds nothing in the popup and the options page (${scheme})`, async () => {
      const popup = await openExtensionPage(browser, 'popup.html');
      await popup.colorScheme(scheme);
      await popup.setViewport({ width: 420, height: 600 });
      await popup.waitFor({ css: APP_ROW });
      expect(await audit(popup, false), 'popup').toEqual([]);
      await popup.close();

      const options = await openExtensionPage(browser, 'options.html');
      await options.colorScheme(scheme);
      await options.waitFor({ css: '[data-stats]:not(:empty)' });
      expect(await audit(options, false), 'options').toEqual([]);
      await options.close();
    });
  }
});
