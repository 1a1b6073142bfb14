/**
 * The state index: what marking a card needs (read, seen, saved, when the paper was first seen, and a
 * fingerprint of what the store keeps of its record), kept by the background in `storage.local` so the
 * content script reads it at `document_start` without waking the background, and marks each card as the
 * parser inserts it.
 *
 * Shaped for that read: one value per month of arXiv ids (`dpcIndex:2611` holds every `2611.*` paper), a
 * string of fixed-width entries sorted by id, searched in place (no decoding into objects). A page needs
 * the one or two months its papers come from: a year of heavy use (50,000 papers) is about 12 values of
 * ~65 KB, of which a page reads one or two. The visits of list pages are one more value.
 *
 * Entry (16 characters): the id's number within the month, zero-padded to 5 digits; one flags character
 * (base 36: read 1, seen 2, saved 4, abstract stored 8, dismissed 16); when the paper was first seen, in minutes since
 * the epoch, 6 base-36 digits; the record's fingerprint, 4 base-36 digits.
 */
import type { PaperRecord, ReadingState, StoredPaper } from './paper';
import type { PageRow } from './visits';

/** Prefix of the index's keys in `storage.local`. */
export const INDEX_PREFIX = 'dpcIndex:';
/** Key of the visits of list pages: `{ [pageKey]: [visitStartedAt, lastVisitAt, previousVisitAt?] }`. */
export const INDEX_PAGES_KEY = `${INDEX_PREFIX}pages`;
/** Key of the index's description: {@link IndexMeta}. */
export const INDEX_META_KEY = `${INDEX_PREFIX}meta`;
/** The format of the entries; a stored index of another version is rebuilt, and read as missing. */
export const INDEX_VERSION = 1;
/** Characters per entry. */
export const ENTRY_WIDTH = 16;
/** At most this many list pages keep their visits in the index (the most recently visited). */
export const INDEX_PAGES_MAX = 500;

/** What the index says about itself. */
export interface IndexMeta {
  version: number;
  /** When it was last rebuilt whole. */
  builtAt: number;
  /** The months (`YYMM`) that have a value. */
  months: string[];
}

/** One paper as the index knows it. */
export interface IndexEntry {
  id: string;
  read: boolean;
  seen: boolean;
  saved: boolean;
  /** Dismissed as "not interested" (absent: not). */
  dismissed?: boolean;
  /** Whether the store has its abstract (a re-visit need not send it again). */
  hasSummary: boolean;
  firstSeenAt: number;
  /** {@link recordFingerprint} of what the store keeps. */
  fingerprint: string;
}

/** The visits of list pages, as stored: page key → `[visitStartedAt, lastVisitAt, previousVisitAt?]`. */
export type IndexPages = Record<string, [number, number] | [number, number, number]>;

const ID = /^(\d{4})\.(\d{4,5})$/;

/** The month value an id belongs to (`2611` for `2611.18801`), or undefined for an id of another form. */
export function indexMonthOf(id: string): string | undefined {
  return ID.exec(id)?.[1];
}

/** The `storage.local` key of a month's value. */
export function indexKeyOf(month: string): string {
  return `${INDEX_PREFIX}${month}`;
}

/** The 5-character number of an id within its month; ids of one month all have 4 or all have 5 digits. */
function numberOf(id: string): string | undefined {
  const match = ID.exec(id);
  return match ? (match[2] as string).padStart(5, '0') : undefined;
}

const MINUTE = 60_000;
const base36 = (value: number, width: number) =>
  Math.max(0, Math.min(36 ** width - 1, Math.floor(value)))
    .toString(36)
    .padStart(width, '0');

/** One entry's 16 characters. */
export function encodeEntry(entry: IndexEntry): string {
  const number = numberOf(entry.id);
  if (number === undefined) throw new Error(`not an arXiv id: ${entry.id}`);
  const flags =
    (entry.read ? 1 : 0) |
    (entry.seen ? 2 : 0) |
    (entry.saved ? 4 : 0) |
    (entry.hasSummary ? 8 : 0) |
    (entry.dismissed ? 16 : 0);
  return `${number}${flags.toString(36)}${base36(entry.firstSeenAt / MINUTE, 6)}${entry.fingerprint.padStart(4, '0').slice(-4)}`;
}

function decodeAt(text: string, at: number, month: string): IndexEntry | undefined {
  const flags = Number.parseInt(text.charAt(at + 5), 36);
  const firstSeen = Number.parseInt(text.slice(at + 6, at + 12), 36);
  if (!Number.isFinite(flags) || !Number.isFinite(firstSeen)) return undefined;
  const raw = text.slice(at, at + 5);
  // Months before 2015 have 4-digit numbers, stored with one leading zero.
  const number = Number(month.slice(0, 2)) < 15 ? raw.slice(1) : raw;
  return {
    id: `${month}.${number}`,
    read: (flags & 1) !== 0,
    seen: (flags & 2) !== 0,
    saved: (flags & 4) !== 0,
    hasSummary: (flags & 8) !== 0,
    ...((flags & 16) !== 0 ? { dismissed: true } : {}),
    firstSeenAt: firstSeen * MINUTE,
    fingerprint: text.slice(at + 12, at + 16),
  };
}

/** A month's value from its entries (any order; a later duplicate wins). */
export function encodeMonth(entries: readonly IndexEntry[]): string {
  const byNumber = new Map<string, string>();
  for (const entry of entries) byNumber.set(numberOf(entry.id) ?? '', encodeEntry(entry));
  byNumber.delete('');
  return [...byNumber.keys()]
    .sort()
    .map((key) => byNumber.get(key))
    .join('');
}

/** Position of the entry of `number` in a month's value, or where it would go (negative: `-(at) - 1`). */
function search(text: string, number: string): number {
  let low = 0;
  let high = Math.floor(text.length / ENTRY_WIDTH) - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const key = text.slice(middle * ENTRY_WIDTH, middle * ENTRY_WIDTH + 5);
    if (key < number) low = middle + 1;
    else if (key > number) high = middle - 1;
    else return middle;
  }
  return -low - 1;
}

/** Looks `id` up in its month's value, in place: a binary search over the fixed-width entries. */
export function lookupEntry(text: string, id: string): IndexEntry | undefined {
  const month = indexMonthOf(id);
  const number = numberOf(id);
  if (month === undefined || number === undefined || text.length % ENTRY_WIDTH !== 0) return undefined;
  const at = search(text, number);
  return at < 0 ? undefined : decodeAt(text, at * ENTRY_WIDTH, month);
}

/** Every entry of a month's value (for tests and rebuilding checks). */
export function decodeMonth(text: string, month: string): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (let at = 0; at + ENTRY_WIDTH <= text.length; at += ENTRY_WIDTH) {
    const entry = decodeAt(text, at, month);
    if (entry) entries.push(entry);
  }
  return entries;
}

/**
 * A month's value with `entries` put in (replacing those of the same ids) and `removed` ids taken out, in
 * one merge over the value: its entries are copied, never decoded.
 */
export function patchMonth(
  text: string,
  entries: readonly IndexEntry[],
  removed: readonly string[] = [],
): string {
  const source = isMonthValue(text) ? text : '';
  const incoming = new Map<string, string>();
  for (const entry of entries) {
    const number = numberOf(entry.id);
    if (number !== undefined) incoming.set(number, encodeEntry(entry));
  }
  const gone = new Set(removed.flatMap((id) => numberOf(id) ?? []));
  const numbers = [...incoming.keys()].sort();
  const out: string[] = [];
  let next = 0;
  for (let at = 0; at < source.length; at += ENTRY_WIDTH) {
    const key = source.slice(at, at + 5);
    while (next < numbers.length && (numbers[next] as string) < key)
      out.push(incoming.get(numbers[next++] as string) as string);
    if (next < numbers.length && numbers[next] === key) {
      out.push(incoming.get(numbers[next++] as string) as string);
      continue;
    }
    if (!gone.has(key)) out.push(source.slice(at, at + ENTRY_WIDTH));
  }
  while (next < numbers.length) out.push(incoming.get(numbers[next++] as string) as string);
  return out.join('');
}

/**
 * A short fingerprint of a reading of a paper: every field the store keeps from it but the abstract (which
 * does not change; {@link IndexEntry.hasSummary} says whether the store has it). The index keeps the
 * fingerprint of the last reading the store took; a page whose reading has the same one has nothing to
 * teach the store (merging a reading again changes nothing), so it sends only the id's visit, not the record.
 */
export function recordFingerprint(record: PaperRecord): string {
  const text = [
    record.title,
    record.authors.join('\u0002'),
    record.authorCount ?? '',
    record.publishedAt ?? '',
    record.submittedAt ?? '',
    record.upvotes ?? '',
    record.numComments ?? '',
    record.githubRepo ?? '',
    record.githubStars ?? '',
    record.projectPage ?? '',
    record.codeLinks.join(' '),
    record.thumbnail ?? '',
    record.organization ?? '',
    record.submittedBy ?? '',
    record.keywords.join('\u0002'),
    record.aiSummary ?? '',
  ].join('\u0001');
  // FNV-1a, 32 bits, kept to 4 base-36 digits (1.7 million values): a changed reading goes unnoticed
  // once in that many changes, until the next change.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) % 36 ** 4).toString(36).padStart(4, '0');
}

/** A page row from its stored visits. */
export function pageRowOf(key: string, stored: IndexPages[string] | undefined): PageRow | undefined {
  if (!Array.isArray(stored) || typeof stored[0] !== 'number' || typeof stored[1] !== 'number')
    return undefined;
  const row: PageRow = { key, visitStartedAt: stored[0], lastVisitAt: stored[1] };
  if (typeof stored[2] === 'number') row.previousVisitAt = stored[2];
  return row;
}

/** A page row's stored visits. */
export function storedVisits(row: PageRow): IndexPages[string] {
  return row.previousVisitAt === undefined
    ? [row.visitStartedAt, row.lastVisitAt]
    : [row.visitStartedAt, row.lastVisitAt, row.previousVisitAt];
}

/** The reading state an entry stands for. */
export function entryState(entry: Pick<IndexEntry, 'read' | 'seen'>): ReadingState {
  return entry.read ? 'read' : entry.seen ? 'seen' : 'new';
}

/** A stored paper's entry. */
export function entryOf(row: StoredPaper): IndexEntry {
  return {
    id: row.id,
    read: row.state === 'read',
    seen: row.state !== 'new',
    saved: row.savedAt !== undefined,
    ...(row.dismissedAt !== undefined ? { dismissed: true } : {}),
    hasSummary: row.summary !== undefined && row.summary !== '',
    firstSeenAt: row.firstSeenAt,
    fingerprint: recordFingerprint(row),
  };
}

/** Whether `value` is an index description of the current {@link INDEX_VERSION}. */
export function isCurrentIndex(value: unknown): value is IndexMeta {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as IndexMeta).version === INDEX_VERSION &&
    typeof (value as IndexMeta).builtAt === 'number' &&
    Array.isArray((value as IndexMeta).months)
  );
}

/** Whether `value` can be a month's value: a string of whole entries. */
export function isMonthValue(value: unknown): value is string {
  return typeof value === 'string' && value.length % ENTRY_WIDTH === 0;
}

/** Keeps the {@link INDEX_PAGES_MAX} most recently visited pages. */
export function prunePages(pages: IndexPages): IndexPages {
  const keys = Object.keys(pages);
  if (keys.length <= INDEX_PAGES_MAX) return pages;
  const kept = keys.sort((a, b) => (pages[b]?.[1] ?? 0) - (pages[a]?.[1] ?? 0)).slice(0, INDEX_PAGES_MAX);
  const out: IndexPages = {};
  for (const key of kept) out[key] = pages[key] as IndexPages[string];
  return out;
}

/**
 * What a page sends the store of its papers' readings, given the index: a paper the store does not know,
 * whole; a reading that differs from the last the store took, without the abstract when the store has
 * it; an abstract the store lacks; nothing else (marking needs ids only, and the page's visit is recorded
 * without records).
 */
export function recordsToSend(
  records: readonly PaperRecord[],
  entryOf: (id: string) => IndexEntry | undefined,
): PaperRecord[] {
  const out: PaperRecord[] = [];
  for (const record of records) {
    const entry = entryOf(record.id);
    const lacksSummary = entry !== undefined && !entry.hasSummary && record.summary !== undefined;
    if (entry === undefined || lacksSummary) out.push(record);
    else if (entry.fingerprint !== recordFingerprint(record)) {
      const { summary: _known, ...rest } = record;
      out.push(rest);
    }
  }
  return out;
}
