/**
 * The toolbar badge. With the `badge` setting at `new` (the default), a tab showing a list of Daily
 * Papers carries the number of its papers that are new since the user's last visit of that list;
 * everywhere else the badge shows how many saved papers are not read yet. At `unread`, that count
 * shows on every tab; at `updates`, the number of watched papers' updates not seen yet does. With the
 * `badgeInbox` setting (off by default), the papers left in the inbox (issue 15, counted from the days
 * already cached, never fetched for the badge) take the place of the saved unread count; at `updates` the
 * updates come first and the inbox is not shown.
 *
 * The per-tab numbers come from the replies of `observePapers` (each state says `isNew`), which is why
 * this module wraps that handler; they go down as papers on the page get read (through the change
 * feed) and go away when the tab navigates elsewhere. The global count is recounted on the indexes
 * (keys only, no rows read) after every change, at start-up and when the setting changes.
 */
import { browser } from 'wxt/browser';
import { getDb } from '../db/schema';
import { countUnreadUpdates } from '../db/watch';
import { plural, translatorFrom } from '../i18n';
import { cachedInboxCount } from '../inbox/count';
import { CHANGE_FEED_KEY, type ChangeFeed, UPDATES_FEED_KEY } from '../messages/protocol';
import { type Filters, sameFilters } from '../model/filters';
import { type PaperState, showsAsNew } from '../model/paper';
import { parseSettings, type Settings } from '../model/settings';
import { loadSettings, SETTINGS_KEY } from '../settings';
import { pageKeyFromUrl } from '../site/pages';
import { PAPERS_PAGE_MATCHES } from '../site/urls';
import type { Handlers } from './server';

/** Badge colours: blue for "new on this page", amber for "saved, not read". */
export const BADGE_COLORS = {
  new: '#2563eb',
  unread: '#b45309',
  updates: '#15803d',
  inbox: '#6d28d9',
} as const;

/** What the badge counts on tabs without a count of their own. */
export type GlobalCount = 'unread' | 'updates' | 'inbox';

/** Which count the badge shows everywhere: updates first (at `updates`), then the inbox when asked for, else saved unread. */
export function globalCount(settings: Pick<Settings, 'badge' | 'badgeInbox'>): GlobalCount {
  if (settings.badge === 'updates') return 'updates';
  return settings.badgeInbox ? 'inbox' : 'unread';
}

/** Global recounts wait this long, so a burst of changes costs one count. */
export const RECOUNT_DELAY_MS = 250;

/** The part of `browser.action` the badge uses (`browserAction` in Firefox's Manifest V2). */
export interface BadgeAction {
  setBadgeText(details: { text: string | null; tabId?: number }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string; tabId?: number }): Promise<void>;
  setTitle(details: { title: string; tabId?: number }): Promise<void>;
}

/** What the badge needs from the browser and the store; the defaults are the real ones. */
export interface BadgeDeps {
  action: BadgeAction;
  /** The tabs currently showing `url` (compared without the fragment). */
  tabsShowing: (url: string) => Promise<number[]>;
  countSavedUnread: () => Promise<number>;
  /** Updates of watched papers not seen yet (the `updates` mode); without it that mode counts none. */
  countUnreadUpdates?: () => Promise<number>;
  /**
   * Papers left in the inbox after `filters`, from the cached days only (`badgeInbox`); undefined when no
   * day is cached. Without it that setting counts none.
   */
  countInbox?: (filters: Filters) => Promise<number | undefined>;
  loadSettings: () => Promise<Settings>;
  /**
   * The tooltip: "Daily Papers Companion: 3 new on this page" (`new`), "…: 5 saved papers not read yet"
   * (`unread`), or the extension's name (`none`). An empty string when no text is available.
   */
  title: (kind: 'new' | GlobalCount | 'none', count: number) => string;
  log: (message: string, error?: unknown) => void;
}

/** `0` → `''` (no badge), `42` → `42`, `1234` → `1k`, `25000` → `25k`: at most four characters. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  if (count < 1000) return String(count);
  return `${Math.min(999, Math.floor(count / 1000))}k`;
}

/** A URL without its fragment, for comparing a tab's address with the page a content script read. */
export function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** Saved papers that are not read, counted on the `savedAt` and `readAt` indexes (keys only). */
export async function countSavedUnread(): Promise<number> {
  const db = getDb();
  return db.transaction('r', db.papers, async () => {
    const [saved, read] = await Promise.all([
      db.papers.orderBy('savedAt').primaryKeys(),
      db.papers.orderBy('readAt').primaryKeys(),
    ]);
    const readIds = new Set(read);
    let count = 0;
    for (const id of saved) if (!readIds.has(id)) count += 1;
    return count;
  });
}

/** The papers of a list page that are new since the last visit (read papers never are). */
export function newIds(states: readonly PaperState[]): Set<string> {
  return new Set(states.filter(showsAsNew).map((s) => s.id));
}

/** The badge's state and reactions; see the module comment. */
export class ToolbarBadge {
  /** Tabs showing a list page: the page and its papers new since the last visit. */
  private readonly tabs = new Map<number, { url: string; ids: Set<string> }>();
  private settings: Settings | undefined;
  private recountTimer: ReturnType<typeof setTimeout> | undefined;
  private recountGeneration = 0;
  /** The tooltip last set globally, which tabs get back when they lose their own count. */
  private globalTitle = '';

  constructor(private readonly deps: BadgeDeps) {}

  private async currentSettings(): Promise<Settings> {
    this.settings ??= await this.deps.loadSettings();
    return this.settings;
  }

  private async currentMode(): Promise<Settings['badge']> {
    return (await this.currentSettings()).badge;
  }

  /** Recounts the saved unread papers and shows the count on every tab without a count of its own. */
  async recount(): Promise<void> {
    // Counts may overlap and finish out of order: only the latest one may write the badge, and it issues
    // its writes together, so an older count's writes can never land after a newer one's.
    const generation = ++this.recountGeneration;
    const settings = await this.currentSettings();
    const kind = globalCount(settings);
    const count =
      kind === 'updates'
        ? ((await this.deps.countUnreadUpdates?.()) ?? 0)
        : kind === 'inbox'
          ? ((await this.deps.countInbox?.(settings.filters)) ?? 0)
          : await this.deps.countSavedUnread();
    if (generation !== this.recountGeneration) return;
    const { action } = this.deps;
    this.globalTitle = this.deps.title(count > 0 ? kind : 'none', count);
    await Promise.all([
      action.setBadgeBackgroundColor({ color: BADGE_COLORS[kind] }),
      action.setBadgeText({ text: badgeText(count) }),
      this.globalTitle !== '' ? action.setTitle({ title: this.globalTitle }) : undefined,
    ]);
  }

  /** Recounts a little later; several calls in a row cost one count. */
  scheduleRecount(): void {
    if (this.recountTimer !== undefined) clearTimeout(this.recountTimer);
    this.recountTimer = setTimeout(() => {
      this.recountTimer = undefined;
      this.recount().catch((error) => this.deps.log('badge recount failed', error));
    }, RECOUNT_DELAY_MS);
  }

  /** A content script read list page `pageUrl` and got these states: count its new papers per tab. */
  async observed(pageUrl: string, states: readonly PaperState[]): Promise<void> {
    if ((await this.currentMode()) !== 'new') return;
    const isList = pageKeyFromUrl(pageUrl) !== undefined;
    const url = withoutFragment(pageUrl);
    for (const tabId of await this.deps.tabsShowing(url)) {
      if (isList) {
        this.tabs.set(tabId, { url, ids: newIds(states) });
        await this.showTab(tabId);
      } else {
        // A paper's own page is "elsewhere": the tab falls back to the saved-unread count.
        await this.clearTab(tabId);
      }
    }
  }

  private async showTab(tabId: number): Promise<void> {
    const entry = this.tabs.get(tabId);
    if (entry === undefined) return;
    const { action } = this.deps;
    await action.setBadgeBackgroundColor({ tabId, color: BADGE_COLORS.new });
    await action.setBadgeText({ tabId, text: badgeText(entry.ids.size) });
    const title = this.deps.title('new', entry.ids.size);
    if (title !== '') await action.setTitle({ tabId, title });
  }

  /** Drops a tab's own count: the tab shows the global one again. */
  async clearTab(tabId: number): Promise<void> {
    if (!this.tabs.delete(tabId)) return;
    const { action } = this.deps;
    // `null` gives the tab the global text back; colour and title take the global values explicitly
    // (Chrome has no way to unset a tab's title).
    await action.setBadgeText({ tabId, text: null });
    await action.setBadgeBackgroundColor({ tabId, color: BADGE_COLORS.unread });
    const title = this.globalTitle || this.deps.title('none', 0);
    if (title !== '') await action.setTitle({ tabId, title });
  }

  /** A tab was closed: its count goes with it (the browser drops a closed tab's badge itself). */
  forgetTab(tabId: number): void {
    this.tabs.delete(tabId);
  }

  /** A tab changed: when it left the page it was counted for, it loses its own count. */
  async tabUpdated(tabId: number, url: string | undefined, loading: boolean): Promise<void> {
    const entry = this.tabs.get(tabId);
    if (entry === undefined) return;
    if ((url !== undefined && withoutFragment(url) !== entry.url) || (url === undefined && loading)) {
      await this.clearTab(tabId);
    }
  }

  /** A change was published: papers read or dismissed since are no longer new; the global count is redone. */
  async changed(feed: ChangeFeed): Promise<void> {
    for (const state of feed.states ?? []) {
      if (state.state !== 'read' && state.dismissed !== true) continue;
      for (const [tabId, entry] of this.tabs) {
        if (entry.ids.delete(state.id)) await this.showTab(tabId);
      }
    }
    this.scheduleRecount();
  }

  /**
   * The settings changed: at `unread` no tab keeps a count of its own; the inbox count follows its
   * setting and the filters.
   */
  async settingsChanged(settings: Settings): Promise<void> {
    const before = this.settings;
    this.settings = settings;
    const inboxBefore = before === undefined ? undefined : globalCount(before) === 'inbox';
    const inboxNow = globalCount(settings) === 'inbox';
    const filtersChanged = inboxNow && !sameFilters(before?.filters, settings.filters);
    if (before?.badge === settings.badge && inboxBefore === inboxNow && !filtersChanged) return;
    if (settings.badge !== 'new') for (const tabId of [...this.tabs.keys()]) await this.clearTab(tabId);
    await this.recount();
  }

  /** The inbox's days or the visits of daily lists may have changed: the inbox count, when shown, is redone. */
  async inboxChanged(): Promise<void> {
    if (globalCount(await this.currentSettings()) === 'inbox') this.scheduleRecount();
  }

  /**
   * The handlers, with `observePapers` also counting the new papers of the page it answers (and, as it
   * records a visit, the inbox's range may move), and `getInboxDay` recounting the inbox once a day is cached.
   */
  wrap(handlers: Handlers): Handlers {
    const report = (error: unknown) => this.deps.log('badge update failed', error);
    return {
      ...handlers,
      observePapers: async (data) => {
        const reply = await handlers.observePapers(data);
        this.observed(data.pageUrl, reply.states).catch(report);
        this.inboxChanged().catch(report);
        return reply;
      },
      getInboxDay: async (data) => {
        const reply = await handlers.getInboxDay(data);
        this.inboxChanged().catch(report);
        return reply;
      },
    };
  }
}

/** The real dependencies, in the background. */
function browserDeps(): BadgeDeps {
  const action = (browser.action ?? browser.browserAction) as unknown as BadgeAction;
  return {
    action,
    tabsShowing: async (url) => {
      // The host permission for huggingface.co lets the background see these tabs' addresses.
      const tabs = await browser.tabs.query({ url: [...PAPERS_PAGE_MATCHES] });
      return tabs
        .filter((tab) => tab.id !== undefined && tab.url !== undefined && withoutFragment(tab.url) === url)
        .map((tab) => tab.id!);
    },
    countSavedUnread,
    countUnreadUpdates,
    countInbox: (filters) => cachedInboxCount(filters),
    loadSettings,
    title: (kind, count) => {
      try {
        const t = translatorFrom(
          (key, substitutions) => browser.i18n.getMessage(key as 'extName', substitutions),
          browser.i18n.getUILanguage(),
        );
        if (kind === 'none') return t('extName');
        const base = (
          {
            new: 'badgeTitleNew',
            unread: 'badgeTitleUnread',
            updates: 'badgeTitleUpdates',
            inbox: 'badgeTitleInbox',
          } as const
        )[kind];
        return plural(t, base, count);
      } catch {
        // A tooltip is not worth a failed badge (WXT's fake browser in unit tests has no i18n).
        return '';
      }
    },
    log: (message, error) => console.warn(`Daily Papers Companion: ${message}`, error ?? ''),
  };
}

/**
 * Starts the badge in the background: registers its listeners synchronously (storage changes, tab
 * updates and removals, start-up and installation) and returns `handlers` with `observePapers`
 * wrapped to count new papers. Nothing touches IndexedDB until one of those events arrives.
 */
export function registerBadge(handlers: Handlers, deps: BadgeDeps = browserDeps()): Handlers {
  const badge = new ToolbarBadge(deps);
  const report = (error: unknown) => deps.log('badge update failed', error);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    const feed = changes[CHANGE_FEED_KEY]?.newValue as ChangeFeed | undefined;
    if (feed !== undefined) badge.changed(feed).catch(report);
    if (UPDATES_FEED_KEY in changes) badge.scheduleRecount();
    if (SETTINGS_KEY in changes)
      badge.settingsChanged(parseSettings(changes[SETTINGS_KEY]?.newValue)).catch(report);
  });
  browser.tabs.onUpdated.addListener((tabId, info) => {
    badge.tabUpdated(tabId, info.url, info.status === 'loading').catch(report);
  });
  browser.tabs.onRemoved.addListener((tabId) => badge.forgetTab(tabId));
  browser.runtime.onStartup.addListener(() => badge.scheduleRecount());
  browser.runtime.onInstalled.addListener(() => badge.scheduleRecount());
  return badge.wrap(handlers);
}
