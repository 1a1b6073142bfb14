/**
 * The inbox's days from the site's API, through a cache in the store's `meta` table (`inboxDay:DATE`):
 * a day fetched less than an hour ago is answered from the cache (only upvotes change), so opening the
 * inbox twice costs no request. Requests are spaced ({@link REQUEST_SPACING_MS}, the last request's time
 * kept in `meta`, not in memory, as the background may stop at any moment) and a 429 or 5xx answer is
 * tried again after a growing pause. A day that still fails says why and keeps any earlier copy.
 */
import { getDb } from '../db/schema';
import type { InboxDay } from '../model/inbox';
import type { PaperRecord } from '../model/paper';
import {
  DAILY_PAGE_SIZE,
  type DailyPageOutcome,
  fetchDailyPage,
  isTransientFailure,
  MAX_DAILY_PAGES,
} from '../site/daily-api';
import type { FetchLike } from '../site/hf-api';
import { DAILY_LIST_KEY_PREFIX } from '../site/page-key';

/** A cached day is fresh for an hour. */
export const DAY_FRESH_MS = 60 * 60_000;

/** At least this long between two requests to the site (250 ms). */
export const REQUEST_SPACING_MS = 250;

/** Pauses before trying a 429 or 5xx again (at least what `Retry-After` asks, at most 10 s). */
export const RETRY_DELAYS_MS = [1_000, 3_000] as const;
const MAX_RETRY_WAIT_MS = 10_000;

/** The `meta` key of a day's cached list. */
export function dayCacheKey(date: string): string {
  return `inboxDay:${date}`;
}

/** The `meta` key of the time of the last request. */
export const LAST_REQUEST_KEY = 'inboxLastRequestAt';

interface CachedDay {
  fetchedAt: number;
  papers: PaperRecord[];
}

/** What {@link loadDay} needs from the outside; everything but `fetch` has a default. */
export interface DayDeps {
  fetch: FetchLike;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

function isCachedDay(value: unknown): value is CachedDay {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as CachedDay).fetchedAt === 'number' &&
    Array.isArray((value as CachedDay).papers)
  );
}

/** Whether a cached day is fresh at `now` (fetched within the hour, and not in the future). */
function isFresh(cached: CachedDay, now: number): boolean {
  return now - cached.fetchedAt < DAY_FRESH_MS && cached.fetchedAt <= now;
}

/** The cached copy of each of `dates`, fresh or not; undefined for a day never cached (or unreadable). */
async function readCachedDays(dates: readonly string[]): Promise<(CachedDay | undefined)[]> {
  const rows = await getDb().meta.bulkGet(dates.map(dayCacheKey));
  return rows.map((row) => (isCachedDay(row?.value) ? row.value : undefined));
}

/**
 * The days among `dates` whose cached copy is fresh at `now`, read from the store without any request: an
 * extension page shows them at once, and asks the background ({@link loadDay}) only for the others.
 */
export async function readFreshDays(dates: readonly string[], now: number): Promise<InboxDay[]> {
  const days: InboxDay[] = [];
  (await readCachedDays(dates)).forEach((cached, i) => {
    if (cached !== undefined && isFresh(cached, now)) {
      days.push({ date: dates[i]!, status: 'ok', papers: cached.papers, fetchedAt: cached.fetchedAt });
    }
  });
  return days;
}

/**
 * The papers of every cached copy among `dates`, fresh or not, by id (a paper listed on several days once):
 * what "For you" ranks the inbox's papers from when the store has never seen them. No request.
 */
export async function readCachedPapers(dates: readonly string[]): Promise<Map<string, PaperRecord>> {
  const papers = new Map<string, PaperRecord>();
  for (const cached of await readCachedDays(dates)) {
    for (const paper of cached?.papers ?? []) if (!papers.has(paper.id)) papers.set(paper.id, paper);
  }
  return papers;
}

/** Waits until {@link REQUEST_SPACING_MS} after the last request, then records this one. */
async function takeTurn(now: () => number, sleep: (ms: number) => Promise<void>): Promise<void> {
  const db = getDb();
  const last = (await db.meta.get(LAST_REQUEST_KEY))?.value;
  const wait = typeof last === 'number' ? Math.min(last + REQUEST_SPACING_MS - now(), REQUEST_SPACING_MS) : 0;
  if (wait > 0) await sleep(wait);
  await db.meta.put({ key: LAST_REQUEST_KEY, value: now() });
}

/** One page of a day, tried again after a pause on 429 and 5xx. */
async function fetchPageWithRetries(
  date: string,
  page: number,
  deps: Required<DayDeps>,
): Promise<DailyPageOutcome> {
  for (let attempt = 0; ; attempt++) {
    await takeTurn(deps.now, deps.sleep);
    const outcome = await fetchDailyPage(date, page, { fetch: deps.fetch, now: deps.now() });
    const delay = RETRY_DELAYS_MS[attempt];
    if (!isTransientFailure(outcome) || delay === undefined) return outcome;
    const asked = outcome.kind === 'failed' ? (outcome.retryAfterMs ?? 0) : 0;
    await deps.sleep(Math.min(Math.max(delay, asked), MAX_RETRY_WAIT_MS));
  }
}

/**
 * The papers listed on `date`: from the cache when fetched within the hour, else from the API (every
 * page, in order; at most {@link MAX_DAILY_PAGES} requests), and cached. A failure answers `failed` or
 * `offline` with the reason and the papers of the last good answer, if any.
 */
export async function loadDay(date: string, deps: DayDeps): Promise<InboxDay> {
  const full: Required<DayDeps> = {
    fetch: deps.fetch,
    now: deps.now ?? Date.now,
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
  };
  const [cached] = await readCachedDays([date]);
  if (cached !== undefined && isFresh(cached, full.now())) {
    return { date, status: 'ok', papers: cached.papers, fetchedAt: cached.fetchedAt };
  }
  const papers: PaperRecord[] = [];
  const ids = new Set<string>();
  for (let page = 0; page < MAX_DAILY_PAGES; page++) {
    const outcome = await fetchPageWithRetries(date, page, full);
    if (outcome.kind !== 'ok') {
      const day: InboxDay = {
        date,
        status: outcome.kind,
        error: outcome.error,
        papers: cached?.papers ?? [],
      };
      if (cached !== undefined) day.fetchedAt = cached.fetchedAt;
      return day;
    }
    for (const paper of outcome.papers) {
      if (ids.has(paper.id)) continue;
      ids.add(paper.id);
      papers.push(paper);
    }
    if (outcome.items < DAILY_PAGE_SIZE) break;
  }
  const fetchedAt = full.now();
  await getDb().meta.put({ key: dayCacheKey(date), value: { fetchedAt, papers } satisfies CachedDay });
  return { date, status: 'ok', papers, fetchedAt };
}

/** When a daily list (`date:…` page keys, today's included) was last visited; undefined if never. */
export async function lastDailyVisitAt(): Promise<number | undefined> {
  const pages = await getDb().pages.where('key').startsWith(DAILY_LIST_KEY_PREFIX).toArray();
  return pages.reduce<number | undefined>((last, page) => Math.max(last ?? 0, page.lastVisitAt), undefined);
}
