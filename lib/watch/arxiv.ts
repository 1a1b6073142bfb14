/**
 * New versions on arXiv (issue 16), asked only when the reader allowed it (an optional host permission
 * for export.arxiv.org, asked for on the options page). arXiv's API answers an Atom feed with one entry per
 * id, whose `<id>` is the abstract's address with the latest version: `http://arxiv.org/abs/2501.00001v2`.
 * arXiv asks callers to batch ids (at most 100 here) and to wait 3 s between requests.
 */
import { type FetchLike, parseRetryAfter } from '../site/hf-api';

/** The origin the optional permission covers. */
export const ARXIV_ORIGIN = 'https://export.arxiv.org/*';

/** Ids per request. */
export const ARXIV_BATCH = 100;

/** Least time between two requests to arXiv. */
export const ARXIV_SPACING_MS = 3_000;

/** The query for `ids` (ids without version only, as `isArxivId` of lib/model/arxiv says). */
export function arxivQueryUrl(ids: readonly string[]): string {
  const url = new URL('https://export.arxiv.org/api/query');
  url.searchParams.set('id_list', ids.join(','));
  url.searchParams.set('max_results', String(ids.length));
  return url.href;
}

const ENTRY = /<entry[\s>][\s\S]*?<\/entry>/g;
const ENTRY_ID = /<id>\s*https?:\/\/arxiv\.org\/abs\/(\d{4}\.\d{4,5})v(\d+)\s*<\/id>/;

/**
 * The latest version of each paper in an answer of arXiv's API, by id. Entries that are not papers (arXiv
 * answers an unknown id with an error entry) are left out. A service worker has no DOMParser, and only the
 * entries' `<id>` is read, so a pattern is enough.
 */
export function parseArxivVersions(feed: string): Map<string, number> {
  const versions = new Map<string, number>();
  for (const [entry] of feed.matchAll(ENTRY)) {
    const match = ENTRY_ID.exec(entry);
    if (match === null) continue;
    const [, id, version] = match as unknown as [string, string, string];
    versions.set(id, Math.max(Number(version), versions.get(id) ?? 0));
  }
  return versions;
}

/** The outcome of one request. */
export type ArxivOutcome =
  | { kind: 'found'; versions: Map<string, number> }
  | { kind: 'failed'; error: string; retryAfterMs?: number };

/** Asks arXiv for the latest versions of `ids` (at most {@link ARXIV_BATCH}). Never throws. */
export async function fetchArxivVersions(
  ids: readonly string[],
  deps: { fetch: FetchLike; timeoutMs: number; now: number },
): Promise<ArxivOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs);
  try {
    const response = await deps.fetch(arxivQueryUrl(ids), {
      signal: controller.signal,
      credentials: 'omit',
      headers: { Accept: 'application/atom+xml' },
    });
    if (!response.ok) {
      const retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), deps.now);
      const error = `arXiv answered ${response.status}`;
      return retryAfterMs === undefined ? { kind: 'failed', error } : { kind: 'failed', error, retryAfterMs };
    }
    return { kind: 'found', versions: parseArxivVersions(await response.text()) };
  } catch (error) {
    return { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
