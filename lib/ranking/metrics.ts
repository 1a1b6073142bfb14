/**
 * The measures of one ranked list, as the evaluation folder's protocol defines them (its README and
 * `eval_reference.py`): precision at k (hits in the top k over k, even when the list is shorter), nDCG@k
 * with binary gains (ideal = every relevant paper first), and AUC (the chance a relevant paper scores
 * above an irrelevant one, ties counting half).
 */

/** Discounted cumulative gain of the first `k` gains. */
export function dcg(gains: readonly number[], k: number): number {
  let sum = 0;
  for (let i = 0; i < Math.min(k, gains.length); i++) sum += (gains[i] as number) / Math.log2(i + 2);
  return sum;
}

/** nDCG@k of relevance flags in ranked order; undefined when nothing is relevant. */
export function ndcgAt(ranked: readonly number[], k: number): number | undefined {
  const relevant = ranked.reduce((n, r) => n + r, 0);
  if (relevant === 0) return undefined;
  return dcg(ranked, k) / dcg(new Array(relevant).fill(1), k);
}

/** Hits among the first `k` of relevance flags in ranked order, divided by `k`. */
export function precisionAt(ranked: readonly number[], k: number): number {
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) hits += ranked[i] as number;
  return hits / k;
}

/**
 * P(score of a relevant paper > score of an irrelevant one), ties counting ½; undefined when every paper
 * or none is relevant.
 */
export function auc(scores: readonly number[], relevant: readonly number[]): number | undefined {
  const pos: number[] = [];
  const neg: number[] = [];
  scores.forEach((s, i) => {
    ((relevant[i] as number) > 0 ? pos : neg).push(s);
  });
  if (pos.length === 0 || neg.length === 0) return undefined;
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

/** The four measures of one day. */
export interface DayMetrics {
  p5: number;
  p10: number;
  ndcg10: number;
  /** Absent when every paper of the day is relevant. */
  auc?: number;
}

/**
 * Ranks a day's papers by `scores` (highest first; equal scores in an order drawn from `random`, so a
 * constant score is a random order) and measures the ranking against `relevant` (0/1 per paper).
 */
export function dayMetrics(
  scores: readonly number[],
  relevant: readonly number[],
  random: () => number,
): DayMetrics {
  const tiebreak = scores.map(() => random());
  const order = scores.map((_, i) => i);
  order.sort(
    (a, b) =>
      (scores[b] as number) - (scores[a] as number) || (tiebreak[a] as number) - (tiebreak[b] as number),
  );
  const ranked = order.map((i) => relevant[i] as number);
  const m: DayMetrics = {
    p5: precisionAt(ranked, 5),
    p10: precisionAt(ranked, 10),
    ndcg10: ndcgAt(ranked, 10) ?? 0,
  };
  const a = auc(scores, relevant);
  if (a !== undefined) m.auc = a;
  return m;
}

/** The mean of each measure over `days` (AUC over the days that have one; NaN when none has). */
export function meanMetrics(days: readonly DayMetrics[]): Required<DayMetrics> {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : Number.NaN);
  return {
    p5: mean(days.map((d) => d.p5)),
    p10: mean(days.map((d) => d.p10)),
    ndcg10: mean(days.map((d) => d.ndcg10)),
    auc: mean(days.flatMap((d) => (d.auc === undefined ? [] : [d.auc]))),
  };
}
