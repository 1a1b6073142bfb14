/**
 * Faults and hostile pages, in the browser with the built extension:
 *
 * - the background (Chromium's service worker, Firefox's event or background page) stopped in the middle
 *   of a 10,000-paper import: the store holds all of it or
 *   none of it, never a part;
 * - two papers tabs and the popup writing the same papers at once: no update is lost, and both tabs
 *   end up showing every change;
 * - the site's paper API answering 404, 429, 500, garbage, hostile JSON, or only after 30 s: saving is
 *   unaffected and immediate;
 * - a tag typed with markup is rendered as text by the overlay's controls, and runs nothing;
 * - a page of 10,000 cards: every paper reaches the store.
 *
 * Messages are sent from an extension page with `runtime.sendMessage`, as the popup does. The page used
 * when no UI is wanted is the extension's `manifest.json`: an extension page that runs none of our code.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, type BackupV1 } from '../../lib/db/backup';
import { idOf, makeStored } from '../fixtures/db/records';
import { generateLargePage, LARGE_PAGE_URL } from '../fixtures/generate-large.mjs';
import {
  type Answer,
  type Api,
  type ApiHandler,
  describeInBrowser,
  type ExtensionBrowser,
  fixture,
  LABEL,
  launchWithExtension,
  openExtensionPage,
  quietPage,
  type Reply,
  send,
  type TestPage,
} from './harness';

// Inside the extension's pages (functions run there): `chrome` in Chromium, `browser` in Firefox.
declare const chrome: Api;

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

/** A daily list of small cards, all of which fit near the screen, with no links but the paper's. */
function smallList(ids: string[]): string {
  const cards = ids
    .map(
      (id) =>
        `<div><article style="margin:0"><h3 style="margin:0"><a href="/papers/${id}">Paper ${id}</a></h3></article></div>`,
    )
    .join('');
  return `<!doctype html><html><head><title>Daily Papers</title></head><body><main><div class="grid">${cards}</div></main></body></html>`;
}

async function waitForControls(page: TestPage, count: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      [...document.querySelectorAll('.dpc-host')].filter((h) => h.shadowRoot?.querySelector('button'))
        .length >= n,
    count,
    { timeout: 20_000, polling: 50 },
  );
}

/** The overlay's controls of a card (in their shadow root). */
const controls = (id: string) => `[data-paper-id="${id}"] .dpc-host`;
/** A button of a card's controls, by its accessible name. */
const button = (id: string, name: string | RegExp) => ({ within: controls(id), role: 'button', name });

// -------------------------------------------------------------------------------------------------------

describeInBrowser(`the background stopped in the middle of a 10,000-paper import, in ${LABEL}`, () => {
  let browser: ExtensionBrowser;
  let page: TestPage;
  const COUNT = 10_000;
  const backup: BackupV1 = {
    format: BACKUP_FORMAT,
    version: 1,
    exportedAt: '2025-06-01T00:00:00.000Z',
    papers: Array.from({ length: COUNT }, (_, n) => makeStored(n + 1)),
    pages: [{ key: 'date:latest', visitStartedAt: 1, lastVisitAt: 2 }],
  };
  const text = JSON.stringify(backup);
  /** What the store holds before each import: three papers of the user's that the import must not half-replace. */
  const markers: BackupV1 = {
    ...backup,
    papers: [50_001, 50_002, 50_003].map((n) => makeStored(n, { tags: ['marker'] })),
    pages: [],
  };

  beforeAll(async () => {
    browser = await launchWithExtension();
    page = await quietPage(browser);
    await page.evaluate((t) => {
      (window as unknown as { backupText: string }).backupText = t;
    }, text);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** The ids the store holds, read through the (restarted) background. */
  async function storedIds(): Promise<string[]> {
    const fresh = await quietPage(browser);
    const answer = (await send(fresh, 'exportBackup', {})) as { ok: true; result: { backup: BackupV1 } };
    await fresh.close();
    expect(answer.ok).toBe(true);
    return answer.result.backup.papers.map((p) => p.id).sort();
  }

  /**
   * Starts the import from the page and resolves once its write transaction holds the papers store:
   * a read of the store from this page (a second IndexedDB connection) then waits for it. Validation
   * runs before, with no transaction open, so reads answer at once until the writing starts.
   */
  async function importUntilWriting(mode: 'merge' | 'replace'): Promise<void> {
    await page.evaluate((m) => {
      const w = window as unknown as { backupText: string; importAnswer?: Promise<string> };
      w.importAnswer = (
        ((globalThis as { browser?: Api }).browser ?? chrome).runtime.sendMessage({
          type: 'importBackup',
          data: { backup: w.backupText, mode: m },
        }) as Promise<Answer>
      ).then(
        (answer) => (answer.ok ? 'imported' : `refused: ${answer.error}`),
        (error: Error) => `no answer: ${error.message}`,
      );
    }, mode);
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('daily-papers-companion');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const readTakes = () =>
        new Promise<number>((resolve) => {
          const started = performance.now();
          const timer = setTimeout(() => resolve(Number.POSITIVE_INFINITY), 250);
          const request = db.transaction('papers', 'readonly').objectStore('papers').count();
          request.onsuccess = () => {
            clearTimeout(timer);
            resolve(performance.now() - started);
          };
        });
      const deadline = performance.now() + 60_000;
      while ((await readTakes()) < 250) {
        if (performance.now() > deadline)
          throw new Error(
            'the import never held the papers store in a write transaction (reads kept answering at once)',
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      db.close();
    });
  }

  beforeEach(async () => {
    expect(await send(page, 'importBackup', { backup: markers, mode: 'replace' })).toMatchObject({
      ok: true,
    });
  });

  it.each([
    ['replace', 0],
    ['replace', 400],
    ['merge', 0],
    ['merge', 1_200],
  ] as const)(
    'import (%s) stopped %i ms into its write: all 10,000 or nothing, never a part',
    async (mode, delay) => {
      const before = await storedIds();
      expect(before).toEqual(['2401.50001', '2401.50002', '2401.50003']);
      await importUntilWriting(mode);
      if (delay > 0) await page.wait(delay);
      await browser.stopBackground();
      const answer = await page.evaluate(
        () => (window as unknown as { importAnswer: Promise<string> }).importAnswer,
      );

      const after = await storedIds();
      console.info(
        `import (${mode}) stopped ${delay} ms into its write: ${answer}; the store holds ${after.length} papers`,
      );
      const all = Array.from({ length: COUNT }, (_, n) => idOf(n + 1));
      const complete = mode === 'replace' ? all : [...all, ...before].sort();
      const same = (a: string[], b: string[]) => a.length === b.length && a.every((id, n) => id === b[n]);
      const kept = same(after, complete) ? 'all' : same(after, before) ? 'nothing' : `${after.length} papers`;
      if (answer === 'imported') expect(kept).toBe('all');
      else {
        // The stop came before the answer. It may still have come after the commit (the transaction
        // finished, the reply never left): then all is kept. Never a part.
        expect(answer).toMatch(/^no answer: /);
        expect(['all', 'nothing']).toContain(kept);
      }
      // Stopped as soon as the writing started, the import cannot have finished.
      if (delay === 0) expect(kept).toBe('nothing');
    },
    120_000,
  );

  it('imports all 10,000 afterwards, when nothing stops it', async () => {
    expect(await send(page, 'importBackup', { backup: text, mode: 'replace' })).toEqual({
      ok: true,
      result: { papers: COUNT, pages: 1 },
    });
    expect(await send(page, 'getStats', {})).toMatchObject({ ok: true, result: { papers: COUNT } });
  }, 120_000);
});

// -------------------------------------------------------------------------------------------------------

describeInBrowser(`two papers tabs and the popup writing the same papers at once, in ${LABEL}`, () => {
  let browser: ExtensionBrowser;
  const URL_OF_LIST = 'https://huggingface.co/papers/date/2025-06-02';
  const ids = Array.from({ length: 50 }, (_, n) => `2506.${String(n + 1).padStart(5, '0')}`);

  beforeAll(async () => {
    browser = await launchWithExtension();
    browser.serve(pathOf(URL_OF_LIST), smallList(ids));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loses no update: every paper ends saved, read, tagged and noted, in the store and in both tabs', async () => {
    const [left, right] = [await browser.newPage(), await browser.newPage()];
    for (const tab of [left, right]) {
      await tab.goto(URL_OF_LIST);
      await waitForControls(tab, ids.length);
    }
    const popup = await openExtensionPage(browser, 'popup.html');
    const start = Date.now() + 500;

    // Each tab clicks, in its own shuffled order, Save on half of the cards and Mark as read on the
    // other half (the other tab does the opposite halves); the popup tags and notes every paper.
    const clickAll = (tab: TestPage, saveEven: boolean, seed: number) =>
      tab.evaluate(
        async ([list, even, at, s]) => {
          const order = list.map((id, n) => [((n + 1) * s) % 97, id] as const).sort((a, b) => a[0] - b[0]);
          await new Promise((resolve) => setTimeout(resolve, at - Date.now()));
          for (const [, id] of order) {
            const n = list.indexOf(id);
            const label = (n % 2 === 0) === even ? 'Save' : 'Mark as read';
            const root = document.querySelector(`[data-dpc-controls="${id}"]`)?.shadowRoot;
            const button = [...(root?.querySelectorAll('button') ?? [])].find((b) =>
              (b.getAttribute('aria-label') ?? b.textContent ?? '').trim().endsWith(label),
            );
            if (!button) throw new Error(`no ${label} button on ${id}`);
            button.click();
          }
        },
        [ids, saveEven, start, seed] as const,
      );
    const popupWrites = popup.evaluate(
      async ([list, at]) => {
        await new Promise((resolve) => setTimeout(resolve, at - Date.now()));
        const api = (globalThis as { browser?: Api }).browser ?? chrome;
        const answers = await Promise.all(
          [...list]
            .reverse()
            .flatMap((id) => [
              api.runtime.sendMessage({ type: 'setTags', data: { id, tags: [`tag-${id}`, '<b>x</b>'] } }),
              api.runtime.sendMessage({ type: 'setNote', data: { id, note: `note ${id}` } }),
            ]) as Promise<Answer>[],
        );
        return answers.filter((a) => !a.ok);
      },
      [ids, start] as const,
    );
    await Promise.all([clickAll(left, true, 31), clickAll(right, false, 57)]);
    expect(await popupWrites).toEqual([]);

    const expected = ids.map((id) => ({
      id,
      saved: true,
      state: 'read',
      tags: [`tag-${id}`, '<b>x</b>'],
      note: `note ${id}`,
    }));
    await expect
      .poll(
        async () => {
          const answer = (await send(popup, 'exportBackup', {})) as {
            ok: true;
            result: { backup: BackupV1 };
          };
          return answer.result.backup.papers
            .sort((a, b) => (a.id < b.id ? -1 : 1))
            .map((p) => ({
              id: p.id,
              saved: p.savedAt !== undefined,
              state: p.state,
              tags: p.tags,
              note: p.note,
            }));
        },
        { timeout: 5_000 },
      )
      .toEqual(expected);
    for (const tab of [left, right]) {
      await tab.waitForFunction(
        (n) =>
          [...document.querySelectorAll('[data-paper-id]')].filter(
            (el) =>
              el.getAttribute('data-saved') === 'true' && el.getAttribute('data-reading-state') === 'read',
          ).length === n,
        ids.length,
        { timeout: 5_000, polling: 50 },
      );
    }
  }, 60_000);
});

// -------------------------------------------------------------------------------------------------------

describeInBrowser(`the paper API failing while the user saves, in ${LABEL}`, () => {
  const URL_OF_LIST = 'https://huggingface.co/papers/date/2025-06-03';
  const ids = ['2506.10001', '2506.10002', '2506.10003', '2506.10004'];
  const json = (body: unknown): Reply => ({
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify(body),
  });
  const answers: [string, () => Promise<Reply>][] = [
    ['404', async () => ({ status: 404, body: 'Not Found' })],
    ['429 with Retry-After', async () => ({ status: 429, headers: { 'Retry-After': '3600' }, body: '' })],
    ['500', async () => ({ status: 500, body: 'Internal Server Error' })],
    [
      'garbage (HTML with status 200)',
      async () => ({
        status: 200,
        contentType: 'application/json',
        body: '<html><script>alert(1)</script>',
      }),
    ],
    [
      'hostile JSON (script links, look-alike hosts)',
      async () =>
        json({
          githubRepo: 'https://github.com.evil.example/a/b',
          projectPage: 'javascript:alert(1)',
          ai_summary: 'x'.repeat(10_000),
          githubStars: -1,
        }),
    ],
    [
      'only after 30 s',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 30_000));
        return json({ githubRepo: 'late/answer' });
      },
    ],
  ];

  describe.each(answers)('%s', (_what, answer) => {
    let browser: ExtensionBrowser;
    const asked: string[] = [];
    beforeAll(async () => {
      const api: ApiHandler = (id) => {
        asked.push(id);
        return answer();
      };
      browser = await launchWithExtension({ api });
      browser.serve(pathOf(URL_OF_LIST), smallList(ids));
    });
    afterAll(async () => {
      await browser?.close();
    });

    /** Clicks a button of a card's controls and returns how long the card took to show the change. */
    async function timedClick(page: TestPage, id: string, name: RegExp, attribute: string, value: string) {
      await page.waitFor(button(id, name));
      const started = Date.now();
      await page.click(button(id, name));
      await page.waitForFunction(
        ([paperId, attr, val]) =>
          document.querySelector(`[data-paper-id="${paperId}"]`)?.getAttribute(attr) === val,
        [id, attribute, value] as const,
        { timeout: 5_000, polling: 10 },
      );
      return Date.now() - started;
    }

    it('saves at once, the API is asked, and saving and marking go on at once while it fails or hangs', async () => {
      const page = await browser.newPage();
      await page.goto(URL_OF_LIST);
      await waitForControls(page, ids.length);

      expect(await timedClick(page, ids[0]!, /^.?\s*Save$/, 'data-saved', 'true')).toBeLessThan(1_000);
      await expect.poll(() => asked, { timeout: 10_000 }).toContain(ids[0]);
      // The API has answered (or hangs): the next actions are as quick.
      expect(await timedClick(page, ids[1]!, /^.?\s*Save$/, 'data-saved', 'true')).toBeLessThan(1_000);
      expect(await timedClick(page, ids[2]!, /Mark as read/, 'data-reading-state', 'read')).toBeLessThan(
        1_000,
      );
      expect(await timedClick(page, ids[0]!, /Saved/, 'data-saved', 'false')).toBeLessThan(1_000);
      expect(await timedClick(page, ids[0]!, /^.?\s*Save$/, 'data-saved', 'true')).toBeLessThan(1_000);

      // Nothing the API said became a link, and the saves hold through a reload.
      await page.reload();
      await waitForControls(page, ids.length);
      for (const id of [ids[0]!, ids[1]!]) {
        expect(await page.attr({ css: `[data-paper-id="${id}"]` }, 'data-saved')).toBe('true');
        await expect(page.count(button(id, /^Code\b/))).resolves.toBe(0);
      }
      const popup = await quietPage(browser);
      expect(await send(popup, 'getStats', {})).toMatchObject({ ok: true, result: { saved: 2, read: 1 } });
      await page.close();
      await popup.close();
    }, 60_000);
  });
});

// -------------------------------------------------------------------------------------------------------

describeInBrowser(`hostile pages in ${LABEL}`, () => {
  let browser: ExtensionBrowser;
  const MARKUP_URL = 'https://huggingface.co/papers/date/2025-04-01';
  beforeAll(async () => {
    browser = await launchWithExtension();
    browser.serve(pathOf(MARKUP_URL), fixture('hostile/markup.html'));
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    for (const page of browser.pages()) await page.close();
  });

  const HOSTILE_TAGS = [
    '<img src=x onerror=window.runs++>',
    '<script>window.runs++</script>',
    '"><svg onload=window.runs++>',
  ];

  /** The tags a card's controls show, the elements the markup would have made, and the page's script runs. */
  const look = (page: TestPage, id: string) =>
    page.evaluate((paperId) => {
      const root = document.querySelector(`[data-dpc-controls="${paperId}"]`)?.shadowRoot;
      return {
        tags: [...(root?.querySelectorAll('ul.tags > li') ?? [])].map((li) => li.textContent),
        // The controls draw one svg of their own, the watch toggle's bell.
        injected: root?.querySelectorAll('img, script, svg:not(.bell)').length ?? -1,
        runs: (window as unknown as { runs: number }).runs,
      };
    }, id);

  it("renders a tag typed with markup as text in the overlay's controls, runs nothing, and keeps it so after a reload and in another tab", async () => {
    const page = await browser.newPage();
    await page.goto(MARKUP_URL);
    await waitForControls(page, 4);
    const runsAtLoad = (await look(page, '2504.00002')).runs;
    await page.click(button('2504.00002', /Tags/));
    // An input with suggestions (a datalist) is a combobox.
    const newTag = { within: controls('2504.00002'), role: 'combobox', name: 'New tag' };
    for (const tag of HOSTILE_TAGS) {
      await page.fill(newTag, tag);
      await page.pressIn(newTag, 'Enter');
      await page.waitForFunction(
        ([id, t]) =>
          [
            ...(document
              .querySelector(`[data-dpc-controls="${id}"]`)
              ?.shadowRoot?.querySelectorAll('ul.tags > li') ?? []),
          ].some((li) => li.textContent === t),
        ['2504.00002', tag] as const,
      );
    }
    await page.click(button('2504.00002', 'Done'));
    await page.wait(300);
    expect(await look(page, '2504.00002')).toEqual({ tags: HOSTILE_TAGS, injected: 0, runs: runsAtLoad });

    const other = await browser.newPage();
    await other.goto(MARKUP_URL);
    await waitForControls(other, 4);
    await other.wait(300);
    const there = await look(other, '2504.00002');
    expect({ tags: there.tags, injected: there.injected }).toEqual({ tags: HOSTILE_TAGS, injected: 0 });
    expect(there.runs).toBe(runsAtLoad);

    await page.reload();
    await waitForControls(page, 4);
    await page.wait(300);
    expect(await look(page, '2504.00002')).toEqual({ tags: HOSTILE_TAGS, injected: 0, runs: runsAtLoad });
  }, 60_000);

  it('stores every paper of a page of 10,000 cards (the background takes at most 5,000 a request)', async () => {
    browser.serve(pathOf(LARGE_PAGE_URL), generateLargePage(10_000));
    const page = await browser.newPage();
    await page.goto(LARGE_PAGE_URL, { timeout: 60_000 });
    const extension = await quietPage(browser);
    await expect
      .poll(
        async () =>
          ((await send(extension, 'getStats', {})) as { result?: { papers: number } }).result?.papers,
        { timeout: 60_000, interval: 500 },
      )
      .toBeGreaterThanOrEqual(10_000);
    const answer = (await send(extension, 'getStates', {
      ids: ['2501.00001', '2501.05001', '2501.10000'],
    })) as {
      result: { states: { id: string }[] };
    };
    expect(answer.result.states.map((s) => s.id)).toEqual(['2501.00001', '2501.05001', '2501.10000']);

    // A change to everything (an import) reaches the tab: it asks again for the states of all its
    // 10,000 cards, in requests the background takes.
    await page.waitForFunction(
      () => document.querySelectorAll('[data-reading-state]').length >= 10_000,
      undefined,
      {
        timeout: 60_000,
        polling: 200,
      },
    );
    const last = '2501.10000';
    const imported = makeStored(15, {
      id: last,
      arxivUrl: `https://arxiv.org/abs/${last}`,
      pdfUrl: `https://arxiv.org/pdf/${last}`,
    });
    expect([imported.state, imported.savedAt !== undefined]).toEqual(['read', true]);
    const backup: BackupV1 = {
      format: BACKUP_FORMAT,
      version: 1,
      exportedAt: '2025-06-01T00:00:00.000Z',
      papers: [imported],
      pages: [],
    };
    expect(await send(extension, 'importBackup', { backup, mode: 'merge' })).toMatchObject({ ok: true });
    await page.waitForFunction(
      (id) => {
        const card = document.querySelector(`[data-paper-id="${id}"]`);
        return (
          card?.getAttribute('data-reading-state') === 'read' && card.getAttribute('data-saved') === 'true'
        );
      },
      last,
      { timeout: 10_000, polling: 100 },
    );
  }, 120_000);
});
