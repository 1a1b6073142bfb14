import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { classifySender } from '../../lib/background/senders';
import { GECKO_ID } from './drivers/firefox';
import {
  describeInBrowser,
  type ExtensionBrowser,
  LABEL,
  launchWithExtension,
  openExtensionPage,
  type TestPage,
} from './harness';

const DEMO = readFileSync(path.resolve(__dirname, '../../assets/demo/papers.html'), 'utf8');
const DEMO_URL = 'https://huggingface.co/papers/date/2026-11-26';
const REFUSED = { ok: false, error: 'This request is not allowed from a web page.' };

type Answer = { ok: boolean; result?: unknown; error?: string };
// The extension's API: `browser` in Firefox (whose `chrome` takes callbacks in Manifest V2), `chrome` in
// Chromium.
type Api = {
  runtime: {
    sendMessage(message: unknown): Promise<Answer>;
    onMessage: { addListener(listener: (message: unknown, sender: unknown) => undefined): void };
  };
};
declare const chrome: Api;

/** Sends `{ type, data }` from the content script's own world on `page`, with its real sender. */
function fromContentScript(page: TestPage, type: string, data: unknown, probe?: string): Promise<Answer> {
  return page.evaluateInContentScript<Answer>(`
    const api = typeof browser !== 'undefined' ? browser : chrome;
    return api.runtime.sendMessage(${JSON.stringify({ type, data, probe })});`);
}

/** Sends `{ type, data }` from an extension page. */
function fromExtensionPage(page: TestPage, type: string, data: unknown, probe?: string): Promise<Answer> {
  return page.evaluate(
    (message) => ((globalThis as { browser?: Api }).browser ?? chrome).runtime.sendMessage(message),
    { type, data, probe },
  );
}

describeInBrowser(`a papers page cannot read out or erase the reading list, in ${LABEL}`, () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
    browser.serve(new URL(DEMO_URL).pathname, DEMO);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('refuses exportBackup, listPapers, importBackup and eraseAll from the content script; the store is intact', async () => {
    const page = await browser.newPage();
    await page.goto(DEMO_URL);
    await page.waitForFunction(
      () =>
        document.documentElement.hasAttribute('data-dpc-ready') &&
        document.querySelectorAll('[data-paper-id][data-reading-state]').length > 0,
      undefined,
      {
        timeout: 15_000,
      },
    );
    const ids = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-paper-id][data-reading-state]')].map(
        (el) => el.dataset.paperId!,
      ),
    );
    const [first, second] = ids;

    // What the overlay needs still works from the content script's world: one paper, the page's states.
    const saved = await fromContentScript(page, 'setSaved', { id: first, saved: true });
    expect(saved).toMatchObject({ ok: true, result: { state: { id: first, saved: true } } });
    const states = await fromContentScript(page, 'getStates', { ids: [second] });
    expect(states.ok).toBe(true);
    expect((states.result as { states: { id: string }[] }).states.map((s) => s.id)).toEqual([second]);

    const options = await openExtensionPage(browser, 'options.html');
    const before = await fromExtensionPage(options, 'getStats', {});
    expect(before).toMatchObject({ ok: true, result: { saved: 1 } });
    const papers = (before.result as { papers: number }).papers;
    expect(papers).toBeGreaterThan(1);

    expect(await fromContentScript(page, 'exportBackup', {})).toEqual(REFUSED);
    expect(await fromContentScript(page, 'listPapers', { view: { kind: 'all' } })).toEqual(REFUSED);
    expect(await fromContentScript(page, 'getStats', {})).toEqual(REFUSED);
    const empty = {
      format: 'daily-papers-companion-backup',
      version: 1,
      exportedAt: 'x',
      papers: [],
      pages: [],
    };
    expect(await fromContentScript(page, 'importBackup', { backup: empty, mode: 'replace' })).toEqual(
      REFUSED,
    );
    expect(await fromContentScript(page, 'eraseAll', {})).toEqual(REFUSED);
    expect(await fromContentScript(page, 'setSavedMany', { ids, saved: false })).toEqual(REFUSED);

    // Nothing changed: the extension's own pages still see every paper, and the saved one. (The overlay may
    // meanwhile record cards it showed for a second as seen, as it should: that count is not compared.)
    const withoutSeen = (stats: Answer) => ({ ...stats, result: { ...(stats.result as object), seen: 0 } });
    expect(withoutSeen(await fromExtensionPage(options, 'getStats', {}))).toEqual(withoutSeen(before));
    const listed = await fromExtensionPage(options, 'listPapers', { view: { kind: 'saved' } });
    expect(listed).toMatchObject({ ok: true, result: { total: 1, papers: [{ id: first }] } });
    expect(await fromExtensionPage(options, 'exportBackup', {})).toMatchObject({ ok: true });
    expect((await fromExtensionPage(options, 'getStats', {})).result).toMatchObject({ papers, saved: 1 });
    await options.close();
    await page.close();
  });

  it('the senders the browser reports are classified as the background expects', async () => {
    // Every extension page hears the messages the others send, with the same sender facts the background
    // gets: a listener on the options page records them (it answers nothing; the background answers).
    const listener = await openExtensionPage(browser, 'options.html');
    await listener.evaluate(() => {
      const g = globalThis as { browser?: Api; heard?: unknown[] };
      g.heard = [];
      (g.browser ?? chrome).runtime.onMessage.addListener((message, sender) => {
        g.heard?.push(JSON.parse(JSON.stringify({ message, sender })));
        return undefined;
      });
    });
    const page = await browser.newPage();
    await page.goto(DEMO_URL);
    const popup = await openExtensionPage(browser, 'popup.html');
    // A field the background ignores tells the two probes apart from the overlay's own messages.
    await fromContentScript(page, 'getStates', { ids: [] }, 'content');
    await fromExtensionPage(popup, 'getStats', {}, 'page');
    type Heard = { message: { probe?: string }; sender: unknown };
    const heard = () => listener.evaluate(() => (globalThis as { heard?: Heard[] }).heard ?? []);
    await listener.waitForFunction(
      () => ((globalThis as { heard?: Heard[] }).heard ?? []).filter((h) => h.message.probe).length >= 2,
    );
    const all = await heard();
    const content = all.find((h) => h.message.probe === 'content')?.sender;
    const extensionPage = all.find((h) => h.message.probe === 'page')?.sender;
    // Printed so the shapes can be read in the run's log (and in docs/ARCHITECTURE.md).
    console.log(`${LABEL} senders:`, JSON.stringify({ content, extensionPage }));
    const self = {
      id: browser.name === 'chromium' ? browser.extensionId : GECKO_ID,
      baseUrl: `${browser.extensionOrigin}/`,
    };
    expect(classifySender(content, self)).toBe('content');
    expect(classifySender(extensionPage, self)).toBe('page');
    expect(classifySender({ ...(content as object), id: 'another-extension@example.org' }, self)).toBe(
      'foreign',
    );
    // The overlay's own messages come from the same content script.
    const overlay = all.filter((h) => !h.message.probe);
    expect(overlay.length).toBeGreaterThan(0);
    for (const h of overlay) expect(classifySender(h.sender, self)).toBe('content');
    await Promise.all([listener.close(), popup.close(), page.close()]);
  });
});
