import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BADGE_COLORS,
  type BadgeAction,
  type BadgeDeps,
  badgeText,
  countSavedUnread,
  globalCount,
  registerBadge,
  ToolbarBadge,
} from '../../../lib/background/badge';
import { createHandlers } from '../../../lib/background/handlers';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { cachedInboxCount } from '../../../lib/inbox/count';
import { dayCacheKey } from '../../../lib/inbox/days';
import type { ChangeFeed } from '../../../lib/messages/protocol';
import type { Filters } from '../../../lib/model/filters';
import type { PaperState } from '../../../lib/model/paper';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/model/settings';
import { readDailyItems } from '../../../lib/site/daily-api';
import { idOf, makeRecord } from '../../fixtures/db/records';
import { dailyItem } from '../../support/daily-api';

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

  it('with the inbox setting, shows the papers left in the inbox instead of saved unread, in its own colour', async () => {
    let left: number | undefined = 5;
    const asked: Filters[] = [];
    const { badge, text, color, shown } = badgeWith({
      unread: 9,
      countInbox: async (filters) => {
        asked.push(filters);
        return left;
      },
    });
    await badge.settingsChanged({ ...DEFAULT_SETTINGS, badgeInbox: true });
    expect(text.get('global')).toBe('5');
    expect(color.get('global')).toBe(BADGE_COLORS.inbox);
    // A list tab keeps its own "new" count at `new`.
    await badge.observed(LIST, [state(1, { isNew: true })]);
    expect(shown(1)).toBe('1');
    expect(shown(2)).toBe('5');
    // The filters count: a change of them is a recount with the new ones.
    const filters: Filters = {
      minUpvotes: 0,
      requireCode: false,
      rules: [{ action: 'mute', field: 'author', value: 'Ada Lovelace' }],
    };
    left = 3;
    await badge.settingsChanged({ ...DEFAULT_SETTINGS, badgeInbox: true, filters });
    expect(asked.at(-1)).toEqual(filters);
    expect(shown(2)).toBe('3');
    // No day cached yet: no number rather than a guess.
    left = undefined;
    await badge.recount();
    expect(shown(2)).toBe('');
    left = 4;
    await badge.settingsChanged({ ...DEFAULT_SETTINGS, badgeInbox: false, filters });
    expect(shown(2)).toBe('9');
    expect(color.get('global')).toBe(BADGE_COLORS.unread);
  });

  it('puts the updates first when the badge counts them and the inbox is asked for too', async () => {
    expect(globalCount({ badge: 'updates', badgeInbox: true })).toBe('updates');
    expect(globalCount({ badge: 'new', badgeInbox: true })).toBe('inbox');
    expect(globalCount({ badge: 'unread', badgeInbox: true })).toBe('inbox');
    expect(globalCount({ badge: 'unread', badgeInbox: false })).toBe('unread');
    const { badge, text, color } = badgeWith({
      countUnreadUpdates: async () => 2,
      countInbox: async () => 7,
    });
    await badge.settingsChanged({ ...DEFAULT_SETTINGS, badge: 'updates', badgeInbox: true });
    expect(text.get('global')).toBe('2');
    expect(color.get('global')).toBe(BADGE_COLORS.updates);
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

  it('with the inbox setting, counts the cached days again when the inbox caches one and when a paper is handled', async () => {
    const now = Date.parse('2026-08-01T10:00:00Z');
    const recorded = recordingAction();
    const items = [dailyItem('2026-07-31', '2607.31001'), dailyItem('2026-07-31', '2607.31002')];
    const base = createHandlers({ now: () => now });
    const handlers = registerBadge(
      {
        ...base,
        // The day as the inbox's background handler caches it (lib/inbox/days), without the network.
        getInboxDay: async ({ date }) => {
          const papers = readDailyItems(items);
          await getDb().meta.put({ key: dayCacheKey(date), value: { fetchedAt: now, papers } });
          return { day: { date, status: 'ok' as const, papers, fetchedAt: now }, states: [] };
        },
      },
      {
        action: recorded.action,
        tabsShowing: async () => [],
        countSavedUnread,
        countInbox: (filters) => cachedInboxCount(filters, now),
        loadSettings: async () => ({ ...DEFAULT_SETTINGS, badgeInbox: true }),
        title: () => '',
        log: () => undefined,
      },
    );
    await handlers.getInboxDay({ date: '2026-07-31' });
    await vi.waitFor(() => expect(recorded.text.get('global')).toBe('2'), { timeout: 2_000 });
    const paper = readDailyItems(items)[0]!;
    await handlers.setSaved({ id: paper.id, saved: false, paper });
    await handlers.setRead({ id: paper.id, read: true });
    await vi.waitFor(() => expect(recorded.text.get('global')).toBe('1'), { timeout: 2_000 });
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
