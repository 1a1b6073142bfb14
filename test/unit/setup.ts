import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';

// Every test starts from an empty fake browser, as WXT recommends.
beforeEach(() => {
  fakeBrowser.reset();
});
