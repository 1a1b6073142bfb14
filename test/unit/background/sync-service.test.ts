/**
 * Sync in the background worker (`registerSync`): off until turned on, runs when turned on and after
 * local changes, ignores the echo of its own writes, records a status for the options page, and turning
 * it off takes this device out of the others' wait for collection.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { createHandlers } from '../../../lib/background/handlers';
import {
  BrowserSyncArea,
  PENDING_KEY,
  registerSync,
  SYNC_ALARM,
  statusFromReport,
} from '../../../lib/background/sync-service';
import { observePapers, setSaved } from '../../../lib/db/papers';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { saveSettings } from '../../../lib/settings';
import { DEVICE_KEY_PREFIX } from '../../../lib/sync/gc';
import { loadSyncPrefs, loadSyncStatus, setSyncEnabled } from '../../../lib/sync/prefs';
import { idOf, makeRecord } from '../../fixtures/db/records';

const DAY = 'https://huggingface.co/papers/date/2025-01-31';

beforeEach(async () => {
  await deleteDb();
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2026-11-27T08:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  // Let storage events and chained promises run.
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const syncItems = () => browser.storage.sync.get(null);

describe('sync in the background', () => {
  it('does nothing until the user turns it on', async () => {
    const sync = registerSync({ onPapersChanged: () => {}, onQueued: () => {} });
    await observePapers([makeRecord(1)], DAY);
    await setSaved(idOf(1), true);
    sync.noteLocalChange();
    await settle(60_000);
    expect(await syncItems()).toEqual({});
    expect(await sync.runNow()).toBeUndefined();
  });

  it('turning it on shares the library at once and records the outcome', async () => {
    registerSync({ onPapersChanged: () => {}, onQueued: () => {} });
    await observePapers([makeRecord(1)], DAY);
    await setSaved(idOf(1), true);
    await setSyncEnabled(true);
    await vi.waitFor(async () => expect((await loadSyncStatus())?.ok).toBe(true));
    const items = await syncItems();
    const { deviceId } = await loadSyncPrefs();
    expect(Object.keys(items)).toContain(DEVICE_KEY_PREFIX + deviceId);
    expect(JSON.stringify(items)).toContain('m');
    const status = await loadSyncStatus();
    expect(status).toMatchObject({ ok: true, devices: 1, quotaBytes: 102_400 });
    expect(status!.bytes).toBeGreaterThan(0);
  });

  it('a local change through the messages is synced a few seconds later, once', async () => {
    const sync = registerSync({ onPapersChanged: () => {}, onQueued: () => {} });
    const handlers = createHandlers({ onUserChange: () => sync.noteLocalChange() });
    await handlers.observePapers({ papers: [makeRecord(1), makeRecord(2)], pageUrl: DAY });
    await setSyncEnabled(true);
    await vi.waitFor(async () => expect((await loadSyncStatus())?.ok).toBe(true));
    const before = JSON.stringify(await syncItems());

    await handlers.setSaved({ id: idOf(2), saved: true });
    await settle();
    expect((await browser.storage.local.get(PENDING_KEY))[PENDING_KEY]).toBeDefined();
    await settle(15_000);
    await vi.waitFor(async () => expect(JSON.stringify(await syncItems())).not.toBe(before));
    await vi.waitFor(async () =>
      expect((await browser.storage.local.get(PENDING_KEY))[PENDING_KEY]).toBeUndefined(),
    );
    expect((await browser.alarms.getAll()).map((a) => a.name)).toContain(SYNC_ALARM);
  });

  it("a settings change is synced too, the filters' rules with it", async () => {
    registerSync({ onPapersChanged: () => {}, onQueued: () => {} });
    await setSyncEnabled(true);
    await vi.waitFor(async () => expect((await loadSyncStatus())?.ok).toBe(true));
    await saveSettings({ overlayStyle: 'hide' });
    await settle(15_000);
    await vi.waitFor(async () => expect(JSON.stringify(await syncItems())).toContain('hide'));
    await saveSettings({
      filters: {
        minUpvotes: 3,
        requireCode: false,
        rules: [{ action: 'mute', field: 'organization', value: 'Zeta Muted Lab' }],
      },
    });
    await settle(15_000);
    await vi.waitFor(async () => expect(JSON.stringify(await syncItems())).toContain('Zeta Muted Lab'));
  });

  it('erasing everything turns sync off first and withdraws this device', async () => {
    const sync = registerSync({ onPapersChanged: () => {}, onQueued: () => {} });
    const handlers = createHandlers({ beforeErase: () => sync.disable() });
    await observePapers([makeRecord(1)], DAY);
    await setSaved(idOf(1), true);
    await setSyncEnabled(true);
    await vi.waitFor(async () => expect((await loadSyncStatus())?.ok).toBe(true));
    const shared = await syncItems();

    await handlers.eraseAll({});
    await settle();
    expect((await loadSyncPrefs()).enabled).toBe(false);
    expect(await getDb().papers.count()).toBe(0);
    const after = await syncItems();
    // The other devices keep the shared reading list; only this device's own item is gone.
    expect(Object.keys(after).some((k) => k.startsWith(DEVICE_KEY_PREFIX))).toBe(false);
    for (const [key, value] of Object.entries(after)) expect(shared[key]).toEqual(value);
  });
});

describe('sync prefs', () => {
  // Seen in a benchmark run: the background, reading the prefs on a local change, wrote a fresh "off"
  // record over the "on" the options page had just written.
  it('reading them never writes; turning sync on makes the device id once', async () => {
    expect(await loadSyncPrefs()).toEqual({ enabled: false, deviceId: '' });
    expect(await browser.storage.local.get(null)).toEqual({});
    const on = await setSyncEnabled(true);
    expect(on.deviceId).toMatch(/^[\w-]{12}$/);
    expect(await setSyncEnabled(false)).toEqual({ enabled: false, deviceId: on.deviceId });
  });

  it('a local change at the moment sync is turned on never turns it off again', async () => {
    const sync = registerSync({ onPapersChanged: () => {}, onQueued: () => {} });
    sync.noteLocalChange();
    await Promise.all([setSyncEnabled(true), loadSyncPrefs(), sync.runNow()]);
    sync.noteLocalChange();
    await settle();
    expect((await loadSyncPrefs()).enabled).toBe(true);
  });
});

describe('BrowserSyncArea', () => {
  it('recognizes the echo of its own writes, once, and nothing else', async () => {
    const area = new BrowserSyncArea();
    await area.set({ a: 'x', b: { n: 1 } });
    await area.remove(['c']);
    expect(area.isEcho('a', 'x')).toBe(true);
    expect(area.isEcho('a', 'x')).toBe(false);
    expect(area.isEcho('b', { n: 2 })).toBe(false);
    expect(area.isEcho('c', undefined)).toBe(true);
    expect(area.isEcho('zzz', 'x')).toBe(false);
  });
});

describe('statusFromReport', () => {
  it('says what did not fit and when the next attempt is due', () => {
    const status = statusFromReport({
      ok: false,
      at: 1,
      stamp: 2,
      applied: 3,
      wrote: 0,
      removed: 0,
      bytes: 90_000,
      items: 20,
      omitted: { readMarks: 5, saved: 0, watched: 3, tags: 1, notes: 2, settings: 0, through: {} },
      devices: 2,
      collected: 0,
      error: 'MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded',
      retryAt: 99,
    });
    expect(status).toEqual({
      at: 1,
      ok: false,
      applied: 3,
      bytes: 90_000,
      quotaBytes: 102_400,
      devices: 2,
      notSynced: { readMarks: 5, saved: 0, watched: 3, tags: 1, notes: 2, settings: 0 },
      error: 'MAX_WRITE_OPERATIONS_PER_HOUR quota exceeded',
      retryAt: 99,
    });
  });
});
