/**
 * What watching a paper means: what the site knew of it at the last check (a snapshot), which changes
 * between two checks are worth telling the reader (updates), and the rule that turns one into the other.
 * Plain data and pure functions; the queue lives in `lib/db/watch.ts`, the worker in `lib/watch`.
 */

/** The kinds of update, as the popup's `data-update-kind` says them. */
export const UPDATE_KINDS = ['code', 'project', 'models', 'datasets', 'spaces', 'stars', 'version'] as const;

/** One kind of update: code released, project page added, new linked repos on the Hub, stars, a version. */
export type UpdateKind = (typeof UPDATE_KINDS)[number];

/**
 * What the site said about a paper at one check. An absent field is unknown (never asked, or the answer
 * did not say), which is not the same as none: only a change from a known value is an update.
 */
export interface WatchSnapshot {
  /** Canonical `https://github.com/OWNER/REPO`; `null` when the site said there is none. */
  githubRepo?: string | null;
  /** `null` when the site said there is none. */
  projectPage?: string | null;
  githubStars?: number;
  models?: number;
  datasets?: number;
  spaces?: number;
  /** The latest version arXiv lists (checked only when the reader allowed arXiv). */
  version?: number;
}

/** One change worth telling, as the store keeps it (`seq` is the store's key, in the order found). */
export interface PaperUpdate {
  seq?: number;
  /** arXiv id of the paper. */
  id: string;
  kind: UpdateKind;
  /** When the change was found. */
  at: number;
  /** The paper's title when the change was found, so the list reads without the paper's row. */
  title: string;
  /** `code`: the repository; `project`: the page. */
  url?: string;
  /** `models`, `datasets`, `spaces`, `stars`: the count now; `version`: the version number. */
  count?: number;
  /** `models`, `datasets`, `spaces`: the count before; `stars`: the threshold crossed; `version`: the one before. */
  previous?: number;
}

/** The choices of the stars threshold; 0 turns stars updates off. */
export const STAR_THRESHOLDS = [0, 100, 1000, 10000] as const;

/** A check's snapshot joined to the last one: what is unknown now stays as it was known. */
export function joinSnapshots(before: WatchSnapshot, now: WatchSnapshot): WatchSnapshot {
  const joined: WatchSnapshot = { ...before };
  for (const key of Object.keys(now) as (keyof WatchSnapshot)[]) {
    if (now[key] !== undefined) (joined as Record<string, unknown>)[key] = now[key];
  }
  return joined;
}

/**
 * The updates between two snapshots of paper `id`, in a fixed order of kinds. A repository or project
 * page counts once, when it appears where there was none (a changed address is not news); linked models,
 * datasets and spaces when their count grows from a known count; stars when a known count reaches
 * `starThreshold` (0: never); a version when arXiv lists a later one than a known version. An unchanged
 * paper gives none.
 */
export function diffSnapshots(
  id: string,
  title: string,
  before: WatchSnapshot,
  after: WatchSnapshot,
  at: number,
  starThreshold: number,
): PaperUpdate[] {
  const updates: PaperUpdate[] = [];
  const base = { id, title, at };
  if (before.githubRepo === null && typeof after.githubRepo === 'string') {
    updates.push({ ...base, kind: 'code', url: after.githubRepo });
  }
  if (before.projectPage === null && typeof after.projectPage === 'string') {
    updates.push({ ...base, kind: 'project', url: after.projectPage });
  }
  for (const kind of ['models', 'datasets', 'spaces'] as const) {
    const was = before[kind];
    const is = after[kind];
    if (was !== undefined && is !== undefined && is > was) {
      updates.push({ ...base, kind, count: is, previous: was });
    }
  }
  const stars = after.githubStars;
  const was = before.githubStars;
  if (
    starThreshold > 0 &&
    was !== undefined &&
    stars !== undefined &&
    was < starThreshold &&
    stars >= starThreshold
  ) {
    updates.push({ ...base, kind: 'stars', count: stars, previous: starThreshold });
  }
  if (before.version !== undefined && after.version !== undefined && after.version > before.version) {
    updates.push({ ...base, kind: 'version', count: after.version, previous: before.version });
  }
  return updates;
}
