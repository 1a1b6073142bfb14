import { describe, expect, it } from 'vitest';
import { seededRandom, trainSvm } from '../../../lib/ranking/svm';
import type { SparseVector } from '../../../lib/ranking/tfidf';

const vec = (pairs: [number, number][]): SparseVector => ({
  indices: Int32Array.from(pairs.map((p) => p[0])),
  values: Float32Array.from(pairs.map((p) => p[1])),
});
const score = (w: Float64Array, b: number, x: SparseVector) =>
  Array.from(x.indices).reduce((s, f, k) => s + w[f]! * x.values[k]!, b);

describe('the linear SVM', () => {
  const vectors = [
    vec([[0, 1]]),
    vec([
      [0, 0.8],
      [2, 0.6],
    ]),
    vec([[1, 1]]),
    vec([
      [1, 0.8],
      [2, 0.6],
    ]),
  ];
  const labels = [1, 1, -1, -1];
  const options = { c: 1, tolerance: 1e-6, maxEpochs: 1000, seed: 7 };

  it('separates obvious cases', () => {
    const { weights, bias } = trainSvm(vectors, labels, [1, 1, 1, 1], 3, options);
    expect(vectors.map((x) => Math.sign(score(weights, bias, x)))).toEqual(labels);
    expect(weights[0]).toBeGreaterThan(0);
    expect(weights[1]).toBeLessThan(0);
  });

  it('trains the same machine from the same data and seed', () => {
    const a = trainSvm(vectors, labels, [1, 1, 1, 1], 3, options);
    const b = trainSvm(vectors, labels, [1, 1, 1, 1], 3, options);
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(a.bias).toBe(b.bias);
  });

  it('draws repeatable numbers in [0, 1) from a seed', () => {
    const a = seededRandom(3);
    const b = seededRandom(3);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(100);
  });
});
