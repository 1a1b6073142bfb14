/**
 * What the page reader produces. These records are the unit of exchange between the page
 * reader, the store and the user interfaces, so they are plain JSON.
 */

/** Which kind of papers page a URL is. */
export type PageVariant = 'daily' | 'week' | 'month' | 'trending' | 'search' | 'paper';

/** One paper as read from a page. Optional fields are absent when the page did not show them. */
export interface PaperRecord {
  /** arXiv id without version, e.g. `2407.21783`. */
  id: string;
  /** Title with whitespace collapsed and trimmed. */
  title: string;
  /** Abstract, when the page carried it. */
  summary?: string;
  /** Author display names, in the page's order (may be fewer than `authorCount`). */
  authors: string[];
  /** How many authors the paper has, when the page said so. */
  authorCount?: number;
  /** When arXiv published it (ISO 8601). */
  publishedAt?: string;
  /** When it was put on Daily Papers (ISO 8601). */
  submittedAt?: string;
  upvotes?: number;
  numComments?: number;
  /** Canonical `https://github.com/OWNER/REPO`. */
  githubRepo?: string;
  githubStars?: number;
  /** The project's page (an `https:` URL). */
  projectPage?: string;
  /** Every canonical code link found, the main repository first. */
  codeLinks: string[];
  /** Thumbnail image URL (`https:`). */
  thumbnail?: string;
  /** Organization display name. */
  organization?: string;
  /** Username of whoever submitted it to Daily Papers. */
  submittedBy?: string;
  /** Keywords the site attached (its `ai_keywords`). */
  keywords: string[];
  /** The site's one-line summary (`ai_summary`), when present. */
  aiSummary?: string;
  /** `https://arxiv.org/abs/ID`. */
  arxivUrl: string;
  /** `https://arxiv.org/pdf/ID`. */
  pdfUrl: string;
}

/** The result of reading one page. */
export interface ParseResult {
  /** `list` for every page of cards, `paper` for one paper's page, `unknown` otherwise. */
  kind: 'list' | 'paper' | 'unknown';
  /** The papers in page order, duplicates merged. */
  papers: PaperRecord[];
  /** What could not be read, in words a developer can act on. Never fatal. */
  warnings: string[];
}
