/**
 * The page reader: DOM in, paper records out. `parsePage` picks the reader of the page's variant
 * (one small file per variant under `variants/`) and guarantees a result whatever the document:
 * it never throws, and whatever it could not read is said in `warnings`. It uses only the
 * document it is given (no `window`, `location` or extension APIs), so it runs the same in a
 * content script, a worker with a parsed document, or a test.
 */
import type { PageVariant, ParseResult } from './types';
import { isSitePageUrl } from './urls';
import type { VariantReader } from './variant-reader';
import { dailyReader } from './variants/daily';
import { monthReader } from './variants/month';
import { paperReader } from './variants/paper';
import { searchReader } from './variants/search';
import { trendingReader } from './variants/trending';
import { weekReader } from './variants/week';
import { capWarnings, errorMessage } from './warnings';

/** The reader's public types (see types.ts). */
export type { PageVariant, ParseResult } from './types';

/** Every variant; their URL predicates do not overlap, so the order only reads well. */
const VARIANT_READERS: readonly VariantReader[] = [
  dailyReader,
  weekReader,
  monthReader,
  trendingReader,
  searchReader,
  paperReader,
];

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function readerFor(url: URL | undefined): VariantReader | undefined {
  if (url === undefined || !isSitePageUrl(url)) return undefined;
  return VARIANT_READERS.find((reader) => reader.matches(url));
}

/**
 * Which papers page `url` is (`daily`, `week`, `month`, `trending`, `search` or `paper`), or
 * undefined for any other URL, a look-alike host included.
 */
export function detectVariant(url: string): PageVariant | undefined {
  return readerFor(parseUrl(typeof url === 'string' ? url : ''))?.variant;
}

/**
 * Reads the papers shown by `doc`, the document of the page at `url`.
 *
 * `kind` is `list` on the list variants, `paper` on one paper's page (which yields exactly that
 * paper) and `unknown` on any other URL (no papers, a warning). Papers come in page order with
 * duplicates merged. Never throws.
 */
export function parsePage(doc: Document, url: string): ParseResult {
  const pageUrl = parseUrl(typeof url === 'string' ? url : '');
  const reader = readerFor(pageUrl);
  if (reader === undefined || pageUrl === undefined) {
    return {
      kind: 'unknown',
      papers: [],
      warnings: [`${String(url)} is not a papers page this reader knows`],
    };
  }
  const kind = reader.variant === 'paper' ? 'paper' : 'list';
  try {
    const result = reader.read(doc, pageUrl);
    return { kind: result.kind, papers: result.papers, warnings: capWarnings(result.warnings) };
  } catch (error) {
    return {
      kind,
      papers: [],
      warnings: [`The ${reader.variant} page could not be read (${errorMessage(error)})`],
    };
  }
}
