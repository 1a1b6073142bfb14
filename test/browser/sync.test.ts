/**
 * Sync between two real browser profiles of the same browser ("two computers"). Each writes and reads its
 * own `storage.sync`, offline and without sign-in; the test plays the browser's sync service by carrying
 * the items from one profile to the other. What is checked is what a user sees: a paper saved and tagged
 * on one computer appears saved and tagged on the other, and an unsave there reaches the first one's open
 * page — even after its background was stopped in between.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeInBrowser,
  type ExtensionBrowser,
  fixture,
  LABEL,
  launchWithExtension,
  openExtensionPage,
  type TestPage,
} from './harness';

type Items = Record<string, unknown>;
type Api = {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; result?: unknown; error?: string }> };
  storage: {
    sync: {
      get(keys: null): Promise<Items>;
      set(items: Items): Promise<void>;
      remove(keys: string[]): Promise<void>;
      getBytesInUse?: (keys: null) => Promise<number>;
    };
  };
};
declare const chrome: Api;

const DAY_URL = 'https://huggingface.co/papers/date/2025-03-11';
const SAVED = '2503.07420';
const READ = '2503.06981';

describeInBrowser(`sync between two computers, in ${LABEL}`, () => {
  let laptop: ExtensionBrowser;
  let desktop: ExtensionBrowser;
  let laptopOptions: TestPage;
  let desktopOptions: TestPage;

  const send = async (page: TestPage, type: string, data: unknown) => {
    const answer = await page.evaluate(
      (message) => ((globalThis as { browser?: Api }).browser ?? chrome).runtime.sendMessage(message),
      { type, data },
    );
    if (!answer.ok) throw new Error(`${type}: ${answer.error}`);
    return answer.result;
  };
  const syncItems = (page: TestPage) =>
    page.evaluate(() => ((globalThis as { browser?: Api }).browser ?? chrome).storage.sync.get(null));
  /** The browser's sync service, played by hand: `to` ends with exactly the items `from` has. */
  const carry = async (from: TestPage, to: TestPage) => {
    const items = await syncItems(from);
    await to.evaluate(async (wanted: Items) => {
      const sync = ((globalThis as { browser?: Api }).browser ?? chrome).storage.sync;
      const stale = Object.keys(await sync.get(null)).filter((key) => !(key in wanted));
      if (stale.length > 0) await sync.remove(stale);
      await sync.set(wanted);
    }, items);
  };
  const statusText = (page: TestPage) => page.text({ css: '[data-sync-status]' });
  const turnSyncOn = async (page: TestPage) => {
    await page.check({ label: "Sync my reading list through this browser's own sync" });
    await page.waitForFunction(
      () => document.querySelector('[data-sync-status]')?.textContent?.startsWith('Last synced'),
      undefined,
      { timeout: 30_000 },
    );
  };

  beforeAll(async () => {
    laptop = await launchWithExtension();
    desktop = await launchWithExtension({
      // The desktop has never shown these papers: it asks the site's API for what lists display.
      api: async (id) =>
        id === SAVED
          ? {
              status: 200,
              contentType: 'application/json',
              body: JSON.stringify({
                id,
                title: 'Orbit, as the API names it',
                authors: [{ name: 'A. Author' }],
              }),
            }
          : undefined,
    });
    laptop.serve(new URL(DAY_URL).pathname, fixture('daily/daily-new.html'));
    laptopOptions = await openExtensionPage(laptop, 'options.html');
    desktopOptions = await openExtensionPage(desktop, 'options.html');
  });
  afterAll(async () => {
    await laptop?.close();
    await desktop?.close();
  });

  it('is off until the user turns it on, and then shares the reading list within the quota', async () => {
    const day = await laptop.newPage();
    await day.goto(DAY_URL);
    await day.waitForFunction(
      () =>
        document.documentElement.hasAttribute('data-dpc-ready') &&
        document.querySelectorAll('[data-paper-id][data-reading-state]').length >= 3,
    );
    await send(laptopOptions, 'setSaved', { id: SAVED, saved: true });
    await send(laptopOptions, 'setTags', { id: SAVED, tags: ['Robots', 'to read'] });
    await send(laptopOptions, 'setRead', { id: READ, read: true });
    expect(await statusText(laptopOptions)).toBe('Sync is off on this device.');
    expect(await syncItems(laptopOptions)).toEqual({});

    await turnSyncOn(laptopOptions);
    expect(await statusText(laptopOptions)).toMatch(/^Last synced .*: .* of 100 KB used; devices: 1\.$/);
    expect(await laptopOptions.text({ css: '[data-sync-left]' })).toBe('Everything syncs.');
    const items = await syncItems(laptopOptions);
    expect(Object.keys(items).sort()).toEqual(expect.arrayContaining(['m', 'p:2503']));
    expect(Object.keys(items).filter((k) => k.startsWith('d:'))).toHaveLength(1);
    // The bytes the extension counts (and budgets by) are the bytes the browser counts against its quota:
    // exactly in Chromium; Firefox counts the same way or less.
    const [counted, status] = await laptopOptions.evaluate(async () => {
      const api = (globalThis as { browser?: Api }).browser ?? chrome;
      const local = (api.storage as unknown as { local: { get(key: string): Promise<Items> } }).local;
      return [
        api.storage.sync.getBytesInUse ? await api.storage.sync.getBytesInUse(null) : undefined,
        (await local.get('syncStatus')).syncStatus as { bytes: number },
      ] as const;
    });
    if (laptop.name === 'chromium') expect(counted).toBe(status.bytes);
    else if (counted !== undefined) expect(counted).toBeLessThanOrEqual(status.bytes);
    expect(status.bytes).toBeGreaterThan(0);
    expect(status.bytes).toBeLessThan(2_000);
  });

  it("a paper saved and tagged on the laptop is saved and tagged on the desktop, with the site's title", async () => {
    await carry(laptopOptions, desktopOptions);
    await turnSyncOn(desktopOptions);
    const popup = await openExtensionPage(desktop, 'popup.html');
    const row = `[data-paper-row="${SAVED}"]`;
    await popup.waitFor({ css: row }, { timeout: 30_000 });
    await popup.waitForFunction(
      (css) => document.querySelector(css)?.textContent?.includes('Orbit, as the API names it'),
      row,
      { timeout: 30_000 },
    );
    const text = await popup.text({ css: row });
    expect(text).toContain('Robots');
    expect(text).toContain('to read');
    const read = (await send(desktopOptions, 'getStates', { ids: [READ, SAVED] })) as {
      states: { id: string; state: string; saved: boolean }[];
    };
    expect(read.states).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: READ, state: 'read', saved: false }),
        expect.objectContaining({ id: SAVED, saved: true }),
      ]),
    );
    await popup.close();
  });

  it("an unsave on the desktop reaches the laptop's open page, though its background was stopped meanwhile", async () => {
    const before = JSON.stringify(await syncItems(desktopOptions));
    await send(desktopOptions, 'setSaved', { id: SAVED, saved: false });
    // The desktop shares it a few seconds later (debounced), by itself.
    await desktopOptions.waitForFunction(
      async (previous) =>
        JSON.stringify(await ((globalThis as { browser?: Api }).browser ?? chrome).storage.sync.get(null)) !==
        previous,
      before,
      { timeout: 45_000, polling: 500 },
    );
    await laptop.stopBackground();
    await carry(desktopOptions, laptopOptions);
    const day = laptop.pages().find((p) => p !== laptopOptions)!;
    await day.waitForFunction(
      (id) => document.querySelector(`[data-paper-id="${id}"]`)?.getAttribute('data-saved') === 'false',
      SAVED,
      { timeout: 45_000, polling: 200 },
    );
    // The read mark made on the laptop is still there; nothing else changed.
    expect(await day.attr({ css: `[data-paper-id="${READ}"]` }, 'data-reading-state')).toBe('read');
    const tags = (await send(laptopOptions, 'getStates', { ids: [SAVED] })) as {
      states: { tags: string[] }[];
    };
    expect(tags.states[0]?.tags).toEqual(['Robots', 'to read']);
  });
});
