/**
 * A linear support vector machine, trained as scikit-learn's `LinearSVC` trains it (liblinear's dual
 * coordinate descent for the L2-regularised squared hinge loss, the bias learned as one more feature of
 * value 1): the classifier arxiv-sanity-lite uses. Each paper has its own cost, so "balanced" classes
 * and per-signal weights (a save counts more than a read) are one mechanism.
 */
import type { SparseVector } from './tfidf';

/** How the machine is trained. */
export interface SvmOptions {
  /** Cost of a misclassified paper of weight 1; small = a smoother, more regularised boundary. */
  c: number;
  /** Stop when the projected gradient spans less than this (liblinear's `eps`). */
  tolerance: number;
  /** Stop after this many passes over the papers anyway. */
  maxEpochs: number;
  /** Seed of the order the papers are visited in, so training is repeatable. */
  seed: number;
}

/**
 * arxiv-sanity-lite's `C=0.01`, with scikit-learn's default `tol=1e-4` (arxiv-sanity-lite asks 1e-6: two
 * more passes for the same ranking of every test day of shared/foryou).
 */
export const SVM_DEFAULTS: SvmOptions = { c: 0.01, tolerance: 1e-4, maxEpochs: 1000, seed: 1 };

/** A trained linear boundary: score(x) = w·x + bias. */
export interface LinearBoundary {
  weights: Float64Array;
  bias: number;
  /** Passes it took (for tests and benchmarks). */
  epochs: number;
}

/** A small, fast, repeatable pseudo-random generator (mulberry32) giving numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Trains on `vectors` over `dimension` features; `labels[i]` is +1 or −1 and `costs[i]` the cost of paper
 * i (the option `c` times its weight).
 */
export function trainSvm(
  vectors: readonly SparseVector[],
  labels: ArrayLike<number>,
  costs: ArrayLike<number>,
  dimension: number,
  options: SvmOptions,
): LinearBoundary {
  const n = vectors.length;
  const w = new Float64Array(dimension);
  let bias = 0;
  const alpha = new Float64Array(n);
  const diag = new Float64Array(n);
  const qd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = vectors[i] as SparseVector;
    diag[i] = 0.5 / (costs[i] as number);
    let sq = 1; // the bias feature
    for (let k = 0; k < x.values.length; k++) sq += (x.values[k] as number) ** 2;
    qd[i] = sq + (diag[i] as number);
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed);
  let epochs = 0;
  while (epochs < options.maxEpochs) {
    epochs++;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    let pgMax = Number.NEGATIVE_INFINITY;
    let pgMin = Number.POSITIVE_INFINITY;
    for (let s = 0; s < n; s++) {
      const i = order[s] as number;
      const x = vectors[i] as SparseVector;
      const y = labels[i] as number;
      let dot = bias;
      for (let k = 0; k < x.indices.length; k++)
        dot += (w[x.indices[k] as number] as number) * (x.values[k] as number);
      const a = alpha[i] as number;
      const g = y * dot - 1 + a * (diag[i] as number);
      const pg = a === 0 ? Math.min(g, 0) : g;
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) < 1e-12) continue;
      const next = Math.max(a - g / (qd[i] as number), 0);
      const step = (next - a) * y;
      alpha[i] = next;
      for (let k = 0; k < x.indices.length; k++) {
        const f = x.indices[k] as number;
        w[f] = (w[f] as number) + step * (x.values[k] as number);
      }
      bias += step;
    }
    if (pgMax - pgMin <= options.tolerance) break;
  }
  return { weights: w, bias, epochs };
}
