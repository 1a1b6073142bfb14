import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BADGE_COLORS,
  type BadgeAction,
  type BadgeDeps,
  badgeText,
  countSavedUnread,
  registerBadge,
  ToolbarBadge,
} from '../../../lib/background/badge';
import { createHandlers } from '../../../lib/background/handlers';
import { deleteDb } from '../../../lib/db/schema';
import type { ChangeFeed } from '../../../lib/messages/protocol';
import type { PaperState } from '../../../lib/model/paper';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model/settings';
import { idOf, makeRecord } from '../../fixtures/db/records';

const LIST = 'https://huggingface.co/papers/date/2025-03-11';
const PAPER = 'https://huggingface.co/papers/2503.00001';

/** An action that remembers the badge text and colour of each tab (`global` for none). */
function recordingAction() {
  const text = new Map<number | 'global', string | null>();
  const color = new Map<number | 'global', string>();
  const action: BadgeAction = {
    setBadgeText: async ({ text: value, tabId }) => void text.set(tabId ?? 'global', value),
    setBadgeBackgroundColor: async ({ color: value, tabId }) => void color.set(tabId ?? 'global', value),
    setTitle: async () => undefined,
  };
  /** What the browser would show on a tab: its own text, or the global one. */
  const shown = (tabId: number) => {
    const own = text.get(tabId);
    return own === null || own === undefined ? (text.get('global') ?? '') : own;
  };
  return { action, text, color, shown };
}

function badgeWith(
  overrides: Partial<BadgeDeps> & { tabs?: Record<number, string>; unread?: number; settings?: Settings },
) {
  const recorded = recordingAction();
  const tabs = overrides.tabs ?? { 1: LIST, 2: PAPER };
  const deps: BadgeDeps = {
    action: recorded.action,
    tabsShowing: async (url) =>
      Object.entries(tabs)
        .filter(([, tabUrl]) => tabUrl.split('#')[0] === url)
        .map(([id]) => Number(id)),
    countSavedUnread: async () => overrides.unread ?? 0,
    loadSettings: async () => overrides.settings ?? { ...DEFAULT_SETTINGS },
    title: (kind, count) => `${kind} ${count}`,
    log: (message, error) => {
      throw new Error(`${message}: ${String(error)}`);
    },
    ...overrides,
  };
  return { badge: new ToolbarBadge(deps), ...recorded };
}

const state = (n: number, extra: Partial<PaperState> = {}): PaperState => ({
  id: idOf(n),
  state: 'seen',
  saved: false,
  tags: [],
  ...extra,
});

describe('badgeText', () => {
  it('fits four characters and shows nothing for zero', () => {
    expect([0, 7, 999, 1000, 12_345, 5_000_000].map(badgeText)).toEqual([
      '',
      '7',
      '999',
      '1k',
      '12k',
      '999k',
    ]);
  });
});

describe('ToolbarBadge', () => {
  it('shows the saved-unread count everywhere', async () => {
    const { badge, shown, color } = badgeWith({ unread: 42 });
    await badge.recount();
    expect(shown(1)).toBe('42');
    expect(color.get('global')).toBe('#b45309');
  });

  it('shows the latest count when an earlier, slower count finishes last', async () => {
    let release: (n: number) => void = () => {};
    const counts = [new Promise<number>((resolve) => (release = resolve)), Promise.resolve(4)];
    const { badge, text } = badgeWith({ countSavedUnread: () => counts.shift()! });
    const slow = badge.recount();
    await badge.recount();
    release(1);
    await slow;
    expect(text.get('global')).toBe('4');
  });

  it('on a list page, shows how many of its papers are new; a paper page falls back to the global count', async () => {
    const { badge, shown, color } = badgeWith({ unread: 5, tabs: { 1: `${LIST}#top`, 2: PAPER } });
    await badge.recount();
    await badge.observed(LIST, [
      state(1, { isNew: true }),
      state(2, { isNew: true }),
      state(3, { isNew: false }),
      state(4, { isNew: true, state: 'read' }),
    ]);
    expect(shown(1)).toBe('2');
    expect(color.get(1)).toBe('#2563eb');
    await badge.observed(PAPER, [state(9)]);
    expect(shown(2)).toBe('5');
  });

  it('counts down as papers on the page get read, and recounts the global number', async () => {
    vi.useFakeTimers();
    try {
      let unread = 3;
      const { badge, shown } = badgeWith({
        countSavedUnread: async () => unread,
        tabs: { 1: LIST, 7: 'https://example.com/' },
      });
      await badge.observed(LIST, [state(1, { isNew: true }), state(2, { isNew: true })]);
      unread = 2;
      const feed: ChangeFeed = { seq: 1, at: 0, ids: [idOf(1)], states: [state(1, { state: 'read' })] };
      await badge.changed(feed);
      expect(shown(1)).toBe('1');
      await vi.advanceTimersByTimeAsync(300);
      expect(shown(7)).toBe('2');
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops a tab count when the tab leaves the page, not when only the fragment changes', async () => {
    const { badge, text } = badgeWith({ unread: 1 });
    await badge.observed(LIST, [state(1, { isNew: true })]);
    await badge.tabUpdated(1, `${LIST}#paper-2`, false);
    expect(text.get(1)).toBe('1');
    await badge.tabUpdated(1, 'https://huggingface.co/models', false);
    expect(text.get(1)).toBeNull();
  });

  it('at "unread", keeps no per-page counts', async () => {
    const { badge, text, shown } = badgeWith({ unread: 9 });
    await badge.observed(LIST, [state(1, { isNew: true })]);
    expect(text.get(1)).toBe('1');
    await badge.settingsChanged({ ...DEFAULT_SETTINGS, badge: 'unread' });
    expect(shown(1)).toBe('9');
    await badge.observed(LIST, [state(1, { isNew: true })]);
    expect(shown(1)).toBe('9');
  });

  it('at "updates", shows the unseen updates of watched papers everywhere, in their own colour', async () => {
    let updates = 2;
    const { badge, text, color, shown } = badgeWith({ unread: 9, countUnreadUpdates: async () => updates });
    await badge.observed(LIST, [state(1, { isNew: true })]);
    expect(text.get(1)).toBe('1');
    await badge.settingsChanged({ ...DEFAULT_SETTINGS, badge: 'updates' });
    expect(shown(1)).toBe('2');
    expect(color.get('global')).toBe(BADGE_COLORS.updates);
    await badge.observed(LIST, [state(1, { isNew: true })]);
    expect(shown(1)).toBe('2');
    updates = 0;
    await badge.recount();
    expect(shown(1)).toBe('');
  });

  it('wraps observePapers without changing its reply', async () => {
    await deleteDb();
    const { badge, text } = badgeWith({});
    let clock = 1_000;
    const handlers = badge.wrap(createHandlers({ now: () => clock }));
    await handlers.observePapers({ papers: [makeRecord(1)], pageUrl: LIST });
    clock += 24 * 3600_000;
    const reply = await handlers.observePapers({
      papers: [makeRecord(1), makeRecord(2), makeRecord(3)],
      pageUrl: LIST,
    });
    expect(reply.states.map((s) => s.isNew)).toEqual([false, true, true]);
    await vi.waitFor(() => expect(text.get(1)).toBe('2'));
  });
});

describe('countSavedUnread and registerBadge', () => {
  beforeEach(async () => {
    await deleteDb();
  });

  it('counts saved papers that are not read, from the store', async () => {
    const handlers = createHandlers({ now: () => 1_000 });
    await handlers.observePapers({ papers: [1, 2, 3, 4].map((n) => makeRecord(n)), pageUrl: LIST });
    await handlers.setSavedMany({ ids: [idOf(1), idOf(2), idOf(3)], saved: true });
    await handlers.setReadMany({ ids: [idOf(2), idOf(4)], read: true });
    expect(await countSavedUnread()).toBe(2);
  });

  it('recounts after a change published by the background', async () => {
    const recorded = recordingAction();
    const handlers = registerBadge(createHandlers(), {
      action: recorded.action,
      tabsShowing: async () => [],
      countSavedUnread,
      loadSettings: async () => ({ ...DEFAULT_SETTINGS }),
      title: () => '',
      log: () => undefined,
    });
    await handlers.observePapers({ papers: [makeRecord(1)], pageUrl: LIST });
    await handlers.setSaved({ id: idOf(1), saved: true });
    await vi.waitFor(() => expect(recorded.text.get('global')).toBe('1'), { timeout: 2_000 });
    await handlers.setRead({ id: idOf(1), read: true });
    await vi.waitFor(() => expect(recorded.text.get('global')).toBe(''), { timeout: 2_000 });
  });
});
