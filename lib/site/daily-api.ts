/**
 * The site's list of one day through its API: `https://huggingface.co/api/daily_papers?date=YYYY-MM-DD`
 * with the paging parameters `limit` and `p` (observed in 2026: `limit` up to 100, `p` from 0; an empty
 * list on days without papers). Each item has the list pages' hydration shape (`{ paper, title, … }`),
 * so it is read by the same reader as the pages. Every failure is a value, never a throw.
 */
import type { PaperRecord } from '../model/paper';
import { FETCH_TIMEOUT_MS, type FetchLike, parseRetryAfter } from './hf-api';
import { readingFromDailyItem } from './hydration';
import { toPaperRecord } from './record';
import { SITE_ORIGIN } from './urls';

/** Items asked for per request: the largest page size seen answered (100). */
export const DAILY_PAGE_SIZE = 100;

/** At most this many pages of one day are asked for (a day has had up to ~120 papers). */
export const MAX_DAILY_PAGES = 5;

/** The API address of page `page` (from 0) of the papers listed on `date`. */
export function dailyPapersApiUrl(date: string, page = 0, limit = DAILY_PAGE_SIZE): string {
  const params = new URLSearchParams({ date, limit: String(limit), p: String(page) });
  return `${SITE_ORIGIN}/api/daily_papers?${params}`;
}

/** The site's own list page of a day, `https://huggingface.co/papers/date/YYYY-MM-DD`. */
export function dailyListUrl(date: string): string {
  return `${SITE_ORIGIN}/papers/date/${date}`;
}

/**
 * The outcome of one page request:
 * - `ok`: the records of the page (items without an arXiv id are skipped) and how many items it held
 *   (a full page means another may follow);
 * - `offline`: no answer at all (network error, timeout);
 * - `failed`: an answer that is not a list: an HTTP error (`status`, and `retryAfterMs` when the server
 *   said when to come back) or malformed JSON.
 */
export type DailyPageOutcome =
  | { kind: 'ok'; papers: PaperRecord[]; items: number }
  | { kind: 'offline'; error: string }
  | { kind: 'failed'; error: string; status?: number; retryAfterMs?: number };

/** The records of an answer's items, in the answer's order, each id once. */
export function readDailyItems(items: readonly unknown[]): PaperRecord[] {
  const seen = new Set<string>();
  const papers: PaperRecord[] = [];
  for (const item of items) {
    const reading = readingFromDailyItem(item);
    if (reading === undefined || seen.has(reading.id)) continue;
    seen.add(reading.id);
    papers.push(toPaperRecord(reading));
  }
  return papers;
}

/** Asks for one page of a day's list. Never rejects; no cookies are sent. */
export async function fetchDailyPage(
  date: string,
  page: number,
  options: { fetch: FetchLike; timeoutMs?: number; now?: number },
): Promise<DailyPageOutcome> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await options.fetch(dailyPapersApiUrl(date, page), {
        signal: controller.signal,
        credentials: 'omit',
        headers: { Accept: 'application/json' },
      });
    } catch (err) {
      if (controller.signal.aborted)
        return { kind: 'offline', error: `timed out after ${timeoutMs / 1000} s` };
      return { kind: 'offline', error: `network error: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), options.now ?? Date.now());
      const error =
        response.status === 429
          ? 'rate limited by huggingface.co (429)'
          : `huggingface.co answered ${response.status}`;
      return retryAfterMs === undefined
        ? { kind: 'failed', error, status: response.status }
        : { kind: 'failed', error, status: response.status, retryAfterMs };
    }
    let data: unknown;
    try {
      data = await response.json();
    } catch {
      if (controller.signal.aborted)
        return { kind: 'offline', error: `timed out after ${timeoutMs / 1000} s` };
      return { kind: 'failed', error: 'malformed JSON from huggingface.co' };
    }
    if (!Array.isArray(data))
      return { kind: 'failed', error: 'unexpected answer from huggingface.co (not a list)' };
    return { kind: 'ok', papers: readDailyItems(data), items: data.length };
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a failed request is worth trying again soon: rate limited (429) or a server error (5xx). */
export function isTransientFailure(outcome: DailyPageOutcome): boolean {
  return (
    outcome.kind === 'failed' &&
    outcome.status !== undefined &&
    (outcome.status === 429 || outcome.status >= 500)
  );
}
