import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, type ExtensionBrowser, launchWithExtension } from './harness';

// The extension's own API, as seen inside its service worker.
declare const chrome: {
  runtime: { getManifest(): { manifest_version: number; host_permissions?: string[] } };
};

describeInBrowser('the built extension in Chromium', () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('loads with a service worker and the smallest permissions', async () => {
    const worker = await browser.worker();
    const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.host_permissions).toEqual(['https://huggingface.co/*']);
  });

  it('comes back after its service worker is stopped', async () => {
    await browser.stopServiceWorker();
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const worker = await browser.worker();
    expect(worker.url()).toContain(browser.extensionId);
    await page.close();
  });
});
