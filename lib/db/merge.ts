/**
 * Pure merge rules: how a new reading of a page updates a stored paper, how two stored copies of a
 * paper (the database's and a backup's) become one, and how a row becomes a {@link PaperState}.
 */

import { LIMITS } from '../model/limits';
import {
  type PaperRecord,
  type PaperState,
  paperState,
  type ReadingState,
  type StoredPaper,
  samePaperState,
} from '../model/paper';
import { isNewOnPage } from '../model/visits';
import type { PageRow } from './schema';

const OPTIONAL_SCALARS = [
  'summary',
  'authorCount',
  'publishedAt',
  'submittedAt',
  'upvotes',
  'numComments',
  'githubRepo',
  'githubStars',
  'projectPage',
  'thumbnail',
  'organization',
  'submittedBy',
  'aiSummary',
] as const satisfies readonly (keyof PaperRecord)[];

/** The {@link PaperRecord} fields, in a stable order. */
export const RECORD_FIELDS = [
  'id',
  'title',
  'authors',
  'codeLinks',
  'keywords',
  'arxivUrl',
  'pdfUrl',
  ...OPTIONAL_SCALARS,
] as const satisfies readonly (keyof PaperRecord)[];

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** Union of two lists keeping the order of `first`, then the new items of `second`; at most `max`. */
export function unionInOrder(
  first: readonly string[],
  second: readonly string[],
  max: number,
  fold: (s: string) => string = (s) => s,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const item of [...first, ...second]) {
    const key = fold(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
    if (out.length >= max) break;
  }
  return out;
}

const lower = (s: string) => s.toLowerCase();

/**
 * Merges a fresh reading of a paper into an earlier one.
 *
 * - Scalars: the fresh value when the fresh reading has one, else the earlier value. A poorer later
 *   reading never erases a field (e.g. `githubRepo` stays when the new card lacks it).
 * - `title`, `arxivUrl`, `pdfUrl`: the fresh value unless it is empty.
 * - `authors`: the longer list (the fresh one on a tie).
 * - `codeLinks`: union, earlier order first then new links, with the merged `githubRepo` moved to the
 *   front when present; at most {@link LIMITS}.codeLinks. Stable when readings alternate.
 * - `keywords`: union, case-insensitive, earlier order first; at most {@link LIMITS}.keywords.
 *
 * Returns a new object holding only the {@link PaperRecord} fields, without `undefined` values.
 */
export function mergeRecord(earlier: PaperRecord | undefined, fresh: PaperRecord): PaperRecord {
  if (earlier === undefined) return pickRecord(fresh);
  const out: PaperRecord = {
    id: fresh.id,
    title: isPresent(fresh.title) ? fresh.title : earlier.title,
    authors: fresh.authors.length >= earlier.authors.length ? [...fresh.authors] : [...earlier.authors],
    codeLinks: [],
    keywords: unionInOrder(earlier.keywords, fresh.keywords, LIMITS.keywords, lower),
    arxivUrl: isPresent(fresh.arxivUrl) ? fresh.arxivUrl : earlier.arxivUrl,
    pdfUrl: isPresent(fresh.pdfUrl) ? fresh.pdfUrl : earlier.pdfUrl,
  };
  const target = out as unknown as Record<string, unknown>;
  for (const field of OPTIONAL_SCALARS) {
    const value = isPresent(fresh[field]) ? fresh[field] : earlier[field];
    if (isPresent(value)) target[field] = value;
  }
  out.codeLinks = leadWith(
    out.githubRepo,
    unionInOrder(earlier.codeLinks, fresh.codeLinks, LIMITS.codeLinks),
  );
  return out;
}

function leadWith(first: string | undefined, list: string[]): string[] {
  if (first === undefined) return list;
  const at = list.indexOf(first);
  if (at <= 0) return list;
  return [first, ...list.slice(0, at), ...list.slice(at + 1)];
}

/** Copies the {@link PaperRecord} fields of `value`, dropping everything else and `undefined`s. */
export function pickRecord(value: PaperRecord): PaperRecord {
  const out: Record<string, unknown> = {};
  const source = value as unknown as Record<string, unknown>;
  for (const field of RECORD_FIELDS) {
    const v = source[field];
    if (v === undefined || v === null) continue;
    out[field] = Array.isArray(v) ? [...v] : v;
  }
  return out as unknown as PaperRecord;
}

const STATE_RANK: Record<ReadingState, number> = { new: 0, seen: 1, read: 2 };

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

/**
 * Merges two stored copies of one paper (the database's and an imported one). The rule:
 *
 * - The copy with the larger `updatedAt` is the newer one (the database's copy on a tie).
 * - Page-read fields: {@link mergeRecord} with the newer copy as the fresh reading, so the newer
 *   value wins per field and nothing either copy found is lost.
 * - `state`: the furthest along of the two (`read` > `seen` > `new`): read if either is read;
 *   `readAt` is the later of the two `readAt`s.
 * - saved if either copy is saved; `savedAt` is the later of the two `savedAt`s. Watched by the reader's
 *   choice likewise: if either copy is, with the later `watchedAt`.
 * - `tags`: union, the newer copy's tags first, case-insensitive, at most {@link LIMITS}.tags.
 * - `note`: the newer copy's note when it has one, else the older copy's.
 * - dismissed ("not interested") if either copy is; `dismissedAt` is the later of the two.
 * - `firstSeenAt`: the earlier; `lastSeenAt` and `updatedAt`: the later.
 */
export function mergeStoredPapers(current: StoredPaper, incoming: StoredPaper): StoredPaper {
  const incomingIsNewer = incoming.updatedAt > current.updatedAt;
  const newer = incomingIsNewer ? incoming : current;
  const older = incomingIsNewer ? current : incoming;
  const state = STATE_RANK[newer.state] >= STATE_RANK[older.state] ? newer.state : older.state;
  const out: StoredPaper = {
    ...mergeRecord(older, newer),
    state,
    firstSeenAt: Math.min(current.firstSeenAt, incoming.firstSeenAt),
    lastSeenAt: Math.max(current.lastSeenAt, incoming.lastSeenAt),
    tags: unionInOrder(newer.tags, older.tags, LIMITS.tags, lower),
    updatedAt: Math.max(current.updatedAt, incoming.updatedAt),
  };
  if (state === 'read') {
    const readAt = maxDefined(
      newer.state === 'read' ? newer.readAt : undefined,
      older.state === 'read' ? older.readAt : undefined,
    );
    out.readAt = readAt ?? out.updatedAt;
  }
  const savedAt = maxDefined(current.savedAt, incoming.savedAt);
  if (savedAt !== undefined) out.savedAt = savedAt;
  const watchedAt = maxDefined(current.watchedAt, incoming.watchedAt);
  if (watchedAt !== undefined) out.watchedAt = watchedAt;
  const note = newer.note ?? older.note;
  if (note !== undefined) out.note = note;
  const dismissedAt = maxDefined(current.dismissedAt, incoming.dismissedAt);
  if (dismissedAt !== undefined) out.dismissedAt = dismissedAt;
  const linked = newer.linked ?? older.linked;
  if (linked !== undefined) out.linked = linked;
  return out;
}

/**
 * What the overlay needs from a row. `isNew` is set only when `page` (the list being shown) is given;
 * the link fields only when the row has them.
 */
export function toPaperState(row: StoredPaper, page?: PageRow): PaperState {
  const state = paperState(row, row.savedAt !== undefined);
  if (page !== undefined) state.isNew = isNewOnPage(row, page);
  return state;
}

/** Whether two states differ in anything a card shows (ignoring `isNew`, which depends on the list). */
export function stateChanged(a: PaperState | undefined, b: PaperState): boolean {
  return a === undefined || !samePaperState(a, b);
}

/** The fields {@link sameStoredPaper} ignores: they record when, not what. */
const OBSERVATION_TIMES: ReadonlySet<string> = new Set(['lastSeenAt', 'updatedAt']);

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  return false;
}

/**
 * Whether two stored rows hold the same data, ignoring `lastSeenAt` and `updatedAt`. Every own field
 * of either row counts (a field set to `undefined` counts as absent); arrays are compared item by
 * item, in order. Any other object counts as different, so a doubtful case is rewritten, not skipped.
 */
export function sameStoredPaper(a: StoredPaper, b: StoredPaper): boolean {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  for (const key of Object.keys(x)) {
    if (!OBSERVATION_TIMES.has(key) && !sameValue(x[key], y[key])) return false;
  }
  for (const key of Object.keys(y)) {
    if (!OBSERVATION_TIMES.has(key) && !Object.hasOwn(x, key) && y[key] !== undefined) return false;
  }
  return true;
}
