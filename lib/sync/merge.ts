/**
 * Merging sync states: the join of two states is, register by register, the winner of the two values
 * ({@link compareStamped}: later stamp, then value, then later publication). Because that is a total
 * order, the join is commutative, associative and idempotent, so devices that exchange states in any
 * order, late or twice, end with the same state.
 */
import { compareStamped } from './stamp';
import type { Hlc, Stamped, SyncPaper, SyncState } from './types';

export { compareStamped, winner } from './stamp';

/** The kinds of register a state holds. */
export type RegisterKind = 'saved' | 'read' | 'watched' | 'note' | 'tag' | 'setting';

/** One register of a state, with where it lives. */
export interface RegisterEntry {
  kind: RegisterKind;
  /** The paper's arXiv id, or the setting's name. */
  id: string;
  /** The case-folded tag, for `tag` registers. */
  tag?: string;
  register: Stamped<unknown>;
}

/** A state with nothing in it. */
export function emptyState(): SyncState {
  return { papers: new Map(), settings: {} };
}

/**
 * Whether a paper register is a removal (unsaved, unread, unwatched, cleared note, removed tag). Settings have no
 * removals: a setting, once set, always has a value.
 */
export function isTombstone(register: Stamped<unknown>): boolean {
  return register.value === false || register.value === '' || register.value === null;
}

/** Whether `entry` is a paper's removal (a tombstone); settings are never removals. */
export function isRemoval(entry: RegisterEntry): boolean {
  return entry.kind !== 'setting' && isTombstone(entry.register);
}

/** Every register of `state`, papers first (in map order), then settings. */
export function* registersOf(state: SyncState): Generator<RegisterEntry> {
  for (const [id, paper] of state.papers) {
    if (paper.saved) yield { kind: 'saved', id, register: paper.saved };
    if (paper.read) yield { kind: 'read', id, register: paper.read };
    if (paper.watched) yield { kind: 'watched', id, register: paper.watched };
    if (paper.note) yield { kind: 'note', id, register: paper.note };
    for (const [tag, register] of Object.entries(paper.tags ?? {})) yield { kind: 'tag', id, tag, register };
  }
  for (const [id, register] of Object.entries(state.settings)) yield { kind: 'setting', id, register };
}

/** The register of `state` at the place `entry` names, if any. */
export function registerAt(
  state: SyncState,
  entry: Omit<RegisterEntry, 'register'>,
): Stamped<unknown> | undefined {
  if (entry.kind === 'setting')
    return Object.hasOwn(state.settings, entry.id) ? state.settings[entry.id] : undefined;
  const paper = state.papers.get(entry.id);
  if (paper === undefined) return undefined;
  if (entry.kind === 'tag')
    return paper.tags && Object.hasOwn(paper.tags, entry.tag!) ? paper.tags[entry.tag!] : undefined;
  return paper[entry.kind];
}

/** Puts `register` at the place `entry` names in `state` (mutates `state`; creates the paper if needed). */
export function setRegister(
  state: SyncState,
  entry: Omit<RegisterEntry, 'register'>,
  register: Stamped<unknown>,
): void {
  if (entry.kind === 'setting') {
    state.settings[entry.id] = register;
    return;
  }
  let paper = state.papers.get(entry.id);
  if (paper === undefined) {
    paper = {};
    state.papers.set(entry.id, paper);
  }
  if (entry.kind === 'tag') {
    paper.tags ??= {};
    paper.tags[entry.tag!] = register as Stamped<string | null>;
  } else if (entry.kind === 'note') {
    paper.note = register as Stamped<string>;
  } else {
    paper[entry.kind] = register as Stamped<boolean>;
  }
}

/** Whether `paper` holds no register at all. */
export function isEmptyPaper(paper: SyncPaper): boolean {
  return (
    paper.saved === undefined &&
    paper.read === undefined &&
    paper.watched === undefined &&
    paper.note === undefined &&
    (paper.tags === undefined || Object.keys(paper.tags).length === 0)
  );
}

function beats<T>(a: Stamped<T> | undefined, b: Stamped<T> | undefined): a is Stamped<T> {
  return a !== undefined && (b === undefined || compareStamped(a, b) > 0);
}

/**
 * The join of two states: every register holds the winner of its two values. Pure: neither input is
 * changed, and registers (treated as immutable) are shared with the inputs.
 */
export function mergeStates(a: SyncState, b: SyncState): SyncState {
  const papers = new Map<string, SyncPaper>();
  for (const [id, paper] of a.papers) papers.set(id, paper);
  for (const [id, theirs] of b.papers) {
    const ours = papers.get(id);
    papers.set(id, ours === undefined ? theirs : mergePaper(ours, theirs));
  }
  const settings: Record<string, Stamped<unknown>> = { ...a.settings };
  for (const [name, register] of Object.entries(b.settings)) {
    if (beats(register, Object.hasOwn(settings, name) ? settings[name] : undefined))
      settings[name] = register;
  }
  return { papers, settings };
}

function mergePaper(a: SyncPaper, b: SyncPaper): SyncPaper {
  const out: SyncPaper = {};
  const saved = beats(b.saved, a.saved) ? b.saved : a.saved;
  const read = beats(b.read, a.read) ? b.read : a.read;
  const watched = beats(b.watched, a.watched) ? b.watched : a.watched;
  const note = beats(b.note, a.note) ? b.note : a.note;
  if (saved) out.saved = saved;
  if (read) out.read = read;
  if (watched) out.watched = watched;
  if (note) out.note = note;
  if (a.tags !== undefined || b.tags !== undefined) {
    const tags: Record<string, Stamped<string | null>> = { ...a.tags };
    for (const [key, register] of Object.entries(b.tags ?? {})) {
      if (beats(register, Object.hasOwn(tags, key) ? tags[key] : undefined)) tags[key] = register;
    }
    out.tags = tags;
  }
  return out;
}

/**
 * The registers of `incoming` that win over `local`'s: what a device must write to take in a remote
 * state. Empty when `local` already dominates `incoming`.
 */
export function winnersOver(local: SyncState, incoming: SyncState): SyncState {
  const out = emptyState();
  for (const [id, theirs] of incoming.papers) {
    const ours = local.papers.get(id) ?? {};
    const wins: SyncPaper = {};
    if (beats(theirs.saved, ours.saved)) wins.saved = theirs.saved;
    if (beats(theirs.read, ours.read)) wins.read = theirs.read;
    if (beats(theirs.watched, ours.watched)) wins.watched = theirs.watched;
    if (beats(theirs.note, ours.note)) wins.note = theirs.note;
    for (const [key, register] of Object.entries(theirs.tags ?? {})) {
      if (beats(register, ours.tags && Object.hasOwn(ours.tags, key) ? ours.tags[key] : undefined)) {
        wins.tags ??= {};
        wins.tags[key] = register;
      }
    }
    if (!isEmptyPaper(wins)) out.papers.set(id, wins);
  }
  for (const [name, register] of Object.entries(incoming.settings)) {
    if (beats(register, Object.hasOwn(local.settings, name) ? local.settings[name] : undefined)) {
      out.settings[name] = register;
    }
  }
  return out;
}

/** The number of registers in `state`. */
export function countRegisters(state: SyncState): number {
  let count = 0;
  for (const _ of registersOf(state)) count++;
  return count;
}

/**
 * Whether `register` is a tombstone every device has seen: published (or, never published, stamped) at
 * or before the `collected` watermark (see `lib/sync/gc.ts`).
 */
export function isCollected(register: Stamped<unknown>, collected: Hlc): boolean {
  return isTombstone(register) && (register.published ?? register.at) <= collected;
}

/** `state` without its collected tombstones (pure; papers left empty are dropped). */
export function withoutCollected(state: SyncState, collected: Hlc): SyncState {
  const papers = new Map<string, SyncPaper>();
  for (const [id, paper] of state.papers) {
    const kept: SyncPaper = {};
    if (paper.saved && !isCollected(paper.saved, collected)) kept.saved = paper.saved;
    if (paper.read && !isCollected(paper.read, collected)) kept.read = paper.read;
    if (paper.watched && !isCollected(paper.watched, collected)) kept.watched = paper.watched;
    if (paper.note && !isCollected(paper.note, collected)) kept.note = paper.note;
    for (const [key, register] of Object.entries(paper.tags ?? {})) {
      if (isCollected(register, collected)) continue;
      kept.tags ??= {};
      kept.tags[key] = register;
    }
    if (!isEmptyPaper(kept)) papers.set(id, kept);
  }
  return { papers, settings: { ...state.settings } };
}

/** The newest stamp in `state` (0 when empty). */
export function newestStamp(state: SyncState): Hlc {
  let newest = 0;
  for (const { register } of registersOf(state)) newest = Math.max(newest, register.at);
  return newest;
}
