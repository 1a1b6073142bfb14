/**
 * What the "For you" ranker learns from, read off the stored papers: every paper's text builds the
 * vocabulary; saved, tagged and read papers are liked, dismissed papers and papers seen and passed over
 * are not (`lib/ranking/labels.ts` weighs them). Pure: rows in, documents and labels out.
 */
import type { StoredPaper } from '../model/paper';
import type { RankingDoc, RankingLabel } from '../ranking';

/** The ranker's view of one stored paper: title, abstract and the site's keywords (authors when known). */
export function rankingDoc(
  row: Pick<StoredPaper, 'id' | 'title' | 'summary' | 'keywords' | 'authors'>,
): RankingDoc {
  const doc: RankingDoc = { id: row.id, title: row.title };
  if (row.summary !== undefined) doc.summary = row.summary;
  if (row.keywords.length > 0) doc.keywords = row.keywords;
  if (row.authors.length > 0) doc.authors = row.authors;
  return doc;
}

/**
 * The labels of one row, every signal it carries (the ranker keeps the strongest): saved, tagged, read,
 * dismissed, or skipped when it was seen and nothing else was done with it. A paper never on screen
 * (`new`) teaches nothing but its words.
 */
export function labelsOf(row: StoredPaper): RankingLabel[] {
  const labels: RankingLabel[] = [];
  if (row.savedAt !== undefined) labels.push({ id: row.id, signal: 'saved', at: row.savedAt });
  if (row.tags.length > 0) labels.push({ id: row.id, signal: 'tagged', at: row.updatedAt });
  if (row.dismissedAt !== undefined) labels.push({ id: row.id, signal: 'dismissed', at: row.dismissedAt });
  if (row.state === 'read') labels.push({ id: row.id, signal: 'read', at: row.readAt ?? row.updatedAt });
  if (labels.length === 0 && row.state === 'seen')
    labels.push({ id: row.id, signal: 'skipped', at: row.lastSeenAt });
  return labels;
}

/** Documents and labels of every row given; `tagged` lists the ids carrying a tag (case-insensitive). */
export interface TrainingSet {
  docs: RankingDoc[];
  labels: RankingLabel[];
  /** Ids of the papers with each tag, by the tag in lower case (for "more like #tag"). */
  tagged: Map<string, Set<string>>;
}

/** Gathers a {@link TrainingSet}; call it slice after slice of the store. */
export function addToTrainingSet(set: TrainingSet, rows: readonly StoredPaper[]): void {
  for (const row of rows) {
    set.docs.push(rankingDoc(row));
    set.labels.push(...labelsOf(row));
    for (const tag of row.tags) {
      const key = tag.toLowerCase();
      const ids = set.tagged.get(key) ?? new Set<string>();
      ids.add(row.id);
      set.tagged.set(key, ids);
    }
  }
}

/** An empty {@link TrainingSet}. */
export function emptyTrainingSet(): TrainingSet {
  return { docs: [], labels: [], tagged: new Map() };
}
