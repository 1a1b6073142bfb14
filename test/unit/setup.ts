import 'fake-indexeddb/auto';
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach } from 'vitest';
import { sendMessagesFrom } from '../support/senders';

// Every test starts from an empty fake browser, as WXT recommends.
// Its messages come from an extension page (the popup), as the real browser reports the sender; a test
// of the content script's rights says otherwise.
beforeEach(() => {
  fakeBrowser.reset();
  sendMessagesFrom();
});
