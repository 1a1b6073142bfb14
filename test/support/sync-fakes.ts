/**
 * A simulated `storage.sync` service for the sync tests: one server and, per device, the local area the
 * extension talks to, with a network between them that the test controls.
 *
 * - The server keeps items with last-writer-wins per key: each committed change gets the next version.
 * - A device's `set`/`remove` change its local area at once (as Chrome's do) and queue an upload; uploads
 *   reach the server in order, when the test lets them and the device is online.
 * - Every committed change is queued for every device; the test delivers them late, in any order and
 *   twice. A device keeps the highest version of each key, and its own uncommitted writes over anything
 *   older, so once everything is delivered every area equals the server.
 * - Chrome's quotas and rate limits are enforced on each device's calls, with Chrome's error messages.
 */
import { itemBytes } from '../../lib/sync/codec';
import { MemoryEngineStore, SyncEngine } from '../../lib/sync/engine';
import { registersOf } from '../../lib/sync/merge';
import { SYNC_QUOTA, type SyncArea, type SyncState } from '../../lib/sync/types';
import { MemoryReplica } from './memory-replica';

/** Chrome's messages for the limits of `storage.sync`. */
export const CHROME_ERRORS = {
  bytes: 'QUOTA_BYTES quota exceeded',
  itemBytes: 'QUOTA_BYTES_PER_ITEM quota exceeded',
  items: 'MAX_ITEMS quota exceeded',
  perMinute: 'This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.',
  perHour: 'This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.',
} as const;

/** One committed change, as delivered to a device. */
interface Delivery {
  key: string;
  /** `undefined`: removed. */
  value: unknown;
  version: number;
  writer: string;
  seq: number;
}

interface Upload {
  seq: number;
  changes: [string, unknown][];
}

interface LocalItem {
  value: unknown;
  version: number;
  /** The sequence number of this device's own write not yet committed. */
  pending?: number;
}

const copy = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

/** The server side: the items everyone converges to. */
export class FakeSyncServer {
  readonly items = new Map<string, { value: unknown; version: number }>();
  private version = 0;
  readonly areas: FakeSyncArea[] = [];

  /** A new device's area, starting with everything the server has (as after a first download). */
  connect(deviceId: string, now: () => number): FakeSyncArea {
    const area = new FakeSyncArea(deviceId, now);
    for (const [key, item] of this.items)
      area.local.set(key, { value: copy(item.value), version: item.version });
    this.areas.push(area);
    return area;
  }

  /** The server's items (removed ones left out). */
  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, item] of this.items) if (item.value !== undefined) out[key] = copy(item.value);
    return out;
  }

  /** Commits `upload` from `writer` and queues it for every device. */
  commit(writer: string, upload: Upload): void {
    for (const [key, value] of upload.changes) {
      const version = ++this.version;
      this.items.set(key, { value: copy(value), version });
      for (const area of this.areas) {
        area.inbox.push({ key, value: copy(value), version, writer, seq: upload.seq });
      }
    }
  }

  /** Commits the oldest upload of `area`, if it is online and has one. */
  pump(area: FakeSyncArea): boolean {
    if (!area.online) return false;
    const upload = area.outbox.shift();
    if (upload === undefined) return false;
    this.commit(area.deviceId, upload);
    return true;
  }

  /** Whether every upload is committed and every change delivered. */
  get quiet(): boolean {
    return this.areas.every((a) => a.outbox.length === 0 && a.inbox.length === 0);
  }

  /** Commits and delivers everything of online devices, in order. */
  flush(): void {
    let moved = true;
    while (moved) {
      moved = false;
      for (const area of this.areas) {
        while (this.pump(area)) moved = true;
        while (area.deliver(0)) moved = true;
      }
    }
  }
}

/** One device's `storage.sync` area. */
export class FakeSyncArea implements SyncArea {
  readonly local = new Map<string, LocalItem>();
  readonly outbox: Upload[] = [];
  readonly inbox: Delivery[] = [];
  /** Offline: nothing is uploaded or delivered (calls still work locally, as in Chrome). */
  online = true;
  /** Wall times of the calls that wrote (for the rate limits). */
  readonly writeTimes: number[] = [];
  /** Every rejection, by message. */
  readonly rejections: string[] = [];
  /** Called before each write call; throw from it to simulate a failure (network, a browser error). */
  failNext: (() => void) | undefined;
  private seq = 0;

  constructor(
    readonly deviceId: string,
    private readonly now: () => number,
  ) {}

  async get(): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [key, item] of this.local) if (item.value !== undefined) out[key] = copy(item.value);
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.checkRate();
    for (const [key, value] of Object.entries(items)) {
      if (itemBytes(key, value) > SYNC_QUOTA.itemBytes) this.reject(CHROME_ERRORS.itemBytes);
    }
    const after = new Map(
      [...this.local].filter(([, item]) => item.value !== undefined).map(([k, i]) => [k, i.value]),
    );
    for (const [key, value] of Object.entries(items)) after.set(key, value);
    let bytes = 0;
    for (const [key, value] of after) bytes += itemBytes(key, value);
    if (bytes > SYNC_QUOTA.bytes) this.reject(CHROME_ERRORS.bytes);
    if (after.size > SYNC_QUOTA.items) this.reject(CHROME_ERRORS.items);
    this.write(Object.entries(items).map(([key, value]) => [key, copy(value)]));
  }

  async remove(keys: string[]): Promise<void> {
    this.checkRate();
    this.write(keys.map((key) => [key, undefined]));
  }

  /** Delivers the change at `index` of the inbox (any order); keeps a copy to deliver again when `twice`. */
  deliver(index: number, twice = false): boolean {
    if (!this.online || this.inbox.length === 0) return false;
    const i = Math.min(index, this.inbox.length - 1);
    const delivery = twice ? this.inbox[i]! : this.inbox.splice(i, 1)[0]!;
    const local = this.local.get(delivery.key);
    if (local?.pending !== undefined) {
      // Our own write not yet confirmed wins over anything already committed; its echo confirms it.
      if (delivery.writer === this.deviceId && delivery.seq === local.pending) {
        this.local.set(delivery.key, { value: copy(delivery.value), version: delivery.version });
      }
    } else if (local === undefined || delivery.version > local.version) {
      this.local.set(delivery.key, { value: copy(delivery.value), version: delivery.version });
    }
    return true;
  }

  private write(changes: [string, unknown][]): void {
    const seq = ++this.seq;
    for (const [key, value] of changes) {
      const version = this.local.get(key)?.version ?? 0;
      this.local.set(key, { value, version, pending: seq });
    }
    this.outbox.push({ seq, changes });
    this.writeTimes.push(this.now());
  }

  private checkRate(): void {
    this.failNext?.();
    const now = this.now();
    const lastHour = this.writeTimes.filter((t) => t > now - 3_600_000);
    if (lastHour.length >= SYNC_QUOTA.writesPerHour) this.reject(CHROME_ERRORS.perHour);
    if (lastHour.filter((t) => t > now - 60_000).length >= SYNC_QUOTA.writesPerMinute) {
      this.reject(CHROME_ERRORS.perMinute);
    }
  }

  private reject(message: string): never {
    this.rejections.push(message);
    throw new Error(message);
  }
}

/** A device of the simulation: a memory replica, its engine and its area, on a clock with a skew. */
export interface SimDevice {
  id: string;
  replica: MemoryReplica;
  area: FakeSyncArea;
  store: MemoryEngineStore;
  engine: SyncEngine;
  /** Whether the device runs at all (a closed laptop does not). */
  awake: boolean;
}

/** Several devices on one fake service, sharing a simulated wall clock. */
export class Simulation {
  readonly server = new FakeSyncServer();
  readonly devices: SimDevice[] = [];
  /** The true time, in milliseconds. */
  time: number;

  constructor(start = Date.UTC(2026, 0, 5, 9)) {
    this.time = start;
  }

  /** Adds a device whose clock is `skewMs` off the true time. */
  addDevice(id: string, skewMs = 0): SimDevice {
    const now = () => this.time + skewMs;
    const replica = new MemoryReplica({ now });
    const area = this.server.connect(id, now);
    const store = new MemoryEngineStore();
    const engine = new SyncEngine({ deviceId: id, replica, area, store, now });
    const device = { id, replica, area, store, engine, awake: true };
    this.devices.push(device);
    return device;
  }

  advance(ms: number): void {
    this.time += ms;
  }

  /**
   * Brings every device online and awake, delivers everything and runs every engine, round after round,
   * until a round writes nothing (at most `maxRounds`). Returns the number of rounds.
   */
  async settle(maxRounds = 20): Promise<number> {
    for (const device of this.devices) {
      device.awake = true;
      device.area.online = true;
    }
    for (let round = 1; round <= maxRounds; round++) {
      this.server.flush();
      let wrote = false;
      for (const device of this.devices) {
        this.advance(11_000);
        const report = await device.engine.run();
        if (!report.ok) throw new Error(`${device.id}: ${report.error}`);
        if (report.wrote + report.removed > 0) wrote = true;
        this.server.flush();
      }
      if (!wrote) return round;
    }
    throw new Error(`no quiescence after ${maxRounds} rounds`);
  }
}

/** `state` as canonical JSON: papers sorted by id, fields and tags sorted; equal states give equal text. */
export function canonical(state: SyncState): string {
  const papers = [...state.papers.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, paper]) => [
      id,
      paper.saved ?? null,
      paper.read ?? null,
      paper.note ?? null,
      paper.watched ?? null,
      Object.entries(paper.tags ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ]);
  const settings = Object.entries(state.settings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify({ papers, settings });
}

/**
 * What the user sees of `state`: per field its live value (tombstones and absence look the same), so a
 * state before and after collecting its tombstones reads the same.
 */
export function visible(state: SyncState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of registersOf(state)) {
    const { value } = entry.register;
    if (value === false || value === '' || value === null) continue;
    out[`${entry.kind}:${entry.id}${entry.tag === undefined ? '' : `:${entry.tag}`}`] = value;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}
