/**
 * The popup's views of the reading list (Saved, Read, Seen, one per tag), what belongs in each, how
 * each is counted and sorted. Pure functions over stored papers.
 */
import type { StoredPaper } from './paper';

/** A list the popup shows. */
export type ListView = { kind: 'saved' } | { kind: 'read' } | { kind: 'seen' } | { kind: 'tag'; tag: string };

/** How a list is ordered. `relevance` applies only while searching. */
export type SortKey = 'relevance' | 'date' | 'upvotes' | 'published';

/** The view the popup opens on. */
export const DEFAULT_VIEW: ListView = Object.freeze({ kind: 'saved' });

/** A stable string for a view (`saved`, `tag:rl`), e.g. for keys and memo tables. */
export function viewKey(view: ListView): string {
  return view.kind === 'tag' ? `tag:${view.tag.toLowerCase()}` : view.kind;
}

/** Whether two views show the same list (tags compare case-insensitively). */
export function sameView(a: ListView, b: ListView): boolean {
  return viewKey(a) === viewKey(b);
}

/**
 * Whether a paper belongs in a view: `saved` — saved; `read` — read; `seen` — on screen at some point
 * and not read (the store's `seen` state); `tag` — carries the tag (any case).
 */
export function inView(paper: StoredPaper, view: ListView): boolean {
  switch (view.kind) {
    case 'saved':
      return paper.savedAt !== undefined;
    case 'read':
      return paper.state === 'read';
    case 'seen':
      return paper.state === 'seen';
    case 'tag': {
      const tag = view.tag.toLowerCase();
      return paper.tags.some((t) => t.toLowerCase() === tag);
    }
  }
}

/**
 * The date a view is ordered by when sorting by date: when it was saved (Saved), read (Read), last
 * seen (Seen), and for a tag when it was saved, or last seen when it is not saved.
 */
export function viewDate(paper: StoredPaper, view: ListView): number {
  switch (view.kind) {
    case 'saved':
      return paper.savedAt ?? 0;
    case 'read':
      return paper.readAt ?? 0;
    case 'seen':
      return paper.lastSeenAt;
    case 'tag':
      return paper.savedAt ?? paper.lastSeenAt;
  }
}

/** Publication time in milliseconds, or -Infinity when unknown (sorts last). */
export function publishedTime(paper: StoredPaper): number {
  if (paper.publishedAt === undefined) return Number.NEGATIVE_INFINITY;
  const time = Date.parse(paper.publishedAt);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/**
 * A comparator for a non-relevance sort, largest first (latest date, most upvotes, newest
 * publication); ties are broken by the view's date, then by id, so every order is total and stable.
 * The `date` order is also the order in which the store reads a view (lib/db/queries.ts).
 */
export function comparePapers(
  sort: Exclude<SortKey, 'relevance'>,
  view: ListView,
): (a: StoredPaper, b: StoredPaper) => number {
  const byDate = (a: StoredPaper, b: StoredPaper) =>
    viewDate(b, view) - viewDate(a, view) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  switch (sort) {
    case 'date':
      return byDate;
    case 'upvotes':
      return (a, b) => (b.upvotes ?? -1) - (a.upvotes ?? -1) || byDate(a, b);
    case 'published':
      return (a, b) => {
        const pa = publishedTime(a);
        const pb = publishedTime(b);
        return pa === pb ? byDate(a, b) : pb > pa ? 1 : -1;
      };
  }
}

/** A tag in use and how many papers carry it. */
export interface TagCount {
  tag: string;
  count: number;
}

/** How many papers each view holds. */
export interface ViewCounts {
  saved: number;
  read: number;
  seen: number;
  /** Tags, most used first, then alphabetically; tags differing only in case count as one. */
  tags: TagCount[];
}

/** Empty counts. */
export const NO_COUNTS: ViewCounts = Object.freeze({ saved: 0, read: 0, seen: 0, tags: [] as TagCount[] });

/** Groups tag occurrences case-insensitively (first spelling wins), most used first. */
export function countTags(tags: Iterable<string>): TagCount[] {
  const counts = new Map<string, TagCount>();
  for (const tag of tags) {
    const folded = tag.toLowerCase();
    const entry = counts.get(folded);
    if (entry) entry.count += 1;
    else counts.set(folded, { tag, count: 1 });
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/** Counts every view over all papers. */
export function countViews(papers: Iterable<StoredPaper>): ViewCounts {
  let saved = 0;
  let read = 0;
  let seen = 0;
  const tags: string[] = [];
  for (const paper of papers) {
    if (paper.savedAt !== undefined) saved += 1;
    if (paper.state === 'read') read += 1;
    else if (paper.state === 'seen') seen += 1;
    const folded = new Set<string>();
    for (const tag of paper.tags) {
      // A paper counts once per tag even if it carries two spellings of it.
      if (folded.has(tag.toLowerCase())) continue;
      folded.add(tag.toLowerCase());
      tags.push(tag);
    }
  }
  return { saved, read, seen, tags: countTags(tags) };
}

/** Whether a paper belongs in any view (a paper only observed on a page, never on screen, does not). */
export function inAnyView(paper: StoredPaper): boolean {
  return paper.savedAt !== undefined || paper.state !== 'new' || paper.tags.length > 0;
}
