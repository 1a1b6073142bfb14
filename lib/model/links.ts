/**
 * Which links may be kept and shown: only absolute `https:` URLs, re-serialised by the URL parser, so
 * `javascript:`, `data:`, credentials in the URL and malformed hosts never reach an `href`.
 */

/** Whether `value` parses as an absolute `https:` URL. */
export function isHttpsUrl(value: string): boolean {
  if (!value.startsWith('https://')) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The parsed URL when `value` is an absolute `https:` URL with a dotted host and no credentials. */
export function parseHttps(value: unknown): URL | undefined {
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
