/**
 * The shape of a page-variant reader (one file per variant under `variants/`), in the manner of
 * Zotero translators and web-scrobbler connectors: a URL predicate and a reader.
 */
import type { PageVariant, ParseResult } from './types';

/** One page variant: which URLs it reads and how. */
export interface VariantReader {
  /** The variant's name, as `detectVariant` reports it. */
  variant: PageVariant;
  /** Whether this variant reads the page at `url` (already known to be on huggingface.co). */
  matches(url: URL): boolean;
  /** Reads the page. May throw; the dispatcher turns that into a warning. */
  read(doc: Document, url: URL): ParseResult;
}
