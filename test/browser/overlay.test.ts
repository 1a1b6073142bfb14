import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ParseResult } from '../../lib/site/types';
import { generateLargePage, LARGE_PAGE_URL } from '../fixtures/generate-large.mjs';
import { PAGE_FIXTURES } from '../fixtures/pages';
import {
  describeInBrowser,
  type ExtensionBrowser,
  FIXTURES_DIR,
  fixture,
  LABEL,
  launchWithExtension,
  openExtensionPage,
  type TestPage,
} from './harness';

const DEMO = readFileSync(path.resolve(__dirname, '../../assets/demo/papers.html'), 'utf8');
const DEMO_URL = 'https://huggingface.co/papers/date/2026-11-26';

// The extension's API inside its own pages: `browser` in Firefox (whose `chrome` takes callbacks in
// Manifest V2), `chrome` in Chromium.
type Api = {
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
};
declare const chrome: Api;

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

/** Waits until `count` elements carry the overlay's marks. */
async function waitForMarks(page: TestPage, count: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      document.documentElement.hasAttribute('data-dpc-ready') &&
      document.querySelectorAll('[data-paper-id][data-reading-state]').length >= n,
    count,
    {
      timeout: 15_000,
      polling: 20,
    },
  );
}

const stateOf = (page: TestPage, id: string) =>
  page.evaluate((paperId) => {
    const el = document.querySelector<HTMLElement>(`[data-paper-id="${paperId}"]`);
    return el ? { reading: el.dataset.readingState, saved: el.dataset.saved } : undefined;
  }, id);

/** A button of a card's controls (in their shadow root), by its accessible name. */
const button = (id: string, name: string | RegExp) => ({
  within: `[data-paper-id="${id}"] .dpc-host`,
  role: 'button',
  name,
});

describeInBrowser(`the overlay on the papers pages, in ${LABEL}`, () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    for (const { file, url } of PAGE_FIXTURES) browser.serve(pathOf(url), fixture(`${file}.html`));
    browser.serve(pathOf(DEMO_URL), DEMO);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(PAGE_FIXTURES)('marks every paper of $file with its state', async ({ file, url }) => {
    const expected = JSON.parse(
      readFileSync(path.join(FIXTURES_DIR, `${file}.expected.json`), 'utf8'),
    ) as ParseResult;
    const ids = expected.papers.map((p) => p.id);
    const page = await browser.newPage();
    await page.goto(url);
    await waitForMarks(page, 1);
    // Every card of the list (or the paper page's header) carries the marks; a paper known only from the
    // page's data, without a card yet, has nothing to mark.
    await page.waitForFunction(
      (kind) =>
        kind === 'paper' ||
        [...document.querySelectorAll('article')]
          .filter((a) => a.querySelector('a[href^="/papers/2"], a[href^="https://huggingface.co/papers/2"]'))
          .every((a) => a.hasAttribute('data-reading-state')),
      expected.kind,
      { polling: 20 },
    );
    const marked = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-paper-id]')].map((el) => ({
        id: el.dataset.paperId,
        reading: el.dataset.readingState,
        saved: el.dataset.saved,
      })),
    );
    expect(marked.length).toBeGreaterThan(0);
    if (expected.kind === 'paper') expect(marked.map((m) => m.id)).toEqual([ids[0]]);
    for (const mark of marked) {
      expect(ids).toContain(mark.id);
      expect(['new', 'seen', 'read']).toContain(mark.reading);
      expect(['true', 'false']).toContain(mark.saved);
    }
    // Every paper gets its controls as it comes near the screen: real buttons with accessible names.
    for (const id of [marked[0]!.id!, marked.at(-1)!.id!]) {
      await page.scrollIntoView({ css: `[data-paper-id="${id}"]` });
      await page.waitFor(button(id, /Save/));
      for (const name of [/Save/, /Mark as (read|unread)/, /Tags/]) {
        await expect(page.count(button(id, name))).resolves.toBe(1);
      }
      // The code button only where there is code to open (#19), never a disabled one.
      await expect(page.count(button(id, /^Code\b/))).resolves.toBeLessThanOrEqual(1);
    }
    await page.close();
  });

  it('keeps save and read through a reload and a stopped background', async () => {
    const page = await browser.newPage();
    await page.goto(DEMO_URL);
    await waitForMarks(page, 12);
    await page.click(button('2611.18650', 'Save'));
    // As a person would: the next click once the first has shown (its label grows and moves the buttons
    // after it; a click aimed before that could land on the card's link).
    await page.waitForFunction(
      () => document.querySelector('[data-paper-id="2611.18650"]')?.getAttribute('data-saved') === 'true',
    );
    await page.click(button('2611.18512', 'Mark as read'));
    await page.waitForFunction(
      () =>
        document.querySelector('[data-paper-id="2611.18512"]')?.getAttribute('data-reading-state') === 'read',
    );
    await browser.stopBackground();
    await page.reload();
    await waitForMarks(page, 12);
    await expect(stateOf(page, '2611.18650')).resolves.toMatchObject({ saved: 'true' });
    await expect(stateOf(page, '2611.18512')).resolves.toMatchObject({ reading: 'read' });
    await expect(page.attr(button('2611.18650', 'Saved'), 'aria-pressed')).resolves.toBe('true');
    await page.close();
  });

  it('shows a change made in one tab in another within a second', async () => {
    const [left, right] = [await browser.newPage(), await browser.newPage()];
    await left.goto(DEMO_URL);
    await right.goto(DEMO_URL);
    await waitForMarks(left, 12);
    await waitForMarks(right, 12);
    await left.bringToFront();
    await left.click(button('2611.18190', /^.?\s*Save$/));
    const before = Date.now();
    await right.waitForFunction(
      () => document.querySelector('[data-paper-id="2611.18190"]')?.getAttribute('data-saved') === 'true',
      undefined,
      { timeout: 1000, polling: 20 },
    );
    expect(Date.now() - before).toBeLessThan(1000);
    await left.close();
    await right.close();
  });

  it('runs no script from the text of a hostile page', async () => {
    const hostile = PAGE_FIXTURES.find((f) => f.file === 'daily/hostile')!;
    const html = fixture(`${hostile.file}.html`);
    // The same page where the content script does not run gives the page's own count of script runs.
    browser.serve('/not-papers/hostile', html);
    const count = async (url: string, marks: number) => {
      const page = await browser.newPage();
      await page.addInitScript(() => {
        (window as unknown as { runs: number }).runs = 0;
        window.alert = () => {
          (window as unknown as { runs: number }).runs++;
        };
      });
      await page.goto(url);
      if (marks) await waitForMarks(page, marks);
      await page.wait(500);
      const runs = await page.evaluate(() => (window as unknown as { runs: number }).runs);
      const hrefs = await page.evaluate(() =>
        [...document.querySelectorAll('.dpc-host')].flatMap((h) =>
          [...(h.shadowRoot?.querySelectorAll('a') ?? [])].map((a) => a.getAttribute('href') ?? ''),
        ),
      );
      await page.close();
      return { runs, hrefs };
    };
    const expected = JSON.parse(
      readFileSync(path.join(FIXTURES_DIR, `${hostile.file}.expected.json`), 'utf8'),
    ) as ParseResult;
    const without = await count('https://huggingface.co/not-papers/hostile', 0);
    const withOverlay = await count(hostile.url, expected.papers.length);
    expect(withOverlay.runs).toBe(without.runs);
    expect(withOverlay.hrefs.length).toBeGreaterThan(0);
    for (const href of withOverlay.hrefs)
      expect(href).toMatch(/^https:\/\/arxiv\.org\/(abs|pdf)\/\d{4}\.\d{4,5}$/);
  });

  it('marks all 2,000 cards of a long page', async () => {
    browser.serve(pathOf(LARGE_PAGE_URL), generateLargePage(2000));
    const page = await browser.newPage();
    await page.goto(LARGE_PAGE_URL);
    await waitForMarks(page, 2000);
    await expect(
      page.evaluate(() => document.querySelectorAll('article[data-paper-id][data-reading-state]').length),
    ).resolves.toBe(2000);
    await page.close();
  });

  it('follows a client-side navigation to another list', async () => {
    const page = await browser.newPage();
    await page.goto(DEMO_URL);
    await waitForMarks(page, 12);
    // What the site does when it navigates without a reload: a new address, then new cards.
    await page.evaluate(() => {
      history.pushState({}, '', '/papers/date/2026-11-27');
      const grid = document.querySelector('.grid')!;
      grid.replaceChildren();
      const wrapper = document.createElement('div');
      const article = document.createElement('article');
      const h3 = document.createElement('h3');
      const a = document.createElement('a');
      a.href = '/papers/2611.20001';
      a.textContent = 'A Paper of the Next Day';
      h3.append(a);
      article.append(h3);
      wrapper.append(article);
      grid.append(wrapper);
    });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-paper-id="2611.20001"]')?.getAttribute('data-reading-state') === 'new',
      undefined,
      { timeout: 5000 },
    );
    await page.close();
  });

  it('marks a paper read when its page is opened', async () => {
    const paper = PAGE_FIXTURES.find((f) => f.file === 'paper/paper')!;
    const page = await browser.newPage();
    await page.goto(paper.url);
    await page.waitForFunction(
      () => document.querySelector('[data-paper-id]')?.getAttribute('data-reading-state') === 'read',
      undefined,
      {
        polling: 20,
      },
    );
    await page.close();
  });

  it('records a card as seen after it was half on screen for a second', async () => {
    const page = await browser.newPage();
    await page.goto('https://huggingface.co/papers/date/2026-11-26');
    await waitForMarks(page, 12);
    const last = '2611.18003';
    const before = await stateOf(page, last);
    expect(before?.reading).toBe('new');
    await page.scrollIntoView({ css: `[data-paper-id="${last}"]` });
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-paper-id="${id}"]`)?.getAttribute('data-reading-state') === 'seen',
      last,
      {
        polling: 50,
        timeout: 5000,
      },
    );
    await page.close();
  });

  it('applies a changed setting to an open tab without a reload', async () => {
    const page = await browser.newPage();
    await page.goto(DEMO_URL);
    await waitForMarks(page, 12);
    expect(await page.evaluate(() => document.documentElement.dataset.dpcStyle)).toBe('dim');
    const options = await openExtensionPage(browser, 'popup.html');
    await options.evaluate(async () => {
      const api = (globalThis as { browser?: Api }).browser ?? chrome;
      const { settings } = await api.storage.local.get('settings');
      await api.storage.local.set({ settings: { ...(settings ?? {}), overlayStyle: 'hide' } });
    });
    await page.waitForFunction(() => document.documentElement.dataset.dpcStyle === 'hide', undefined, {
      polling: 20,
      timeout: 1000,
    });
    await options.evaluate(async () => {
      const api = (globalThis as { browser?: Api }).browser ?? chrome;
      const { settings } = await api.storage.local.get('settings');
      await api.storage.local.set({ settings: { ...(settings ?? {}), overlayStyle: 'dim' } });
    });
    await options.close();
    await page.close();
  });

  it('triages with the keyboard: j moves, s saves, r reads, ? shows the keys', async () => {
    const page = await browser.newPage();
    await page.goto(DEMO_URL);
    await waitForMarks(page, 12);
    await page.waitForFunction(() => document.querySelectorAll('.dpc-host').length >= 12);
    await page.press('j');
    await page.press('j');
    const focused = await page.evaluate(
      () => document.querySelector<HTMLElement>('[data-dpc-focused]')?.dataset.paperId,
    );
    expect(focused).toBe('2611.18777');
    const wasSaved = (await stateOf(page, focused!))?.saved;
    await page.press('s');
    await page.waitForFunction(
      ([id, was]) => document.querySelector(`[data-paper-id="${id}"]`)?.getAttribute('data-saved') !== was,
      [focused!, wasSaved] as const,
    );
    const shortcuts = { role: 'dialog', name: 'Keyboard shortcuts' };
    await page.press('Shift+?');
    await expect(page.count(shortcuts)).resolves.toBe(1);
    await page.press('Escape');
    await expect(page.count(shortcuts)).resolves.toBe(0);
    await page.close();
  });
});
