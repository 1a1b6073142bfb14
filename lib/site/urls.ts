/**
 * Which URLs may leave the reader. Every URL in a PaperRecord is `https:` and re-serialised by
 * the URL parser; `javascript:`, `data:`, credentials in the URL and look-alike hosts never pass.
 */
import { parseHttps } from '../model/links';
import { SITE_HOST } from './ids';

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

/** Whether the page URL is on the site itself (`http:` or `https:`, no look-alike host). */
export function isSitePageUrl(url: URL): boolean {
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname === SITE_HOST;
}

/** Whether a `/papers` URL carries a search (`?q=` with words). */
export function hasSearchQuery(url: URL): boolean {
  return (url.searchParams.get('q') ?? '').trim() !== '';
}
