/**
 * The watch worker (issue 16): checks the watched papers that are due, within the request budget it
 * shares with the enrichment worker, then sets a `browser.alarms` alarm for the next due check. It runs
 * when its alarm fires, when the reader asks to check now, and opportunistically when a message arrives.
 * While the browser says it is offline it makes no request and looks again later.
 */
import { browser } from 'wxt/browser';
import {
  checkAllNow,
  claimNextCheck,
  claimVersionBatch,
  holdVersionsUntil,
  nextCheckDue,
  reconcileWatch,
  recordCheck,
  recordVersions,
} from '../db/watch';
import { createRunner, type Runner } from '../enrich/runner';
import { isArxivId } from '../model/arxiv';
import type { PaperState } from '../model/paper';
import type { PaperUpdate } from '../model/watch';
import { loadSettings } from '../settings';
import { FETCH_TIMEOUT_MS, type FetchLike, fetchPaperInfo } from '../site/hf-api';
import { ARXIV_BATCH, ARXIV_ORIGIN, ARXIV_SPACING_MS, fetchArxivVersions } from './arxiv';

/** The alarm that wakes the worker for the next due check. */
export const WATCH_ALARM = 'watch-papers';

/** At most this many checks per run (the request budget stops it earlier anyway). */
export const MAX_CHECKS_PER_RUN = 20;

/** Offline, the worker looks again this much later (15 minutes). */
export const OFFLINE_RETRY_MS = 15 * 60_000;

/** Opportunistic runs (on incoming messages) happen at most this often. */
export const WATCH_POKE_INTERVAL_MS = 60_000;

/** What the worker needs from the outside; everything has a default. */
export interface WatchDeps {
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Defaults to `Date.now`. */
  now?: () => number;
  /** Defaults to {@link FETCH_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Whether the browser is online; defaults to `navigator.onLine`. */
  online?: () => boolean;
  /** Whether the reader granted the arXiv permission; defaults to asking `browser.permissions`. */
  arxivAllowed?: () => Promise<boolean>;
  /** Told about papers whose rows changed (the background publishes them on the change feed). */
  onChanged?: (states: PaperState[]) => unknown;
  /** Told about the updates a run found (the background publishes them, badge and notifications). */
  onUpdates?: (updates: PaperUpdate[]) => unknown;
}

/** What one run did. */
export interface WatchReport {
  /** Requests made to huggingface.co. */
  requests: number;
  /** Requests made to arXiv (at most one a run). */
  arxivRequests: number;
  /** Updates found. */
  updates: number;
  /** Set when the request budget stopped the run: when the next slot frees. */
  throttledUntil?: number;
  /** When the alarm was set for, if it was. */
  alarmAt?: number;
  /** True when the reader turned watching off. */
  disabled?: boolean;
  /** True when the browser was offline (nothing was asked). */
  offline?: boolean;
}

/** A worker instance: {@link WatchWorker.run} never overlaps itself. */
export interface WatchWorker extends Runner<WatchReport> {
  /** The reader asked: every watched paper is due now; starts a run. Returns how many are watched. */
  checkNow(): Promise<number>;
}

type FullDeps = Required<Pick<WatchDeps, 'fetch' | 'now' | 'timeoutMs' | 'online' | 'arxivAllowed'>> &
  WatchDeps;

/** One batch of arXiv versions, when the reader allowed arXiv and a batch is due; its updates. */
async function checkVersions(deps: FullDeps, report: WatchReport): Promise<PaperUpdate[]> {
  if (!(await deps.arxivAllowed())) return [];
  const claim = await claimVersionBatch(deps.now(), ARXIV_BATCH, ARXIV_SPACING_MS, isArxivId);
  if (claim.kind !== 'claimed') return [];
  report.arxivRequests += 1;
  const outcome = await fetchArxivVersions(claim.ids, {
    fetch: deps.fetch,
    timeoutMs: deps.timeoutMs,
    now: deps.now(),
  });
  if (outcome.kind === 'found') return recordVersions(claim.ids, outcome.versions, deps.now());
  // The batch's lease runs out and it is asked again, no sooner than arXiv said.
  if (outcome.retryAfterMs !== undefined)
    await holdVersionsUntil(deps.now() + outcome.retryAfterMs, ARXIV_SPACING_MS);
  return [];
}

async function runOnce(deps: FullDeps): Promise<WatchReport> {
  const report: WatchReport = { requests: 0, arxivRequests: 0, updates: 0 };
  const settings = await loadSettings();
  if (!settings.watchSaved) {
    await browser.alarms.clear(WATCH_ALARM);
    report.disabled = true;
    return report;
  }
  if (!deps.online()) {
    report.offline = true;
    report.alarmAt = deps.now() + OFFLINE_RETRY_MS;
    await browser.alarms.create(WATCH_ALARM, { when: report.alarmAt });
    return report;
  }
  await reconcileWatch(deps.now());
  const changed: PaperState[] = [];
  const found: PaperUpdate[] = [];
  for (let i = 0; i < MAX_CHECKS_PER_RUN; i++) {
    const claim = await claimNextCheck(deps.now());
    if (claim.kind === 'idle') break;
    if (claim.kind === 'throttled') {
      report.throttledUntil = claim.retryAt;
      break;
    }
    if (claim.kind === 'skipped') continue;
    report.requests += 1;
    const outcome = await fetchPaperInfo(claim.id, {
      fetch: deps.fetch,
      timeoutMs: deps.timeoutMs,
      now: deps.now(),
    });
    const result = await recordCheck(claim.id, outcome, deps.now(), settings.starThreshold);
    if (result.state) changed.push(result.state);
    found.push(...result.updates);
  }
  if (settings.watchVersions) found.push(...(await checkVersions(deps, report)));
  report.updates = found.length;
  if (changed.length > 0) await deps.onChanged?.(changed);
  if (found.length > 0) await deps.onUpdates?.(found);

  const due = await nextCheckDue();
  if (due === undefined) {
    await browser.alarms.clear(WATCH_ALARM);
  } else {
    report.alarmAt = Math.max(due, report.throttledUntil ?? 0, deps.now() + 1_000);
    await browser.alarms.create(WATCH_ALARM, { when: report.alarmAt });
  }
  return report;
}

/** Creates the worker. One per background lifetime; it keeps nothing that is not also in the store. */
export function createWatchWorker(deps: WatchDeps = {}): WatchWorker {
  const full: FullDeps = {
    ...deps,
    fetch: deps.fetch ?? ((url: string, init: RequestInit) => globalThis.fetch(url, init)),
    now: deps.now ?? Date.now,
    timeoutMs: deps.timeoutMs ?? FETCH_TIMEOUT_MS,
    online: deps.online ?? (() => globalThis.navigator?.onLine !== false),
    arxivAllowed:
      deps.arxivAllowed ??
      (() => browser.permissions.contains({ origins: [ARXIV_ORIGIN] }).catch(() => false)),
  };
  const runner = createRunner(() => runOnce(full), {
    label: 'watching',
    pokeIntervalMs: WATCH_POKE_INTERVAL_MS,
    now: full.now,
  });
  return {
    ...runner,
    async checkNow() {
      const watched = await checkAllNow(full.now());
      runner.kick();
      return watched;
    },
  };
}
