/**
 * The shape of a page-variant reader (one file per variant under `variants/`), in the manner of
 * Zotero translators and web-scrobbler connectors: a URL predicate, the page key, and a reader.
 */
import type { CardsResult, LateCardsReader, PageVariant } from './types';

/** What a variant read: records, their cards, and how to read the cards added later. */
export interface VariantReading extends CardsResult {
  /** Reads the cards added since (may throw; the dispatcher turns that into a warning). */
  readLateCards: LateCardsReader;
}

/** Which URLs a variant reads and which list they show: its part that needs no DOM. */
export interface VariantUrls {
  /** The variant's name, as `detectVariant` reports it. */
  variant: PageVariant;
  /** Whether this variant reads the page at `url` (already known to be on huggingface.co). */
  matches(url: URL): boolean;
  /**
   * The key of the list `url` shows, for "new since last visit" (e.g. `date:2025-01-31`), or
   * undefined when the URL shows no list (a paper's page, a malformed date). Only called on URLs
   * this variant matches.
   */
  pageKey(url: URL): string | undefined;
}

/** One page variant: which URLs it reads, which list they show, and how it reads them. */
export interface VariantReader extends VariantUrls {
  /** Reads the page. May throw; the dispatcher turns that into a warning. */
  read(doc: Document, url: URL): VariantReading;
}
