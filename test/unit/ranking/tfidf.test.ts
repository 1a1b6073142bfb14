import { describe, expect, it } from 'vitest';
import { fitTfidf, TermLookup } from '../../../lib/ranking/tfidf';
import { tokens } from '../../../lib/ranking/tokenize';

const texts = ['alpha beta gamma', 'alpha beta', 'alpha delta delta delta delta', 'epsilon zeta'];
const all = { minDf: 1, maxDf: 1, maxFeatures: 1000 };
const weightOf = (fit: ReturnType<typeof fitTfidf>, doc: number, term: string) => {
  const f = fit.vocabulary.terms.indexOf(term);
  const v = fit.vectors[doc]!;
  const k = Array.from(v.indices).indexOf(f);
  return k < 0 ? 0 : v.values[k]!;
};

describe('TF-IDF over unigrams and bigrams', () => {
  it('knows words and neighbouring pairs, in alphabetical order', () => {
    const { vocabulary } = fitTfidf(texts, all);
    expect(vocabulary.terms).toContain('alpha beta');
    expect(vocabulary.terms).toContain('delta delta');
    expect(vocabulary.terms).toEqual([...vocabulary.terms].sort());
  });

  it('computes idf as ln((1 + n) / (1 + df)) + 1', () => {
    const { vocabulary } = fitTfidf(texts, all);
    const idf = (term: string) => vocabulary.idf[vocabulary.terms.indexOf(term)];
    expect(idf('alpha')).toBeCloseTo(Math.log(5 / 4) + 1, 10);
    expect(idf('zeta')).toBeCloseTo(Math.log(5 / 2) + 1, 10);
  });

  it('keeps terms between minDf papers and a maxDf share of them, the most frequent first', () => {
    const fit = fitTfidf(texts, { minDf: 2, maxDf: 0.6, maxFeatures: 1000 });
    expect(fit.vocabulary.terms).toEqual(['alpha beta', 'beta']);
    const capped = fitTfidf(texts, { ...all, maxFeatures: 1 });
    expect(capped.vocabulary.terms).toEqual(['delta']); // four occurrences, more than any other
  });

  it('gives every paper a vector of unit length, with sublinear counts', () => {
    const fit = fitTfidf(texts, all);
    for (const v of fit.vectors) expect(v.values.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 5);
    const idf = (t: string) => fit.vocabulary.idf[fit.vocabulary.terms.indexOf(t)]!;
    const ratio = weightOf(fit, 2, 'delta') / weightOf(fit, 2, 'alpha');
    expect(ratio).toBeCloseTo(((1 + Math.log(4)) * idf('delta')) / idf('alpha'), 5);
  });

  it('vectorizes a new text over the fitted vocabulary as it would have during fitting', () => {
    const fit = fitTfidf(texts, all);
    const lookup = new TermLookup(fit.vocabulary.terms, fit.vocabulary.idf);
    const again = lookup.vectorize(tokens(texts[2]!));
    const sorted = (v: { indices: Int32Array; values: Float32Array }) =>
      Array.from(v.indices, (f, k) => [f, v.values[k]!]).sort((a, b) => a[0]! - b[0]!);
    expect(sorted(again)).toEqual(sorted(fit.vectors[2]!));
    expect(lookup.vectorize(tokens('unknown words only')).indices.length).toBe(0);
  });
});
