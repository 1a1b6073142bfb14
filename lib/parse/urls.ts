/**
 * Which URLs may leave the reader. Every URL in a PaperRecord is `https:` and re-serialised by
 * the URL parser; `javascript:`, `data:`, credentials in the URL and look-alike hosts never pass.
 */
import { SITE_HOST } from './ids';

/** The parsed URL when `value` is an absolute `https:` URL with a dotted host and no credentials. */
function parseHttps(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (!/^https:\/\//i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    if (url.protocol !== 'https:' || !url.hostname.includes('.')) return undefined;
    if (url.username !== '' || url.password !== '') return undefined;
    return url;
  } catch {
    return undefined;
  }
}

/** `value` as a canonical `https:` URL (e.g. a project page), or undefined. */
export function safeHttpsUrl(value: unknown): string | undefined {
  return parseHttps(value)?.href;
}

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
