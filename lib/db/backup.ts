/**
 * Backups: export the whole reading list as one JSON object, and import one back after validating it
 * completely with valibot. A refused file changes nothing and gets one readable sentence.
 */
import * as v from 'valibot';
import { backupTooLargeMessage, LIMITS, MAX_BACKUP_CHARS } from '../model/limits';
import type { StoredPaper } from '../model/paper';
import { countSchema, describeIssues, paperRecordEntries, textSchema } from '../model/schemas';
import { mergeStoredPapers, pickRecord, unionInOrder } from './merge';
import { getDb, type PageRow, SCANNED_KEY } from './schema';

/** The `format` field of every backup. */
export const BACKUP_FORMAT = 'daily-papers-companion-backup';
/** The backup format this version writes (and the newest it reads). */
export const BACKUP_VERSION = 1;

/** A backup file, format version 1. */
export interface BackupV1 {
  format: typeof BACKUP_FORMAT;
  version: 1;
  /** ISO 8601 time of the export. */
  exportedAt: string;
  papers: StoredPaper[];
  pages: PageRow[];
}

/** The importer's size bound, defined with the shared limits (lib/model/limits.ts). */
export { MAX_BACKUP_CHARS };

/** Keys refused anywhere in a backup: they serve prototype-pollution attacks and nothing else. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The exact refusal messages. */
export const BACKUP_MESSAGES = {
  notABackup: 'This file is not a Daily Papers Companion backup.',
  tooLarge: backupTooLargeMessage,
  incomplete: 'This backup file is incomplete (it was cut off); nothing was imported. Export it again.',
  newer: (version: number) =>
    `This backup was made by a newer version (format ${version}); update the extension to import it.`,
  forbiddenKey: (key: string) => `This backup contains the forbidden key "${key}"; nothing was imported.`,
  damaged: (detail: string) => `This backup is damaged or was edited (${detail}); nothing was imported.`,
  badMode: 'The import mode must be "merge" or "replace".',
} as const;

/** How an import combines the backup with the reading list: see {@link applyBackup}. */
export type ImportMode = 'merge' | 'replace';

/** The outcome of {@link importBackup}: counts imported, or a refusal (the database is unchanged). */
export type ImportResult = ({ ok: true } & AppliedBackup) | { ok: false; error: string };

/** What {@link applyBackup} did. */
export interface AppliedBackup {
  /** Papers and visits imported. */
  papers: number;
  pages: number;
  /**
   * After a `replace`, everything the store now holds, as written (the state index is rebuilt from it
   * without reading the store back).
   */
  replacedWith?: { papers: StoredPaper[]; pages: PageRow[] };
}

const timestamp = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(LIMITS.timestamp, 'must be a plausible time'),
);

const TagSchema = v.pipe(textSchema(LIMITS.tag), v.minLength(1, 'must not be empty'));

/** One stored paper in a backup. */
export const StoredPaperSchema = v.pipe(
  v.object(
    {
      ...paperRecordEntries,
      state: v.picklist(['new', 'seen', 'read'], 'must be new, seen or read'),
      firstSeenAt: timestamp,
      lastSeenAt: timestamp,
      readAt: v.optional(timestamp),
      savedAt: v.optional(timestamp),
      tags: v.pipe(
        v.array(TagSchema, 'must be a list'),
        v.maxLength(LIMITS.tags, `must hold at most ${LIMITS.tags} tags`),
      ),
      note: v.optional(textSchema(LIMITS.note)),
      dismissedAt: v.optional(timestamp),
      watchedAt: v.optional(timestamp),
      linked: v.optional(
        v.object({
          models: v.optional(countSchema(LIMITS.count)),
          datasets: v.optional(countSchema(LIMITS.count)),
          spaces: v.optional(countSchema(LIMITS.count)),
        }),
      ),
      updatedAt: timestamp,
    },
    'must be a paper',
  ),
  v.check(
    (p) => (p.state === 'read') === (p.readAt !== undefined),
    'readAt must be present exactly when read',
  ),
);

/** One page visit row in a backup. */
export const PageRowSchema = v.object(
  {
    key: v.pipe(textSchema(LIMITS.pageKey), v.minLength(1, 'must not be empty')),
    visitStartedAt: timestamp,
    lastVisitAt: timestamp,
    previousVisitAt: v.optional(timestamp),
  },
  'must be a page visit',
);

/** A whole backup, format version 1. */
export const BackupSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: textSchema(64),
  papers: v.pipe(
    v.array(StoredPaperSchema, 'must be a list'),
    v.maxLength(
      LIMITS.backupPapers,
      `must hold at most ${LIMITS.backupPapers.toLocaleString('en-US')} papers`,
    ),
  ),
  pages: v.pipe(
    v.array(PageRowSchema, 'must be a list'),
    v.maxLength(LIMITS.backupPages, `must hold at most ${LIMITS.backupPages.toLocaleString('en-US')} pages`),
  ),
});

/**
 * Exports the reading list (papers and page visits, read in one transaction). The enrichment queue is
 * not part of a backup.
 */
export async function exportBackup(now: number = Date.now()): Promise<BackupV1> {
  const db = getDb();
  return db.transaction('r', db.papers, db.pages, async () => {
    const [papers, pages] = await Promise.all([db.papers.toArray(), db.pages.toArray()]);
    return {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: new Date(now).toISOString(),
      papers,
      pages,
    };
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The first forbidden key anywhere in `value` (walked iteratively: no recursion limit, cycles are fine). */
export function findForbiddenKey(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  const visited = new Set<object>();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || visited.has(node)) continue;
    visited.add(node);
    if (Array.isArray(node)) {
      for (const item of node) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return undefined;
}

/** The result of {@link parseBackup}. */
export type ParsedBackup = { ok: true; backup: BackupV1 } | { ok: false; error: string };

/**
 * Validates a backup without touching the database; never throws. `input` is the file's text or
 * its parsed JSON. Refusals, in the order they are checked:
 *
 * 0. text longer than {@link MAX_BACKUP_CHARS} → `tooLarge` (before parsing it);
 * 1. not JSON, not an object, no `format: 'daily-papers-companion-backup'` → `notABackup`
 *    (text that names the format but does not parse → `incomplete`);
 * 2. `version` above {@link BACKUP_VERSION} → `newer`; any other version → `damaged`;
 * 3. a key `__proto__`, `constructor` or `prototype` anywhere → `forbiddenKey`;
 * 4. anything the {@link BackupSchema} rejects (bounds, arXiv ids, https links, canonical GitHub
 *    repositories, timestamps, too many papers), or the same paper or page twice → `damaged`, naming
 *    the first problem.
 */
export function parseBackup(input: unknown): ParsedBackup {
  let value: unknown = input;
  if (typeof input === 'string') {
    if (input.length > MAX_BACKUP_CHARS) return { ok: false, error: BACKUP_MESSAGES.tooLarge(input.length) };
    try {
      value = JSON.parse(input);
    } catch {
      const looksLikeOurs = input.trimStart().startsWith('{') && input.includes(BACKUP_FORMAT);
      return { ok: false, error: looksLikeOurs ? BACKUP_MESSAGES.incomplete : BACKUP_MESSAGES.notABackup };
    }
  }
  if (!isPlainObject(value) || value.format !== BACKUP_FORMAT)
    return { ok: false, error: BACKUP_MESSAGES.notABackup };
  const version = value.version;
  if (typeof version === 'number' && Number.isSafeInteger(version) && version > BACKUP_VERSION) {
    return { ok: false, error: BACKUP_MESSAGES.newer(version) };
  }
  if (version !== BACKUP_VERSION) {
    return { ok: false, error: BACKUP_MESSAGES.damaged('version: must be a format number') };
  }
  const forbidden = findForbiddenKey(value);
  if (forbidden !== undefined) return { ok: false, error: BACKUP_MESSAGES.forbiddenKey(forbidden) };
  // Refuse oversized lists before validating their items one by one.
  for (const [field, max] of [
    ['papers', LIMITS.backupPapers],
    ['pages', LIMITS.backupPages],
  ] as const) {
    const list = value[field];
    if (Array.isArray(list) && list.length > max) {
      return {
        ok: false,
        error: BACKUP_MESSAGES.damaged(`${field}: must hold at most ${max.toLocaleString('en-US')} ${field}`),
      };
    }
  }
  const result = v.safeParse(BackupSchema, value);
  if (!result.success) {
    return { ok: false, error: BACKUP_MESSAGES.damaged(describeIssues(result.issues)) };
  }
  const ids = new Set<string>();
  for (const paper of result.output.papers) {
    if (ids.has(paper.id))
      return { ok: false, error: BACKUP_MESSAGES.damaged(`paper ${paper.id} appears twice`) };
    ids.add(paper.id);
  }
  const keys = new Set<string>();
  for (const page of result.output.pages) {
    if (keys.has(page.key))
      return { ok: false, error: BACKUP_MESSAGES.damaged(`page ${page.key} appears twice`) };
    keys.add(page.key);
  }
  return {
    ok: true,
    backup: {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      exportedAt: result.output.exportedAt,
      papers: result.output.papers.map(cleanPaper),
      pages: result.output.pages.map(cleanPage),
    },
  };
}

/** A validated paper as the store writes it: no `undefined` fields, tags deduplicated. */
function cleanPaper(p: StoredPaper): StoredPaper {
  const out: StoredPaper = {
    ...pickRecord(p),
    state: p.state,
    firstSeenAt: p.firstSeenAt,
    lastSeenAt: p.lastSeenAt,
    tags: unionInOrder(p.tags, [], LIMITS.tags, (t) => t.toLowerCase()),
    updatedAt: p.updatedAt,
  };
  if (p.readAt !== undefined) out.readAt = p.readAt;
  if (p.savedAt !== undefined) out.savedAt = p.savedAt;
  if (p.note !== undefined) out.note = p.note;
  if (p.dismissedAt !== undefined) out.dismissedAt = p.dismissedAt;
  if (p.watchedAt !== undefined) out.watchedAt = p.watchedAt;
  if (p.linked !== undefined) out.linked = { ...p.linked };
  return out;
}

function cleanPage(p: PageRow): PageRow {
  const out: PageRow = { key: p.key, visitStartedAt: p.visitStartedAt, lastVisitAt: p.lastVisitAt };
  if (p.previousVisitAt !== undefined) out.previousVisitAt = p.previousVisitAt;
  return out;
}

/**
 * Writes a validated backup in ONE read-write transaction (all or nothing).
 *
 * - `replace`: erases papers, page visits and the enrichment queue, then writes the backup's rows.
 * - `merge`: each paper present on both sides becomes `mergeStoredPapers(current, imported)`: per
 *   page-read field the copy with the later `updatedAt` wins and nothing either side found is lost;
 *   read if either is read (later `readAt`); saved if either is saved (later `savedAt`), and watched likewise (later `watchedAt`); tags united;
 *   the newer copy's note unless it has none; earliest `firstSeenAt`, latest `lastSeenAt`/`updatedAt`.
 *   A page visit row present on both sides: the one with the later `lastVisitAt` wins whole.
 *   Other rows are added.
 *
 * Imported papers are not queued for enrichment. With sync on, what the import changed reaches the other
 * devices: in `replace` mode that includes removing what the backup does not have. Returns the numbers of papers and pages in the backup.
 */
export async function applyBackup(backup: BackupV1, mode: ImportMode): Promise<AppliedBackup> {
  const db = getDb();
  return db.transaction('rw', [db.papers, db.pages, db.enrichment, db.meta], async () => {
    // The next sync pass compares every row (imported rows keep their old `updatedAt`).
    await db.meta.delete(SCANNED_KEY);
    if (mode === 'replace') {
      await Promise.all([db.papers.clear(), db.pages.clear(), db.enrichment.clear()]);
      await db.papers.bulkPut(backup.papers);
      await db.pages.bulkPut(backup.pages);
    } else {
      const [papers, pages] = await Promise.all([
        db.papers.bulkGet(backup.papers.map((p) => p.id)),
        db.pages.bulkGet(backup.pages.map((p) => p.key)),
      ]);
      await db.papers.bulkPut(
        backup.papers.map((incoming, i) => {
          const current = papers[i];
          return current === undefined ? incoming : mergeStoredPapers(current, incoming);
        }),
      );
      await db.pages.bulkPut(
        backup.pages.map((incoming, i) => {
          const current = pages[i];
          return current !== undefined && current.lastVisitAt > incoming.lastVisitAt ? current : incoming;
        }),
      );
    }
    const counts = { papers: backup.papers.length, pages: backup.pages.length };
    return mode === 'replace'
      ? { ...counts, replacedWith: { papers: backup.papers, pages: backup.pages } }
      : counts;
  });
}

/**
 * Validates and applies a backup ({@link parseBackup}, then {@link applyBackup}). Invalid input never
 * throws: it is refused with a message and the database stays as it was. Only a storage failure
 * rejects, and then the transaction is rolled back.
 */
export async function importBackup(input: unknown, mode: ImportMode): Promise<ImportResult> {
  if (mode !== 'merge' && mode !== 'replace') return { ok: false, error: BACKUP_MESSAGES.badMode };
  const parsed = parseBackup(input);
  if (!parsed.ok) return parsed;
  return { ok: true, ...(await applyBackup(parsed.backup, mode)) };
}
