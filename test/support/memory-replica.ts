/**
 * A {@link LocalReplica} kept in memory: the simulation tests' devices and the merge benchmark use it. It
 * is a complete replica (clock, tombstones, publication marks), with the user's actions as methods, so a
 * test acts like a person on one device and syncs like the extension does.
 */
import { observe as observeClock, tick } from '../../lib/sync/hlc';
import {
  isCollected,
  isEmptyPaper,
  isRemoval,
  type RegisterEntry,
  registersOf,
  setRegister,
  winnersOver,
} from '../../lib/sync/merge';
import type { Hlc, LocalReplica, Stamped, SyncState } from '../../lib/sync/types';

/** Options of {@link MemoryReplica}. */
export interface MemoryReplicaOptions {
  /** The device's wall clock in milliseconds; defaults to `Date.now`. */
  now?: () => number;
  /** A state to start from (copied). */
  state?: SyncState;
  /** The clock to start from. */
  clock?: Hlc;
}

/** An in-memory replica of the synced state, with its own hybrid logical clock. */
export class MemoryReplica implements LocalReplica {
  private state: SyncState;
  private clock: Hlc;
  private readonly now: () => number;

  constructor(options: MemoryReplicaOptions = {}) {
    this.now = options.now ?? Date.now;
    this.state = options.state ? structuredClone(options.state) : { papers: new Map(), settings: {} };
    this.clock = options.clock ?? 0;
  }

  /** A copy of the full state, tombstones included. */
  async load(): Promise<SyncState> {
    return structuredClone(this.state);
  }

  /** Writes the registers of `incoming` that win over the local ones; resolves with how many. */
  async apply(incoming: SyncState): Promise<number> {
    let changed = 0;
    for (const entry of registersOf(winnersOver(this.state, incoming))) {
      // Registers are flat (a primitive value and stamps): a shallow copy keeps the caller's apart.
      const { value } = entry.register;
      const copy = { ...entry.register, value: typeof value === 'object' ? structuredClone(value) : value };
      setRegister(this.state, entry, copy);
      changed++;
    }
    return changed;
  }

  async observe(stamp: Hlc): Promise<void> {
    this.clock = observeClock(this.clock, stamp, this.now());
  }

  /** Forgets tombstones published (or, never published, stamped) at or before `collected`. */
  async collect(collected: Hlc): Promise<void> {
    for (const [id, paper] of this.state.papers) {
      if (paper.saved && isCollected(paper.saved, collected)) delete paper.saved;
      if (paper.read && isCollected(paper.read, collected)) delete paper.read;
      if (paper.watched && isCollected(paper.watched, collected)) delete paper.watched;
      if (paper.note && isCollected(paper.note, collected)) delete paper.note;
      for (const [key, register] of Object.entries(paper.tags ?? {})) {
        if (isCollected(register, collected)) delete paper.tags![key];
      }
      if (paper.tags && Object.keys(paper.tags).length === 0) delete paper.tags;
      if (isEmptyPaper(paper)) this.state.papers.delete(id);
    }
  }

  /** The clock's current reading. */
  async readClock(): Promise<Hlc> {
    return this.clock;
  }

  /** Marks the tombstones stamped at or before `stamp` that are not yet published as published at `stamp`. */
  async markPublished(stamp: Hlc): Promise<void> {
    for (const entry of registersOf(this.state)) {
      const { register } = entry;
      if (isRemoval(entry) && register.published === undefined && register.at <= stamp) {
        register.published = stamp;
      }
    }
  }

  // The user's actions. Each takes one clock tick and resolves with its stamp.

  /** Saves (`true`) or unsaves the papers `ids`, all with one stamp (a bulk action is one action). */
  async setSaved(ids: string | readonly string[], saved: boolean): Promise<Hlc> {
    return this.change((at) => {
      for (const id of typeof ids === 'string' ? [ids] : ids) this.put({ kind: 'saved', id }, saved, at);
    });
  }

  /** Marks the papers `ids` read (`true`) or unread, all with one stamp. */
  async setRead(ids: string | readonly string[], read: boolean): Promise<Hlc> {
    return this.change((at) => {
      for (const id of typeof ids === 'string' ? [ids] : ids) this.put({ kind: 'read', id }, read, at);
    });
  }

  /** Watches (`true`) the papers `ids` without saving them, or stops, all with one stamp. */
  async setWatched(ids: string | readonly string[], watched: boolean): Promise<Hlc> {
    return this.change((at) => {
      for (const id of typeof ids === 'string' ? [ids] : ids) this.put({ kind: 'watched', id }, watched, at);
    });
  }

  /** Sets the note of paper `id`; `''` clears it. */
  async setNote(id: string, note: string): Promise<Hlc> {
    return this.change((at) => this.put({ kind: 'note', id }, note, at));
  }

  /** Tags paper `id` with `tag` as written (replacing a tag that differs only in case). */
  async addTag(id: string, tag: string): Promise<Hlc> {
    return this.change((at) => this.put({ kind: 'tag', id, tag: tag.toLowerCase() }, tag, at));
  }

  /** Removes `tag` (any case) from paper `id`. */
  async removeTag(id: string, tag: string): Promise<Hlc> {
    return this.change((at) => this.put({ kind: 'tag', id, tag: tag.toLowerCase() }, null, at));
  }

  /** Changes the setting `name`. */
  async setSetting(name: string, value: unknown): Promise<Hlc> {
    return this.change((at) => this.put({ kind: 'setting', id: name }, value, at));
  }

  private change(write: (at: Hlc) => void): Hlc {
    const at = tick(this.clock, this.now());
    this.clock = at;
    write(at);
    return at;
  }

  private put(place: Omit<RegisterEntry, 'register'>, value: unknown, at: Hlc): void {
    const register: Stamped<unknown> = { value, at };
    setRegister(this.state, place, register);
  }
}
