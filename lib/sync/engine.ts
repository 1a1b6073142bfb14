/**
 * The sync engine: one {@link SyncEngine.run} takes in what the other devices shared and shares this
 * device's state, within `storage.sync`'s quotas and rate limits.
 *
 * Layout of the area: one shared state (the codec's items, `lib/sync/codec.ts`), written by whichever
 * device syncs, plus one small item per device, `d:<deviceId>` (its last complete sync, `lib/sync/gc.ts`).
 * A run:
 *
 * 1. reads every item and decodes the shared state (the join of all shared items);
 * 2. advances the local clock past what it saw and writes the remote winners into the local replica
 *    (local changes that are newer stay);
 * 3. takes this run's stamp, computes the collected watermark, and drops the local values that lost to a
 *    removal collected while this device was away;
 * 4. encodes the local state, which now dominates the shared one, and writes only the items whose value
 *    differs (one `set` call) and removes stale ones (one `remove` call), together with its device item;
 * 5. marks the tombstones it wrote as published and forgets the collected ones.
 *
 * Any rejection (quota, rate, network) leaves the local state as merged in step 2 and never loses a local
 * change: the run reports the error and when to try again. Every write call is logged in a small memo
 * ({@link EngineStore}) so the engine stays under {@link WRITE_BUDGET} even across service worker restarts.
 */
import { decodeItems, encodeState, isSharedKey, itemBytes, type Omitted } from './codec';
import {
  collectionWatermark,
  type DeviceRecord,
  deviceKey,
  latestSyncThrough,
  missedCollection,
  type OmittedStamps,
  readDevices,
  recordSync,
  supersededRegisters,
  tombstoneFor,
} from './gc';
import { isPlausible, isStamp, tick } from './hlc';
import { emptyState, isRemoval, registersOf, setRegister } from './merge';
import { type Hlc, type LocalReplica, SYNC_QUOTA, type SyncArea } from './types';

/** The local replica as the engine needs it (kept as a name for readability). */
export type EngineReplica = LocalReplica;

/** Writes per minute and per hour the engine allows itself: a margin under Chrome's 120 and 1,800. */
export const WRITE_BUDGET = { perMinute: 100, perHour: 1_500 } as const;
/** A run waits this long after the last local change (5 s)… */
export const DEBOUNCE_MS = 5_000;
/** …but no longer than this after the first unsynced one (10 s), so steady typing syncs every 10 s. */
export const MAX_WAIT_MS = 10_000;
/** Runs start at least this far apart (10 s). */
export const MIN_RUN_GAP_MS = 10_000;
/** After a failed run: 1 minute, doubling per failure in a row, up to an hour. */
export const BACKOFF = { firstMs: 60_000, maxMs: 3_600_000 } as const;
/** A device item is rewritten when nothing else is written once it is this old (1 hour), to keep GC going. */
export const DEVICE_REFRESH_S = 3_600;
/** Write calls one run makes at most (one `set`, one `remove`). */
const CALLS_PER_RUN = 2;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** The engine's memory between runs (a few kilobytes of JSON). */
export interface EngineMemo {
  /** Wall times (ms) of this device's write calls to `storage.sync` within the last hour, oldest first. */
  writes: number[];
  /** Stamps of this device's complete syncs, thinned (`recordSync` in `lib/sync/gc.ts`). */
  syncs: Hlc[];
  /** The collected watermark as of the last complete sync (it only grows). */
  collected: Hlc;
  /** Per kind, the newest stamp any of this device's runs left out of the shared state. */
  omitted: OmittedStamps;
  /** Failed runs in a row. */
  failures: number;
  /** When to try again after a failure (wall ms). */
  retryAt?: number;
  /** When the last run started (wall ms). */
  lastRunAt?: number;
}

/** Where the engine keeps its {@link EngineMemo}: in memory in tests, `storage.local` in the extension. */
export interface EngineStore {
  /** The memo last saved, or anything else (`undefined` at first): it is validated. */
  load(): Promise<unknown>;
  save(memo: EngineMemo): Promise<void>;
}

/** An {@link EngineStore} in memory. */
export class MemoryEngineStore implements EngineStore {
  memo: unknown;
  async load(): Promise<unknown> {
    return structuredClone(this.memo);
  }
  async save(memo: EngineMemo): Promise<void> {
    this.memo = structuredClone(memo);
  }
}

/** `stored` as a memo, with defaults for whatever is missing or malformed. */
export function parseMemo(stored: unknown): EngineMemo {
  const raw = (stored !== null && typeof stored === 'object' ? stored : {}) as Partial<
    Record<keyof EngineMemo, unknown>
  >;
  const numbers = (v: unknown) => (Array.isArray(v) ? v.filter((n): n is number => Number.isFinite(n)) : []);
  const omitted: OmittedStamps = {};
  if (raw.omitted !== null && typeof raw.omitted === 'object') {
    for (const kind of ['read', 'saved', 'watched', 'tags', 'note'] as const) {
      const stamp = (raw.omitted as Record<string, unknown>)[kind];
      if (isStamp(stamp)) omitted[kind] = stamp;
    }
  }
  const memo: EngineMemo = {
    writes: numbers(raw.writes).sort((a, b) => a - b),
    syncs: numbers(raw.syncs)
      .filter(isStamp)
      .sort((a, b) => a - b),
    collected: isStamp(raw.collected) ? raw.collected : 0,
    omitted,
    failures: isStamp(raw.failures) ? raw.failures : 0,
  };
  if (Number.isFinite(raw.retryAt)) memo.retryAt = raw.retryAt as number;
  if (Number.isFinite(raw.lastRunAt)) memo.lastRunAt = raw.lastRunAt as number;
  return memo;
}

/**
 * The earliest time at or after `nowMs` when `calls` more write calls stay within {@link WRITE_BUDGET},
 * given the logged `writes`.
 */
export function budgetFreeAt(
  writes: readonly number[],
  nowMs: number,
  calls: number = CALLS_PER_RUN,
): number {
  let at = nowMs;
  // The window [t − span, t] may hold at most limit − calls writes: wait until enough old ones leave it.
  for (const [spanMs, limit] of [
    [MINUTE_MS, WRITE_BUDGET.perMinute],
    [HOUR_MS, WRITE_BUDGET.perHour],
  ] as const) {
    const recent = writes.filter((t) => t > nowMs - spanMs);
    const excess = recent.length - (limit - calls);
    if (excess > 0) at = Math.max(at, recent[excess - 1]! + spanMs);
  }
  return at;
}

/** Local changes not yet synced: when the first and the last were made (wall ms). */
export interface PendingChanges {
  since: number;
  last: number;
}

/**
 * When the next run should start (wall ms, never before `nowMs`), or `undefined` when nothing calls for
 * one. Local changes are debounced ({@link DEBOUNCE_MS} after the last, at most {@link MAX_WAIT_MS} after
 * the first), runs are {@link MIN_RUN_GAP_MS} apart, a failed run is retried at its `retryAt`, and no
 * run starts before the write budget has room for it. Pure: the background turns the answer into a
 * timer or an alarm.
 */
export function nextRunAt(memo: EngineMemo, nowMs: number, pending?: PendingChanges): number | undefined {
  let due: number;
  if (memo.retryAt !== undefined) due = memo.retryAt;
  else if (pending !== undefined) due = Math.min(pending.last + DEBOUNCE_MS, pending.since + MAX_WAIT_MS);
  else return undefined;
  if (memo.lastRunAt !== undefined) due = Math.max(due, memo.lastRunAt + MIN_RUN_GAP_MS);
  return Math.max(due, budgetFreeAt(memo.writes, nowMs), nowMs);
}

/** When to retry after `failures` failed runs in a row, the last with `message`. */
export function retryAfter(failures: number, message: string, nowMs: number): number {
  const backoff = Math.min(BACKOFF.firstMs * 2 ** Math.max(0, failures - 1), BACKOFF.maxMs);
  // The hourly limit counts the browser's own window, which may hold writes this memo does not know.
  const wait = message.includes('MAX_WRITE_OPERATIONS_PER_HOUR') ? HOUR_MS : backoff;
  return nowMs + wait;
}

/** What one run did. */
export interface SyncReport {
  /** Whether the run completed: everything read, merged and shared. */
  ok: boolean;
  /** When the run started (wall ms). */
  at: number;
  /** The run's clock stamp (0 when it failed before taking one). */
  stamp: Hlc;
  /** Registers changed in the local replica (remote winners, and values lost to collected removals). */
  applied: number;
  /** Keys written (shared items and the device item). */
  wrote: number;
  /** Keys removed (stale shared items, retired devices). */
  removed: number;
  /** Bytes the whole area uses after the run, as the quota counts them. */
  bytes: number;
  /** Items in the area after the run. */
  items: number;
  /** What did not fit in the shared state. */
  omitted: Omitted;
  /** Registered devices after the run, this one included. */
  devices: number;
  /** The collected watermark used. */
  collected: Hlc;
  /** Why the run did not complete. */
  error?: string;
  /** When to run again after a failure (wall ms). */
  retryAt?: number;
}

/** Options of {@link SyncEngine}. */
export interface SyncEngineOptions {
  /** This device's id: stable, unique (a random UUID kept in `storage.local`). */
  deviceId: string;
  replica: EngineReplica;
  area: SyncArea;
  store: EngineStore;
  /** Wall clock in milliseconds; defaults to `Date.now`. */
  now?: () => number;
}

const NOTHING_OMITTED: Omitted = {
  readMarks: 0,
  saved: 0,
  watched: 0,
  tags: 0,
  notes: 0,
  settings: 0,
  through: {},
};
/** Bytes and items kept free beside everything counted, for this device's own item. */
const DEVICE_ITEM_ALLOWANCE = { bytes: 256, items: 1 };

function areaSize(items: Record<string, unknown>): { bytes: number; items: number } {
  let bytes = 0;
  let count = 0;
  for (const [key, value] of Object.entries(items)) {
    if (value === undefined) continue;
    bytes += itemBytes(key, value);
    count++;
  }
  return { bytes, items: count };
}

function maxOmitted(a: OmittedStamps, b: OmittedStamps): OmittedStamps {
  const out: OmittedStamps = { ...a };
  for (const kind of ['read', 'saved', 'watched', 'tags', 'note'] as const) {
    const stamp = b[kind];
    if (stamp !== undefined && (out[kind] === undefined || stamp > out[kind]!)) out[kind] = stamp;
  }
  return out;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Syncs one device's replica through `storage.sync` (see the module comment for a run's steps). */
export class SyncEngine {
  private readonly now: () => number;
  private running: Promise<SyncReport> | undefined;

  constructor(private readonly options: SyncEngineOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Runs once; while a run is in flight, resolves with that run's report. */
  run(): Promise<SyncReport> {
    this.running ??= this.runOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runOnce(): Promise<SyncReport> {
    const { replica, area, store, deviceId } = this.options;
    const wall = this.now();
    const memo = parseMemo(await store.load());
    memo.writes = memo.writes.filter((t) => t > wall - HOUR_MS);
    memo.lastRunAt = wall;
    const report: SyncReport = {
      ok: false,
      at: wall,
      stamp: 0,
      applied: 0,
      wrote: 0,
      removed: 0,
      bytes: 0,
      items: 0,
      omitted: NOTHING_OMITTED,
      devices: 0,
      collected: memo.collected,
    };
    const fail = async (error: unknown): Promise<SyncReport> => {
      memo.failures++;
      report.error = messageOf(error);
      report.retryAt = memo.retryAt = retryAfter(memo.failures, report.error, this.now());
      await store.save(memo);
      return report;
    };

    try {
      // 1–2. Take in the shared state.
      const items = await area.get();
      const decoded = decodeItems(items);
      const devices = readDevices(items);
      let newest = 0;
      for (const { register } of registersOf(decoded.state)) {
        if (register.at > newest && isPlausible(register.at, wall)) newest = register.at;
      }
      for (const device of devices.values()) {
        if (device.sync > newest && isPlausible(device.sync, wall)) newest = device.sync;
      }
      if (newest > 0) await replica.observe(newest);
      report.applied = await replica.apply(decoded.state);

      // 3. This run's stamp: every change in the state loaded below is stamped at or before it, or after
      // it was taken (and then it is in the state too); every change made later is stamped after it.
      const stamp = tick(await replica.readClock(), wall);
      await replica.observe(stamp);
      report.stamp = stamp;
      const known = Math.max(decoded.collected, memo.collected);
      const { collected: horizon, retired } = collectionWatermark(known, devices, deviceId, stamp);
      const state = await replica.load();
      // The watermark shared is the newest publication actually collected, not the horizon itself: it
      // changes only when a tombstone goes, so a quiet run rewrites nothing.
      let collected = Math.min(known, horizon);
      for (const entry of registersOf(state)) {
        const published = entry.register.published ?? entry.register.at;
        if (isRemoval(entry) && published <= horizon && published > collected) collected = published;
      }
      report.collected = collected;
      const lost = missedCollection(memo.syncs.at(-1), known)
        ? supersededRegisters(
            state,
            decoded.state,
            latestSyncThrough(memo.syncs, horizon),
            maxOmitted(decoded.omittedThrough, memo.omitted),
          )
        : [];
      if (lost.length > 0) {
        // A tombstone at the horizon beats the lost value (older than it), is collected at once, and
        // loses to any change made on this device since the run began.
        report.collected = collected = horizon;
        const drops = emptyState();
        for (const entry of lost) {
          const tombstone = tombstoneFor(entry, horizon);
          setRegister(drops, tombstone, tombstone.register);
          setRegister(state, tombstone, tombstone.register);
        }
        report.applied += await replica.apply(drops);
      }

      // 4. Share the local state, which now dominates the shared one.
      for (const entry of registersOf(state)) {
        const { register } = entry;
        if (isRemoval(entry) && register.published === undefined && register.at <= stamp) {
          register.published = stamp;
        }
      }
      const others = areaSize(
        Object.fromEntries(
          Object.entries(items).filter(([key]) => !isSharedKey(key) && key !== deviceKey(deviceId)),
        ),
      );
      const encoded = encodeState(state, {
        collected,
        budgetBytes: Math.min(
          SYNC_QUOTA.bytes - others.bytes - DEVICE_ITEM_ALLOWANCE.bytes,
          SYNC_QUOTA.bytes - 4_096,
        ),
        maxItems: Math.min(
          SYNC_QUOTA.items - others.items - DEVICE_ITEM_ALLOWANCE.items,
          SYNC_QUOTA.items - 32,
        ),
      });
      report.omitted = encoded.omitted;
      if (decoded.futureFormat) {
        throw new Error('A newer version of the extension syncs here; update this one to sync again.');
      }

      const toSet: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(encoded.items)) if (items[key] !== value) toSet[key] = value;
      const toRemove = Object.keys(items).filter(
        (key) => isSharedKey(key) && !Object.hasOwn(encoded.items, key),
      );
      for (const id of retired) toRemove.push(deviceKey(id));
      const own = devices.get(deviceId);
      if (Object.keys(toSet).length > 0 || own === undefined || own.sync < stamp - DEVICE_REFRESH_S) {
        toSet[deviceKey(deviceId)] = { sync: stamp, wall } satisfies DeviceRecord;
      }
      const calls = (Object.keys(toSet).length > 0 ? 1 : 0) + (toRemove.length > 0 ? 1 : 0);
      const freeAt = budgetFreeAt(memo.writes, wall, calls);
      if (freeAt > wall) {
        report.error = `The write budget is used up until ${new Date(freeAt).toISOString()}; nothing was lost.`;
        report.retryAt = memo.retryAt = freeAt;
        await store.save(memo);
        return report;
      }

      // Writing first keeps readers on the union of old and new items (a join loses nothing), unless the
      // union would not fit: then the stale items go first.
      const after: Record<string, unknown> = { ...items, ...toSet };
      const union = areaSize(after);
      const removeFirst = union.bytes > SYNC_QUOTA.bytes || union.items > SYNC_QUOTA.items;
      const write = async () => {
        if (Object.keys(toSet).length === 0) return;
        memo.writes.push(this.now());
        await area.set(toSet);
        // Written: the tombstones in it are published (later ones wait for the next run).
        await replica.markPublished(stamp);
      };
      const remove = async () => {
        if (toRemove.length === 0) return;
        memo.writes.push(this.now());
        await area.remove(toRemove);
      };
      if (removeFirst) {
        await remove();
        await write();
      } else {
        await write();
        await remove();
      }
      report.wrote = Object.keys(toSet).length;
      report.removed = toRemove.length;
      for (const key of toRemove) delete after[key];
      const size = areaSize(after);
      report.bytes = size.bytes;
      report.items = size.items;
      report.devices = readDevices(after).size;

      // 5. Complete: remember it, forget what every device has seen.
      await replica.collect(collected);
      memo.syncs = recordSync(memo.syncs, stamp, collected);
      memo.collected = collected;
      memo.omitted = maxOmitted(memo.omitted, encoded.omitted.through);
      memo.failures = 0;
      delete memo.retryAt;
      await store.save(memo);
      report.ok = true;
      return report;
    } catch (error) {
      return fail(error);
    }
  }
}
