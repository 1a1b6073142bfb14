/**
 * What the page reader produces: which page it read and the records of its papers (see
 * {@link PaperRecord} in the model), plain JSON.
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
