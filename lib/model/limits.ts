/**
 * Bounds on everything the store keeps. The message validator, the backup importer and the merge
 * code share them, so a row the store wrote always passes the importer (a backup always re-imports).
 */
import { UserError } from './user-error';

/** Numeric bounds, in characters for strings and items for arrays. */
export const LIMITS = {
  title: 2_000,
  summary: 20_000,
  author: 300,
  authors: 5_000,
  authorCount: 1_000_000,
  /** Upvotes, comments, stars. */
  count: 1_000_000_000,
  isoDate: 64,
  url: 2_048,
  codeLinks: 50,
  keyword: 100,
  keywords: 100,
  organization: 300,
  submittedBy: 100,
  aiSummary: 2_000,
  tag: 64,
  tags: 50,
  note: 10_000,
  /** Papers in one `observePapers` request. */
  observePapers: 5_000,
  /** Ids in one `getStates` / `markSeen` request. */
  ids: 5_000,
  pageKey: 500,
  pageUrl: 4_096,
  backupPapers: 200_000,
  backupPages: 100_000,
  /** Largest timestamp accepted (year 3000). */
  timestamp: 32_503_680_000_000,
} as const;

/**
 * Normalizes the tags a user typed: trims them, collapses inner whitespace, drops empty ones and
 * duplicates (case-insensitively; the first spelling wins), keeping the order.
 *
 * @throws {UserError} when a tag is longer than {@link LIMITS}.tag or more than {@link LIMITS}.tags remain.
 */
export function normalizeTags(tags: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of tags) {
    const tag = raw.trim().replace(/\s+/g, ' ');
    if (tag === '') continue;
    if (tag.length > LIMITS.tag) {
      throw new UserError(
        `The tag "${tag.slice(0, 24)}…" is too long: a tag has at most ${LIMITS.tag} characters.`,
      );
    }
    const folded = tag.toLowerCase();
    if (seen.has(folded)) continue;
    seen.add(folded);
    out.push(tag);
  }
  if (out.length > LIMITS.tags) {
    throw new UserError(`A paper can have at most ${LIMITS.tags} tags (this list has ${out.length}).`);
  }
  return out;
}

/**
 * Checks a note. Returns `undefined` for a blank note (the note is removed), the note otherwise.
 *
 * @throws {UserError} when the note is longer than {@link LIMITS}.note characters.
 */
export function normalizeNote(note: string): string | undefined {
  if (note.length > LIMITS.note) {
    throw new UserError(
      `A note can be at most ${LIMITS.note.toLocaleString('en-US')} characters (this one has ${note.length.toLocaleString('en-US')}).`,
    );
  }
  return note.trim() === '' ? undefined : note;
}

/**
 * The longest backup text the importer reads: 40 million characters. Chromium refuses messages over 64 MiB
 * once serialized, so a larger file could not even reach the background.
 */
export const MAX_BACKUP_CHARS = 40_000_000;

/** The exact refusal of a backup over {@link MAX_BACKUP_CHARS} (`size` in characters or bytes). */
export function backupTooLargeMessage(size: number): string {
  const mb = (size / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 });
  return `This backup file is too large to import (${mb} MB; at most ${MAX_BACKUP_CHARS / 1_000_000} MB); nothing was imported.`;
}
