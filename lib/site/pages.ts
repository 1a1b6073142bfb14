/**
 * Which papers page a URL is, and which list it shows: the variants' URL rules without their readers,
 * so the store and the background learn a page's key without carrying the DOM reader.
 */
import type { PageVariant } from './types';
import { isSitePageUrl } from './urls';
import type { VariantUrls } from './variant-reader';
import { dailyUrls } from './variants/daily';
import { monthUrls } from './variants/month';
import { paperUrls } from './variants/paper';
import { searchUrls } from './variants/search';
import { trendingUrls } from './variants/trending';
import { weekUrls } from './variants/week';

/** Every variant; their URL predicates do not overlap, so the order only reads well. */
const VARIANT_URLS: readonly VariantUrls[] = [
  dailyUrls,
  weekUrls,
  monthUrls,
  trendingUrls,
  searchUrls,
  paperUrls,
];

/** `url` parsed, or undefined when it is not a URL. */
export function parseUrl(url: unknown): URL | undefined {
  try {
    return new URL(typeof url === 'string' ? url : '');
  } catch {
    return undefined;
  }
}

/** The variant whose URLs `url` is, or undefined (another host included). */
export function variantOf(url: URL | undefined): PageVariant | undefined {
  if (url === undefined || !isSitePageUrl(url)) return undefined;
  return VARIANT_URLS.find((variant) => variant.matches(url))?.variant;
}

/**
 * Which papers page `url` is (`daily`, `week`, `month`, `trending`, `search` or `paper`), or
 * undefined for any other URL, a look-alike host included.
 */
export function detectVariant(url: string): PageVariant | undefined {
  return variantOf(parseUrl(url));
}

/**
 * The page key of the list `url` shows, for "new since last visit", or undefined for a paper's own
 * page and any other URL. Each variant says its own key:
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
 * Search queries are normalized (whitespace collapsed, trimmed, lower-cased); a blank `q` is
 * ignored. Malformed dates, weeks and months give `undefined`, as do other hosts (see
 * `isSitePageUrl`).
 */
export function pageKeyFromUrl(url: string): string | undefined {
  const pageUrl = parseUrl(url);
  const variant = variantOf(pageUrl);
  const urls = VARIANT_URLS.find((v) => v.variant === variant);
  return urls === undefined || pageUrl === undefined ? undefined : urls.pageKey(pageUrl);
}
