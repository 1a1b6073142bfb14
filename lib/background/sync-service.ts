/**
 * Sync in the background worker: when to run the {@link SyncEngine}, over the browser's `storage.sync`
 * and the IndexedDB replica, and what to tell the options page.
 *
 * A run is due a few seconds after a local change (debounced, see `nextRunAt`), soon after another
 * device's change arrives, at start-up, every {@link POLL_MINUTES} minutes, and at the retry time after a
 * failure. A timer serves the quick cases while the worker lives; an alarm backs every due time up, so a
 * worker stopped in between still runs it. Nothing is kept only in memory that a restart would lose: the
 * engine's memo and the pending-change marker live in `storage.local`.
 */
import { browser } from 'wxt/browser';
import { DexieReplica } from '../db/sync-replica';
import type { PaperState, StoredPaper } from '../model/paper';
import { SETTINGS_KEY } from '../settings';
import {
  budgetFreeAt,
  type EngineMemo,
  MIN_RUN_GAP_MS,
  nextRunAt,
  parseMemo,
  SyncEngine,
  type SyncReport,
} from '../sync/engine';
import { deviceKey } from '../sync/gc';
import {
  loadSyncPrefs,
  onSyncChanged,
  type SyncPrefs,
  type SyncStatus,
  saveSyncStatus,
  setSyncEnabled,
} from '../sync/prefs';
import { SYNC_QUOTA, type SyncArea } from '../sync/types';
import { keepAliveUntil } from './keep-alive';

/** The alarm that backs every due run up. */
export const SYNC_ALARM = 'sync-run';
/** The periodic pull, for changes whose event this worker missed. */
export const SYNC_POLL_ALARM = 'sync-poll';
/** Minutes between periodic runs. */
export const POLL_MINUTES = 30;
/** `storage.local` key of the engine's memo. */
export const ENGINE_MEMO_KEY = 'syncEngine';
/** `storage.local` key of the local changes not yet synced (`{ since, last }`, wall ms). */
export const PENDING_KEY = 'syncPending';
/** A change from another device is taken in after this long (2 s), so a burst of items lands as one. */
export const REMOTE_DEBOUNCE_MS = 2_000;
/** Chrome fires alarms no sooner than 30 s ahead; earlier due times are served by the timer alone. */
const MIN_ALARM_DELAY_MS = 30_000;
/** A timer due within this long (1 minute) keeps the background awake until it fires. */
const KEEP_AWAKE_MAX_MS = 60_000;

/** `storage.sync` as the engine uses it; remembers what it wrote so its own change events are ignored. */
export class BrowserSyncArea implements SyncArea {
  /** Key → JSON of the value this device last wrote (or `null` for a removal), until the event comes back. */
  readonly echoes = new Map<string, string | null>();

  async get(): Promise<Record<string, unknown>> {
    return browser.storage.sync.get(null);
  }

  async set(items: Record<string, unknown>): Promise<void> {
    for (const [key, value] of Object.entries(items)) this.echoes.set(key, JSON.stringify(value));
    await browser.storage.sync.set(items);
  }

  async remove(keys: string[]): Promise<void> {
    for (const key of keys) this.echoes.set(key, null);
    await browser.storage.sync.remove(keys);
  }

  /** Whether a change event is only the echo of this device's own write (and forgets that write). */
  isEcho(key: string, newValue: unknown): boolean {
    if (!this.echoes.has(key)) return false;
    const written = this.echoes.get(key);
    this.echoes.delete(key);
    return newValue === undefined ? written === null : written === JSON.stringify(newValue);
  }
}

/** What the service needs from the rest of the background. */
export interface SyncServiceDeps {
  /**
   * Publishes papers changed by another device on the change feed (open tabs redraw them) and in the
   * state index; with their rows as written, in the order of `states`.
   */
  onPapersChanged: (states: PaperState[], rows: StoredPaper[]) => void | Promise<void>;
  /** Papers from another device were queued for the site's API. */
  onQueued: () => void;
  /** Defaults to `Date.now`. */
  now?: () => number;
  log?: (...args: unknown[]) => void;
}

/** The sync service of the background. */
export interface SyncService {
  /** A local change was made (a paper's user fields, or settings): sync it soon. */
  noteLocalChange(): void;
  /** Runs now (when sync is on) and resolves with the status it recorded. */
  runNow(): Promise<SyncStatus | undefined>;
  /** Turns sync off on this device (before erasing everything, for one). */
  disable(): Promise<void>;
}

/** The status the options page shows, from an engine report. */
export function statusFromReport(report: SyncReport): SyncStatus {
  const status: SyncStatus = {
    at: report.at,
    ok: report.ok,
    applied: report.applied,
    bytes: report.bytes,
    quotaBytes: SYNC_QUOTA.bytes,
    devices: report.devices,
    notSynced: {
      readMarks: report.omitted.readMarks,
      saved: report.omitted.saved,
      watched: report.omitted.watched,
      tags: report.omitted.tags,
      notes: report.omitted.notes,
      settings: report.omitted.settings,
    },
  };
  if (report.error !== undefined) status.error = report.error;
  if (report.retryAt !== undefined) status.retryAt = report.retryAt;
  return status;
}

interface Pending {
  since: number;
  last: number;
}

function parsePending(raw: unknown): Pending | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const { since, last } = raw as Partial<Pending>;
  return Number.isFinite(since) && Number.isFinite(last) ? { since: since!, last: last! } : undefined;
}

/**
 * Creates the service and registers its listeners (storage changes, alarms, start-up) synchronously, as a
 * service worker must.
 */
export function registerSync(deps: SyncServiceDeps): SyncService {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((...args: unknown[]) => console.warn('[sync]', ...args));
  const area = new BrowserSyncArea();
  let engine: { deviceId: string; engine: SyncEngine } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Ends the keep-alive of the current timer (when it fired and its run ended, or it was replaced). */
  let releaseTimer: (() => void) | undefined;
  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    releaseTimer?.();
    releaseTimer = undefined;
  };
  let chain: Promise<unknown> = Promise.resolve();

  const engineFor = async (prefs: SyncPrefs): Promise<SyncEngine> => {
    if (engine?.deviceId !== prefs.deviceId) {
      const replica = new DexieReplica({
        now,
        onPapersChanged: deps.onPapersChanged,
        onQueued: deps.onQueued,
      });
      const created = new SyncEngine({
        deviceId: prefs.deviceId,
        replica,
        area,
        now,
        store: {
          load: async () => (await browser.storage.local.get(ENGINE_MEMO_KEY))[ENGINE_MEMO_KEY],
          save: (memo: EngineMemo) => browser.storage.local.set({ [ENGINE_MEMO_KEY]: memo }),
        },
      });
      engine = { deviceId: prefs.deviceId, engine: created };
    }
    return engine.engine;
  };

  /** Sets the timer and the alarm for the next due run (or clears them when none is due). */
  const plan = async (extra?: number) => {
    const prefs = await loadSyncPrefs();
    if (!prefs.enabled) return;
    const stored = await browser.storage.local.get([ENGINE_MEMO_KEY, PENDING_KEY]);
    const memo = parseMemo(stored[ENGINE_MEMO_KEY]);
    const pending = parsePending(stored[PENDING_KEY]);
    const wall = now();
    // Another device's change: soon, but never closer to the last run or the write budget than the engine allows.
    const remoteDue =
      extra === undefined
        ? undefined
        : Math.max(extra, (memo.lastRunAt ?? 0) + MIN_RUN_GAP_MS, budgetFreeAt(memo.writes, wall));
    const candidates = [nextRunAt(memo, wall, pending), remoteDue].filter(
      (t): t is number => t !== undefined,
    );
    if (candidates.length === 0) return;
    const due = Math.max(wall, Math.min(...candidates));
    clearTimer();
    // The timer serves a run due soon; the background is kept awake for it (Firefox would suspend an idle
    // event page first). The alarm backs it up, and serves the runs due later.
    const fired = new Promise<void>((resolve) => {
      releaseTimer = resolve;
      timer = setTimeout(() => {
        timer = undefined;
        void runQueued().finally(resolve);
      }, due - wall);
    });
    if (due - wall <= KEEP_AWAKE_MAX_MS) keepAliveUntil(fired);
    else releaseTimer?.();
    await browser.alarms.create(SYNC_ALARM, { when: Math.max(due, wall + MIN_ALARM_DELAY_MS) });
  };

  const runOnce = async (): Promise<SyncStatus | undefined> => {
    const prefs = await loadSyncPrefs();
    if (!prefs.enabled || prefs.deviceId === '') return undefined;
    const startedAt = now();
    const report = await (await engineFor(prefs)).run();
    const status = statusFromReport(report);
    await saveSyncStatus(status);
    if (report.ok) {
      // Changes made during the run keep their marker (they may not be in what it shared).
      const pending = parsePending((await browser.storage.local.get(PENDING_KEY))[PENDING_KEY]);
      if (pending !== undefined && pending.last < startedAt) await browser.storage.local.remove(PENDING_KEY);
    } else {
      log('sync did not complete:', report.error);
    }
    await plan();
    return status;
  };

  /** Runs one at a time: a request during a run runs after it. */
  const runQueued = (): Promise<SyncStatus | undefined> => {
    const next = chain.then(runOnce, runOnce);
    chain = next.catch((error: unknown) => log('sync failed:', error));
    // A run woken by an alarm or a storage event must not be suspended half-way (Firefox's event page).
    keepAliveUntil(chain);
    return next;
  };

  const noteLocalChange = () => {
    void (async () => {
      if (!(await loadSyncPrefs()).enabled) return;
      const wall = now();
      const pending = parsePending((await browser.storage.local.get(PENDING_KEY))[PENDING_KEY]);
      await browser.storage.local.set({ [PENDING_KEY]: { since: pending?.since ?? wall, last: wall } });
      await plan();
    })().catch((error: unknown) => log('could not schedule a sync:', error));
  };

  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName === 'sync') {
      const foreign = Object.entries(changes).some(([key, change]) => !area.isEcho(key, change.newValue));
      if (foreign) void plan(now() + REMOTE_DEBOUNCE_MS).catch((error: unknown) => log(error));
    } else if (areaName === 'local' && SETTINGS_KEY in changes) {
      noteLocalChange();
    }
  });

  onSyncChanged(({ prefs }) => {
    if (prefs === undefined) return;
    if (prefs.enabled) {
      void browser.alarms.create(SYNC_POLL_ALARM, { periodInMinutes: POLL_MINUTES });
      void runQueued();
    } else {
      clearTimer();
      void browser.alarms.clear(SYNC_ALARM);
      void browser.alarms.clear(SYNC_POLL_ALARM);
      // Other devices stop waiting for this one before they collect removals.
      if (prefs.deviceId !== '') {
        void browser.storage.sync.remove(deviceKey(prefs.deviceId)).catch((error: unknown) => log(error));
      }
    }
  });

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM || alarm.name === SYNC_POLL_ALARM) void runQueued();
  });

  browser.runtime.onStartup.addListener(() => void runQueued());
  browser.runtime.onInstalled.addListener(() => void runQueued());

  return {
    noteLocalChange,
    runNow: runQueued,
    async disable() {
      const prefs = await loadSyncPrefs();
      if (!prefs.enabled) return;
      await setSyncEnabled(false);
      await saveSyncStatus(undefined);
    },
  };
}
