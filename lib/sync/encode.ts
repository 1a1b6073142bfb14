/**
 * Encoding a {@link SyncState} into `storage.sync` items within the budget (the layout is in `layout.ts`, the
 * text of each item in `item-text.ts`).
 *
 * When the state does not fit, {@link encodeState} keeps the settings, then saved papers' registers
 * (saved, watched, tags, note) newest first, then read marks newest first, and reports the rest in
 * {@link Omitted}. Removals (tombstones) rank with the values of their kind by their stamp: a recent
 * removal is the user's latest intent, as important as a recent addition.
 */
import { isStamp } from './hlc';
import { manifestText, notesItemText, papersItemText, settingsItemText, watchedItemText } from './item-text';
import {
  compactId,
  compareText,
  DEFAULT_BUDGET_BYTES,
  DEFAULT_MAX_ITEMS,
  type Entry,
  FALLBACK_GROUP,
  hashPosition,
  isCollectedRegister,
  isValidValue,
  itemBytes,
  itemKey,
  type Kind,
  MANIFEST_KEY,
  type OmittedThrough,
  POSITION_RANGE,
  SETTINGS_KEY,
} from './layout';
import { type Hlc, type Stamped, SYNC_QUOTA, type SyncState } from './types';

/** What {@link encodeState} needs besides the state. */
export interface EncodeOptions {
  /**
   * Tombstones (saved or read `false`, note `''`, tag `null`) published (`published ?? at`) at or before this
   * are left out: every device has seen them.
   */
  collected: Hlc;
  /**
   * Bytes the shared items may use in all. Defaults to {@link DEFAULT_BUDGET_BYTES}, which leaves room for the
   * engine's per-device items.
   */
  budgetBytes?: number;
  /** Items the shared state may use. Defaults to {@link DEFAULT_MAX_ITEMS}. */
  maxItems?: number;
}

/**
 * What did not fit, by kind of register (tombstones included). Every register of a kind stamped after
 * `through[kind]` was written.
 */
export interface Omitted {
  readMarks: number;
  saved: number;
  /** Watch registers (papers watched without being saved). */
  watched: number;
  tags: number;
  notes: number;
  settings: number;
  through: OmittedThrough;
}

/** The items to write, their size as the quota counts it and what was left out. */
export interface Encoded {
  /** By key. Deterministic: the same state and options give the same items. */
  items: Record<string, string>;
  /** {@link itemBytes} summed over the items. */
  bytes: number;
  omitted: Omitted;
}

/** Kinds of library register in priority order when their stamps tie (read marks rank after them all). */
const LIBRARY_ORDER: Record<Kind, number> = { saved: 0, watched: 1, tags: 2, note: 3, read: 4 };

/** The item prefix of each kind: notes and watch registers have items of their own. */
const PREFIX_OF: Record<Kind, ItemPrefix> = {
  read: 'p:',
  saved: 'p:',
  tags: 'p:',
  note: 'n:',
  watched: 'w:',
};
type ItemPrefix = 'p:' | 'n:' | 'w:';
const RENDER: Record<ItemPrefix, (entries: Entry[]) => string> = {
  'p:': papersItemText,
  'n:': notesItemText,
  'w:': watchedItemText,
};

/** A layout of some entries: the paper and note items, and the entries no item could hold. */
interface Layout {
  items: Map<string, string>;
  dropped: Entry[];
}

/**
 * Writes `entries` (of one prefix and group) into one item, or, when that is over the item limit, into the items
 * of the two halves of the range, recursively. A range of one position still too large keeps its entries of
 * highest priority.
 */
function splitInto(
  layout: Layout,
  prefix: ItemPrefix,
  group: string,
  entries: Entry[],
  start: number,
  size: number,
  knownOver = false,
): void {
  const key = itemKey(prefix, group, size === POSITION_RANGE ? undefined : start);
  const render = RENDER[prefix];
  // Every paper costs at least four characters (a stamp delta and a number): skip writing what cannot fit.
  const surelyOver =
    size > 1 &&
    (knownOver ||
      (group !== FALLBACK_GROUP && new Set(entries.map((e) => e.position)).size * 4 > SYNC_QUOTA.itemBytes));
  const value = surelyOver ? undefined : render(entries);
  if (value !== undefined && itemBytes(key, value) <= SYNC_QUOTA.itemBytes) {
    layout.items.set(key, value);
    return;
  }
  if (size > 1) {
    const half = size / 2;
    const low = entries.filter((e) => e.position < start + half);
    const high = entries.filter((e) => e.position >= start + half);
    // A half holding every entry is known to be over too: same text, longer key.
    const alone = low.length === 0 || high.length === 0;
    if (low.length > 0) splitInto(layout, prefix, group, low, start, half, alone);
    if (high.length > 0) splitInto(layout, prefix, group, high, start + half, half, alone);
    return;
  }
  const kept = [...entries].sort((a, b) => a.rank - b.rank);
  while (kept.length > 0) {
    layout.dropped.push(kept.pop()!);
    if (kept.length === 0) return;
    const fewer = render(kept);
    if (itemBytes(key, fewer) <= SYNC_QUOTA.itemBytes) {
      layout.items.set(key, fewer);
      return;
    }
  }
}

function layOut(entries: readonly Entry[]): Layout {
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) {
    const name = PREFIX_OF[entry.kind] + entry.group;
    const list = groups.get(name);
    if (list) list.push(entry);
    else groups.set(name, [entry]);
  }
  const layout: Layout = { items: new Map(), dropped: [] };
  for (const name of [...groups.keys()].sort()) {
    splitInto(layout, name.slice(0, 2) as ItemPrefix, name.slice(2), groups.get(name)!, 0, POSITION_RANGE);
  }
  return layout;
}

/** Every register of `state` to sync, in priority order, and those that cannot be written at all. */
function collectEntries(state: SyncState, collected: Hlc): { ranked: Entry[]; unfit: Entry[] } {
  const library: Entry[] = [];
  const reads: Entry[] = [];
  const unfit: Entry[] = [];
  const add = (kind: Kind, id: string, tag: string, stamped: Stamped<unknown> | undefined, place: Place) => {
    if (stamped === undefined || stamped === null) return;
    const entry: Entry = { kind, id, tag, stamped, group: place.group, position: place.position, rank: 0 };
    if (!isStamp(stamped.at) || !isValidValue(kind, stamped.value)) {
      unfit.push(entry);
      return;
    }
    if (isCollectedRegister(kind, stamped, collected)) return;
    (kind === 'read' ? reads : library).push(entry);
  };
  for (const [id, paper] of state.papers) {
    if (typeof id !== 'string' || paper === null || typeof paper !== 'object') continue;
    const compact = compactId(id);
    const place: Place = compact
      ? { group: compact.month, position: compact.number }
      : { group: FALLBACK_GROUP, position: hashPosition(id) };
    add('read', id, '', paper.read, place);
    add('saved', id, '', paper.saved, place);
    add('watched', id, '', paper.watched, place);
    add('note', id, '', paper.note, place);
    if (paper.tags && typeof paper.tags === 'object') {
      for (const [tag, stamped] of Object.entries(paper.tags)) add('tags', id, tag, stamped, place);
    }
  }
  const newestFirst = (a: Entry, b: Entry) =>
    b.stamped.at - a.stamped.at ||
    LIBRARY_ORDER[a.kind] - LIBRARY_ORDER[b.kind] ||
    compareText(a.id, b.id) ||
    compareText(a.tag, b.tag);
  library.sort(newestFirst);
  reads.sort(newestFirst);
  const ranked = [...library, ...reads];
  ranked.forEach((entry, i) => {
    entry.rank = i;
  });
  // A note that alone is over the item limit (the longest key form) can never be written.
  const fits = ranked.filter((entry) => {
    if (entry.kind !== 'note') return true;
    const alone = itemBytes(itemKey('n:', entry.group, 0), notesItemText([entry]));
    if (alone <= SYNC_QUOTA.itemBytes) return true;
    unfit.push(entry);
    return false;
  });
  return { ranked: fits, unfit };
}

interface Place {
  group: string;
  position: number;
}

/** The most a manifest takes: key, quotes, version, watermark and four stamps of at most 11 digits. */
const MANIFEST_MAX_BYTES = 1 + 2 + 1 + 5 * 11;

/** The settings that fit in `limit` bytes (and their item), newest first, and how many did not. */
function settingsItem(
  settings: SyncState['settings'],
  limit: number,
): { value: string | undefined; omitted: number } {
  const candidates: [string, Stamped<unknown>, string][] = [];
  let omitted = 0;
  for (const [name, stamped] of Object.entries(settings ?? {})) {
    let json: string | undefined;
    try {
      json = stamped && isStamp(stamped.at) ? JSON.stringify(stamped.value) : undefined;
    } catch {
      json = undefined;
    }
    if (json === undefined) omitted++;
    else candidates.push([name, stamped, json]);
  }
  candidates.sort((a, b) => b[1].at - a[1].at || compareText(a[0], b[0]));
  // Drop the oldest until the item fits (settings are few: a linear search is enough).
  for (let count = candidates.length; count > 0; count--) {
    const value = settingsItemText(candidates.slice(0, count));
    if (itemBytes(SETTINGS_KEY, value) <= Math.min(limit, SYNC_QUOTA.itemBytes)) {
      return { value, omitted: omitted + candidates.length - count };
    }
  }
  return { value: undefined, omitted: omitted + candidates.length };
}

/**
 * Encodes `state` into `storage.sync` items within the budget, keeping the settings, then saved papers'
 * registers newest first, then read marks newest first; tombstones collected by `options.collected` are
 * left out. Deterministic: the same state and options give identical items, whatever the order of the state's
 * maps. Never throws; registers with malformed stamps or values are counted as omitted.
 */
export function encodeState(state: SyncState, options: EncodeOptions): Encoded {
  const budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const collected = isStamp(options.collected) ? options.collected : 0;
  const { ranked, unfit } = collectEntries(state, collected);
  const settings = settingsItem(state.settings, maxItems >= 2 ? budget - MANIFEST_MAX_BYTES : 0);

  /** The full result when the first `count` ranked entries are offered. */
  const attempt = (count: number) => {
    const layout = layOut(ranked.slice(0, count));
    const left = [...unfit, ...ranked.slice(count), ...layout.dropped];
    const omitted: Omitted = {
      readMarks: 0,
      saved: 0,
      watched: 0,
      tags: 0,
      notes: 0,
      settings: settings.omitted,
      through: {},
    };
    for (const entry of left) {
      if (entry.kind === 'read') omitted.readMarks++;
      else if (entry.kind === 'saved') omitted.saved++;
      else if (entry.kind === 'watched') omitted.watched++;
      else if (entry.kind === 'tags') omitted.tags++;
      else omitted.notes++;
      const at = entry.stamped.at;
      const newest = omitted.through[entry.kind];
      if (isStamp(at) && (newest === undefined || at > newest)) omitted.through[entry.kind] = at;
    }
    const items: Record<string, string> = {};
    items[MANIFEST_KEY] = manifestText(collected, omitted.through);
    if (settings.value !== undefined) items[SETTINGS_KEY] = settings.value;
    for (const key of [...layout.items.keys()].sort()) items[key] = layout.items.get(key)!;
    let bytes = 0;
    for (const [key, value] of Object.entries(items)) bytes += itemBytes(key, value);
    const fits = bytes <= budget && Object.keys(items).length <= maxItems;
    return { encoded: { items, bytes, omitted }, fits };
  };

  const everything = attempt(ranked.length);
  if (everything.fits) return everything.encoded;
  // The longest prefix of the priority order that fits (binary search; the size grows with the prefix).
  let low = 0;
  let high = ranked.length - 1;
  let best = attempt(0);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const tried = attempt(middle);
    if (tried.fits) {
      low = middle;
      best = tried;
    } else high = middle - 1;
  }
  return low === 0 ? attempt(0).encoded : best.encoded;
}
