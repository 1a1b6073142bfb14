/**
 * The inbox (issue 15) in the browser with the built extension: the site's daily list API is answered
 * from generated answers of the 2026 shape (test/support/daily-api.ts), one day failing; the reading state
 * is seeded through the same messages a page sends. Writes the inbox's screenshot in
 * test-results/screenshots/ (docs/screenshots/ for the README with UPDATE_SCREENSHOTS=1, Chromium only).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readDailyItems } from '../../lib/site/daily-api';
import { dailyItem, dailyPageHtml, dayPaperId, pageOf } from '../support/daily-api';
import {
  BROWSER,
  describeInBrowser,
  type ExtensionBrowser,
  LABEL,
  launchWithExtension,
  openExtensionPage,
  type TestPage,
} from './harness';

type Api = {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; result?: unknown; error?: string }> };
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
};
declare const chrome: Api;

const SCREENSHOTS =
  BROWSER === 'chromium'
    ? path.resolve(
        __dirname,
        process.env.UPDATE_SCREENSHOTS ? '../../docs/screenshots' : '../../test-results/screenshots',
      )
    : path.resolve(__dirname, '../../test-results/screenshots', BROWSER);

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.1 levels A and AA, as test/browser/a11y.test.ts audits. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The WCAG A/AA violations axe-core finds on the page: rule id and where. */
async function axeViolations(page: TestPage): Promise<string[]> {
  await page.evaluateScript(`${AXE_SOURCE};0`);
  return JSON.parse(
    await page.evaluateScript<string>(`
      axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, resultTypes: ['violations'] })
        .then((r) => JSON.stringify(r.violations.flatMap((v) => v.nodes.map((n) => v.id + ' ' + JSON.stringify(n.target)))))`),
  ) as string[];
}

const FAILING_DAY = '2026-07-29';
const TITLES = [
  'Speculative Decoding with Verified Drafts',
  'Tactile Grasping from Human Videos',
  'Sparse Attention for Million-Token Contexts',
  'A Benchmark of Scientific Figure Questions',
  'Diffusion Policies for Bimanual Robots',
  'Small Models Reason Better with Scratchpads',
  'Token Compression for Omnimodal Language Models',
  'Learning to Cite: Retrieval for Long Reports',
  'Video World Models at Interactive Speed',
];
const ORGS = ['Acme AI', 'Blue Lab', undefined];

/** The answers served: three days, the second listing again two papers of the first, one day failing. */
function servedDays(): Map<string, Record<string, unknown>[]> {
  const day = (date: string, count: number, offset = 0) =>
    Array.from({ length: count }, (_, i) =>
      dailyItem(date, dayPaperId(date, i + 1), {
        upvotes: 40 - (((i + offset) * 7) % 37),
        title: TITLES[(i + offset) % TITLES.length],
        organization: ORGS[(i + offset) % ORGS.length],
        githubRepo: i % 2 === 0 ? `https://github.com/example/repo-${date}-${i}` : undefined,
        authors: ['Ada Lovelace', `Author ${i}`, 'Alan Turing'],
      }),
    );
  const thirty = day('2026-07-30', 4, 5);
  const thirtyOne = [...day('2026-07-31', 5), thirty[0]!, thirty[1]!];
  return new Map([
    ['2026-07-31', thirtyOne],
    ['2026-07-30', thirty],
    ['2026-07-28', []], // a day without papers
    ['2026-07-27', day('2026-07-27', 3)], // for the audit: papers no other test handles
  ]);
}

describeInBrowser(`the inbox, in ${LABEL}`, () => {
  let browser: ExtensionBrowser;
  let control: TestPage;
  const days = servedDays();
  const asked: string[] = [];

  const send = async (type: string, data: unknown) => {
    const answer = await control.evaluate(
      (message) => ((globalThis as { browser?: Api }).browser ?? chrome).runtime.sendMessage(message),
      { type, data },
    );
    if (!answer.ok) throw new Error(`${type}: ${answer.error}`);
    return answer.result;
  };

  /** Mutes an organization, as the options page does: in the settings. */
  const muteOrganization = (name: string) =>
    control.evaluate(async (value) => {
      const api = (globalThis as { browser?: Api }).browser ?? chrome;
      const { settings } = await api.storage.local.get('settings');
      await api.storage.local.set({
        settings: {
          ...((settings as object) ?? {}),
          filters: {
            minUpvotes: 0,
            requireCode: false,
            rules: [{ action: 'mute', field: 'organization', value }],
          },
        },
      });
    }, name);

  const rowIds = (page: TestPage) =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-paper-row]')].map((r) => r.dataset.paperId),
    );
  /** Waits until every day of the range has come in (fetched, cached or failed). */
  const loaded = (page: TestPage) =>
    page.waitForFunction(() => document.querySelector('[data-inbox-pending="0"]') !== null);
  const leftCount = (page: TestPage) =>
    page.evaluate(() => Number(document.querySelector('[data-inbox-left]')?.getAttribute('data-inbox-left')));

  beforeAll(async () => {
    browser = await launchWithExtension({
      dailyApi: async (url) => {
        asked.push(url.search);
        const date = url.searchParams.get('date') ?? '';
        if (date === FAILING_DAY) return { status: 503, contentType: 'application/json', body: '{}' };
        const items = days.get(date);
        if (items === undefined) return undefined;
        return {
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify(pageOf(items, url.href)),
        };
      },
    });
    browser.serve('/papers/date/2026-07-31', dailyPageHtml('2026-07-31', days.get('2026-07-31')!));
    control = await openExtensionPage(browser, 'popup.html');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists exactly the papers of the days picked that were not handled, each once, and says which day failed', async () => {
    // Handled before: one paper read, one seen on a list; both are left out.
    const all = ['2026-07-31', '2026-07-30', '2026-07-28'].flatMap((date) => readDailyItems(days.get(date)!));
    const [read, seen] = [all[2]!, all[3]!];
    await send('observePapers', {
      papers: [read, seen],
      pageUrl: 'https://huggingface.co/papers/date/2026-07-31',
    });
    await send('markSeen', { ids: [seen.id] });
    await send('setRead', { id: read.id, read: true });

    const page = await openExtensionPage(browser, 'inbox.html?from=2026-07-28&to=2026-07-31');
    await page.setViewport({ width: 1000, height: 900 });
    await loaded(page);
    const expected = [...new Set(all.map((p) => p.id))].filter((id) => id !== read.id && id !== seen.id);
    expect((await rowIds(page)).sort()).toEqual(expected.sort());
    expect(await leftCount(page)).toBe(expected.length);
    expect(await page.text({ css: '[data-day-status="failed"]' })).toMatch(/503/);
    // Four days, one request each (each answer is shorter than a page); the failing one tried three times.
    expect(asked.filter((q) => q.includes(FAILING_DAY))).toHaveLength(3);
    expect(asked.filter((q) => !q.includes(FAILING_DAY))).toHaveLength(3);
    await page.screenshot(path.join(SCREENSHOTS, 'inbox.png'));

    // Opened again: the days come from the background's cache, no new request except the failed day.
    const before = asked.length;
    await page.close();
    const again = await openExtensionPage(browser, 'inbox.html?from=2026-07-28&to=2026-07-31');
    await loaded(again);
    expect((await rowIds(again)).sort()).toEqual(expected.sort());
    expect(asked.slice(before).every((q) => q.includes(FAILING_DAY))).toBe(true);
    await again.close();
  });

  it('triages with the keys: j moves, s saves, r marks read and the count goes down', async () => {
    const page = await openExtensionPage(browser, 'inbox.html?from=2026-07-30&to=2026-07-31');
    await loaded(page);
    const left = await leftCount(page);
    const ids = await rowIds(page);
    await page.pressIn({ css: '[data-paper-row]' }, 'j');
    await page.press('s');
    await page.waitForFunction(
      (id) => document.querySelector(`[data-paper-id="${id}"] button[aria-pressed="true"]`) !== null,
      ids[1],
    );
    await page.press('r');
    await page.waitForFunction(
      (id) => document.querySelector(`[data-paper-id="${id}"]`)?.classList.contains('handled'),
      ids[1],
    );
    expect(await leftCount(page)).toBe(left - 1);
    const states = (await send('getStates', { ids: [ids[1]] })) as {
      states: { saved: boolean; state: string }[];
    };
    expect(states.states[0]).toMatchObject({ saved: true, state: 'read' });
    await page.close();
  });

  it('lays out only the rows near the screen, and the keys bring each next one into view, drawn', async () => {
    const page = await openExtensionPage(browser, 'inbox.html?from=2026-07-30&to=2026-07-31');
    await page.setViewport({ width: 1000, height: 300 });
    await loaded(page);
    // The content of the rows far below the screen is skipped by the browser (content-visibility), the
    // first ones' drawn.
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-paper-row]')];
      const drawn = (row: Element | undefined) =>
        row?.firstElementChild?.checkVisibility({ contentVisibilityAuto: true });
      return rows.length > 5 && drawn(rows[0]) === true && drawn(rows.at(-1)) === false;
    });
    const count = (await rowIds(page)).length;
    await page.pressIn({ css: '[data-paper-row]' }, 'j');
    for (let step = 2; step < count; step++) await page.press('j');
    await page.waitForFunction(() => {
      const last = [...document.querySelectorAll('[data-paper-row]')].at(-1);
      const box = last?.getBoundingClientRect();
      return (
        last !== undefined &&
        document.activeElement === last &&
        last.firstElementChild?.checkVisibility({ contentVisibilityAuto: true }) === true &&
        box !== undefined &&
        box.top >= 0 &&
        box.bottom <= innerHeight + 1
      );
    });
    await page.close();
  });

  it('orders the papers "For you", ranked from the days it fetched, by what the reader saved', async () => {
    // The reader saves six papers about cited retrieval for long reports, seen on an earlier list.
    const liked = readDailyItems(
      [
        'Retrieval for Long Reports with Citations',
        'Learning to Cite Sources in Long Reports',
        'Cite While You Write: Retrieval for Reports',
        'Long Reports Need Better Retrieval',
        'Retrieval-Augmented Reports that Cite',
        'Citing and Retrieval for Long Reports',
      ].map((title, i) => dailyItem('2026-06-01', `2606.0100${i + 1}`, { title })),
    );
    // And passed over three about robots on that list.
    const passed = readDailyItems(
      ['Robot Hands that Grasp', 'Legged Robots on Ice', 'Robots Folding Laundry'].map((title, i) =>
        dailyItem('2026-06-01', `2606.0200${i + 1}`, { title }),
      ),
    );
    await send('observePapers', {
      papers: [...liked, ...passed],
      pageUrl: 'https://huggingface.co/papers/date/2026-06-01',
    });
    await send('markSeen', { ids: passed.map((paper) => paper.id) });
    for (const paper of liked) await send('setSaved', { id: paper.id, saved: true, paper });

    const page = await openExtensionPage(browser, 'inbox.html?from=2026-07-30&to=2026-07-31');
    await page.setViewport({ width: 1000, height: 900 });
    await loaded(page);
    const before = await rowIds(page);
    await page.selectOption({ css: '.range select' }, 'forYou');
    await page.waitFor({ css: '[data-paper-row] .foryou-level' });
    // The paper of the inbox about that, never on screen before (so not in the store), comes first.
    const cite = dayPaperId('2026-07-30', 3);
    expect(before).toContain(cite);
    expect(before[0]).not.toBe(cite);
    expect((await rowIds(page))[0]).toBe(cite);
    expect(await page.text({ css: `[data-paper-id="${cite}"] .foryou-level` })).toMatch(
      /^For you: \w+ · matches: .*(cit|retriev|long|report)/,
    );
    expect((await rowIds(page)).sort()).toEqual([...before].sort());
    for (const scheme of ['light', 'dark'] as const) {
      await page.colorScheme(scheme);
      expect(await axeViolations(page), scheme).toEqual([]);
      await page.screenshot(path.join(SCREENSHOTS, `inbox-for-you-${scheme}.png`));
    }
    await page.close();

    // The next inbox opens "For you", the order chosen last, and opens by day again once that is chosen.
    const selectedOrder = (opened: TestPage) =>
      opened.evaluate(() => document.querySelector<HTMLSelectElement>('.range select')?.value);
    const storedOrder = () =>
      control.evaluate(async () => {
        const api = (globalThis as { browser?: Api }).browser ?? chrome;
        return (await api.storage.local.get('inboxOrder')).inboxOrder;
      });
    const again = await browser.newPage();
    // The first row ever drawn: the rows wait for the ranking instead of showing by upvotes first. (Seen
    // in Chromium: Firefox runs no script of the test's in an extension page before the page's own.)
    await again.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const row = document.querySelector('[data-paper-row]');
        if (row === null) return;
        document.documentElement.dataset.firstRowDrawn = row.getAttribute('data-paper-id') ?? '';
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await again.goto(`${browser.extensionOrigin}/inbox.html?from=2026-07-30&to=2026-07-31`);
    await loaded(again);
    expect(await selectedOrder(again)).toBe('forYou');
    await again.waitForFunction(
      (id) => document.querySelector('[data-paper-row]')?.getAttribute('data-paper-id') === id,
      cite,
    );
    if (BROWSER === 'chromium') {
      expect(await again.evaluate(() => document.documentElement.dataset.firstRowDrawn)).toBe(cite);
    }
    await again.selectOption({ css: '.range select' }, 'day');
    await expect.poll(storedOrder).toBe('day');
    await again.close();
    const third = await openExtensionPage(browser, 'inbox.html?from=2026-07-30&to=2026-07-31');
    await loaded(third);
    expect(await selectedOrder(third)).toBe('day');
    await third.close();
  });

  it('dismissing a paper in the inbox dims its card on an open papers tab within a second', async () => {
    const tab = await browser.newPage();
    await tab.goto('https://huggingface.co/papers/date/2026-07-31');
    await tab.waitForFunction(
      () =>
        document.documentElement.hasAttribute('data-dpc-ready') &&
        document.querySelectorAll('[data-paper-id][data-reading-state]').length > 0,
    );
    const inbox = await openExtensionPage(browser, 'inbox.html?from=2026-07-31&to=2026-07-31');
    await loaded(inbox);
    const id = (await rowIds(inbox))[0]!;
    await inbox.click({ within: `[data-paper-id="${id}"]`, role: 'button', name: /Not interested/ });
    const clicked = Date.now();
    // The dimming's grayscale, which applies at once (its opacity fades in, and a tab in the background
    // runs no transitions until it is shown).
    await tab.waitForFunction(
      (paperId) => {
        const card = document.querySelector<HTMLElement>(`[data-paper-id="${paperId}"]`);
        const content = card?.querySelector(':scope > :not(.dpc-host)');
        return (
          card?.dataset.dismissed === 'true' &&
          content !== null &&
          content !== undefined &&
          getComputedStyle(content).filter.includes('grayscale')
        );
      },
      id,
      { timeout: 5_000, polling: 20 },
    );
    const took = Date.now() - clicked;
    console.log(`[inbox] dismissed in the inbox, dimmed on the papers tab after ${took} ms (${LABEL})`);
    expect(took).toBeLessThan(1_000);
    await inbox.close();
    await tab.close();
  });

  it("mutes an organization from a card's menu: its cards fold at once, and Undo brings them back", async () => {
    const acme = readDailyItems(days.get('2026-07-31')!)
      .filter((p) => p.organization === 'Acme AI')
      .map((p) => p.id);
    expect(acme.length).toBeGreaterThan(1);
    const tab = await browser.newPage();
    await tab.goto('https://huggingface.co/papers/date/2026-07-31');
    await tab.waitForFunction(() => document.documentElement.hasAttribute('data-dpc-ready'));
    const controls = `[data-dpc-controls="${acme[0]}"]`;
    const menu = { within: controls, role: 'button', name: 'Mute or follow' } as const;
    /** The accessible name of the element holding the focus, inside our shadow roots. */
    const focusedName = () =>
      tab.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el?.getAttribute('aria-label') ?? el?.textContent ?? null;
      });
    const folded = (ids: string[]) =>
      tab.evaluate(
        (list) =>
          list.map(
            (id) =>
              document.querySelector(`[data-dpc-muted-note="${id}"]`) !== null &&
              document.querySelector<HTMLElement>(`[data-paper-id="${id}"]`)!.getBoundingClientRect()
                .height === 0,
          ),
        ids,
      );

    // The menu opens on its button, its first choice takes the focus, Escape closes it and gives it back.
    await tab.click(menu);
    await tab.waitFor({ within: controls, role: 'button', name: 'Mute this organization (Acme AI)' });
    await expect.poll(focusedName, { timeout: 5_000 }).toBe('Mute this organization (Acme AI)');
    await tab.press('Escape');
    await tab.waitForFunction(
      (css) => document.querySelector(css)!.shadowRoot!.querySelector('.rule-menu-list') === null,
      controls,
    );
    await expect.poll(focusedName, { timeout: 5_000 }).toBe('Mute or follow');
    expect(await tab.attr(menu, 'aria-expanded')).toBe('false');

    // Enter opens it again; choosing the mute folds every card of the organization at once.
    await tab.press('Enter');
    await tab.click({ within: controls, role: 'button', name: 'Mute this organization (Acme AI)' });
    await tab.waitForFunction(
      (ids) => ids.every((id) => document.querySelector(`[data-dpc-muted-note="${id}"]`) !== null),
      acme,
    );
    expect(await folded(acme)).toEqual(acme.map(() => true));
    const stored = (await control.evaluate(async () => {
      const api = (globalThis as { browser?: Api }).browser ?? chrome;
      return (await api.storage.local.get('settings')).settings;
    }, null)) as { filters: { rules: unknown[] } };
    expect(stored.filters.rules).toEqual([{ action: 'mute', field: 'organization', value: 'Acme AI' }]);
    // The focus is on the folded card's Undo: one key takes the rule away and the cards come back.
    await expect.poll(focusedName, { timeout: 5_000 }).toBe('Undo');
    await tab.press('Enter');
    await tab.waitForFunction(() => document.querySelector('[data-dpc-muted-note]') === null);
    expect(await folded(acme)).toEqual(acme.map(() => false));
    await expect.poll(focusedName, { timeout: 5_000 }).toBe('Mute or follow');
    const after = (await control.evaluate(async () => {
      const api = (globalThis as { browser?: Api }).browser ?? chrome;
      return (await api.storage.local.get('settings')).settings;
    }, null)) as { filters: { rules: unknown[] } };
    expect(after.filters.rules).toEqual([]);
    await tab.close();
  });

  it("mutes an organization from an inbox row's menu, and the inbox's Undo brings its rows back", async () => {
    const page = await openExtensionPage(browser, 'inbox.html?from=2026-07-30&to=2026-07-31');
    await loaded(page);
    const before = await rowIds(page);
    // The organization of the first row that has one (the tests before handled some of these papers).
    const papers = readDailyItems([...days.get('2026-07-31')!, ...days.get('2026-07-30')!]);
    const org = papers.find((p) => p.organization && before.includes(p.id))!.organization!;
    const muted = [
      ...new Set(papers.filter((p) => p.organization === org && before.includes(p.id)).map((p) => p.id)),
    ];
    expect(muted.length).toBeGreaterThan(0);
    const focusedName = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el?.getAttribute('aria-label') ?? el?.getAttribute('data-paper-id') ?? el?.textContent ?? null;
      });
    const status = () =>
      page.evaluate(() => document.querySelector('.rule-note [role="status"]')?.textContent);
    expect(await status()).toBe('');

    await page.click({ within: `[data-paper-id="${muted[0]}"]`, role: 'button', name: 'Mute or follow' });
    await page.click({
      within: `[data-paper-id="${muted[0]}"]`,
      role: 'button',
      name: `Mute this organization (${org})`,
    });
    // The rows leave at once; the note says why, and the focus is on its Undo.
    await page.waitForFunction(
      (ids: string[]) =>
        ids.every((id) => !document.querySelector(`[data-paper-row][data-paper-id="${id}"]`)),
      muted,
    );
    expect(await status()).toBe(
      `Muted organization '${org}': its papers are now with the muted papers below.`,
    );
    await page.waitForFunction(() => document.activeElement?.classList.contains('undo') === true);
    expect(await focusedName()).toBe(`Undo muting organization '${org}'`);
    expect(await axeViolations(page), 'with the note and its Undo').toEqual([]);

    // One key undoes it: the rows are back, the rule is gone, the focus is on the row it was chosen on.
    await page.press('Enter');
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-paper-row]').length === n,
      before.length,
    );
    expect(await rowIds(page)).toEqual(before);
    expect(await status()).toBe(`Unmuted organization '${org}'.`);
    await page.waitForFunction(
      (id) => document.activeElement?.getAttribute('data-paper-id') === id,
      muted[0],
    );
    const after = (await control.evaluate(async () => {
      const api = (globalThis as { browser?: Api }).browser ?? chrome;
      return (await api.storage.local.get('settings')).settings;
    }, null)) as { filters: { rules: unknown[] } };
    expect(after.filters.rules).toEqual([]);
    await page.close();
  });

  it('shows the kept first rows of the last opening only until something changes', async () => {
    const kept = () =>
      control.evaluate(async () => {
        const api = (globalThis as { browser?: Api }).browser ?? chrome;
        return (await api.storage.local.get('inboxFirstRows')).inboxFirstRows as
          | { rows: { row: { paper: { id: string } } }[] }
          | undefined;
      }, null);
    const page = await openExtensionPage(browser, 'inbox.html?from=2026-07-30&to=2026-07-31');
    await loaded(page);
    const ids = await rowIds(page);
    await page.close();
    await control.waitForFunction(() =>
      ((globalThis as { browser?: Api }).browser ?? chrome).storage.local
        .get('inboxFirstRows')
        .then((s) => s.inboxFirstRows !== undefined),
    );
    expect((await kept())!.rows.map((r) => r.row.paper.id)).toEqual(
      ids.slice(0, (await kept())!.rows.length),
    );

    // A paper read elsewhere: the kept rows are gone, and the next inbox never shows it pending.
    await send('setRead', { id: ids[0], read: true });
    expect(await kept()).toBeUndefined();
    const again = await openExtensionPage(browser, 'inbox.html?from=2026-07-30&to=2026-07-31');
    await loaded(again);
    expect(await rowIds(again)).toEqual(ids.slice(1));
    await again.close();
  });

  it('opened without a range, draws the days missed from its kept rows, which go when a visit of a daily list moves those days', async () => {
    type Kept = { range: { from: string; to: string }; missedSince?: number | null };
    const kept = () =>
      control.evaluate(async () => {
        const api = (globalThis as { browser?: Api }).browser ?? chrome;
        return (await api.storage.local.get('inboxFirstRows')).inboxFirstRows as Kept | undefined;
      }, null);
    const keptSince = (since: number) =>
      control.waitForFunction(
        (at) =>
          ((globalThis as { browser?: Api }).browser ?? chrome).storage.local
            .get('inboxFirstRows')
            .then((s) => (s.inboxFirstRows as Kept | undefined)?.missedSince === at),
        since,
      );
    const setKept = (value: Kept) =>
      control.evaluate(async (v) => {
        const api = (globalThis as { browser?: Api }).browser ?? chrome;
        await api.storage.local.set({ inboxFirstRows: v });
      }, value);
    const today = new Date().toISOString().slice(0, 10);
    days.set(
      today,
      [0, 1, 2].map((i) =>
        dailyItem(today, dayPaperId(today, i + 1), {
          upvotes: 30 - i,
          title: TITLES[i],
          organization: ORGS[i],
        }),
      ),
    );
    const visitDailyList = () =>
      send('observePapers', {
        papers: readDailyItems(days.get('2026-07-31')!).slice(0, 1),
        pageUrl: 'https://huggingface.co/papers/date/2026-07-31',
      });
    // A daily list visited now: the days missed are today's.
    await visitDailyList();
    const page = await openExtensionPage(browser, 'inbox.html');
    await loaded(page);
    const ids = await rowIds(page);
    expect([...ids].sort()).toEqual(
      readDailyItems(days.get(today)!)
        .map((p) => p.id)
        .sort(),
    );
    await page.close();
    await control.waitForFunction(() =>
      ((globalThis as { browser?: Api }).browser ?? chrome).storage.local
        .get('inboxFirstRows')
        .then((s) => typeof (s.inboxFirstRows as Kept | undefined)?.missedSince === 'number'),
    );
    const first = (await kept())!;
    expect(first.range).toEqual({ from: today, to: today });

    // Kept rows that name an older visit (as if a drop had been lost) are drawn, then the store sets the
    // range right: the inbox ends on today's papers, and keeps them with the store's visit.
    const older = Date.parse(`${today}T00:00:00Z`) - 3 * 86_400_000;
    const olderDay = new Date(older).toISOString().slice(0, 10);
    await setKept({ ...first, range: { from: olderDay, to: today }, missedSince: older });
    const again = await openExtensionPage(browser, 'inbox.html');
    await loaded(again);
    expect(await rowIds(again)).toEqual(ids);
    expect(
      await again.evaluate(() => document.querySelector<HTMLInputElement>('input[type="date"]')?.value),
    ).toBe(today);
    await again.close();
    await keptSince(first.missedSince!);

    // Another visit the same day leaves the days where they were, and the rows with them; a visit that
    // moves the days (rows of an older visit) drops them.
    await visitDailyList();
    expect((await kept())?.missedSince).toBe(first.missedSince);
    await setKept({ ...first, missedSince: older });
    await visitDailyList();
    expect(await kept()).toBeUndefined();
  });

  it("folds a muted organization's cards on a papers page to one line that says why", async () => {
    await muteOrganization('Blue Lab');
    const blue = readDailyItems(days.get('2026-07-31')!)
      .filter((p) => p.organization === 'Blue Lab')
      .map((p) => p.id);
    expect(blue.length).toBeGreaterThan(0);
    const tab = await browser.newPage();
    await tab.goto('https://huggingface.co/papers/date/2026-07-31');
    await tab.waitForFunction(
      (ids) => ids.every((id) => document.querySelector(`[data-dpc-muted-note="${id}"]`) !== null),
      blue,
    );
    const folded = await tab.evaluate(
      (ids) =>
        ids.map((id) => {
          const card = document.querySelector<HTMLElement>(`[data-paper-id="${id}"]`)!;
          const note = document.querySelector(`[data-dpc-muted-note="${id}"]`)!.shadowRoot!.textContent;
          return { hidden: card.getBoundingClientRect().height === 0, note };
        }),
      blue,
    );
    for (const card of folded) {
      expect(card.hidden).toBe(true);
      expect(card.note).toContain("muted: organization 'Blue Lab'");
    }
    await tab.click({ within: `[data-dpc-muted-note="${blue[0]}"]`, role: 'button', name: 'Show' });
    await tab.waitForFunction(
      (id) =>
        document.querySelector<HTMLElement>(`[data-paper-id="${id}"]`)!.getBoundingClientRect().height > 0,
      blue[0],
    );
    // A generated page without the site's styles: for looking at, never for the README.
    await tab.screenshot(
      path.resolve(__dirname, '../../test-results/screenshots', `muted-cards-${BROWSER}.png`),
    );
    await tab.close();
  });

  it('is clean for axe-core (WCAG 2.1 A and AA), light and dark, with a muted paper and a failed day', async () => {
    await muteOrganization('Acme AI');
    const page = await openExtensionPage(browser, 'inbox.html?from=2026-07-27&to=2026-07-29');
    await loaded(page);
    await page.click({ css: '.muted summary' });
    await page.waitFor({ css: '[data-muted]' });
    await page.waitFor({ css: '[data-day-status="failed"]' });
    for (const scheme of ['light', 'dark'] as const) {
      await page.colorScheme(scheme);
      expect(await axeViolations(page), scheme).toEqual([]);
    }
    await page.close();
  });
});
