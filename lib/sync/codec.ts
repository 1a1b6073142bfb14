/**
 * How a {@link SyncState} is written into `storage.sync` items and read back.
 *
 * The area is small (100 KB, 8 KB an item, 512 items), so the layout is built for arXiv ids and stamps:
 *
 * - `m`: the manifest (format version, the collected watermark, the newest stamp of each kind left out);
 * - `s`: the settings;
 * - `p:YYMM`: read, saved and tag registers of the papers of one arXiv month; `n:YYMM`: their notes;
 * - `p:x`, `n:x`: papers whose ids are not of the compact `YYMM.NNNNN` form, ids written out in full;
 * - an item over 8 KB is split by halving its number range, into `p:YYMM:<start of the range>` items, so a
 *   change rewrites only the item that holds the paper.
 *
 * Every value is a string of base-64 digits and, for user text (tags, notes, settings), the text itself
 * behind its length (see `lib/sync/base64.ts`). A paper item lists the papers that are only read, sorted by
 * stamp: one stamp in full, then the seconds since the previous one (readers read in sessions, so most deltas
 * are one or two digits), each followed by the arXiv number in three digits; then every other paper as one
 * record whose registers are written as seconds after its earliest one. Measured on a year of reading in
 * sessions: 75 KB for 10,000 read marks and 2,000 saved papers with tags (91 KB with uniformly random stamps
 * and ids); sorting by id and coding id gaps instead costs 18% more (3% more on the random data).
 *
 * When the state does not fit, {@link encodeState} keeps the settings, then saved papers' registers
 * (saved, tags, note) newest first, then read marks newest first, and reports the rest in
 * {@link Omitted}. Removals (tombstones) rank with the values of their kind by their stamp: a recent
 * removal is the user's latest intent, as important as a recent addition.
 */
import { CodedTextError, fixed, Reader, varint } from './base64';
import { winner } from './stamp';
import { type Hlc, type Stamped, SYNC_QUOTA, type SyncPaper, type SyncState } from './types';

/** The format this code writes; items of a later format are left alone (see {@link Decoded.futureFormat}). */
export const FORMAT_VERSION = 1;
/** The key of the manifest item. */
export const MANIFEST_KEY = 'm';
/** The key of the settings item. */
export const SETTINGS_KEY = 's';
/** Key prefixes of the paper items (`p:`: read, saved, tags; `n:`: notes). */
export const SHARED_KEY_PREFIXES = ['p:', 'n:'] as const;

/**
 * Whether `key` belongs to the shared state this codec writes (the manifest, the settings, paper items of any
 * layout). Keys that are shared but absent from a new {@link Encoded.items} are stale and may be removed;
 * other keys (such as the engine's per-device `d:<deviceId>` items) are never ours.
 */
export function isSharedKey(key: string): boolean {
  return key === MANIFEST_KEY || key === SETTINGS_KEY || SHARED_KEY_PREFIXES.some((p) => key.startsWith(p));
}

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

/** The default {@link EncodeOptions.budgetBytes}: the quota less 4 KB for per-device items. */
export const DEFAULT_BUDGET_BYTES = SYNC_QUOTA.bytes - 4_096;
/** The default {@link EncodeOptions.maxItems}: the item limit less 32 for per-device items. */
export const DEFAULT_MAX_ITEMS = SYNC_QUOTA.items - 32;

/** The newest stamp left out, per kind of register (absent when nothing of that kind was left out). */
export interface OmittedThrough {
  read?: Hlc;
  saved?: Hlc;
  tags?: Hlc;
  note?: Hlc;
}

/**
 * What did not fit, by kind of register (tombstones included). Every register of a kind stamped after
 * `through[kind]` was written.
 */
export interface Omitted {
  readMarks: number;
  saved: number;
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

/** What {@link decodeItems} read from the area: the join of every item it could read. */
export interface Decoded {
  state: SyncState;
  /** The highest collected watermark among the manifests (0 without one). */
  collected: Hlc;
  /** Per kind, the newest stamp some writer left out (the latest among the manifests). */
  omittedThrough: OmittedThrough;
  /** One line per item skipped or part of an item ignored, naming its key. */
  warnings: string[];
  /**
   * The manifest was written in a later format than {@link FORMAT_VERSION}: a newer version of the extension
   * syncs here, and this one should not overwrite its items.
   */
  futureFormat: boolean;
}

/**
 * The bytes an item costs in the quota, counted as Chrome counts: the key plus the value's JSON, in UTF-8, with
 * Chrome's escapes (`<`, U+2028 and U+2029 take six bytes) and Chrome's numbers: outside the 32-bit integers
 * it writes a double in exponent form (`1764231234567` takes 18 bytes, as `1.764231234567E+12`). Never less
 * than Firefox's count (UTF-16 units).
 */
export function itemBytes(key: string, value: unknown): number {
  let json: string | undefined;
  let numberExtra = 0;
  try {
    json = JSON.stringify(value, (_, v: unknown) => {
      if (
        typeof v === 'number' &&
        Number.isFinite(v) &&
        !(Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31)
      ) {
        const plain = String(v).length;
        numberExtra += Math.max(plain, v.toExponential().length) - plain;
      }
      return v;
    });
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  return utf8Bytes(key, false) + (json === undefined ? 0 : utf8Bytes(json, true) + numberExtra);
}

function utf8Bytes(text: string, chromeEscapes: boolean): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += chromeEscapes && code === 0x3c ? 6 : 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdfff)
      bytes += 2; // a surrogate pair is 4 bytes
    else bytes += chromeEscapes && (code === 0x2028 || code === 0x2029) ? 6 : 3;
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------------------
// Registers and where they go

type Kind = 'read' | 'saved' | 'tags' | 'note';

/** One register of one paper, placed. */
interface Entry {
  kind: Kind;
  id: string;
  /** The case-folded tag, for tags; `''` otherwise. */
  tag: string;
  stamped: Stamped<unknown>;
  /** `YYMM`, or `x` for ids not of the compact form. */
  group: string;
  /** The arXiv number within the month, or a hash of the id in group `x`: what splits divide. */
  position: number;
  /** Place in the priority order (0 is kept first). */
  rank: number;
}

/** Positions are 17-bit numbers (arXiv numbers go to 99,999). */
const POSITION_BITS = 17;
const POSITION_RANGE = 2 ** POSITION_BITS;
/** Digits of an arXiv number or a split's range start. */
const NUMBER_DIGITS = 3;
const FALLBACK_GROUP = 'x';
const LIBRARY_ORDER: Record<Kind, number> = { saved: 0, tags: 1, note: 2, read: 3 };

const COMPACT_ID = /^(\d{2})(\d{2})\.(\d{4,5})$/;

/** `YYMM` and number of a compact arXiv id (4 digits before 2015-01, 5 since), or undefined. */
function compactId(id: string): { month: string; number: number } | undefined {
  const match = COMPACT_ID.exec(id);
  if (!match) return undefined;
  const month = `${match[1]}${match[2]}`;
  const mm = Number(match[2]);
  if (mm < 1 || mm > 12 || match[3]!.length !== numberDigits(month)) return undefined;
  return { month, number: Number(match[3]) };
}

/** Digits of the arXiv numbers of month `YYMM`: 5 since 2015-01 (ids before 2007 never reach this code). */
const numberDigits = (month: string) => (month >= '1501' ? 5 : 4);

/** FNV-1a of `text`, folded to a position: where a non-compact id sits for splitting. */
function hashPosition(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % POSITION_RANGE;
}

const isStamp = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

function isTombstone(kind: Kind, value: unknown): boolean {
  return kind === 'note' ? value === '' : kind === 'tags' ? value === null : value === false;
}

function isValidValue(kind: Kind, value: unknown): boolean {
  if (kind === 'note') return typeof value === 'string';
  if (kind === 'tags') return value === null || typeof value === 'string';
  return typeof value === 'boolean';
}

/** A tombstone's publication in an entry: 0 when unknown, else its distance from `at` (zig-zag) plus 1. */
function publishedCode(stamped: Stamped<unknown>): number {
  const published = stamped.published;
  if (!isStamp(published)) return 0;
  const delta = published - stamped.at;
  const code = (delta >= 0 ? delta * 2 : -delta * 2 - 1) + 1;
  return Number.isSafeInteger(code) ? code : 0;
}

function publishedFromCode(at: number, code: number): number | undefined {
  if (code === 0) return undefined;
  const zigzag = code - 1;
  const published = at + (zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2);
  if (!isStamp(published)) throw new CodedTextError('a publication stamp is out of range');
  return published;
}

// ---------------------------------------------------------------------------------------------------------
// Item texts

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Stamp order within a list: stamp, then id, then tag. */
function byStamp(a: Entry, b: Entry): number {
  return (
    a.stamped.at - b.stamped.at ||
    a.position - b.position ||
    compareText(a.id, b.id) ||
    compareText(a.tag, b.tag)
  );
}

function idText(entry: Entry): string {
  return entry.group === FALLBACK_GROUP
    ? varint(entry.id.length) + entry.id
    : fixed(entry.position, NUMBER_DIGITS);
}

/** A list: its length, then per entry the stamp delta, the id and what `extra` writes. */
function listText(entries: Entry[], base: number, extra: (entry: Entry) => string): string {
  let out = varint(entries.length);
  let previous = base;
  for (const entry of entries) {
    out += varint(entry.stamped.at - previous) + idText(entry) + extra(entry);
    previous = entry.stamped.at;
  }
  return out;
}

const none = () => '';
const published = (entry: Entry) => varint(publishedCode(entry.stamped));
const text = (value: string) => varint(value.length) + value;

/** A paper's registers in one item. */
interface PaperRecord {
  first: Entry;
  /** The earliest stamp among the registers: the others are written as seconds after it. */
  anchor: number;
  read?: Entry;
  saved?: Entry;
  tags: Entry[];
}

/** Register state in a record header: 0 absent, 1 set (`true`), 2 a tombstone (`false`). */
const registerState = (entry: Entry | undefined) => (entry === undefined ? 0 : entry.stamped.value ? 1 : 2);
/** Record headers: `read state + 3 × saved state + 9 × number of tags`. */
const HEADER_TAGS = 9;

/**
 * A paper item: version, base stamp, the tag dictionary, then two lists sorted by stamp. Most papers are only
 * read, so the first list holds just those (stamp delta, number: four or five digits each); the second holds
 * every other paper as a record: stamp delta of its earliest register, number, a header saying which
 * registers follow, then each register's seconds after that earliest stamp (saving right after reading costs
 * a digit, not a second id) and, for tombstones, the publication.
 */
function papersItemText(entries: Entry[]): string {
  const byPaper = new Map<string, PaperRecord>();
  let base = Number.POSITIVE_INFINITY;
  for (const entry of entries) {
    base = Math.min(base, entry.stamped.at);
    let record = byPaper.get(entry.id);
    if (!record) {
      record = { first: entry, anchor: entry.stamped.at, tags: [] };
      byPaper.set(entry.id, record);
    }
    record.anchor = Math.min(record.anchor, entry.stamped.at);
    if (entry.kind === 'tags') record.tags.push(entry);
    else if (entry.kind === 'read' || entry.kind === 'saved') record[entry.kind] = entry;
  }
  const readOnly: Entry[] = [];
  const records: PaperRecord[] = [];
  for (const record of byPaper.values()) {
    if (record.read?.stamped.value === true && !record.saved && record.tags.length === 0)
      readOnly.push(record.read);
    else records.push(record);
  }
  readOnly.sort(byStamp);
  records.sort((a, b) => a.anchor - b.anchor || byStamp(a.first, b.first));

  // The tag dictionary: each spelling once, the most used first (one-digit references).
  const uses = new Map<string, number>();
  const spellings = (entry: Entry): string[] => {
    const value = entry.stamped.value;
    if (typeof value !== 'string') return [entry.tag];
    return value.toLowerCase() === entry.tag ? [value] : [value, entry.tag];
  };
  for (const record of records) {
    for (const entry of record.tags) for (const s of spellings(entry)) uses.set(s, (uses.get(s) ?? 0) + 1);
  }
  const dictionary = [...uses.keys()].sort((a, b) => uses.get(b)! - uses.get(a)! || compareText(a, b));
  const refOf = new Map(dictionary.map((s, i) => [s, i]));

  let out = varint(FORMAT_VERSION) + varint(base) + varint(dictionary.length) + dictionary.map(text).join('');
  out += listText(readOnly, base, none);
  out += varint(records.length);
  let previous = base;
  for (const record of records) {
    const { anchor } = record;
    const header =
      registerState(record.read) + 3 * registerState(record.saved) + HEADER_TAGS * record.tags.length;
    out += varint(anchor - previous) + idText(record.first) + varint(header);
    previous = anchor;
    for (const entry of [record.read, record.saved]) {
      if (entry === undefined) continue;
      out += varint(entry.stamped.at - anchor) + (entry.stamped.value ? '' : published(entry));
    }
    record.tags.sort((a, b) => compareText(a.tag, b.tag));
    for (const entry of record.tags) {
      const value = entry.stamped.value;
      out += varint(entry.stamped.at - anchor);
      // Reference × 2 for the usual case (a tag whose folded form is its key), else × 2 + 1 and a form.
      if (typeof value === 'string' && value.toLowerCase() === entry.tag)
        out += varint(refOf.get(value)! * 2);
      else if (typeof value !== 'string') {
        out += varint(refOf.get(entry.tag)! * 2 + 1) + varint(TAG_REMOVED) + published(entry);
      } else out += varint(refOf.get(value)! * 2 + 1) + varint(TAG_OTHER_KEY) + varint(refOf.get(entry.tag)!);
    }
  }
  return out;
}

/** The forms of an unusual tag register: removed (the reference names the key), or keyed otherwise. */
const TAG_REMOVED = 0;
const TAG_OTHER_KEY = 1;

/** A notes item: version, base stamp, then the notes (a cleared note with its publication). */
function notesItemText(entries: Entry[]): string {
  const sorted = [...entries].sort(byStamp);
  const base = sorted[0]?.stamped.at ?? 0;
  const note = (entry: Entry) => {
    const value = entry.stamped.value as string;
    return text(value) + (value === '' ? published(entry) : '');
  };
  return varint(FORMAT_VERSION) + varint(base) + listText(sorted, base, note);
}

function settingsItemText(settings: [string, Stamped<unknown>, string][]): string {
  const sorted = [...settings].sort((a, b) => compareText(a[0], b[0]));
  let out = varint(FORMAT_VERSION) + varint(sorted.length);
  for (const [name, stamped, json] of sorted) out += text(name) + varint(stamped.at) + text(json);
  return out;
}

const THROUGH_ORDER: readonly (keyof OmittedThrough)[] = ['read', 'saved', 'tags', 'note'];

function manifestText(collected: Hlc, through: OmittedThrough): string {
  let out = varint(FORMAT_VERSION) + varint(collected);
  for (const kind of THROUGH_ORDER) {
    const stamp = through[kind];
    out += varint(stamp === undefined ? 0 : stamp + 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Encoding

/** A layout of some entries: the paper and note items, and the entries no item could hold. */
interface Layout {
  items: Map<string, string>;
  dropped: Entry[];
}

const itemKey = (prefix: string, group: string, start: number | undefined) =>
  start === undefined ? `${prefix}${group}` : `${prefix}${group}:${fixed(start, NUMBER_DIGITS)}`;

/**
 * Writes `entries` (of one prefix and group) into one item, or, when that is over the item limit, into the items
 * of the two halves of the range, recursively. A range of one position still too large keeps its entries of
 * highest priority.
 */
function splitInto(
  layout: Layout,
  prefix: 'p:' | 'n:',
  group: string,
  entries: Entry[],
  start: number,
  size: number,
  knownOver = false,
): void {
  const key = itemKey(prefix, group, size === POSITION_RANGE ? undefined : start);
  const render = prefix === 'p:' ? papersItemText : notesItemText;
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
    const prefix = entry.kind === 'note' ? 'n:' : 'p:';
    const name = prefix + entry.group;
    const list = groups.get(name);
    if (list) list.push(entry);
    else groups.set(name, [entry]);
  }
  const layout: Layout = { items: new Map(), dropped: [] };
  for (const name of [...groups.keys()].sort()) {
    splitInto(layout, name.slice(0, 2) as 'p:' | 'n:', name.slice(2), groups.get(name)!, 0, POSITION_RANGE);
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
    if (isTombstone(kind, stamped.value)) {
      const publishedAt = isStamp(stamped.published) ? stamped.published : stamped.at;
      if (publishedAt <= collected) return;
    }
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
      tags: 0,
      notes: 0,
      settings: settings.omitted,
      through: {},
    };
    for (const entry of left) {
      if (entry.kind === 'read') omitted.readMarks++;
      else if (entry.kind === 'saved') omitted.saved++;
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

// ---------------------------------------------------------------------------------------------------------
// Decoding

/** One register read from an item, before joining. */
interface ReadRegister {
  kind: Kind;
  id: string;
  tag: string;
  stamped: Stamped<unknown>;
}

const PAPER_KEY = /^([pn]):(\d{4}|x)(?::[A-Za-z0-9_-]{3})?$/;

function readStamped(at: number, value: unknown, code?: number): Stamped<unknown> {
  const publishedAt = code === undefined ? undefined : publishedFromCode(at, code);
  return publishedAt === undefined ? { value, at } : { value, at, published: publishedAt };
}

/** The lists of a paper or notes item; throws {@link CodedTextError} when the item is damaged. */
function readPaperItem(reader: Reader, prefix: string, group: string): ReadRegister[] {
  const out: ReadRegister[] = [];
  const base = reader.varint();
  const readId = (): string => {
    if (group === FALLBACK_GROUP) return reader.chars(reader.varint());
    const number = reader.fixed(NUMBER_DIGITS);
    const digits = numberDigits(group);
    if (number >= 10 ** digits) throw new CodedTextError('an arXiv number is out of range');
    const id = `${group}.${String(number).padStart(digits, '0')}`;
    if (!compactId(id)) throw new CodedTextError('the key names no arXiv month');
    return id;
  };
  /** A stamp written as seconds after `stamp`. */
  const after = (stamp: number): number => {
    const at = stamp + reader.varint();
    if (!Number.isSafeInteger(at)) throw new CodedTextError('a stamp is out of range');
    return at;
  };
  const readList = (each: (at: number, id: string) => void) => {
    const count = reader.varint();
    let at = base;
    for (let i = 0; i < count; i++) {
      at = after(at);
      each(at, readId());
    }
  };
  if (prefix === 'n:') {
    readList((at, id) => {
      const value = reader.chars(reader.varint());
      const stamped = value === '' ? readStamped(at, value, reader.varint()) : { value, at };
      out.push({ kind: 'note', id, tag: '', stamped });
    });
    return out;
  }
  const dictionary: string[] = [];
  const dictionarySize = reader.varint();
  for (let i = 0; i < dictionarySize; i++) dictionary.push(reader.chars(reader.varint()));
  const spelling = (ref: number): string => {
    const found = dictionary[ref];
    if (found === undefined) throw new CodedTextError('a tag is missing from the dictionary');
    return found;
  };
  readList((at, id) => out.push({ kind: 'read', id, tag: '', stamped: { value: true, at } }));
  readList((anchor, id) => {
    const header = reader.varint();
    const states = [header % 3, Math.floor(header / 3) % 3] as const;
    const kinds = ['read', 'saved'] as const;
    for (let i = 0; i < 2; i++) {
      if (states[i] === 0) continue;
      const at = after(anchor);
      const stamped = states[i] === 1 ? { value: true, at } : readStamped(at, false, reader.varint());
      out.push({ kind: kinds[i]!, id, tag: '', stamped });
    }
    const tagCount = Math.floor(header / HEADER_TAGS);
    for (let i = 0; i < tagCount; i++) {
      const at = after(anchor);
      const code = reader.varint();
      const ref = Math.floor(code / 2);
      if (code % 2 === 0) {
        const value = spelling(ref);
        out.push({ kind: 'tags', id, tag: value.toLowerCase(), stamped: { value, at } });
        continue;
      }
      const form = reader.varint();
      if (form === TAG_REMOVED) {
        out.push({ kind: 'tags', id, tag: spelling(ref), stamped: readStamped(at, null, reader.varint()) });
      } else if (form === TAG_OTHER_KEY) {
        out.push({ kind: 'tags', id, tag: spelling(reader.varint()), stamped: { value: spelling(ref), at } });
      } else throw new CodedTextError('a tag of an unknown form');
    }
  });
  return out;
}

function readSettingsItem(reader: Reader): [string, Stamped<unknown>][] {
  const out: [string, Stamped<unknown>][] = [];
  const count = reader.varint();
  for (let i = 0; i < count; i++) {
    const name = reader.chars(reader.varint());
    const at = reader.varint();
    const json = reader.chars(reader.varint());
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw new CodedTextError(`the setting "${name.slice(0, 40)}" is not JSON`);
    }
    out.push([name, { value, at }]);
  }
  return out;
}

function readManifest(reader: Reader): { collected: Hlc; through: OmittedThrough } {
  const collected = reader.varint();
  const through: OmittedThrough = {};
  for (const kind of THROUGH_ORDER) {
    const code = reader.varint();
    if (code > 0) through[kind] = code - 1;
  }
  return { collected, through };
}

function joinRegister(papers: Map<string, SyncPaper>, register: ReadRegister): void {
  let paper = papers.get(register.id);
  if (!paper) {
    paper = {};
    papers.set(register.id, paper);
  }
  const { kind, stamped } = register;
  if (kind === 'tags') {
    paper.tags ??= Object.create(null) as NonNullable<SyncPaper['tags']>;
    const tags = paper.tags;
    tags[register.tag] = winner(tags[register.tag], stamped as Stamped<string | null>)!;
  } else if (kind === 'note') {
    paper.note = winner(paper.note, stamped as Stamped<string>);
  } else {
    paper[kind] = winner(paper[kind], stamped as Stamped<boolean>);
  }
}

/** Drops tombstones published at or before `collected` from the joined papers, and papers left empty. */
function dropCollected(papers: Map<string, SyncPaper>, collected: Hlc): void {
  const isCollected = (kind: Kind, stamped: Stamped<unknown>) =>
    isTombstone(kind, stamped.value) && (stamped.published ?? stamped.at) <= collected;
  for (const [id, paper] of papers) {
    if (paper.read && isCollected('read', paper.read)) delete paper.read;
    if (paper.saved && isCollected('saved', paper.saved)) delete paper.saved;
    if (paper.note && isCollected('note', paper.note)) delete paper.note;
    if (paper.tags) {
      for (const [tag, stamped] of Object.entries(paper.tags)) {
        if (isCollected('tags', stamped)) delete paper.tags[tag];
      }
      if (Object.keys(paper.tags).length === 0) delete paper.tags;
    }
    if (!paper.read && !paper.saved && !paper.note && !paper.tags) papers.delete(id);
  }
}

/**
 * Reads the shared state from everything in the `storage.sync` area, joining items of any layout and writer:
 * when a register appears in several items the winner of `compareStamped` (`lib/sync/stamp.ts`) is kept, the highest collected
 * watermark counts and tombstones it covers are dropped. Keys that are not shared (see {@link isSharedKey}) are
 * ignored. Never throws: an item it cannot read (damaged, or of another format) is skipped whole, with a
 * warning.
 */
export function decodeItems(items: Record<string, unknown>): Decoded {
  const papers = new Map<string, SyncPaper>();
  const settings: SyncState['settings'] = Object.create(null);
  const omittedThrough: OmittedThrough = {};
  const warnings: string[] = [];
  let collected = 0;
  let futureFormat = false;

  let keys: string[] = [];
  try {
    keys = items !== null && typeof items === 'object' ? Object.keys(items).sort() : [];
  } catch {
    warnings.push('the area could not be listed');
  }
  for (const key of keys) {
    if (!isSharedKey(key)) continue;
    const label = JSON.stringify(key.slice(0, 40));
    try {
      const value = items[key];
      if (typeof value !== 'string') throw new CodedTextError('the value is not text');
      const reader = new Reader(value);
      const version = reader.varint();
      if (version !== FORMAT_VERSION) {
        // The manifest speaks for the area: a later format there means a newer version syncs here.
        if (key === MANIFEST_KEY && version > FORMAT_VERSION) futureFormat = true;
        throw new CodedTextError(`written in format ${version}, not ${FORMAT_VERSION}`);
      }
      if (key === MANIFEST_KEY) {
        const manifest = readManifest(reader);
        if (!reader.done) throw new CodedTextError('unexpected text after the end');
        collected = Math.max(collected, manifest.collected);
        for (const kind of THROUGH_ORDER) {
          const stamp = manifest.through[kind];
          const known = omittedThrough[kind];
          if (stamp !== undefined && (known === undefined || stamp > known)) omittedThrough[kind] = stamp;
        }
      } else if (key === SETTINGS_KEY) {
        const read = readSettingsItem(reader);
        if (!reader.done) throw new CodedTextError('unexpected text after the end');
        for (const [name, stamped] of read) settings[name] = winner(settings[name], stamped)!;
      } else {
        const match = PAPER_KEY.exec(key);
        if (!match) throw new CodedTextError('a key of a layout this version does not know');
        const read = readPaperItem(reader, `${match[1]}:`, match[2]!);
        if (!reader.done) throw new CodedTextError('unexpected text after the end');
        for (const register of read) joinRegister(papers, register);
      }
    } catch (error) {
      const reason = error instanceof CodedTextError ? error.message : 'unreadable';
      warnings.push(`${label}: ${reason}; skipped`);
    }
  }
  dropCollected(papers, collected);
  return { state: { papers, settings }, collected, omittedThrough, warnings, futureFormat };
}
