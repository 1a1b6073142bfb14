/**
 * What the page reader produces: which page it read, the records of its papers (see
 * {@link PaperRecord} in the model), plain JSON, and, for the overlay, the elements of their cards.
 */
import type { PaperRecord } from '../model/paper';

/** Which kind of papers page a URL is. */
export type PageVariant = 'daily' | 'week' | 'month' | 'trending' | 'search' | 'paper';

/** The result of reading one page. */
export interface ParseResult {
  /** `list` for every page of cards, `paper` for one paper's page, `unknown` otherwise. */
  kind: 'list' | 'paper' | 'unknown';
  /** The papers in page order, duplicates merged. */
  papers: PaperRecord[];
  /** What could not be read, in words a developer can act on. Never fatal. */
  warnings: string[];
}

/**
 * One paper's element on the page: a card of a list, or the header of a paper's own page. The id is
 * the one the reader read from that element, so the element and the record always agree.
 */
export interface PaperCard {
  /** The paper's arXiv id, without version. */
  id: string;
  /** The card (`<article>`), or the block holding a paper page's title. */
  element: HTMLElement;
  /** The element to hide with the card: its grid cell when the card sits alone in one, else the card. */
  wrapper: HTMLElement;
}

/** A reading with the elements of the cards it read, in page order (one per card, duplicates kept). */
export interface CardsResult extends ParseResult {
  cards: PaperCard[];
}

/** Whether the caller already holds a card element; such cards are not read again. */
export type IsHandled = (element: Element) => boolean;

/** Reads the cards added to a page since it was read; see {@link PageReading.readLateCards}. */
export type LateCardsReader = (roots: Iterable<Node>, isHandled: IsHandled) => CardsResult;

/** A page read once, with its cards, that can read the cards added later on their own. */
export interface PageReading extends CardsResult {
  /** The page's variant, undefined for a page the reader does not know. */
  variant: PageVariant | undefined;
  /**
   * Reads only the cards inside `roots` (nodes added to the page since, e.g. a MutationObserver's
   * added nodes) that `isHandled` does not know: work in proportion to those nodes, not to the page.
   * `papers` are the new cards' papers, enriched by the page data read the first time. Never throws.
   */
  readLateCards: LateCardsReader;
}
