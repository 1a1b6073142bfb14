/**
 * List pages and visits: which list a URL shows, when the user last visited it, and which papers
 * are new on it since then.
 */
import type { StoredPaper } from '../model/paper';
import type { PageRow } from './schema';

/** Observations of one list less than this apart belong to the same visit (30 minutes). */
export const VISIT_GAP_MS = 30 * 60_000;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const WEEK_RE = /^\d{4}-W\d{2}$/;
const MONTH_RE = /^\d{4}-\d{2}$/;
const PAPERS_HOSTS = new Set(['huggingface.co', 'www.huggingface.co']);

/** Normalizes a search query: whitespace collapsed, trimmed, lower-cased. */
export function normalizeQuery(q: string): string {
  return q.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * The page key of a Daily Papers list URL, or `undefined` for a paper's own page and anything else.
 *
 * | URL                                        | key                  |
 * |--------------------------------------------|----------------------|
 * | `/papers`                                  | `date:latest`        |
 * | `/papers?date=2025-01-31`, `/papers/date/2025-01-31` | `date:2025-01-31` |
 * | `/papers/week/2025-W05`                    | `week:2025-W05`      |
 * | `/papers/month/2025-01`                    | `month:2025-01`      |
 * | `/papers/trending`                         | `trending`           |
 * | `/papers/trending?q=Diffusion`             | `trending:diffusion` |
 * | `/papers?q=  Diffusion  Models `           | `search:diffusion models` |
 * | `/papers/2407.21783`                       | `undefined`          |
 *
 * Search queries are normalized with {@link normalizeQuery}; a blank `q` is ignored. Malformed dates,
 * weeks and months give `undefined`.
 */
export function pageKeyFromUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (!PAPERS_HOSTS.has(parsed.hostname)) return undefined;
  const parts = parsed.pathname.split('/').filter((p) => p !== '');
  if (parts[0] !== 'papers') return undefined;
  const q = normalizeQuery(parsed.searchParams.get('q') ?? '');
  const [, second, third, ...rest] = parts;
  if (rest.length > 0) return undefined;

  if (second === undefined) {
    if (q !== '') return `search:${q}`;
    const date = parsed.searchParams.get('date');
    if (date === null || date === '') return 'date:latest';
    return DATE_RE.test(date) ? `date:${date}` : undefined;
  }
  if (second === 'trending' && third === undefined) return q === '' ? 'trending' : `trending:${q}`;
  if (third === undefined) return undefined; // a paper's page, or an unknown list
  if (second === 'date' && DATE_RE.test(third)) return `date:${third}`;
  if (second === 'week' && WEEK_RE.test(third)) return `week:${third}`;
  if (second === 'month' && MONTH_RE.test(third)) return `month:${third}`;
  return undefined;
}

/**
 * Records an observation of a list page at `now` and returns the updated row.
 *
 * A visit is a run of observations less than {@link VISIT_GAP_MS} apart. When a new visit starts,
 * `previousVisitAt` becomes the `lastVisitAt` of the visit that ended, and `visitStartedAt` becomes
 * `now`. A clock that went backwards never moves `lastVisitAt` back.
 */
export function touchVisit(row: PageRow | undefined, key: string, now: number): PageRow {
  if (row === undefined) return { key, visitStartedAt: now, lastVisitAt: now };
  if (now - row.lastVisitAt >= VISIT_GAP_MS) {
    return { key, visitStartedAt: now, lastVisitAt: now, previousVisitAt: row.lastVisitAt };
  }
  return { ...row, lastVisitAt: Math.max(row.lastVisitAt, now) };
}

/**
 * Whether a paper is new on a list: it was first seen after the user's previous visit of the list
 * or, during the first ever visit of the list, it had never been seen anywhere before this visit.
 * Read papers are never new.
 */
export function isNewOnPage(paper: Pick<StoredPaper, 'state' | 'firstSeenAt'>, page: PageRow): boolean {
  if (paper.state === 'read') return false;
  if (page.previousVisitAt !== undefined) return paper.firstSeenAt > page.previousVisitAt;
  return paper.firstSeenAt >= page.visitStartedAt;
}
