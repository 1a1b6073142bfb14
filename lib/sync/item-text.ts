/**
 * The text of each item the codec writes: paper items, notes items, the settings item and the manifest.
 * `decode.ts` reads these texts back; the constants both sides need are exported here.
 *
 * A paper item lists the papers that are only read, sorted by stamp: one stamp in full, then the seconds since
 * the previous one (readers read in sessions, so most deltas are one or two digits), each followed by the
 * arXiv number in three digits; then every other paper as one record whose registers are written as seconds
 * after its earliest one. Measured on a year of reading in sessions: 75 KB for 10,000 read marks and 2,000
 * saved papers with tags (91 KB with uniformly random stamps and ids); sorting by id and coding id gaps instead
 * costs 18% more (3% more on the random data).
 */
import { fixed, varint } from './base64';
import {
  compareText,
  type Entry,
  FALLBACK_GROUP,
  FORMAT_VERSION,
  NUMBER_DIGITS,
  type OmittedThrough,
  publishedCode,
} from './layout';
import type { Hlc, Stamped } from './types';

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

/** The registers of one paper, gathered for its record in a paper item. */
interface PaperRegisters {
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
export const HEADER_TAGS = 9;

/**
 * A paper item: version, base stamp, the tag dictionary, then two lists sorted by stamp. Most papers are only
 * read, so the first list holds just those (stamp delta, number: four or five digits each); the second holds
 * every other paper as a record: stamp delta of its earliest register, number, a header saying which
 * registers follow, then each register's seconds after that earliest stamp (saving right after reading costs
 * a digit, not a second id) and, for tombstones, the publication.
 */
export function papersItemText(entries: Entry[]): string {
  const byPaper = new Map<string, PaperRegisters>();
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
  const records: PaperRegisters[] = [];
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

/** The form of an unusual tag register that is removed (its reference names the key). */
export const TAG_REMOVED = 0;
/** The form of an unusual tag register whose key is not its folded spelling (a reference to the key follows). */
export const TAG_OTHER_KEY = 1;

/** A notes item: version, base stamp, then the notes (a cleared note with its publication). */
export function notesItemText(entries: Entry[]): string {
  const sorted = [...entries].sort(byStamp);
  const base = sorted[0]?.stamped.at ?? 0;
  const note = (entry: Entry) => {
    const value = entry.stamped.value as string;
    return text(value) + (value === '' ? published(entry) : '');
  };
  return varint(FORMAT_VERSION) + varint(base) + listText(sorted, base, note);
}

/**
 * A watched item: version, base stamp, then the watch registers by stamp, each followed by its state: 0 for
 * watched, else 1 plus the publication code of a tombstone (no longer watched).
 */
export function watchedItemText(entries: Entry[]): string {
  const sorted = [...entries].sort(byStamp);
  const base = sorted[0]?.stamped.at ?? 0;
  const state = (entry: Entry) => varint(entry.stamped.value === true ? 0 : 1 + publishedCode(entry.stamped));
  return varint(FORMAT_VERSION) + varint(base) + listText(sorted, base, state);
}

/** The settings item: version, then per setting (by name) its name, stamp and value's JSON. */
export function settingsItemText(settings: [string, Stamped<unknown>, string][]): string {
  const sorted = [...settings].sort((a, b) => compareText(a[0], b[0]));
  let out = varint(FORMAT_VERSION) + varint(sorted.length);
  for (const [name, stamped, json] of sorted) out += text(name) + varint(stamped.at) + text(json);
  return out;
}

/**
 * The order of the kinds in a manifest's omitted stamps. Fixed: versions that know only these read the same
 * manifest (`watched` is not among them).
 */
export const THROUGH_ORDER: readonly (keyof OmittedThrough)[] = ['read', 'saved', 'tags', 'note'];

/** The manifest: version, the collected watermark, then per kind its newest omitted stamp plus 1 (0: none). */
export function manifestText(collected: Hlc, through: OmittedThrough): string {
  let out = varint(FORMAT_VERSION) + varint(collected);
  for (const kind of THROUGH_ORDER) {
    const stamp = through[kind];
    out += varint(stamp === undefined ? 0 : stamp + 1);
  }
  return out;
}
