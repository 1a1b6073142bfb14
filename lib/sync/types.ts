/**
 * The shapes shared by the sync engine, its encoding and the local store.
 *
 * Sync is state-based: every device keeps, next to each user-owned field, the hybrid-logical-clock stamp
 * of the change that set it. Two states merge field by field (the later stamp wins; equal stamps are
 * broken by the value, so every device picks the same winner), which makes merging commutative,
 * associative and idempotent: devices converge whatever the order, delays or duplicates of the changes.
 * Removals (unsave, unread, unwatch, untag, clearing a note) are ordinary stamped values (tombstones), dropped
 * from the shared state once every device has acknowledged them.
 */

/**
 * A hybrid logical clock reading: whole seconds since 1970-01-01 UTC. It follows the wall clock but never
 * goes back and always passes every stamp the device has seen, so a change made after seeing another
 * change always carries a later stamp, even across devices whose clocks disagree.
 */
export type Hlc = number;

/** A value with the stamp of the change that set it (a last-writer-wins register). */
export interface Stamped<T> {
  value: T;
  at: Hlc;
  /**
   * Tombstones only: the clock reading when a device first wrote this tombstone to `storage.sync`. Garbage
   * collection goes by it, not by `at`: a device offline for weeks publishes old-stamped removals late.
   */
  published?: Hlc;
}

/**
 * The syncable fields of one paper. Absent fields were never set on any device (or their removal has been
 * collected). Seen marks and page metadata (title, authors, links) are not synced.
 */
export interface SyncPaper {
  /** Saved (`true`) or unsaved (`false`, a tombstone). */
  saved?: Stamped<boolean>;
  /** Read (`true`) or marked unread (`false`, a tombstone). */
  read?: Stamped<boolean>;
  /**
   * Watched for updates by the reader's choice (`true`), or no longer (`false`, a tombstone); a saved paper
   * is watched whatever this says.
   */
  watched?: Stamped<boolean>;
  /** The note; `''` is a cleared note (a tombstone). */
  note?: Stamped<string>;
  /**
   * Tags by their case-folded form (`tag.toLowerCase()`): the value is the tag as the user wrote it, or
   * `null` when it was removed (a tombstone).
   */
  tags?: Record<string, Stamped<string | null>>;
}

/** Everything that syncs: the papers' user fields and the settings (by setting name). */
export interface SyncState {
  /** By arXiv id (`2501.01234`, no version suffix). */
  papers: Map<string, SyncPaper>;
  /** By setting name (see `lib/settings.ts`). */
  settings: Record<string, Stamped<unknown>>;
}

/**
 * What one device stores locally and how remote winners reach it. Implemented over IndexedDB (`lib/db`)
 * in the extension and in memory in the simulation tests.
 */
export interface LocalReplica {
  /** The full syncable state of this device, tombstones included. */
  load(): Promise<SyncState>;
  /**
   * Writes `incoming` into the local store in one transaction, register by register, keeping whichever
   * stamp wins (a local change made since {@link load} may be newer than what arrives). Papers unknown
   * locally are created. Resolves with the number of registers that changed locally.
   */
  apply(incoming: SyncState): Promise<number>;
  /** Advances the device's clock past `stamp` (the newest stamp seen remotely). */
  observe(stamp: Hlc): Promise<void>;
  /**
   * Forgets local tombstones published (or, never published, stamped) at or before `collected`: every
   * device has seen them. Live values are never touched.
   */
  collect(collected: Hlc): Promise<void>;
  /** The clock's current reading. */
  readClock(): Promise<Hlc>;
  /**
   * Marks every tombstone stamped at or before `stamp` and not yet published as published at `stamp`. The
   * engine calls it once they are written to `storage.sync`; tombstones made since wait for the next run.
   */
  markPublished(stamp: Hlc): Promise<void>;
}

/**
 * The browser's `storage.sync` area as the engine uses it. Implementations reject with the browser's
 * error when a quota or rate limit is hit; the engine then keeps local state and retries later.
 */
export interface SyncArea {
  get(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** The limits of `storage.sync` (Chrome's; Firefox's are similar or larger). */
export const SYNC_QUOTA = {
  /** All items: each key's length plus its value's JSON length. */
  bytes: 102_400,
  /** One item: key length plus value JSON length. */
  itemBytes: 8_192,
  items: 512,
  /** `set`, `remove` and `clear` calls. */
  writesPerMinute: 120,
  writesPerHour: 1_800,
} as const;
