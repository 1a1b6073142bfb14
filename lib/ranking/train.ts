/**
 * Training: from the papers a reader has seen and what they did with them to a {@link RankingModel}.
 * The vocabulary and idf come from every paper given (the reader's own corpus); the classifier learns
 * from the labelled ones only. An update after one action is a full retrain, about a second for 10,000
 * papers (scripts/bench-rank.mjs, rank.train.10000; docs/ranking.md), so nothing incremental is kept.
 */
import { type RankingLabel, resolveLabels, SIGNALS } from './labels';
import { coldStartModel, MIN_POSITIVES, MODEL_VERSION, type RankingModel, roundTo } from './model';
import { SVM_DEFAULTS, type SvmOptions, trainSvm } from './svm';
import { fitTfidf, type SparseVector, TFIDF_DEFAULTS, type TfidfOptions } from './tfidf';
import { docText, type RankingDoc } from './tokenize';

/** Everything training can be told; every field has a default. */
export interface TrainOptions {
  scope: RankingModel['scope'];
  /** The time the model is trained at (ms since 1970); the default is now. */
  now: number;
  tfidf: TfidfOptions;
  svm: SvmOptions;
  /** Give each class the same total weight, however many papers each has (scikit-learn's "balanced"). */
  balanced: boolean;
  /**
   * Weight of the liked papers' centroid (Rocchio) beside the SVM, 0 for the SVM alone. Both are linear over
   * the same terms, so the blend is one weight vector; each part is scaled by its scores' spread first.
   */
  centroid: number;
  /** Halve a label's weight every this many days before `now` (0: no decay). */
  halfLifeDays: number;
  /** Read the authors' names as part of each paper's text. */
  authors: boolean;
  /** Significant digits kept of each stored number. */
  digits: number;
  minPositives: number;
}

/** The ranker the product uses (see docs/ranking.md for how each choice was measured). */
export const TRAIN_DEFAULTS: Omit<TrainOptions, 'now'> = {
  scope: { kind: 'reader' },
  tfidf: TFIDF_DEFAULTS,
  svm: SVM_DEFAULTS,
  balanced: true,
  centroid: 0,
  halfLifeDays: 0,
  authors: false,
  digits: 5,
  minPositives: MIN_POSITIVES,
};

const DAY = 86_400_000;
/** Shares of the not-liked papers' scores a card must pass to be "high" and "medium". */
const LEVEL_QUANTILES = { high: 0.975, medium: 0.85 };

/** Trains a model on `docs` (every paper the reader has seen) and `labels` (what they did with some). */
export function trainModel(
  docs: readonly RankingDoc[],
  labels: readonly RankingLabel[],
  options: Partial<TrainOptions> = {},
): RankingModel {
  const o: TrainOptions = { ...TRAIN_DEFAULTS, now: Date.now(), ...options };
  const byId = resolveLabels(labels);
  const known = new Set(docs.map((d) => d.id));
  let positives = 0;
  let negatives = 0;
  for (const [id, label] of byId) {
    if (!known.has(id)) continue;
    if (SIGNALS[label.signal].side > 0) positives++;
    else negatives++;
  }
  if (positives < o.minPositives || negatives === 0)
    return coldStartModel(o.scope, positives, negatives, o.now);

  const { vocabulary, vectors } = fitTfidf(
    docs.map((d) => docText(d, { authors: o.authors })),
    o.tfidf,
  );
  const dimension = vocabulary.terms.length;
  const samples: SparseVector[] = [];
  const sides: number[] = [];
  const weights: number[] = [];
  docs.forEach((doc, i) => {
    const label = byId.get(doc.id);
    if (!label) return;
    const signal = SIGNALS[label.signal];
    const age = label.at === undefined ? 0 : Math.max(0, o.now - label.at) / DAY;
    samples.push(vectors[i] as SparseVector);
    sides.push(signal.side);
    weights.push(signal.weight * (o.halfLifeDays > 0 ? 0.5 ** (age / o.halfLifeDays) : 1));
  });
  const costs = classCosts(sides, weights, o.balanced).map((w) => w * o.svm.c);
  const boundary = trainSvm(samples, sides, costs, dimension, o.svm);

  let w = boundary.weights;
  let bias = boundary.bias;
  if (o.centroid > 0) {
    const centroid = likedCentroid(samples, sides, weights, dimension);
    const svmSpread = spread(vectors, w);
    const centroidSpread = spread(vectors, centroid);
    if (svmSpread > 0 && centroidSpread > 0) {
      w = w.map((x, f) => x / svmSpread + (o.centroid * (centroid[f] as number)) / centroidSpread);
      bias /= svmSpread;
    }
  }

  const stored = Array.from(w, (x) => roundTo(x, o.digits));
  const storedBias = roundTo(bias, o.digits);
  const notLiked = vectors
    .filter((_, i) => {
      const label = byId.get((docs[i] as RankingDoc).id);
      return !label || SIGNALS[label.signal].side < 0;
    })
    .map((x) => dot(x, stored) + storedBias)
    .sort((a, b) => a - b);
  return {
    version: MODEL_VERSION,
    scope: o.scope,
    coldStart: false,
    positives,
    negatives,
    papers: docs.length,
    trainedAt: o.now,
    terms: vocabulary.terms,
    idf: Array.from(vocabulary.idf, (x) => roundTo(x, o.digits)),
    weights: stored,
    bias: storedBias,
    levels: {
      high: quantile(notLiked, LEVEL_QUANTILES.high),
      medium: quantile(notLiked, LEVEL_QUANTILES.medium),
    },
    authors: o.authors,
  };
}

/** Each paper's weight, scaled so that both classes weigh the same in total when `balanced`. */
function classCosts(sides: readonly number[], weights: readonly number[], balanced: boolean): number[] {
  if (!balanced) return [...weights];
  let liked = 0;
  let notLiked = 0;
  sides.forEach((side, i) => {
    if (side > 0) liked += weights[i] as number;
    else notLiked += weights[i] as number;
  });
  const total = liked + notLiked;
  // scikit-learn's n / (classes · count), with weights in place of counts.
  return weights.map((w, i) => (w * total) / (2 * ((sides[i] as number) > 0 ? liked : notLiked)));
}

/** The weighted mean of the liked papers' vectors. */
function likedCentroid(
  samples: readonly SparseVector[],
  sides: readonly number[],
  weights: readonly number[],
  dimension: number,
): Float64Array {
  const c = new Float64Array(dimension);
  let total = 0;
  samples.forEach((x, i) => {
    if ((sides[i] as number) < 0) return;
    const wi = weights[i] as number;
    total += wi;
    for (let k = 0; k < x.indices.length; k++) {
      const f = x.indices[k] as number;
      c[f] = (c[f] as number) + wi * (x.values[k] as number);
    }
  });
  return total > 0 ? c.map((v) => v / total) : c;
}

/** The standard deviation of w·x over `vectors`. */
function spread(vectors: readonly SparseVector[], w: ArrayLike<number>): number {
  let sum = 0;
  let sq = 0;
  for (const x of vectors) {
    const s = dot(x, w);
    sum += s;
    sq += s * s;
  }
  const mean = sum / vectors.length;
  return Math.sqrt(Math.max(0, sq / vectors.length - mean * mean));
}

/** w·x for a sparse x. */
export function dot(x: SparseVector, w: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < x.indices.length; k++)
    s += (w[x.indices[k] as number] as number) * (x.values[k] as number);
  return s;
}

/** The `q` quantile of ascending `sorted` (linear interpolation), or +∞ when it is empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.POSITIVE_INFINITY;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}
