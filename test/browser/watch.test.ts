import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeInBrowser,
  type ExtensionBrowser,
  LABEL,
  launchWithExtension,
  openExtensionPage,
  type Reply,
  type TestPage,
} from './harness';

const DEMO = readFileSync(path.resolve(__dirname, '../../assets/demo/papers.html'), 'utf8');
const DEMO_URL = 'https://huggingface.co/papers/date/2026-11-26';
/** A paper of the demo list without code on the day it was listed. */
const ID = '2611.18777';
const REPO = 'https://github.com/late-lab/released-later';

// The extension's API inside its own pages: `browser` in Firefox, `chrome` in Chromium. The badge is
// `action` in MV3, `browserAction` in MV2.
type Badge = { getBadgeText(details: { tabId?: number }): Promise<string> };
type Api = { action?: Badge; browserAction?: Badge };
declare const chrome: Api;

/** A paper of the demo list without code, watched without being saved. */
const WATCHED_ID = '2611.18512';

/** The paper API's answer for a paper, in the shape of the real 2026 answers. */
function answer(released: boolean, id = ID): Record<string, unknown> {
  return {
    id,
    title: 'A paper whose code comes later',
    authors: [{ _id: 'a1', name: 'Ada Lovelace', hidden: false }],
    publishedAt: '2026-11-25T00:00:00.000Z',
    summary: 'An abstract.',
    upvotes: 3,
    ai_summary: 'A one-line summary written by the site.',
    ...(released ? { githubRepo: REPO, githubRepoAddedBy: 'user', githubStars: 12 } : {}),
    linkedModels: released ? [{ id: 'late-lab/model-7b' }, { id: 'late-lab/model-1b' }] : [],
    numTotalModels: released ? 2 : 0,
    linkedDatasets: [],
    numTotalDatasets: 0,
    linkedSpaces: [],
    numTotalSpaces: 0,
  };
}

describeInBrowser(`watching saved papers, in ${LABEL}`, () => {
  let browser: ExtensionBrowser;
  let control: TestPage;
  /** Whether the site's answer has the code and models yet; the test changes it between two checks. */
  let released = false;
  /** Every request of the extension to the paper API for the paper. */
  const asked: boolean[] = [];

  const badgeText = () =>
    control.evaluate(async () => {
      const api = (globalThis as { browser?: Api }).browser ?? chrome;
      return (api.action ?? api.browserAction)!.getBadgeText({});
    }, null);

  beforeAll(async () => {
    browser = await launchWithExtension({
      api: async (id): Promise<Reply | undefined> => {
        if (id !== ID) return undefined;
        asked.push(released);
        return { status: 200, contentType: 'application/json', body: JSON.stringify(answer(released)) };
      },
    });
    browser.serve(new URL(DEMO_URL).pathname, DEMO);
    control = await openExtensionPage(browser, 'options.html');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a code and a models update after Check now, gives the card its code, and the badge follows', async () => {
    // The reader has the badge count updates, on the options page.
    await control.click({ role: 'radio', name: 'Updates of watched papers not seen yet' });

    // The paper is saved from its card, as a person would.
    const list = await browser.newPage();
    await list.goto(DEMO_URL);
    const card = `[data-paper-id="${ID}"] .dpc-host`;
    await list.scrollIntoView({ css: `[data-paper-id="${ID}"]` });
    await list.click({ within: card, role: 'button', name: /^Save/ });
    await list.waitForFunction(
      (id) => document.querySelector<HTMLElement>(`[data-paper-id="${id}"]`)?.dataset.saved === 'true',
      ID,
    );
    await expect(list.count({ within: card, role: 'button', name: /^Code\b/ })).resolves.toBe(0);
    // Saving asks the site once for code links (there are none yet).
    await expect.poll(() => asked.length, { timeout: 10_000 }).toBe(1);

    const popup = await openExtensionPage(browser, 'popup.html');
    await popup.click({ role: 'button', name: /^Updates/ });
    await popup.waitFor({ text: 'No updates yet' });

    // The first check is the baseline: nothing to tell.
    await popup.click({ role: 'button', name: 'Check now' });
    await expect.poll(() => asked.length, { timeout: 10_000 }).toBe(2);
    await expect(popup.count({ css: '[data-update-kind]' })).resolves.toBe(0);

    // Later the site knows the code and two models.
    released = true;
    await popup.click({ role: 'button', name: 'Check now' });
    await expect.poll(() => asked.length, { timeout: 10_000 }).toBe(3);
    await popup.waitFor({ css: `[data-paper-id="${ID}"][data-update-kind="code"]` });
    await popup.waitFor({ css: `[data-paper-id="${ID}"][data-update-kind="models"]` });
    await expect(popup.count({ css: '[data-update-kind]' })).resolves.toBe(2);
    const code = await popup.attr({ css: `[data-update-kind="code"] .update-what a` }, 'href');
    expect(code).toBe(REPO);
    await expect(popup.text({ css: '[data-update-kind="models"] .update-what' })).resolves.toBe(
      'Models on the Hub: 2 (was 0)',
    );

    // The badge counts the two updates not seen yet.
    await expect.poll(() => badgeText(), { timeout: 5_000 }).toBe('2');

    // The open papers page hears of the repository: its card can open the code now.
    await list.bringToFront();
    await list.waitFor({ within: card, role: 'button', name: /^Code\b/ }, { timeout: 10_000 });
    await expect(list.attr({ within: card, role: 'button', name: /^Code\b/ }, 'title')).resolves.toContain(
      REPO,
    );

    // Seen: the popup's Updates view opened again marks them read, and the badge goes.
    await popup.bringToFront();
    await popup.click({ role: 'button', name: /^Updates/ });
    await popup.click({ role: 'button', name: /^Updates/ });
    await expect.poll(() => badgeText(), { timeout: 5_000 }).toBe('');
    await expect(popup.count({ css: '[data-update-kind]' })).resolves.toBe(2);
    // Exactly one request per check, and no other.
    expect(asked).toEqual([false, false, true]);
    await list.close();
    await popup.close();
  });
});

describeInBrowser(`watching a paper without saving it, in ${LABEL}`, () => {
  let browser: ExtensionBrowser;
  let released = false;
  const asked: boolean[] = [];

  beforeAll(async () => {
    // A browser of its own: the request budget (4 a minute) is not shared with the other case's checks.
    browser = await launchWithExtension({
      api: async (id): Promise<Reply | undefined> => {
        if (id !== WATCHED_ID) return undefined;
        asked.push(released);
        return {
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify(answer(released, WATCHED_ID)),
        };
      },
    });
    browser.serve(new URL(DEMO_URL).pathname, DEMO);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('checks a paper watched from its card, and shows its code and models in Updates after Check now', async () => {
    const list = await browser.newPage();
    await list.goto(DEMO_URL);
    const card = `[data-paper-id="${WATCHED_ID}"] .dpc-host`;
    const watch = { within: card, role: 'button', name: 'Watch for updates' } as const;
    await list.scrollIntoView({ css: `[data-paper-id="${WATCHED_ID}"]` });
    await expect(list.attr(watch, 'aria-pressed')).resolves.toBe('false');
    await list.click(watch);
    await expect.poll(() => list.attr(watch, 'aria-pressed'), { timeout: 5_000 }).toBe('true');
    // Watched, not saved: the card stays unsaved, and nothing is asked until a check.
    await expect(
      list.evaluate(
        (id) => document.querySelector<HTMLElement>(`[data-paper-id="${id}"]`)?.dataset.saved,
        WATCHED_ID,
      ),
    ).resolves.toBe('false');
    expect(asked).toEqual([]);

    const popup = await openExtensionPage(browser, 'popup.html');
    await popup.click({ role: 'button', name: /^Updates/ });
    await popup.waitFor({ text: 'No updates yet' });
    // The first check is the baseline.
    await popup.click({ role: 'button', name: 'Check now' });
    await expect.poll(() => asked.length, { timeout: 10_000 }).toBe(1);
    await expect(popup.count({ css: '[data-update-kind]' })).resolves.toBe(0);

    released = true;
    await popup.click({ role: 'button', name: 'Check now' });
    await expect.poll(() => asked.length, { timeout: 10_000 }).toBe(2);
    await popup.waitFor({ css: `[data-paper-id="${WATCHED_ID}"][data-update-kind="code"]` });
    await popup.waitFor({ css: `[data-paper-id="${WATCHED_ID}"][data-update-kind="models"]` });
    await expect(popup.count({ css: '[data-update-kind]' })).resolves.toBe(2);
    await expect(popup.attr({ css: `[data-update-kind="code"] .update-what a` }, 'href')).resolves.toBe(REPO);

    // The open papers page hears of the repository too.
    await list.bringToFront();
    await list.waitFor({ within: card, role: 'button', name: /^Code\b/ }, { timeout: 10_000 });
    expect(asked).toEqual([false, true]);
    await list.close();
    await popup.close();
  });
});
