/**
 * TF-IDF over unigrams and bigrams, as scikit-learn's `TfidfVectorizer` computes it with
 * arxiv-sanity-lite's settings: a term is kept when at least `minDf` papers and at most `maxDf` of them
 * have it, the `maxFeatures` most frequent survive, idf = ln((1 + n) / (1 + df)) + 1, tf is sublinear
 * (1 + ln count) and each vector has unit length.
 *
 * Fitting 10,000 abstracts must take a fraction of a second, so words are numbered once and a pair is
 * counted only when both of its words could pass `minDf` (a pair is never in more papers than its words).
 */
import { terms } from './tokenize';

/** Which terms the vocabulary keeps. */
export interface TfidfOptions {
  /** Fewest papers a term must be in. */
  minDf: number;
  /** Largest share of papers a term may be in (a term in every paper tells none apart). */
  maxDf: number;
  /** At most this many terms, the most frequent first. */
  maxFeatures: number;
}

/** arxiv-sanity-lite's settings (`min_df=5`, `max_df=0.1`): the reference of docs/ranking.md. */
export const TFIDF_REFERENCE: TfidfOptions = { minDf: 5, maxDf: 0.1, maxFeatures: 20_000 };

/**
 * The product's settings, chosen by validation on the readers' training periods only (scripts/rank-select.mjs):
 * a term in two papers may already tell a topic, and words in a tenth of AI papers ("code", "agent",
 * "video") are what topic readers are about; only a term in over half the papers is dropped.
 */
export const TFIDF_DEFAULTS: TfidfOptions = { minDf: 2, maxDf: 0.5, maxFeatures: 20_000 };

/** The terms a model knows, in alphabetical order, with their idf. */
export interface Vocabulary {
  terms: string[];
  idf: Float64Array;
}

/** A paper as weights over a vocabulary: `values[k]` belongs to term `indices[k]`; indices ascend. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** A fitted vocabulary with the vectors of the papers it was fitted on. */
export interface FittedTfidf {
  vocabulary: Vocabulary;
  vectors: SparseVector[];
}

const PAIR_BASE = 2 ** 26;

/** Learns the vocabulary from the papers' token lists and returns their vectors. */
export function fitTfidf(tokenLists: readonly (readonly string[])[], options: TfidfOptions): FittedTfidf {
  const n = tokenLists.length;
  const wordId = new Map<string, number>();
  const wordText: string[] = [];
  const docWords: Int32Array[] = [];
  const wordDf: number[] = [];
  const wordTf: number[] = [];
  const wordLastDoc: number[] = [];
  tokenLists.forEach((list, doc) => {
    const ids = new Int32Array(list.length);
    list.forEach((word, k) => {
      let id = wordId.get(word);
      if (id === undefined) {
        id = wordText.length;
        wordId.set(word, id);
        wordText.push(word);
        wordDf.push(0);
        wordTf.push(0);
        wordLastDoc.push(-1);
      }
      ids[k] = id;
      wordTf[id] = (wordTf[id] as number) + 1;
      if (wordLastDoc[id] !== doc) {
        wordLastDoc[id] = doc;
        wordDf[id] = (wordDf[id] as number) + 1;
      }
    });
    docWords.push(ids);
  });
  if (wordText.length >= PAIR_BASE) throw new Error('too many distinct words');

  const minDocs = options.minDf;
  const maxDocs = options.maxDf * n;
  const pairId = new Map<number, number>();
  const pairKey: number[] = [];
  const pairDf: number[] = [];
  const pairTf: number[] = [];
  const pairLastDoc: number[] = [];
  docWords.forEach((ids, doc) => {
    for (let k = 1; k < ids.length; k++) {
      const a = ids[k - 1] as number;
      const b = ids[k] as number;
      if ((wordDf[a] as number) < minDocs || (wordDf[b] as number) < minDocs) continue;
      const key = a * PAIR_BASE + b;
      let id = pairId.get(key);
      if (id === undefined) {
        id = pairKey.length;
        pairId.set(key, id);
        pairKey.push(key);
        pairDf.push(0);
        pairTf.push(0);
        pairLastDoc.push(-1);
      }
      pairTf[id] = (pairTf[id] as number) + 1;
      if (pairLastDoc[id] !== doc) {
        pairLastDoc[id] = doc;
        pairDf[id] = (pairDf[id] as number) + 1;
      }
    }
  });

  // Each candidate is a word (`word` ≥ 0) or a pair (`pair` ≥ 0), with its paper count and total count.
  const keep = (df: number) => df >= minDocs && df <= maxDocs;
  const candidates: { text: string; df: number; tf: number; word: number; pair: number }[] = [];
  wordText.forEach((text, id) => {
    const df = wordDf[id] as number;
    if (keep(df)) candidates.push({ text, df, tf: wordTf[id] as number, word: id, pair: -1 });
  });
  pairKey.forEach((key, id) => {
    const df = pairDf[id] as number;
    if (!keep(df)) return;
    const text = `${wordText[Math.floor(key / PAIR_BASE)]} ${wordText[key % PAIR_BASE]}`;
    candidates.push({ text, df, tf: pairTf[id] as number, word: -1, pair: key });
  });
  const byText = (x: { text: string }, y: { text: string }) =>
    x.text < y.text ? -1 : x.text > y.text ? 1 : 0;
  let chosen = candidates;
  if (chosen.length > options.maxFeatures) {
    chosen = [...chosen].sort((x, y) => y.tf - x.tf || byText(x, y)).slice(0, options.maxFeatures);
  }
  chosen.sort(byText);

  const vocabulary: Vocabulary = {
    terms: chosen.map((c) => c.text),
    idf: Float64Array.from(chosen, (c) => Math.log((1 + n) / (1 + c.df)) + 1),
  };
  const featureOfWord = new Int32Array(wordText.length).fill(-1);
  const featureOfPair = new Map<number, number>();
  chosen.forEach((c, feature) => {
    if (c.word >= 0) featureOfWord[c.word] = feature;
    else featureOfPair.set(c.pair, feature);
  });
  const vectors = docWords.map((ids) => {
    const features: number[] = [];
    for (let k = 0; k < ids.length; k++) {
      const f = featureOfWord[ids[k] as number] as number;
      if (f >= 0) features.push(f);
      if (k > 0) {
        const p = featureOfPair.get((ids[k - 1] as number) * PAIR_BASE + (ids[k] as number));
        if (p !== undefined) features.push(p);
      }
    }
    return weigh(features, vocabulary.idf);
  });
  return { vocabulary, vectors };
}

/** A lookup from term to its index in `vocabulary`, built once per vocabulary. */
export function termIndex(vocabulary: Pick<Vocabulary, 'terms'>): Map<string, number> {
  return new Map(vocabulary.terms.map((term, i) => [term, i]));
}

/** The vector of one token list over a fitted vocabulary; terms it does not know are ignored. */
export function vectorize(
  tokenList: readonly string[],
  index: ReadonlyMap<string, number>,
  idf: ArrayLike<number>,
): SparseVector {
  const features: number[] = [];
  for (const term of terms(tokenList)) {
    const f = index.get(term);
    if (f !== undefined) features.push(f);
  }
  return weigh(features, idf);
}

/** Counts the feature occurrences, applies sublinear tf and idf, and scales the vector to unit length. */
function weigh(features: number[], idf: ArrayLike<number>): SparseVector {
  features.sort((a, b) => a - b);
  const indices: number[] = [];
  const values: number[] = [];
  let norm = 0;
  for (let k = 0; k < features.length; ) {
    const f = features[k] as number;
    let count = 0;
    while (k < features.length && features[k] === f) {
      count++;
      k++;
    }
    const value = (1 + Math.log(count)) * (idf[f] as number);
    indices.push(f);
    values.push(value);
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { indices: Int32Array.from(indices), values: Float32Array.from(values, (v) => v * scale) };
}
