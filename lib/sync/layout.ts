/**
 * Where the codec's registers go in the `storage.sync` area: the item keys, an item's size as the quota counts
 * it, the budgets, how papers are sharded into items, and the rules for one register that writing
 * (`encode.ts`, `item-text.ts`) and reading (`decode.ts`) must share.
 *
 * The area is small (100 KB, 8 KB an item, 512 items), so the layout is built for arXiv ids and stamps:
 *
 * - `m`: the manifest (format version, the collected watermark, the newest stamp of each kind left out);
 * - `s`: the settings;
 * - `p:YYMM`: read, saved and tag registers of the papers of one arXiv month; `n:YYMM`: their notes;
 * - `w:YYMM`: the watch registers of the papers of one arXiv month (the reader's choice to watch a paper
 *   without saving it). An item of its own, so a version that does not know it reads the other items as
 *   before and leaves it alone;
 * - `p:x`, `n:x`, `w:x`: papers whose ids are not of the compact `YYMM.NNNNN` form, ids written out in full;
 * - an item over 8 KB is split by halving its number range, into `p:YYMM:<start of the range>` items, so a
 *   change rewrites only the item that holds the paper.
 *
 * Every value is a string of base-64 digits and, for user text (tags, notes, settings), the text itself
 * behind its length (see `lib/sync/base64.ts`; the texts of each item are in `lib/sync/item-text.ts`).
 */
import { CodedTextError, fixed } from './base64';
import { isStamp } from './hlc';
import { type Hlc, type Stamped, SYNC_QUOTA } from './types';

/** The format this code writes; items of a later format are left alone (see {@link Decoded.futureFormat}). */
export const FORMAT_VERSION = 1;
/** The key of the manifest item. */
export const MANIFEST_KEY = 'm';
/** The key of the settings item. */
export const SETTINGS_KEY = 's';
/** Key prefixes of the paper items (`p:`: read, saved, tags; `n:`: notes; `w:`: watched). */
export const SHARED_KEY_PREFIXES = ['p:', 'n:', 'w:'] as const;

/**
 * Whether `key` belongs to the shared state this codec writes (the manifest, the settings, paper items of any
 * layout). Keys that are shared but absent from a new {@link Encoded.items} are stale and may be removed;
 * other keys (such as the engine's per-device `d:<deviceId>` items) are never ours.
 */
export function isSharedKey(key: string): boolean {
  return key === MANIFEST_KEY || key === SETTINGS_KEY || SHARED_KEY_PREFIXES.some((p) => key.startsWith(p));
}

/** Digits of an arXiv number or a split's range start. */
export const NUMBER_DIGITS = 3;

/**
 * The key of the paper (`p:`) or notes (`n:`) item of `group`: the group alone for a whole group, with the
 * start of the number range for an item split off it.
 */
export const itemKey = (prefix: string, group: string, start: number | undefined) =>
  start === undefined ? `${prefix}${group}` : `${prefix}${group}:${fixed(start, NUMBER_DIGITS)}`;

/** The keys {@link itemKey} writes, as the decoder reads them: prefix letter, group, range start if split. */
export const PAPER_KEY = /^([pnw]):(\d{4}|x)(?::[A-Za-z0-9_-]{3})?$/;

/** The default {@link EncodeOptions.budgetBytes}: the quota less 4 KB for per-device items. */
export const DEFAULT_BUDGET_BYTES = SYNC_QUOTA.bytes - 4_096;
/** The default {@link EncodeOptions.maxItems}: the item limit less 32 for per-device items. */
export const DEFAULT_MAX_ITEMS = SYNC_QUOTA.items - 32;

/**
 * The newest stamp left out, per kind of register (absent when nothing of that kind was left out). The
 * manifest carries the first four only (its text is shared with versions that know no more); `watched`
 * stays with the device that left it out.
 */
export interface OmittedThrough {
  read?: Hlc;
  saved?: Hlc;
  tags?: Hlc;
  note?: Hlc;
  watched?: Hlc;
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

/** The kinds of paper register the codec writes (settings have an item of their own). */
export type Kind = 'read' | 'saved' | 'watched' | 'tags' | 'note';

/** One register of one paper, placed. */
export interface Entry {
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
/** The positions of a group: a whole group's item covers them all, a split item a range of them. */
export const POSITION_RANGE = 2 ** POSITION_BITS;
/** The group of ids not of the compact form. */
export const FALLBACK_GROUP = 'x';

const COMPACT_ID = /^(\d{2})(\d{2})\.(\d{4,5})$/;

/** `YYMM` and number of a compact arXiv id (4 digits before 2015-01, 5 since), or undefined. */
export function compactId(id: string): { month: string; number: number } | undefined {
  const match = COMPACT_ID.exec(id);
  if (!match) return undefined;
  const month = `${match[1]}${match[2]}`;
  const mm = Number(match[2]);
  if (mm < 1 || mm > 12 || match[3]!.length !== numberDigits(month)) return undefined;
  return { month, number: Number(match[3]) };
}

/** Digits of the arXiv numbers of month `YYMM`: 5 since 2015-01 (ids before 2007 never reach this code). */
export const numberDigits = (month: string) => (month >= '1501' ? 5 : 4);

/** FNV-1a of `text`, folded to a position: where a non-compact id sits for splitting. */
export function hashPosition(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % POSITION_RANGE;
}

/** Code-unit order of two texts (not the locale's), so that every device sorts, and writes, alike. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Whether a register of `kind` is a tombstone every device has seen: published (or, never published, stamped)
 * at or before `collected`. The codec neither writes such a register nor keeps it when reading.
 *
 * Not `isCollected` of `lib/sync/merge.ts`, whose rule differs at two edges and would change what the codec
 * writes: here the tombstone is the one removal value of its kind (`''` only for a note, `null` only for a
 * tag), so a tag spelled `''` is live, where merge.ts takes any `''` for a removal; and a `published` that is
 * no stamp counts as absent, where merge.ts compares it as it is.
 */
export function isCollectedRegister(kind: Kind, stamped: Stamped<unknown>, collected: Hlc): boolean {
  const value = stamped.value;
  const removal = kind === 'note' ? value === '' : kind === 'tags' ? value === null : value === false;
  if (!removal) return false;
  const publishedAt = isStamp(stamped.published) ? stamped.published : stamped.at;
  return publishedAt <= collected;
}

/** Whether `value` has the type registers of `kind` hold (tombstones included). */
export function isValidValue(kind: Kind, value: unknown): boolean {
  if (kind === 'note') return typeof value === 'string';
  if (kind === 'tags') return value === null || typeof value === 'string';
  return typeof value === 'boolean';
}

/** A tombstone's publication in an entry: 0 when unknown, else its distance from `at` (zig-zag) plus 1. */
export function publishedCode(stamped: Stamped<unknown>): number {
  const published = stamped.published;
  if (!isStamp(published)) return 0;
  const delta = published - stamped.at;
  const code = (delta >= 0 ? delta * 2 : -delta * 2 - 1) + 1;
  return Number.isSafeInteger(code) ? code : 0;
}

/** The publication {@link publishedCode} wrote for a register stamped `at`; throws on one out of range. */
export function publishedFromCode(at: number, code: number): number | undefined {
  if (code === 0) return undefined;
  const zigzag = code - 1;
  const published = at + (zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2);
  if (!isStamp(published)) throw new CodedTextError('a publication stamp is out of range');
  return published;
}
