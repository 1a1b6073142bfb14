/**
 * The enrichment queue: which saved papers still need code links, when to try them next, and how a
 * fetch outcome is written back. Each step is one read-write transaction.
 */
import Dexie from 'dexie';
import { LIMITS } from '../model/limits';
import type { PaperState, StoredPaper } from '../model/paper';
import type { FetchOutcome, PaperInfo } from '../site/hf-api';
import { toPaperState, unionInOrder } from './merge';
import { takeRequestSlot } from './rate-limit';
import { type EnrichmentRow, getDb } from './schema';

/** First retry delay (1 minute); each failure doubles it. */
export const BACKOFF_BASE_MS = 60_000;
/** Longest retry delay (6 hours). */
export const BACKOFF_MAX_MS = 6 * 60 * 60_000;
/** After this many failed requests (about three days of retries) the entry is marked `failed`. */
export const MAX_ATTEMPTS = 20;
/** A claimed entry is not claimed again for this long, so a worker stopped mid-request is retried later. */
export const LEASE_MS = 2 * 60_000;

/** Delay before the next attempt after `attempts` failed ones: 1 min, 2, 4, 8 … capped at 6 h. */
export function backoffMs(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return exponent >= 30 ? BACKOFF_MAX_MS : Math.min(BACKOFF_BASE_MS * 2 ** exponent, BACKOFF_MAX_MS);
}

/**
 * Whether a paper should be (still) queued: saved, with neither a repository nor a project page; or
 * known only through sync (no title yet) and shown in lists (saved, tagged or with a note).
 */
export function needsEnrichment(paper: StoredPaper | undefined): boolean {
  if (paper === undefined) return false;
  if (paper.savedAt !== undefined && !paper.githubRepo && !paper.projectPage) return true;
  return (
    paper.title === '' && (paper.savedAt !== undefined || paper.tags.length > 0 || paper.note !== undefined)
  );
}

/** The outcome of {@link claimNext}. */
export type Claim =
  | { kind: 'idle' }
  | { kind: 'skipped'; id: string }
  | { kind: 'throttled'; retryAt: number }
  | { kind: 'claimed'; id: string; attempts: number };

/**
 * Picks the first due `pending` entry at `now`. Entries whose paper no longer needs enrichment are
 * settled without a request (`skipped`). Otherwise takes a request slot (`throttled` when none is
 * free) and leases the entry: `attempts + 1`, not due again for {@link LEASE_MS}.
 */
export async function claimNext(now: number): Promise<Claim> {
  const db = getDb();
  return db.transaction('rw', db.enrichment, db.papers, db.meta, async (): Promise<Claim> => {
    const entry = await db.enrichment
      .where('[status+nextAttemptAt]')
      .between(['pending', Dexie.minKey], ['pending', now], true, true)
      .first();
    if (entry === undefined) return { kind: 'idle' };
    const paper = await db.papers.get(entry.id);
    if (!needsEnrichment(paper)) {
      if (paper?.savedAt === undefined) await db.enrichment.delete(entry.id);
      else await db.enrichment.put({ ...entry, status: 'done', updatedAt: now });
      return { kind: 'skipped', id: entry.id };
    }
    const slot = await takeRequestSlot(now);
    if (!slot.ok) return { kind: 'throttled', retryAt: slot.retryAt };
    const attempts = entry.attempts + 1;
    await db.enrichment.put({ ...entry, attempts, nextAttemptAt: now + LEASE_MS, updatedAt: now });
    return { kind: 'claimed', id: entry.id, attempts };
  });
}

/**
 * Merges what the API said into a row without erasing anything: `title`, `authors`, `summary`,
 * `publishedAt`, `githubRepo`, `projectPage` and `aiSummary` only fill gaps, `githubStars` and the `linked` counts take the fresh
 * values, keywords are united, and the
 * repository joins `codeLinks` in front. Returns the row unchanged (same object) when nothing is new.
 */
export function applyInfo(row: StoredPaper, info: PaperInfo, now: number): StoredPaper {
  const next: StoredPaper = { ...row };
  // A paper known only through sync has no page fields yet: the API fills them, never overwrites them.
  if (info.title && row.title === '') next.title = info.title;
  if (info.authors && row.authors.length === 0) next.authors = info.authors;
  if (info.summary && !row.summary) next.summary = info.summary;
  if (info.publishedAt && !row.publishedAt) next.publishedAt = info.publishedAt;
  if (info.githubRepo && !row.githubRepo) next.githubRepo = info.githubRepo;
  if (info.githubStars !== undefined) next.githubStars = info.githubStars;
  if (info.projectPage && !row.projectPage) next.projectPage = info.projectPage;
  if (info.aiSummary && !row.aiSummary) next.aiSummary = info.aiSummary;
  if (info.linked) next.linked = { ...row.linked, ...info.linked };
  if (info.keywords) {
    next.keywords = unionInOrder(row.keywords, info.keywords, LIMITS.keywords, (k) => k.toLowerCase());
  }
  if (next.githubRepo) {
    next.codeLinks = unionInOrder([next.githubRepo], row.codeLinks, LIMITS.codeLinks);
  }
  const changed = (Object.keys(next) as (keyof StoredPaper)[]).some(
    (k) => JSON.stringify(next[k]) !== JSON.stringify(row[k]),
  );
  if (!changed) return row;
  next.updatedAt = now;
  return next;
}

/**
 * Writes the outcome of a request, in one transaction over `enrichment` and `papers`:
 *
 * - `found`: the info is merged into the paper ({@link applyInfo}); the entry is `done`;
 * - `not-found`: the entry is `done` with nothing (404 is final, never retried);
 * - `retry`: the entry waits {@link backoffMs} (or the server's `Retry-After`, if longer) and records
 *   the error; after {@link MAX_ATTEMPTS} it becomes `failed`.
 *
 * Returns the paper's new state when the paper changed (for the change feed).
 */
export async function recordOutcome(
  id: string,
  outcome: FetchOutcome,
  now: number,
): Promise<PaperState | undefined> {
  const db = getDb();
  return db.transaction('rw', db.enrichment, db.papers, async () => {
    const entry = await db.enrichment.get(id);
    let changed: PaperState | undefined;
    if (outcome.kind === 'found') {
      const paper = await db.papers.get(id);
      if (paper !== undefined) {
        const next = applyInfo(paper, outcome.info, now);
        if (next !== paper) {
          await db.papers.put(next);
          changed = toPaperState(next);
        }
      }
    }
    if (entry === undefined) return changed; // unsaved or erased meanwhile
    const update: EnrichmentRow = { ...entry, updatedAt: now };
    delete update.lastError;
    if (outcome.kind === 'found') {
      update.status = 'done';
    } else if (outcome.kind === 'not-found') {
      update.status = 'done';
      update.lastError = 'huggingface.co does not know this paper (404)';
    } else if (entry.attempts >= MAX_ATTEMPTS) {
      update.status = 'failed';
      update.lastError = outcome.error;
    } else {
      update.lastError = outcome.error;
      update.nextAttemptAt = now + Math.max(backoffMs(entry.attempts), outcome.retryAfterMs ?? 0);
    }
    await db.enrichment.put(update);
    return changed;
  });
}

/** The earliest `nextAttemptAt` among `pending` entries, if any. */
export async function nextDueAt(): Promise<number | undefined> {
  const entry = await getDb()
    .enrichment.where('[status+nextAttemptAt]')
    .between(['pending', Dexie.minKey], ['pending', Dexie.maxKey])
    .first();
  return entry?.nextAttemptAt;
}
