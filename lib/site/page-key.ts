/**
 * What the variants' page keys share. A page key names the list a URL shows, for "new since last
 * visit" (`date:2025-01-31`, `week:2025-W05`, `search:diffusion models`); each variant builds its own
 * (see `pageKey` in `variants/`), and the dispatcher's `pageKeyFromUrl` picks the variant.
 */

/** Normalizes a search query: whitespace collapsed, trimmed, lower-cased. */
export function normalizeQuery(q: string): string {
  return q.trim().replace(/\s+/g, ' ').toLowerCase();
}
