/**
 * The enrichment worker: drains the queue within the request budget, then sets a `browser.alarms`
 * alarm for the next due entry. It runs when an alarm fires, after a save, and opportunistically when
 * a message arrives, so retries happen even though MV3 workers stop at any time.
 */
import { browser } from 'wxt/browser';
import { claimNext, nextDueAt, recordOutcome } from '../db/enrichment';
import type { PaperState } from '../model/paper';
import { loadSettings } from '../settings';
import { FETCH_TIMEOUT_MS, type FetchLike, fetchPaperInfo } from '../site/hf-api';
import { createRunner, type Runner } from './runner';

/** The alarm that wakes the worker for due retries. */
export const ENRICH_ALARM = 'enrich-code-links';

/** At most this many queue entries are handled per run (the rate limit stops it earlier anyway). */
export const MAX_PER_RUN = 20;

/** Opportunistic runs (on incoming messages) happen at most this often. */
export const POKE_INTERVAL_MS = 30_000;

/** What the worker needs from the outside; everything has a default. */
export interface WorkerDeps {
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Defaults to `Date.now`. */
  now?: () => number;
  /** Defaults to {@link FETCH_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** Told about papers that changed (the background publishes them on the change feed). */
  onChanged?: (states: PaperState[]) => unknown;
}

/** What one run did. */
export interface RunReport {
  /** Requests made. */
  requests: number;
  /** Entries settled without a request (unsaved, or links found elsewhere meanwhile). */
  skipped: number;
  /** Set when the request budget stopped the run: when the next slot frees. */
  throttledUntil?: number;
  /** When the alarm was set for, if it was. */
  alarmAt?: number;
  /** True when the user turned code-link fetching off. */
  disabled?: boolean;
}

/** A worker instance: {@link EnrichmentWorker.run} never overlaps itself. */
export type EnrichmentWorker = Runner<RunReport>;

async function runOnce(deps: Required<Omit<WorkerDeps, 'onChanged'>> & WorkerDeps): Promise<RunReport> {
  const report: RunReport = { requests: 0, skipped: 0 };
  const settings = await loadSettings();
  if (!settings.fetchCodeLinks) {
    await browser.alarms.clear(ENRICH_ALARM);
    report.disabled = true;
    return report;
  }
  const changed: PaperState[] = [];
  // A cheap read first: most runs (pokes on incoming messages) find nothing due and open no
  // read-write transaction.
  const firstDue = await nextDueAt();
  const anythingDue = firstDue !== undefined && firstDue <= deps.now();
  for (let i = 0; anythingDue && i < MAX_PER_RUN; i++) {
    const claim = await claimNext(deps.now());
    if (claim.kind === 'idle') break;
    if (claim.kind === 'throttled') {
      report.throttledUntil = claim.retryAt;
      break;
    }
    if (claim.kind === 'skipped') {
      report.skipped += 1;
      continue;
    }
    report.requests += 1;
    const outcome = await fetchPaperInfo(claim.id, {
      fetch: deps.fetch,
      timeoutMs: deps.timeoutMs,
      now: deps.now(),
    });
    const state = await recordOutcome(claim.id, outcome, deps.now());
    if (state) changed.push(state);
  }
  if (changed.length > 0) await deps.onChanged?.(changed);

  const due = await nextDueAt();
  if (due === undefined) {
    await browser.alarms.clear(ENRICH_ALARM);
  } else {
    report.alarmAt = Math.max(due, report.throttledUntil ?? 0, deps.now() + 1_000);
    await browser.alarms.create(ENRICH_ALARM, { when: report.alarmAt });
  }
  return report;
}

/** Creates the worker. One per background worker lifetime. */
export function createEnrichmentWorker(deps: WorkerDeps = {}): EnrichmentWorker {
  const full = {
    ...deps,
    fetch: deps.fetch ?? ((url: string, init: RequestInit) => globalThis.fetch(url, init)),
    now: deps.now ?? Date.now,
    timeoutMs: deps.timeoutMs ?? FETCH_TIMEOUT_MS,
  };
  return createRunner(() => runOnce(full), {
    label: 'enrichment',
    pokeIntervalMs: POKE_INTERVAL_MS,
    now: full.now,
  });
}
