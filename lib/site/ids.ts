/**
 * arXiv ids and the links that carry them. Hugging Face names a paper by its arXiv id
 * (`YYMM.NNNN` before 2015, `YYMM.NNNNN` since); a link to a paper is `/papers/ID`, maybe with a
 * version, a query or `#community`, or the same path on `https://huggingface.co`.
 */

// The id must end the segment: `/papers/2407.217831` is not `2407.21783`.
const PAPER_PATH = /^\/papers\/(\d{4}\.\d{4,5})(?:v\d+)?(?=$|[/?#])/;
const PAPER_PAGE_PATH = /^\/papers\/(\d{4}\.\d{4,5})(?:v\d+)?\/?$/;

/** The site's own host; paper links elsewhere (look-alike hosts included) are not papers. */
export const SITE_HOST = 'huggingface.co';

/**
 * Match patterns of links to a paper's page on the site (`https://huggingface.co/papers/…`), as a
 * context menu offers itself on them. They also match the list pages under `/papers/`; which links
 * really name a paper is {@link paperIdFromHref}'s to say.
 */
export const PAPER_LINK_MATCHES: readonly string[] = [`https://${SITE_HOST}/papers/*`];

/**
 * The paper id a link points to, or undefined when it is not a paper link. Accepts site paths
 * (`/papers/2407.21783v2#community`) and `https://huggingface.co/papers/…`; rejects list pages
 * (`/papers/date/…`, `/papers/week/…`, `/papers/month/…`, `/papers/trending`, `/papers?…`),
 * other schemes and other hosts.
 */
export function paperIdFromHref(href: string | null | undefined): string | undefined {
  if (typeof href !== 'string') return undefined;
  const trimmed = href.trim();
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) return PAPER_PATH.exec(trimmed)?.[1];
  if (!/^https:\/\//i.test(trimmed)) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.hostname !== SITE_HOST || url.username !== '' || url.password !== '' || url.port !== '') {
    return undefined;
  }
  return PAPER_PATH.exec(url.pathname)?.[1];
}

/** The id of a paper's own page path (`/papers/2407.21783`), or undefined for any other path. */
export function paperIdFromPagePath(pathname: string): string | undefined {
  return PAPER_PAGE_PATH.exec(pathname)?.[1];
}
