/**
 * What a paper is to the extension: the record read from the site, the reading state the user gives it,
 * and the row the store keeps. Plain JSON, shared by every context; no browser API, nothing of the store.
 */

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

/** How many models, datasets and spaces on the Hub cite a paper, as the site's API last said. */
export interface LinkedCounts {
  models?: number;
  datasets?: number;
  spaces?: number;
}

/** Reading state of one paper: `seen` when its card was on screen, `read` when the user said so. */
export type ReadingState = 'new' | 'seen' | 'read';

/** What the overlay needs to draw one card. */
export interface PaperState {
  id: string;
  state: ReadingState;
  saved: boolean;
  tags: string[];
  /** True when the paper appeared on this list since the user's previous visit of it. */
  isNew?: boolean;
  githubRepo?: string;
  githubStars?: number;
  projectPage?: string;
  /** The user's note, present only when the paper has one. */
  note?: string;
  /** True when the user said "not interested" (key `x`): handled, dimmed like read, a negative for "For you". */
  dismissed?: boolean;
  /** What on the Hub cites the paper, when the site's API was asked (issue 16). */
  linked?: LinkedCounts;
  /**
   * True when the reader chose to watch the paper for updates (issue 16). A saved paper is watched
   * whether or not: see {@link isWatched}.
   */
  watched?: boolean;
}

/** Whether a paper is checked for updates: every saved paper, and any the reader chose to watch. */
export function isWatched(state: Pick<PaperState, 'saved' | 'watched'> | undefined): boolean {
  return state?.saved === true || state?.watched === true;
}

/** What a {@link PaperState} is made from: a state, or a stored row's fields. */
export type PaperStateSource = Pick<
  PaperState,
  'id' | 'state' | 'tags' | 'githubRepo' | 'githubStars' | 'projectPage' | 'note' | 'linked'
> & { dismissedAt?: number; dismissed?: boolean; watchedAt?: number; watched?: boolean };

/**
 * The state of a paper, field by field from `source`, never more (so a whole row passed in leaves its
 * record behind); `isNew` is left to the caller, as it depends on the list.
 */
export function paperState(source: PaperStateSource, saved: boolean): PaperState {
  const state: PaperState = { id: source.id, state: source.state, saved, tags: [...source.tags] };
  if (source.githubRepo !== undefined) state.githubRepo = source.githubRepo;
  if (source.githubStars !== undefined) state.githubStars = source.githubStars;
  if (source.projectPage !== undefined) state.projectPage = source.projectPage;
  if (source.note !== undefined) state.note = source.note;
  if (source.dismissed === true || source.dismissedAt !== undefined) state.dismissed = true;
  if (source.linked !== undefined) state.linked = { ...source.linked };
  if (source.watched === true || source.watchedAt !== undefined) state.watched = true;
  return state;
}

/**
 * Whether a paper shows as new on its list: new since the list's previous visit and not handled since
 * (read, or dismissed as "not interested").
 */
export function showsAsNew(state: PaperState | undefined): boolean {
  return state?.isNew === true && state.state !== 'read' && state.dismissed !== true;
}

/** Whether two states show the same on a card, `isNew` aside (it depends on the list). */
export function samePaperState(a: PaperState, b: PaperState): boolean {
  return (
    a.state === b.state &&
    a.saved === b.saved &&
    a.githubRepo === b.githubRepo &&
    a.githubStars === b.githubStars &&
    a.projectPage === b.projectPage &&
    a.note === b.note &&
    (a.dismissed ?? false) === (b.dismissed ?? false) &&
    (a.watched ?? false) === (b.watched ?? false) &&
    a.linked?.models === b.linked?.models &&
    a.linked?.datasets === b.linked?.datasets &&
    a.linked?.spaces === b.linked?.spaces &&
    a.tags.length === b.tags.length &&
    a.tags.every((tag, i) => tag === b.tags[i])
  );
}

/** A paper as the store keeps it: the freshest reading of the page plus the user's state. */
export interface StoredPaper extends PaperRecord {
  state: ReadingState;
  firstSeenAt: number;
  lastSeenAt: number;
  readAt?: number;
  /** Present exactly when the paper is saved. */
  savedAt?: number;
  tags: string[];
  note?: string;
  /** When the user said "not interested"; present exactly when the paper is dismissed. */
  dismissedAt?: number;
  /** What on the Hub cites the paper, as the site's API last said (issue 16). */
  linked?: LinkedCounts;
  /**
   * When the reader chose to watch the paper for updates; present exactly while they do. Independent of
   * `savedAt`: a saved paper is watched anyway, and one watched then unsaved stays watched.
   */
  watchedAt?: number;
  /** Last change of this row, by any writer. */
  updatedAt: number;
}

/** Which papers a list request wants. */
export type PaperView =
  | { kind: 'saved' }
  | { kind: 'read' }
  | { kind: 'seen' }
  | { kind: 'all' }
  | { kind: 'tag'; tag: string };

/** Counts the popup and options page show. */
export interface StoreStats {
  papers: number;
  saved: number;
  read: number;
  seen: number;
  tags: number;
}
