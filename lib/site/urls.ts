/**
 * The site's URLs, in one place: which host is the site, the match patterns of its papers pages,
 * the Daily Papers address, and which URLs may leave the reader. Every URL in a PaperRecord is
 * `https:` and re-serialised by the URL parser; `javascript:`, `data:`, credentials in the URL and
 * look-alike hosts never pass.
 *
 * One host only: `www.huggingface.co` redirects to `huggingface.co`, so no papers page is ever
 * shown there and the content script (whose matches are {@link PAPERS_PAGE_MATCHES}) never runs
 * there. The reader, the page keys and the manifest all follow {@link isSitePageUrl}.
 */
import { parseHttps } from '../model/links';
import { SITE_HOST } from './ids';

/** `https://huggingface.co`. */
export const SITE_ORIGIN = `https://${SITE_HOST}`;

/** The Daily Papers front page (today's list), where a new user starts. */
export const DAILY_PAPERS_URL = `${SITE_ORIGIN}/papers`;

/**
 * Match patterns of every papers page: the lists (`/papers`, `/papers/date/…`, `/papers/week/…`,
 * `/papers/month/…`, `/papers/trending`, `/papers?q=…`) and each paper's page (`/papers/ID`). The
 * content script runs on these, and the badge looks for tabs showing them.
 */
export const PAPERS_PAGE_MATCHES: readonly string[] = [`${SITE_ORIGIN}/papers*`];

/**
 * `value` as a thumbnail URL: `https:` on huggingface.co or one of its subdomains (the
 * thumbnails live on `cdn-thumbnails.huggingface.co`), else undefined.
 */
export function safeThumbnailUrl(value: unknown): string | undefined {
  const url = parseHttps(value);
  if (url === undefined) return undefined;
  const host = url.hostname;
  return host === SITE_HOST || host.endsWith(`.${SITE_HOST}`) ? url.href : undefined;
}

/**
 * Whether the page URL is on the site itself: `http:` or `https:` on exactly `huggingface.co`
 * (not `www.huggingface.co`, which only redirects, nor a look-alike host).
 */
export function isSitePageUrl(url: URL): boolean {
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname === SITE_HOST;
}

/** Whether a `/papers` URL carries a search (`?q=` with words). */
export function hasSearchQuery(url: URL): boolean {
  return (url.searchParams.get('q') ?? '').trim() !== '';
}
