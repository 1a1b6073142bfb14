import 'fake-indexeddb/auto';
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach } from 'vitest';

// Every test starts from an empty fake browser, as WXT recommends.
beforeEach(() => {
  fakeBrowser.reset();
});
