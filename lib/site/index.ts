/**
 * The page reader: DOM in; paper records, the elements of their cards and warnings out.
 * `readPage` picks the reader of the page's variant (one small file per variant under `variants/`)
 * and guarantees a result whatever the document: it never throws, and whatever it could not read is
 * said in `warnings`; cards added to the page later are read on their own with its
 * `readLateCards`. `parsePage` is the same reading without the elements, plain JSON. The reader uses
 * only the document it is given (no `window`, `location` or extension APIs), so it runs the same in a
 * content script, a worker with a parsed document, or a test.
 */

import { parseUrl, variantOf } from './pages';
import type { CardsResult, PageReading, ParseResult } from './types';
import type { VariantReader } from './variant-reader';
import { dailyReader } from './variants/daily';
import { monthReader } from './variants/month';
import { paperReader } from './variants/paper';
import { searchReader } from './variants/search';
import { trendingReader } from './variants/trending';
import { weekReader } from './variants/week';
import { capWarnings, errorMessage } from './warnings';

/** Cards as the parser inserts them, for marks before the first paint (see arriving.ts). */
export { watchArrivingCards } from './arriving';
/** The arXiv months a list's papers likely come from (see months.ts). */
export { likelyArxivMonths } from './months';
/** Which page a URL is and which list it shows (see pages.ts). */
export { detectVariant, pageKeyFromUrl } from './pages';

/** The reader's public types (see types.ts). */
export type {
  CardsResult,
  IsHandled,
  LateCardsReader,
  PageReading,
  PageVariant,
  PaperCard,
  ParseResult,
} from './types';

/** Every variant's reader. */
const VARIANT_READERS: readonly VariantReader[] = [
  dailyReader,
  weekReader,
  monthReader,
  trendingReader,
  searchReader,
  paperReader,
];

function readerFor(url: URL | undefined): VariantReader | undefined {
  const variant = variantOf(url);
  return VARIANT_READERS.find((reader) => reader.variant === variant);
}

/** A reading with nothing in it. */
function nothing(kind: ParseResult['kind'], warnings: string[] = []): CardsResult {
  return { kind, papers: [], cards: [], warnings };
}

/**
 * Reads the papers shown by `doc`, the document of the page at `url`, with the element of each
 * card (the title link `h3 > a[href^="/papers/"]` names a card's paper; a paper's page has one
 * card, the block holding its title).
 *
 * `kind` is `list` on the list variants, `paper` on one paper's page (which yields exactly that
 * paper) and `unknown` on any other URL (no papers, a warning). Papers come in page order with
 * duplicates merged; cards in page order, one per card. Never throws, nor does `readLateCards`.
 */
export function readPage(doc: Document, url: string): PageReading {
  const pageUrl = parseUrl(url);
  const reader = readerFor(pageUrl);
  if (reader === undefined || pageUrl === undefined) {
    return {
      variant: undefined,
      ...nothing('unknown', [`${String(url)} is not a papers page this reader knows`]),
      readLateCards: () => nothing('unknown'),
    };
  }
  const { variant } = reader;
  const kind = variant === 'paper' ? 'paper' : 'list';
  try {
    const result = reader.read(doc, pageUrl);
    return {
      variant,
      kind: result.kind,
      papers: result.papers,
      cards: result.cards,
      warnings: capWarnings(result.warnings),
      readLateCards: (roots, isHandled) => {
        try {
          const late = result.readLateCards(roots, isHandled);
          return { ...late, warnings: capWarnings(late.warnings) };
        } catch (error) {
          return nothing(kind, [
            `Cards added to the ${variant} page could not be read (${errorMessage(error)})`,
          ]);
        }
      },
    };
  } catch (error) {
    return {
      variant,
      ...nothing(kind, [`The ${variant} page could not be read (${errorMessage(error)})`]),
      // Nothing was read, so neither are its late cards: the page's own reading failed.
      readLateCards: () => nothing(kind),
    };
  }
}

/**
 * Reads the papers shown by `doc`, the document of the page at `url`: {@link readPage} without the
 * elements, plain JSON. Never throws.
 */
export function parsePage(doc: Document, url: string): ParseResult {
  const { kind, papers, warnings } = readPage(doc, url);
  return { kind, papers, warnings };
}
