/**
 * What the variants' page keys share. A page key names the list a URL shows, for "new since last
 * visit" (`date:2025-01-31`, `week:2025-W05`, `search:diffusion models`); each variant builds its own
 * (see `pageKey` in `variants/`), and the dispatcher's `pageKeyFromUrl` picks the variant.
 */

/** The prefix of every daily list's page key (`date:2025-01-31`, `date:latest`). */
export const DAILY_LIST_KEY_PREFIX = 'date:';

/** Whether `key` names a daily list (the inbox's default range starts at the last visit of one). */
export function isDailyListKey(key: string): boolean {
  return key.startsWith(DAILY_LIST_KEY_PREFIX);
}

/** Normalizes a search query: whitespace collapsed, trimmed, lower-cased. */
export function normalizeQuery(q: string): string {
  return q.trim().replace(/\s+/g, ' ').toLowerCase();
}
