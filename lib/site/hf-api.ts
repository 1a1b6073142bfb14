/**
 * One request to the Hugging Face papers API, with every failure turned into a value.
 */

import { canonicalGithubRepo } from '../model/code-links';
import { LIMITS } from '../model/limits';
import { isHttpsUrl } from '../model/links';
import type { WatchSnapshot } from '../model/watch';
import { SITE_ORIGIN } from './urls';

/** The API endpoint of a paper: `https://huggingface.co/api/papers/ID`. */
export function paperApiUrl(id: string): string {
  return `${SITE_ORIGIN}/api/papers/${encodeURIComponent(id)}`;
}

/** A request is abandoned after this long (10 s). */
export const FETCH_TIMEOUT_MS = 10_000;

/** What the API told us, cleaned: only fields that passed their checks are present. */
export interface PaperInfo {
  /** Whitespace collapsed. */
  title?: string;
  /** Display names of the authors the site shows (not those marked hidden), in the API's order. */
  authors?: string[];
  /** The abstract. */
  summary?: string;
  /** ISO 8601. */
  publishedAt?: string;
  /** Canonical `https://github.com/OWNER/REPO`. */
  githubRepo?: string;
  githubStars?: number;
  /** An `https:` URL. */
  projectPage?: string;
  aiSummary?: string;
  keywords?: string[];
  /** How many models, datasets and spaces on the Hub cite the paper (`numTotalModels`, …). */
  linked?: { models?: number; datasets?: number; spaces?: number };
}

/**
 * The outcome of {@link fetchPaperInfo}:
 * - `found`: the API answered (the info may be empty);
 * - `not-found`: 404, the site does not know the paper (final);
 * - `retry`: offline, timeout, 429, 5xx, other statuses, malformed JSON (try again later, not before
 *   `retryAfterMs` when the server said so).
 */
export type FetchOutcome =
  | { kind: 'found'; info: PaperInfo }
  | { kind: 'not-found' }
  | { kind: 'retry'; error: string; retryAfterMs?: number };

/** The injectable part of `fetch`. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Options of {@link fetchPaperInfo}. */
export interface FetchOptions {
  fetch: FetchLike;
  /** Defaults to {@link FETCH_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** For `Retry-After` dates. */
  now?: number;
}

/** Parses a `Retry-After` header (seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Extracts the fields we use from the API's JSON, dropping anything that fails its check. */
export function readPaperInfo(data: Record<string, unknown>): PaperInfo {
  const info: PaperInfo = {};
  const text = (value: unknown, max: number) => {
    if (typeof value !== 'string') return undefined;
    const collapsed = value.trim().replace(/\s+/g, ' ');
    return collapsed !== '' && collapsed.length <= max ? collapsed : undefined;
  };
  const title = text(data.title, LIMITS.title);
  if (title !== undefined) info.title = title;
  if (Array.isArray(data.authors)) {
    const authors = data.authors
      // The site does not show authors marked hidden (e.g. a wrongly assigned claim); neither do we.
      .filter((a) => a === null || typeof a !== 'object' || (a as { hidden?: unknown }).hidden !== true)
      .map((a) =>
        text(a !== null && typeof a === 'object' ? (a as { name?: unknown }).name : a, LIMITS.author),
      )
      .filter((a): a is string => a !== undefined)
      .slice(0, LIMITS.authors);
    if (authors.length > 0) info.authors = authors;
  }
  const summary = text(data.summary, LIMITS.summary);
  if (summary !== undefined) info.summary = summary;
  const published = text(data.publishedAt, LIMITS.isoDate);
  if (published !== undefined && !Number.isNaN(Date.parse(published))) info.publishedAt = published;
  if (typeof data.githubRepo === 'string') {
    const repo = canonicalGithubRepo(data.githubRepo);
    if (repo !== undefined && repo.length <= LIMITS.url) info.githubRepo = repo;
  }
  const stars = data.githubStars;
  if (typeof stars === 'number' && Number.isSafeInteger(stars) && stars >= 0 && stars <= LIMITS.count) {
    info.githubStars = stars;
  }
  if (typeof data.projectPage === 'string') {
    const page = data.projectPage.trim();
    if (page.length <= LIMITS.url && isHttpsUrl(page)) info.projectPage = page;
  }
  if (typeof data.ai_summary === 'string') {
    const summary = data.ai_summary.trim().replace(/\s+/g, ' ');
    if (summary !== '' && summary.length <= LIMITS.aiSummary) info.aiSummary = summary;
  }
  if (Array.isArray(data.ai_keywords)) {
    const keywords = data.ai_keywords
      .filter((k): k is string => typeof k === 'string')
      .map((k) => k.trim())
      .filter((k) => k !== '' && k.length <= LIMITS.keyword)
      .slice(0, LIMITS.keywords);
    if (keywords.length > 0) info.keywords = keywords;
  }
  const linked: NonNullable<PaperInfo['linked']> = {};
  for (const [key, field] of LINKED_COUNT_FIELDS) {
    const count = data[field];
    if (typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 && count <= LIMITS.count) {
      linked[key] = count;
    }
  }
  if (Object.keys(linked).length > 0) info.linked = linked;
  return info;
}

/** The API's fields counting what on the Hub cites a paper. */
const LINKED_COUNT_FIELDS = [
  ['models', 'numTotalModels'],
  ['datasets', 'numTotalDatasets'],
  ['spaces', 'numTotalSpaces'],
] as const;

/**
 * What a watch check keeps of an answer: the repository and project page (`null`: the site has none),
 * stars and the linked counts when the answer gave them.
 */
export function watchSnapshotOf(info: PaperInfo): WatchSnapshot {
  const snapshot: WatchSnapshot = {
    githubRepo: info.githubRepo ?? null,
    projectPage: info.projectPage ?? null,
  };
  if (info.githubStars !== undefined) snapshot.githubStars = info.githubStars;
  if (info.linked?.models !== undefined) snapshot.models = info.linked.models;
  if (info.linked?.datasets !== undefined) snapshot.datasets = info.linked.datasets;
  if (info.linked?.spaces !== undefined) snapshot.spaces = info.linked.spaces;
  return snapshot;
}

/** The Hub's lists of the models, datasets or spaces that cite paper `id`. */
export function hubListUrl(kind: 'models' | 'datasets' | 'spaces', id: string): string {
  return `${SITE_ORIGIN}/${kind}?other=arxiv:${encodeURIComponent(id)}`;
}

/**
 * Asks `https://huggingface.co/api/papers/ID` about a paper. Never rejects; the request (body
 * included) is aborted after `timeoutMs`. No cookies are sent.
 */
export async function fetchPaperInfo(id: string, options: FetchOptions): Promise<FetchOutcome> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const timedOut = (): FetchOutcome => ({ kind: 'retry', error: `timed out after ${timeoutMs / 1000} s` });
  try {
    let response: Response;
    try {
      response = await options.fetch(paperApiUrl(id), {
        signal: controller.signal,
        credentials: 'omit',
        headers: { Accept: 'application/json' },
      });
    } catch (err) {
      if (controller.signal.aborted) return timedOut();
      return {
        kind: 'retry',
        error: `network error (offline?): ${err instanceof Error ? err.message : String(err)}`,
      };
    }
    if (response.status === 404) return { kind: 'not-found' };
    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), options.now ?? Date.now());
      const error =
        response.status === 429
          ? 'rate limited by huggingface.co (429)'
          : `huggingface.co answered ${response.status}`;
      return retryAfterMs === undefined ? { kind: 'retry', error } : { kind: 'retry', error, retryAfterMs };
    }
    let data: unknown;
    try {
      data = await response.json();
    } catch {
      if (controller.signal.aborted) return timedOut();
      return { kind: 'retry', error: 'malformed JSON from huggingface.co' };
    }
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return { kind: 'retry', error: 'unexpected answer from huggingface.co (not an object)' };
    }
    return { kind: 'found', info: readPaperInfo(data as Record<string, unknown>) };
  } finally {
    clearTimeout(timer);
  }
}
