import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  APP_ROW,
  describeInBrowser,
  EXTENSION_DIR,
  type ExtensionBrowser,
  LABEL,
  launchWithExtension,
  openExtensionPage,
} from './harness';

// The extension's API inside its own pages: `browser` in Firefox (whose `chrome` takes callbacks in
// Manifest V2), `chrome` in Chromium.
type Api = { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; result?: unknown }> } };
declare const chrome: Api;

describeInBrowser(`the built extension in ${LABEL}`, () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads with a background and the smallest permissions', async () => {
    await browser.waitForBackground();
    const manifest = await browser.manifest();
    expect(manifest.manifest_version).toBe(browser.manifestVersion);
    if (browser.name === 'chromium') expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    else {
      // Firefox: installed under its stable gecko id (the driver checks; its pages' address is pinned to
      // it), which the package declares with the data collection declaration AMO asks for.
      expect(browser.extensionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const built = JSON.parse(readFileSync(path.join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
      expect(built.browser_specific_settings?.gecko).toMatchObject({
        id: 'daily-papers-companion@dailypapers.dev',
        data_collection_permissions: { required: ['none'] },
      });
    }
    // Manifest V2 lists host permissions with the API permissions.
    const hosts =
      manifest.manifest_version === 3
        ? manifest.host_permissions
        : manifest.permissions?.filter((p) => p.includes('://'));
    expect(hosts).toEqual(['https://huggingface.co/*']);
  });

  it('comes back after its background is stopped', async () => {
    await browser.stopBackground();
    const page = await openExtensionPage(browser, 'popup.html');
    // The rows, or an empty state that is not the one of loading.
    await page.waitFor({ css: `${APP_ROW}, .empty:not([aria-busy="true"])` });
    const answer = await page.evaluate(() =>
      ((globalThis as { browser?: Api }).browser ?? chrome).runtime.sendMessage({
        type: 'getStats',
        data: {},
      }),
    );
    expect(answer.ok).toBe(true);
    expect(await browser.waitForBackground()).toContain(browser.extensionOrigin);
    await page.close();
  });

  it('lets its idle background be suspended, and wakes it with what it stored', async () => {
    const page = await openExtensionPage(browser, 'manifest.json');
    const send = (type: string, data: unknown) =>
      page.evaluate(
        (message) => ((globalThis as { browser?: Api }).browser ?? chrome).runtime.sendMessage(message),
        { type, data },
      );
    const id = '2501.00042';
    const paper = {
      id,
      title: 'A Paper Saved Before the Background Slept',
      authors: ['A. Author'],
      codeLinks: [],
      keywords: [],
      arxivUrl: `https://arxiv.org/abs/${id}`,
      pdfUrl: `https://arxiv.org/pdf/${id}`,
    };
    expect((await send('setSaved', { id, saved: true, paper })).ok).toBe(true);
    // Firefox (MV2 and MV3): the event page suspends itself after the idle timeout (2 s in the tests).
    await browser.idleBackground();
    const answer = await send('getStates', { ids: [id] });
    expect(answer).toMatchObject({ ok: true, result: { states: [{ id, saved: true }] } });
    await page.close();
  });
});
