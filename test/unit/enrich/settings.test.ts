import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, parseSettings } from '../../../lib/model/settings';
import { loadSettings, onSettingsChanged, SETTINGS_KEY, saveSettings } from '../../../lib/settings';

describe('settings', () => {
  it('default to dim overlay, recording, marking read on open, shortcuts (staying on the card), code links on, badge new (not the inbox), watching saved papers (stars at 1,000), no AI summary on cards, no filters, no arXiv', async () => {
    expect(DEFAULT_SETTINGS).toEqual({
      overlayStyle: 'dim',
      recordSeen: true,
      markReadOnOpen: true,
      keyboardShortcuts: true,
      moveAfterAction: false,
      fetchCodeLinks: true,
      badge: 'new',
      badgeInbox: false,
      filters: { minUpvotes: 0, requireCode: false, rules: [] },
      watchSaved: true,
      starThreshold: 1000,
      aiSummaryOnCards: false,
      notifyUpdates: false,
      watchVersions: false,
    });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('save a patch and load it back', async () => {
    expect(await saveSettings({ fetchCodeLinks: false, overlayStyle: 'hide' })).toMatchObject({
      fetchCodeLinks: false,
      overlayStyle: 'hide',
      badge: 'new',
      filters: { minUpvotes: 0, requireCode: false, rules: [] },
    });
    expect(await loadSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      fetchCodeLinks: false,
      overlayStyle: 'hide',
    });
  });

  it('refuse an invalid patch, storing nothing', async () => {
    await expect(saveSettings({ badge: 'all' as 'new' })).rejects.toThrow('Invalid setting "badge"');
    await expect(saveSettings({ nope: true } as never)).rejects.toThrow('Invalid setting');
    expect(await fakeBrowser.storage.local.get(SETTINGS_KEY)).toEqual({});
  });

  it('read stored garbage leniently: each bad field takes its default', async () => {
    await fakeBrowser.storage.local.set({
      [SETTINGS_KEY]: { overlayStyle: 'blink', recordSeen: false, badge: 3 },
    });
    expect(await loadSettings()).toEqual({ ...DEFAULT_SETTINGS, recordSeen: false });
    expect(parseSettings('nonsense')).toEqual(DEFAULT_SETTINGS);
  });

  it('tell listeners about changes until they stop listening', async () => {
    const callback = vi.fn();
    const stop = onSettingsChanged(callback);
    await saveSettings({ keyboardShortcuts: false });
    await fakeBrowser.storage.local.set({ other: 1 });
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, keyboardShortcuts: false });
    stop();
    await saveSettings({ keyboardShortcuts: true });
    expect(callback).toHaveBeenCalledTimes(1);
  });
});
