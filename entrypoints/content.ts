import { browser } from 'wxt/browser';
import { translatorFrom } from '../lib/i18n';
import { sendMessage } from '../lib/messages/client';
import { CHANGE_FEED_KEY, type ChangeFeed } from '../lib/messages/protocol';
import { FirstPaint } from '../lib/overlay/first-paint';
import { Overlay } from '../lib/overlay/overlay';
import { onSettingsChanged, updateFilters } from '../lib/settings';
import { PAPERS_PAGE_MATCHES } from '../lib/site/urls';

/** Longest the overlay waits for the page's load event once the first paint has marked the cards. */
const OVERLAY_WAIT_MAX_MS = 500;

/**
 * Resolves in a task of its own after the window's load event, or after `maxMs`, whichever comes first.
 * Not inside the event: what the promise starts would otherwise run in the load event's dispatch and
 * delay its end (and the page's own load handlers after ours), measured ~110 ms for 500 cards.
 */
function pageLoaded(maxMs: number): Promise<void> {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('load', afterLoad);
      resolve();
    };
    const afterLoad = () => {
      clearTimeout(timer);
      setTimeout(done, 0);
    };
    const timer = setTimeout(done, maxMs);
    window.addEventListener('load', afterLoad, { once: true });
  });
}

// Wiring only: the overlay lives in lib/overlay and talks to the background through lib/messages.
export default defineContentScript({
  matches: [...PAPERS_PAGE_MATCHES],
  runAt: 'document_start',
  async main(ctx) {
    const log = (message: string, error?: unknown) =>
      console.debug('[Daily Papers Companion]', message, error ?? '');
    // At document_start, before the page parses: the cards are marked from the state index as they arrive.
    const firstPaint = new FirstPaint({
      doc: document,
      url: window.location.href,
      now: Date.now(),
      readLocal: (keys) => browser.storage.local.get(keys),
      currentUrl: () => window.location.href,
      log,
    });
    const early = await firstPaint.start();
    const overlay = new Overlay(
      {
        doc: document,
        t: translatorFrom(
          (key, substitutions) => browser.i18n.getMessage(key as 'extName', substitutions),
          browser.i18n.getUILanguage(),
        ),
        send: sendMessage,
        openTab: (url) => window.open(url, '_blank', 'noopener,noreferrer'),
        navigate: (url) => window.location.assign(url),
        currentUrl: () => window.location.href,
        log,
        updateFilters,
      },
      early.settings,
      early.indexed ? early.entry : undefined,
    );
    firstPaint.deferTo((id) => overlay.knownState(id));
    // The overlay reads the page once it has parsed; the first paint has marked the cards meanwhile.
    if (document.readyState === 'loading') {
      await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
    }
    ctx.addEventListener(window, 'wxt:locationchange', () => overlay.scheduleScan());
    ctx.addEventListener(window, 'popstate', () => overlay.scheduleScan());
    const stopSettings = onSettingsChanged((settings) => overlay.applySettings(settings));
    const onStorage = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      const feed = changes[CHANGE_FEED_KEY]?.newValue as ChangeFeed | undefined;
      if (area === 'local' && feed)
        overlay.applyChange(feed).catch((error) => log('change not applied', error));
    };
    browser.storage.onChanged.addListener(onStorage);
    ctx.onInvalidated(() => {
      browser.storage.onChanged.removeListener(onStorage);
      stopSettings();
      firstPaint.stop();
      overlay.stop();
    });
    // When the index has marked the cards, the rest (the page read in full, the controls, the visit) waits
    // for the page's load, so that it does not delay it (measured on 500 cards in Chromium: parse to load
    // 1.82 s → 1.62 s); bounded, as a stalled image may hold the load event back.
    if (early.indexed) await pageLoaded(OVERLAY_WAIT_MAX_MS);
    await overlay.start();
  },
});
