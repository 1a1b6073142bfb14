import 'fake-indexeddb/auto';
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterAll, beforeEach } from 'vitest';
import { sendMessagesFrom } from '../support/senders';

// Every test starts from an empty fake browser, as WXT recommends.
// Its messages come from an extension page (the popup), as the real browser reports the sender; a test
// of the content script's rights says otherwise.
beforeEach(() => {
  fakeBrowser.reset();
  sendMessagesFrom();
});

// Preact runs effects after the next frame, with a 100 ms timer as its fallback; that timer calls
// `cancelAnimationFrame`. On a loaded machine a file's jsdom window could be torn down before the timer
// fired, and the timer then threw an uncaught ReferenceError that failed the whole run. The file's last
// effects are let run while the window still exists.
afterAll(async () => {
  if (typeof document === 'undefined') return;
  await new Promise((resolve) => setTimeout(resolve, 150));
});
