/**
 * What a day of triage showed (#19), in the real browsers, where layout and style are real: a paper's own
 * page keeps its full colour, each card's controls fit one row, the keyboard focus is told apart from the
 * saved ring, and the tag editor opens over the page without stretching the grid.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PAGE_FIXTURES } from '../fixtures/pages';
import {
  describeInBrowser,
  type ExtensionBrowser,
  fixture,
  LABEL,
  launchWithExtension,
  type TestPage,
} from './harness';

const DEMO = readFileSync(path.resolve(__dirname, '../../assets/demo/papers.html'), 'utf8');
const DEMO_URL = 'https://huggingface.co/papers/date/2026-11-26';
const PAPER = PAGE_FIXTURES.find((f) => f.file === 'paper/paper')!;

const pathOf = (url: string) => new URL(url).pathname;
const button = (id: string, name: string | RegExp) => ({
  within: `[data-paper-id="${id}"] .dpc-host`,
  role: 'button',
  name,
});

async function openDemo(browser: ExtensionBrowser): Promise<TestPage> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(DEMO_URL);
  await page.waitForFunction(
    () =>
      document.documentElement.hasAttribute('data-dpc-ready') &&
      document.querySelectorAll('[data-paper-id][data-reading-state]').length >= 12,
  );
  return page;
}

describeInBrowser(`a day of triage, polished, in ${LABEL}`, () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    browser.serve(pathOf(DEMO_URL), DEMO);
    browser.serve(pathOf(PAPER.url), fixture(`${PAPER.file}.html`));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("leaves a paper's own page in full colour when opening it marks it read", async () => {
    const page = await browser.newPage();
    await page.goto(PAPER.url);
    await page.waitForFunction(
      () => document.querySelector('[data-paper-id]')?.getAttribute('data-reading-state') === 'read',
    );
    const look = await page.evaluate(() => {
      const card = document.querySelector('[data-paper-id]')!;
      // The dimming falls on a read card's children (our controls keep their contrast), the ring on the card.
      const parts = [card, ...card.children].map((el) => getComputedStyle(el));
      return {
        opacity: [...new Set(parts.map((s) => s.opacity))],
        filter: [...new Set(parts.map((s) => s.filter))],
        shadow: getComputedStyle(card).boxShadow,
      };
    });
    expect(look).toEqual({ opacity: ['1'], filter: ['none'], shadow: 'none' });
    await page.close();
  });

  it('fits each card’s controls in one row at 1280 px, the rules menu included, with no code button where there is no code', async () => {
    const page = await openDemo(browser);
    const ids = ['2611.18801', '2611.18777', '2611.18650'];
    for (const id of ids) await page.waitFor(button(id, /Save/));
    const rows = await page.evaluate((list) => {
      return list.map((id) => {
        const root = document.querySelector(`[data-paper-id="${id}"] .dpc-host`)!.shadowRoot!;
        const bar = root.querySelector<HTMLElement>('.bar')!;
        const tops = new Set([...bar.children].map((child) => Math.round(child.getBoundingClientRect().top)));
        const code = [...root.querySelectorAll('button')].filter((b) => /Code/.test(b.textContent ?? ''));
        return {
          id,
          rows: tops.size,
          width: Math.round(bar.getBoundingClientRect().width),
          code: code.length,
          ruleMenu: root.querySelectorAll('button[aria-label="Mute or follow"]').length,
        };
      });
    }, ids);
    for (const row of rows) expect(row.rows, `${row.id} at ${row.width} px`).toBe(1);
    // 2611.18777 has no repository: no code button; the two others have one.
    expect(rows.map((r) => r.code)).toEqual([1, 0, 1]);
    // The menu of mute and follow rules (issue 15) is in that one row too.
    expect(rows.map((r) => r.ruleMenu)).toEqual([1, 1, 1]);
    await page.close();
  });

  it('tells the keyboard focus apart from the saved ring', async () => {
    const page = await openDemo(browser);
    const id = '2611.18801';
    await page.waitFor(button(id, /Save/));
    await page.click(button(id, 'Save'));
    await page.waitForFunction(
      (p) => document.querySelector(`[data-paper-id="${p}"]`)?.getAttribute('data-saved') === 'true',
      id,
    );
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.press('j');
    await page.waitForFunction(
      (p) => document.querySelector(`[data-paper-id="${p}"]`)?.hasAttribute('data-dpc-focused'),
      id,
    );
    const look = await page.evaluate((p) => {
      const style = getComputedStyle(document.querySelector(`[data-paper-id="${p}"]`)!);
      return {
        outlineStyle: style.outlineStyle,
        outlineWidth: Number.parseFloat(style.outlineWidth),
        outlineOffset: Number.parseFloat(style.outlineOffset),
        outlineColor: style.outlineColor,
        shadow: style.boxShadow,
      };
    }, id);
    // Two rings that cannot be mistaken: the saved one solid amber on the card's edge, the focus a thick
    // dashed violet one, away from it.
    expect(look.shadow).toMatch(/rgb\(245, 158, 11\)/);
    expect(look.outlineStyle).toBe('dashed');
    expect(look.outlineWidth).toBeGreaterThanOrEqual(3);
    expect(look.outlineOffset).toBeGreaterThanOrEqual(4);
    expect(look.outlineColor).not.toMatch(/rgb\(245, 158, 11\)/);
    await page.close();
  });

  it('opens the tag editor over the page: the grid row keeps its height and the editor is whole on screen', async () => {
    const page = await openDemo(browser);
    const id = '2611.18777';
    await page.waitFor(button(id, /Tags/));
    const heights = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('article')]
          .slice(0, 3)
          .map((a) => Math.round(a.getBoundingClientRect().height)),
      );
    const before = await heights();
    await page.click(button(id, /Tags/));
    await page.waitForFunction((p) => {
      const root = document.querySelector(`[data-paper-id="${p}"] .dpc-host`)?.shadowRoot;
      return root?.activeElement?.tagName === 'INPUT';
    }, id);
    expect(await heights()).toEqual(before);
    const editor = await page.evaluate((p) => {
      const host = document.querySelector(`[data-paper-id="${p}"] .dpc-host`)!;
      const pop = host.shadowRoot!.querySelector<HTMLElement>('.pop')!;
      const box = pop.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return {
        inView: box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth,
        ours: hit === host,
        height: Math.round(box.height),
      };
    }, id);
    expect(editor).toMatchObject({ inView: true, ours: true });
    expect(editor.height).toBeGreaterThan(60);
    // Escape closes it and gives the focus back to the Tags button.
    await page.press('Escape');
    await page.waitForFunction((p) => {
      const root = document.querySelector(`[data-paper-id="${p}"] .dpc-host`)?.shadowRoot;
      return !root?.querySelector('.pop') && /Tags/.test(root?.activeElement?.textContent ?? '');
    }, id);
    await page.close();
  });
});
