/**
 * Never a flash (#13): a returning reader's cards carry their reading state in the first frame that shows
 * them. A script at the top of the served page (it runs before any card is parsed) looks at every frame
 * from the page's start, as requestAnimationFrame gives them to it, and notes each card laid out visible
 * (in view or below) without `data-reading-state`, and the marks each card had in the first frame that showed it. The
 * background is stopped before each load, as after a night, so nothing but the state index can answer in
 * time. When the index is missing or corrupt, the cards still show, within the hold's bound.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HOLD_MAX_MS } from '../../lib/overlay/first-paint';
import { generateLargePage, LARGE_PAGE_URL, largePageIds } from '../fixtures/generate-large.mjs';
import {
  type Api,
  describeInBrowser,
  type ExtensionBrowser,
  LABEL,
  launchWithExtension,
  quietPage,
  send,
  type TestPage,
} from './harness';

type StorageApi = Api & {
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: object): Promise<void>;
      remove(key: string): Promise<void>;
    };
  };
};
declare const chrome: StorageApi;

const CARDS = 240;
const IDS: string[] = largePageIds(CARDS);
const READ = IDS.filter((_, i) => i % 3 === 0);
const SAVED = IDS.filter((_, i) => i % 4 === 1);
const SEEN = IDS.filter((_, i) => i % 3 === 2);

/** What the frame watcher found, in the page. */
interface Frames {
  frames: number;
  /** Frames that painted at least one card in view without its state. */
  flashFrames: number;
  /** Per paper, its marks in the first frame that showed it: `state/saved`, or `unmarked`. */
  firstShown: Record<string, string>;
  /** When the page stopped holding cards, and DOMContentLoaded (ms since navigation start). */
  releasedAt?: number;
  dcl?: number;
  /** Set once DOMContentLoaded is 1.5 s past: the watch is over. */
  done?: boolean;
}

/** The watcher, as a script put first in the page's `<head>`. Runs in the page's own world. */
function frameWatcher(): void {
  const w: Frames = { frames: 0, flashFrames: 0, firstShown: {} };
  (window as unknown as { __frames: Frames }).__frames = w;
  const frame = () => {
    w.frames++;
    let flash = false;
    for (const card of document.getElementsByTagName('article')) {
      const link = card.querySelector('h3 a[href^="/papers/"]');
      if (!link) continue;
      const box = card.getBoundingClientRect();
      // Every card laid out counts, in view or below it: stricter than what the screen shows.
      if (box.height === 0) continue;
      if (getComputedStyle(card).visibility === 'hidden') continue;
      const id = (link.getAttribute('href') ?? '').split('/').pop() ?? '';
      const state = card.getAttribute('data-reading-state');
      if (!state) flash = true;
      w.firstShown[id] ??= state ? `${state}/${card.getAttribute('data-saved')}` : 'unmarked';
    }
    if (flash) w.flashFrames++;
    if (w.dcl === undefined || performance.now() < w.dcl + 1500) requestAnimationFrame(frame);
    else w.done = true;
  };
  requestAnimationFrame(frame);
  new MutationObserver(() => {
    if (w.releasedAt === undefined && !document.documentElement.hasAttribute('data-dpc-hold'))
      w.releasedAt = performance.now();
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-dpc-hold'] });
  document.addEventListener('DOMContentLoaded', () => {
    w.dcl = performance.now();
  });
}

const WATCHED_PAGE = generateLargePage(CARDS).replace('<head>', `<head><script>(${frameWatcher})()</script>`);
const PATH = new URL(LARGE_PAGE_URL).pathname;

describeInBrowser(`the first paint of a returning visit, in ${LABEL}`, () => {
  let browser: ExtensionBrowser;
  let extensionPage: TestPage;

  /** Loads the page with the background stopped and returns what the watcher saw, once it is over. */
  async function loadCold(): Promise<{ page: TestPage; frames: Frames }> {
    await browser.stopBackground();
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(LARGE_PAGE_URL);
    await page.waitForFunction(
      () => (window as unknown as { __frames?: Frames }).__frames?.done === true,
      undefined,
      {
        timeout: 20_000,
      },
    );
    const frames = await page.evaluate(() => (window as unknown as { __frames: Frames }).__frames);
    return { page, frames };
  }

  /** The index's month value for the page's papers, read from an extension page. */
  const indexMonth = () =>
    extensionPage.evaluate(async () => {
      const api = (globalThis as { browser?: StorageApi }).browser ?? chrome;
      return (await api.storage.local.get('dpcIndex:2501'))['dpcIndex:2501'] as string | undefined;
    });

  beforeAll(async () => {
    browser = await launchWithExtension();
    browser.serve(PATH, WATCHED_PAGE);
    extensionPage = await quietPage(browser);
    // A first visit: the store learns the papers; then the reader reads a third, saves a quarter and has
    // seen another third.
    const first = await browser.newPage();
    await first.goto(LARGE_PAGE_URL);
    await first.waitForFunction(
      (n) => document.querySelectorAll('article[data-reading-state]').length >= n,
      CARDS,
    );
    // The page sends its records after its marks: it stays open until the store (and its index) has them.
    await extensionPage.waitForFunction(
      async () => {
        const api = (globalThis as { browser?: StorageApi }).browser ?? chrome;
        const month = (await api.storage.local.get('dpcIndex:2501'))['dpcIndex:2501'];
        return typeof month === 'string' && month.length === 240 * 16;
      },
      undefined,
      { timeout: 20_000 },
    );
    await first.close();
    expect((await send(extensionPage, 'setReadMany', { ids: READ, read: true })).ok).toBe(true);
    expect((await send(extensionPage, 'setSavedMany', { ids: SAVED, saved: true })).ok).toBe(true);
    expect((await send(extensionPage, 'markSeen', { ids: SEEN })).ok).toBe(true);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('paints no card without its state, and each with the state the store holds, with the background stopped', async () => {
    const states = await send(extensionPage, 'getStates', { ids: IDS });
    if (!states.ok) throw new Error(states.error);
    const expected = new Map(
      (states.result as { states: { id: string; state: string; saved: boolean }[] }).states.map((s) => [
        s.id,
        `${s.state}/${s.saved}`,
      ]),
    );
    expect(expected.get(READ[0]!)).toBe('read/false');
    expect(expected.get(SAVED[0]!)?.endsWith('/true')).toBe(true);
    expect(expected.get(SEEN[0]!)).toBe('seen/false');

    for (let load = 0; load < 3; load++) {
      const { page, frames } = await loadCold();
      expect(frames.frames).toBeGreaterThan(3);
      expect(frames.flashFrames, `load ${load + 1}: frames with a card shown unmarked`).toBe(0);
      const shown = Object.entries(frames.firstShown);
      expect(shown.length).toBeGreaterThan(3);
      for (const [id, marks] of shown) expect(`${id} ${marks}`).toBe(`${id} ${expected.get(id)}`);
      expect(frames.firstShown[READ[0]!]).toBe('read/false');
      expect(frames.firstShown[SEEN[0]!]).toBe('seen/false');
      await page.close();
    }
  });

  for (const spoiled of ['corrupt', 'missing'] as const) {
    it(`shows the cards within the bound, and marks them after the round trip, when the index is ${spoiled}`, async () => {
      await extensionPage.evaluate(async (how) => {
        const api = (globalThis as { browser?: StorageApi }).browser ?? chrome;
        if (how === 'corrupt') await api.storage.local.set({ 'dpcIndex:meta': 'not an index' });
        else await api.storage.local.remove('dpcIndex:meta');
      }, spoiled);
      const { page, frames } = await loadCold();
      expect(frames.releasedAt).toBeDefined();
      // From the page's start: the hold's bound, and time for a loaded machine to run the timer.
      expect(frames.releasedAt!).toBeLessThan(HOLD_MAX_MS + 400);
      await page.waitForFunction(
        (n) => document.querySelectorAll('article[data-reading-state]').length >= n,
        CARDS,
      );
      expect(
        await page.evaluate(() =>
          document.querySelector('article[data-paper-id="2501.00001"]')?.getAttribute('data-reading-state'),
        ),
      ).toBe('read');
      await page.close();
      // The background, woken by the page, rebuilt the index: the next load is flash-free again.
      await extensionPage.waitForFunction(
        async () => {
          const api = (globalThis as { browser?: StorageApi }).browser ?? chrome;
          const meta = (await api.storage.local.get('dpcIndex:meta'))['dpcIndex:meta'] as {
            version?: number;
          };
          return typeof meta === 'object' && meta?.version === 1;
        },
        undefined,
        { timeout: 20_000 },
      );
      expect((await indexMonth())?.length).toBe(CARDS * 16);
      const again = await loadCold();
      expect(again.frames.flashFrames).toBe(0);
      expect(again.frames.firstShown['2501.00001']).toBe('read/false');
      await again.page.close();
    });
  }
  it('marks, flash-free, the states an import brought, and after erasing everything none', async () => {
    const exported = await send(extensionPage, 'exportBackup', {});
    if (!exported.ok) throw new Error(exported.error);
    type Row = { id: string; state: string; readAt?: number; savedAt?: number };
    const { backup } = exported.result as { backup: { papers: Row[] } };
    // The library the backup brings: the first read paper is only seen there, the first saved one read too.
    for (const paper of backup.papers) {
      if (paper.id === READ[0]) {
        paper.state = 'seen';
        delete paper.readAt;
      }
      if (paper.id === SAVED[0]) {
        paper.state = 'read';
        paper.readAt = paper.savedAt;
      }
    }
    expect((await send(extensionPage, 'importBackup', { backup, mode: 'replace' })).ok).toBe(true);
    const imported = await loadCold();
    expect(imported.frames.flashFrames).toBe(0);
    expect(imported.frames.firstShown[READ[0]!]).toBe('seen/false');
    expect(imported.frames.firstShown[SAVED[0]!]).toBe('read/true');
    await imported.page.close();

    expect((await send(extensionPage, 'eraseAll', {})).ok).toBe(true);
    const erased = await loadCold();
    expect(erased.frames.flashFrames).toBe(0);
    expect(erased.frames.firstShown[READ[0]!]).toBe('new/false');
    expect(erased.frames.firstShown[SAVED[0]!]).toBe('new/false');
    await erased.page.close();
  });
});
