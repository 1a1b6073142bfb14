/**
 * "For you" (issue 14) in a real browser: "not interested" with the key x dims the card; after five saves
 * every card gets its chip, whose words show on keyboard focus; "Sort: for you" reorders the cards and puts
 * the site's order back.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { audit } from './axe';
import {
  describeInBrowser,
  type ExtensionBrowser,
  LABEL,
  launchWithExtension,
  type TestPage,
} from './harness';

const DEMO = readFileSync(path.resolve(__dirname, '../../assets/demo/papers.html'), 'utf8');
const DEMO_URL = 'https://huggingface.co/papers/date/2026-11-26';

/** A control in a card's toolbar (its shadow root), by its accessible name. */
const control = (id: string, name: string | RegExp) => ({
  within: `[data-paper-id="${id}"] .dpc-host`,
  role: 'button',
  name,
});
const sortButton = { within: '[data-dpc-foryou]', role: 'button', name: 'Sort: for you' };

const pageIds = (page: TestPage) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-paper-id]')].map((el) => el.dataset.paperId!),
  );

async function openDemo(page: TestPage): Promise<void> {
  await page.goto(DEMO_URL);
  await page.waitForFunction(
    () =>
      document.documentElement.hasAttribute('data-dpc-ready') &&
      document.querySelectorAll('[data-paper-id][data-reading-state]').length >= 12,
    undefined,
    {
      polling: 20,
    },
  );
}

describeInBrowser(`For you, in ${LABEL}`, () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    browser.serve(new URL(DEMO_URL).pathname, DEMO);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('x on the focused card says "not interested": the card is dimmed once the focus moves on', async () => {
    const page = await browser.newPage();
    await openDemo(page);
    await page.press('j');
    const focused = await page.evaluate(
      () => document.querySelector<HTMLElement>('[data-dpc-focused]')?.dataset.paperId,
    );
    expect(focused).toBeDefined();
    await page.press('x');
    await page.waitForFunction(
      (id) => document.querySelector(`[data-paper-id="${id}"]`)?.getAttribute('data-dismissed') === 'true',
      focused!,
    );
    await page.waitFor({ within: '[data-dpc-toast]', text: 'Marked not interested' });
    await page.press('j');
    // Dimmed like a read card: the card's own content fades, our toolbar stays readable.
    await page.waitForFunction((id) => {
      const card = document.querySelector(`[data-paper-id="${id}"]`);
      const content = card?.firstElementChild;
      return content !== null && content !== undefined && Number(getComputedStyle(content).opacity) < 0.6;
    }, focused!);
    await expect(page.attr(control(focused!, 'Not interested'), 'aria-pressed')).resolves.toBe('true');
    // Undo takes it back.
    await page.press('u');
    await page.waitForFunction(
      (id) => document.querySelector(`[data-paper-id="${id}"]`)?.getAttribute('data-dismissed') === 'false',
      focused!,
    );
    await page.close();
  });

  it('below 5 liked papers says so; after 5 saves every card has a chip, and Sort reorders and restores', async () => {
    const page = await browser.newPage();
    await openDemo(page);
    const siteOrder = await pageIds(page);
    await page.waitFor({ within: '[data-dpc-foryou]', text: 'so far' });
    await expect(page.count(sortButton)).resolves.toBe(0);

    for (const id of siteOrder.slice(0, 5)) {
      await page.scrollIntoView({ css: `[data-paper-id="${id}"]` });
      await page.click(control(id, /^Save/));
      await page.waitForFunction(
        (paper) =>
          document.querySelector(`[data-paper-id="${paper}"]`)?.getAttribute('data-saved') === 'true',
        id,
      );
    }
    for (const id of siteOrder.slice(5, 9)) {
      await page.scrollIntoView({ css: `[data-paper-id="${id}"]` });
      await page.click(control(id, 'Not interested'));
      await page.waitForFunction(
        (paper) =>
          document.querySelector(`[data-paper-id="${paper}"]`)?.getAttribute('data-dismissed') === 'true',
        id,
      );
    }
    // The next visit of the list is ranked by what the reader did (the background retrains after a change).
    await page.reload();
    await page.waitFor(sortButton, { timeout: 20_000 });
    for (const id of [siteOrder[0]!, siteOrder.at(-1)!]) {
      await page.scrollIntoView({ css: `[data-paper-id="${id}"]` });
      await page.waitFor(control(id, /^For you: (high|medium|low)$/));
    }
    // The words show on keyboard focus, and name the chip's description.
    const chip = control(siteOrder[0]!, /^For you: /);
    await page.pressIn(chip, 'Shift');
    const words = await page.evaluate((id) => {
      const root = document.querySelector(`[data-paper-id="${id}"] .dpc-host`)?.shadowRoot;
      const tip = root?.querySelector<HTMLElement>('.foryou-words');
      return tip ? { text: tip.textContent, shown: getComputedStyle(tip).display !== 'none' } : undefined;
    }, siteOrder[0]!);
    expect(words?.text).toMatch(/^matches: \w+/);
    expect(words?.shown).toBe(true);

    await page.scrollIntoView(sortButton);
    await page.click(sortButton);
    await expect(page.attr(sortButton, 'aria-pressed')).resolves.toBe('true');
    const sorted = await pageIds(page);
    expect(sorted).not.toEqual(siteOrder);
    expect([...sorted].sort()).toEqual([...siteOrder].sort());
    // Best first: the levels of the chips, in the new order, never go up.
    const levels = await page.evaluate((ids) => {
      const rank = { high: 0, medium: 1, low: 2 } as Record<string, number>;
      return ids.map((id) => {
        const text =
          document
            .querySelector(`[data-paper-id="${id}"] .dpc-host`)
            ?.shadowRoot?.querySelector('.foryou-chip')?.textContent ?? '';
        return rank[text.replace('For you: ', '')] ?? -1;
      });
    }, sorted);
    expect(levels.every((level, i) => level >= 0 && (i === 0 || level >= levels[i - 1]!))).toBe(true);

    // What "For you" adds (chips, their words, the bar, pressed) passes axe-core's WCAG 2.1 A/AA rules.
    await expect(audit(page, true)).resolves.toEqual([]);

    await page.click(sortButton);
    await expect(page.attr(sortButton, 'aria-pressed')).resolves.toBe('false');
    await expect(pageIds(page)).resolves.toEqual(siteOrder);
    await page.close();
  });
});
