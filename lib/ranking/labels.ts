/**
 * What the reader did with a paper, as the ranker learns it: saved, tagged and read papers are liked
 * (a save most), dismissed papers and papers seen and passed over are not (a dismissal most).
 */

/** One thing the reader did, or did not do, with a paper. */
export type Signal = 'saved' | 'tagged' | 'read' | 'dismissed' | 'skipped';

/** A paper the ranker learns from. */
export interface RankingLabel {
  id: string;
  signal: Signal;
  /** When it happened (ms since 1970); used when training with a time decay. */
  at?: number;
}

/** Whether a signal says "more like this" (+1) or "not this" (−1), and how much it counts. */
export const SIGNALS: Readonly<Record<Signal, { side: 1 | -1; weight: number }>> = {
  saved: { side: 1, weight: 1 },
  tagged: { side: 1, weight: 0.8 },
  read: { side: 1, weight: 0.5 },
  dismissed: { side: -1, weight: 1 },
  skipped: { side: -1, weight: 0.5 },
};

/** When one paper has several signals, the first of this list wins (a save outweighs an earlier skip). */
const PRECEDENCE: readonly Signal[] = ['saved', 'tagged', 'dismissed', 'read', 'skipped'];

/** One label per paper: the signal that wins for each id, with the latest time given for it. */
export function resolveLabels(labels: readonly RankingLabel[]): Map<string, RankingLabel> {
  const out = new Map<string, RankingLabel>();
  for (const label of labels) {
    const held = out.get(label.id);
    if (!held || PRECEDENCE.indexOf(label.signal) < PRECEDENCE.indexOf(held.signal)) out.set(label.id, label);
    else if (held.signal === label.signal && (label.at ?? 0) > (held.at ?? 0)) out.set(label.id, label);
  }
  return out;
}

/**
 * The labels of a per-tag ranking ("more like #rl"): the papers with the tag are liked; every other paper
 * the reader labelled, saved or not, is what the tag is not.
 */
export function labelsForTag(labels: readonly RankingLabel[], tagged: ReadonlySet<string>): RankingLabel[] {
  const ids = new Set([...labels.map((l) => l.id), ...tagged]);
  return [...ids].map((id) => ({ id, signal: tagged.has(id) ? 'tagged' : 'skipped' }));
}
