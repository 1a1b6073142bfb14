/**
 * Forgetting removals: when a tombstone (unsave, unread, untag, a cleared note) may leave the shared state,
 * and what a device that missed the removal must conclude.
 *
 * Every device keeps a small item `d:<deviceId>` with the stamp of its last complete sync. A tombstone is
 * collected once every registered device has completed a sync at least {@link GRACE_S} (by stamps) after
 * the tombstone was *published* (first written to `storage.sync`): by then every device has read it and
 * taken it in, so no device still holds the value it removed. The collected watermark is the newest
 * publication stamp for which that holds: `min(every device's last sync) − GRACE_S`. It only grows: it is
 * kept in the shared manifest and each device takes the greater of that and its own computation.
 *
 * Why publication stamps and not the stamps of the changes: a device offline for three weeks unsaves a
 * paper on the train; the change is stamped three weeks ago but reaches the others only when it comes
 * back. Judged by its change stamp it would be collected at once, before anyone saw it, and the others
 * would keep the paper saved. Judged by its publication it waits a day after it actually appeared.
 *
 * The grace covers the time `storage.sync` takes to carry a write to the other devices. The safety of
 * collection rests on it: a write that reaches a device more than a day after it was made (a device
 * whose writes sat unsent for days, then arrive together with a fresh `d:` item) can let a removal be
 * collected before that device saw it.
 *
 * Devices not heard from for {@link RETIRE_AFTER_S} (60 days) are retired: their `d:` item is removed so a
 * forgotten laptop does not keep every removal forever. When such a device comes back, the removals made
 * meanwhile may be gone; {@link supersededRegisters} tells it which of its values lost to one.
 */
import type { OmittedThrough } from './layout';
import { isTombstone, type RegisterEntry, registersOf } from './merge';
import type { Hlc, SyncState } from './types';

/** The key prefix of the per-device items. */
export const DEVICE_KEY_PREFIX = 'd:';
/** How long after a tombstone's publication every device must have synced before it is collected (1 day). */
export const GRACE_S = 86_400;
/** A device whose last sync is older than this (60 days) is retired. */
export const RETIRE_AFTER_S = 60 * 86_400;

/** What a device's `d:<deviceId>` item holds. */
export interface DeviceRecord {
  /** The stamp of the device's last complete sync. */
  sync: Hlc;
  /** Its wall clock then, in milliseconds (for people: "last synced 3 days ago"). */
  wall: number;
}

/** The `storage.sync` key of device `deviceId`'s item. */
export function deviceKey(deviceId: string): string {
  return DEVICE_KEY_PREFIX + deviceId;
}

/** The device items among `items`, by device id; malformed ones are skipped. */
export function readDevices(items: Record<string, unknown>): Map<string, DeviceRecord> {
  const devices = new Map<string, DeviceRecord>();
  for (const [key, value] of Object.entries(items)) {
    if (!key.startsWith(DEVICE_KEY_PREFIX) || value === null || typeof value !== 'object') continue;
    const { sync, wall } = value as Partial<DeviceRecord>;
    if (!Number.isSafeInteger(sync) || typeof wall !== 'number' || !Number.isFinite(wall)) continue;
    devices.set(key.slice(DEVICE_KEY_PREFIX.length), { sync: sync!, wall });
  }
  return devices;
}

/** The outcome of {@link collectionWatermark}. */
export interface Watermark {
  /** Tombstones published at or before this are collected. */
  collected: Hlc;
  /** Devices to retire (not this one). */
  retired: string[];
}

/**
 * The collected watermark as device `self` sees it during a sync stamped `stamp`: the greater of the shared
 * watermark `remote` and `min(last sync of every registered device, this one at stamp) − GRACE_S`, but never
 * past `stamp − GRACE_S` (a watermark from a device whose clock runs days ahead must not collect what this
 * device published an hour ago). Devices silent for {@link RETIRE_AFTER_S} do not count and are retired.
 */
export function collectionWatermark(
  remote: Hlc,
  devices: ReadonlyMap<string, DeviceRecord>,
  self: string,
  stamp: Hlc,
): Watermark {
  const retired: string[] = [];
  let oldest = stamp;
  for (const [id, device] of devices) {
    if (id === self) continue;
    if (device.sync < stamp - RETIRE_AFTER_S) retired.push(id);
    else oldest = Math.min(oldest, device.sync);
  }
  const collected = Math.max(0, Math.min(Math.max(remote, oldest - GRACE_S), stamp - GRACE_S));
  return { collected, retired };
}

/** Per kind, the newest stamp the shared state may be missing: what the codec's manifest records. */
export type OmittedStamps = OmittedThrough;

const OMITTED_KIND = { saved: 'saved', read: 'read', watched: 'watched', note: 'note', tag: 'tags' } as const;

/**
 * The live values of `local` that lost to a removal this device never saw, because the removal was
 * collected while the device was away (ask only when {@link missedCollection} says so). Absence from the
 * shared state is normally no removal (another device may simply not have it yet); it is one only for a
 * register that
 *
 * - is older than `publishedThrough`, the latest complete sync of this device at or before the collected
 *   watermark: that sync wrote it (or read it) into the shared state, and every device has synced at least
 *   a day after that, so every device took it in;
 * - is absent from the shared state `remote`, which the codec did not cut short for its kind (`omitted`).
 *
 * Every device had it, and the device that wrote the shared state last had neither it nor anything newer
 * in its place: it lost to a removal that was then collected. Settings are never removed, so never lost.
 * Tombstones are left alone (collection forgets them).
 */
export function supersededRegisters(
  local: SyncState,
  remote: SyncState,
  publishedThrough: Hlc | undefined,
  omitted: OmittedStamps,
): RegisterEntry[] {
  if (publishedThrough === undefined) return [];
  const lost: RegisterEntry[] = [];
  for (const entry of registersOf(local)) {
    // Watch registers too: what another device left out of them is not in the shared manifest, so their
    // absence proves nothing. A watch removed and collected meanwhile comes back: a paper watched again.
    if (entry.kind === 'setting' || entry.kind === 'watched') continue;
    const { register } = entry;
    if (isTombstone(register) || register.at >= publishedThrough) continue;
    const through = omitted[OMITTED_KIND[entry.kind]];
    if (through !== undefined && register.at <= through) continue;
    const paper = remote.papers.get(entry.id);
    if (paper === undefined) {
      lost.push(entry);
      continue;
    }
    const present =
      entry.kind === 'tag'
        ? paper.tags !== undefined && Object.hasOwn(paper.tags, entry.tag!)
        : paper[entry.kind];
    if (!present) lost.push(entry);
  }
  return lost;
}

/**
 * Whether removals this device may never have seen were collected: the shared watermark passed what this
 * device's previous complete sync (`previousSync`) guarantees it saw (everything published a grace before
 * it). That happens only to a device that was retired (or never counted) while others collected; a device
 * counted all along holds collection back until it has synced a day after each publication. Only such a
 * device may take absence from the shared state for a removal ({@link supersededRegisters}): for anyone
 * else an absent value is one the others have not received yet, or that a concurrent write overwrote.
 */
export function missedCollection(previousSync: Hlc | undefined, collected: Hlc): boolean {
  return previousSync !== undefined && collected > previousSync - GRACE_S;
}

/** The tombstone that removes the value at `entry`'s place, stamped and published at `stamp`. */
export function tombstoneFor(entry: RegisterEntry, stamp: Hlc): RegisterEntry {
  const value = entry.kind === 'note' ? '' : entry.kind === 'tag' ? null : false;
  return { ...entry, register: { value, at: stamp, published: stamp } };
}

/** Kept sync stamps are at least this far apart while younger than a day, and a day apart after that. */
const HISTORY_SPACING_S = 600;
/** At most this many past syncs are remembered. */
const HISTORY_LIMIT = 256;

/**
 * Adds the complete sync `stamp` to `history` (ascending stamps) and thins it: 10 minutes apart within the
 * last day, a day apart before, nothing older than the latest sync at or before `collected` (the watermark
 * only grows, so older ones will never be asked for). Thinning only makes {@link latestSyncThrough} answer
 * an earlier sync, which makes {@link supersededRegisters} more cautious, never less.
 */
export function recordSync(history: readonly Hlc[], stamp: Hlc, collected: Hlc): Hlc[] {
  const all = [...history.filter((s) => s < stamp), stamp];
  const kept: Hlc[] = [stamp];
  for (let i = all.length - 2; i >= 0; i--) {
    const s = all[i]!;
    if (s <= collected) {
      kept.push(s);
      break;
    }
    const spacing = stamp - s < GRACE_S ? HISTORY_SPACING_S : GRACE_S;
    if (kept[kept.length - 1]! - s >= spacing) kept.push(s);
  }
  return kept.reverse().slice(-HISTORY_LIMIT);
}

/** The latest sync in `history` at or before `collected`, if any. */
export function latestSyncThrough(history: readonly Hlc[], collected: Hlc): Hlc | undefined {
  let found: Hlc | undefined;
  for (const s of history) if (s <= collected) found = s;
  return found;
}
