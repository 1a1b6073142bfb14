/**
 * TF-IDF over unigrams and bigrams, as scikit-learn's `TfidfVectorizer` computes it with
 * arxiv-sanity-lite's settings: a term is kept when at least `minDf` papers and at most `maxDf` of them
 * have it, the `maxFeatures` most frequent survive, idf = ln((1 + n) / (1 + df)) + 1, tf is sublinear
 * (1 + ln count) and each vector has unit length.
 *
 * Fitting 10,000 abstracts must take a fraction of a second, so words are numbered once, pairs are counted
 * in typed arrays ({@link PairTable}) and only when both of their words could pass `minDf` (a pair is never
 * in more papers than its words), and strings are built only for the terms kept.
 */
import { PairTable } from './pair-table';
import { scanTokens } from './tokenize';

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

/** A paper as weights over a vocabulary: `values[k]` belongs to term `indices[k]`. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** A fitted vocabulary with the vectors of the papers it was fitted on. */
export interface FittedTfidf {
  vocabulary: Vocabulary;
  vectors: SparseVector[];
}

/** A growable count per number. */
class Counts {
  values = new Int32Array(1024);
  at(i: number): number {
    return this.values[i] as number;
  }
  add(i: number, by = 1): void {
    if (i >= this.values.length) {
      const grown = new Int32Array(Math.max(i + 1, this.values.length * 2));
      grown.set(this.values);
      this.values = grown;
    }
    this.values[i] = (this.values[i] as number) + by;
  }
}

/**
 * Learns the vocabulary from the papers' texts (see `docText`) and returns their vectors. Words are
 * numbered as the text is scanned, so no list of word strings is kept per paper.
 */
export function fitTfidf(texts: readonly string[], options: TfidfOptions): FittedTfidf {
  const n = texts.length;
  const wordId = new Map<string, number>();
  const wordText: string[] = [];
  const wordDf = new Counts();
  const wordTf = new Counts();
  let scratch = new Int32Array(4096);
  let length = 0;
  const take = (word: string) => {
    let id = wordId.get(word);
    if (id === undefined) {
      id = wordText.length;
      wordId.set(word, id);
      wordText.push(word);
    }
    if (length === scratch.length) {
      const grown = new Int32Array(length * 2);
      grown.set(scratch);
      scratch = grown;
    }
    scratch[length++] = id;
    wordTf.add(id);
  };
  const docWords = texts.map((text) => {
    length = 0;
    scanTokens(text, take);
    return scratch.slice(0, length);
  });
  // Paper counts: each word once per paper, marked by the last paper it was counted for.
  const lastDoc = new Int32Array(wordText.length).fill(-1);
  docWords.forEach((ids, doc) => {
    for (const id of ids) {
      if (lastDoc[id] === doc) continue;
      lastDoc[id] = doc;
      wordDf.add(id);
    }
  });

  const minDocs = options.minDf;
  const maxDocs = options.maxDf * n;
  const wordDocs = wordDf.values;
  const pairable = (a: number) => (wordDocs[a] as number) >= minDocs;
  const countable = (a: number, b: number) => pairable(a) && pairable(b);
  let occurrences = 0;
  for (const ids of docWords) {
    for (let k = 1; k < ids.length; k++) if (countable(ids[k - 1] as number, ids[k] as number)) occurrences++;
  }
  const pairs = new PairTable(occurrences);
  const pairFirst = new Int32Array(occurrences);
  const pairSecond = new Int32Array(occurrences);
  const pairDf = new Int32Array(occurrences);
  const pairTf = new Int32Array(occurrences);
  const pairLastDoc = new Int32Array(occurrences).fill(-1);
  docWords.forEach((ids, doc) => {
    for (let k = 1; k < ids.length; k++) {
      const a = ids[k - 1] as number;
      const b = ids[k] as number;
      if (!countable(a, b)) continue;
      const before = pairs.size;
      const id = pairs.add(a, b);
      if (id === before) {
        pairFirst[id] = a;
        pairSecond[id] = b;
      }
      pairTf[id] = (pairTf[id] as number) + 1;
      if (pairLastDoc[id] !== doc) {
        pairLastDoc[id] = doc;
        pairDf[id] = (pairDf[id] as number) + 1;
      }
    }
  });

  // Candidates are numbered: words first (0 … words − 1), then pairs.
  const keep = (df: number) => df >= minDocs && df <= maxDocs;
  const words = wordText.length;
  let candidates: number[] = [];
  for (let id = 0; id < words; id++) if (keep(wordDf.at(id))) candidates.push(id);
  for (let id = 0; id < pairs.size; id++) if (keep(pairDf[id] as number)) candidates.push(words + id);
  const tfOf = (c: number) => (c < words ? wordTf.at(c) : (pairTf[c - words] as number));
  const dfOf = (c: number) => (c < words ? wordDf.at(c) : (pairDf[c - words] as number));
  if (candidates.length > options.maxFeatures)
    candidates = mostFrequent(candidates, tfOf, options.maxFeatures);
  const textOf = (c: number) =>
    c < words
      ? (wordText[c] as string)
      : `${wordText[pairFirst[c - words] as number]} ${wordText[pairSecond[c - words] as number]}`;
  const chosen = candidates
    .map((c) => ({ c, text: textOf(c) }))
    .sort((x, y) => (x.text < y.text ? -1 : x.text > y.text ? 1 : 0));

  const vocabulary: Vocabulary = {
    terms: chosen.map((x) => x.text),
    idf: Float64Array.from(chosen, (x) => Math.log((1 + n) / (1 + dfOf(x.c))) + 1),
  };
  const featureOfWord = new Int32Array(words).fill(-1);
  const featureOfPair = new Int32Array(pairs.size).fill(-1);
  chosen.forEach(({ c }, feature) => {
    if (c < words) featureOfWord[c] = feature;
    else featureOfPair[c - words] = feature;
  });
  const weigher = new Weigher(vocabulary.idf);
  const vectors = docWords.map((ids) => {
    for (let k = 0; k < ids.length; k++) {
      const b = ids[k] as number;
      weigher.count(featureOfWord[b] as number);
      if (k > 0) {
        const pair = pairs.get(ids[k - 1] as number, b);
        if (pair >= 0) weigher.count(featureOfPair[pair] as number);
      }
    }
    return weigher.vector();
  });
  return { vocabulary, vectors };
}

/**
 * The `limit` candidates with the largest counts, ties to the lowest numbers (the words and pairs seen
 * first), in their original order: a threshold found by counting, with no sort.
 */
function mostFrequent(
  candidates: readonly number[],
  countOf: (c: number) => number,
  limit: number,
): number[] {
  const histogram = new Map<number, number>();
  for (const c of candidates) {
    const count = countOf(c);
    histogram.set(count, (histogram.get(count) ?? 0) + 1);
  }
  let threshold = 0;
  let above = 0;
  for (const count of [...histogram.keys()].sort((a, b) => b - a)) {
    const here = histogram.get(count) as number;
    if (above + here >= limit) {
      threshold = count;
      break;
    }
    above += here;
  }
  let ties = limit - above;
  return candidates.filter((c) => {
    const count = countOf(c);
    if (count > threshold) return true;
    if (count === threshold && ties > 0) {
      ties--;
      return true;
    }
    return false;
  });
}

/** Finds the features of a token list in a fitted vocabulary, with no string built per pair. */
export class TermLookup {
  private readonly wordId = new Map<string, number>();
  private readonly unigram: Int32Array;
  private readonly pairs: PairTable;
  private readonly pairFeature: number[] = [];
  private readonly weigher: Weigher;

  /** A lookup over `terms` (words and "word word" pairs), weighed by `idf`. */
  constructor(terms: readonly string[], idf: ArrayLike<number>) {
    const idOf = (word: string) => {
      let id = this.wordId.get(word);
      if (id === undefined) {
        id = this.wordId.size;
        this.wordId.set(word, id);
      }
      return id;
    };
    const unigrams: [number, number][] = [];
    this.pairs = new PairTable(terms.length);
    terms.forEach((term, feature) => {
      const space = term.indexOf(' ');
      if (space < 0) unigrams.push([idOf(term), feature]);
      else {
        const pair = this.pairs.add(idOf(term.slice(0, space)), idOf(term.slice(space + 1)));
        this.pairFeature[pair] = feature;
      }
    });
    this.unigram = new Int32Array(this.wordId.size).fill(-1);
    for (const [id, feature] of unigrams) this.unigram[id] = feature;
    this.weigher = new Weigher(idf);
  }

  /** The vector of a token list; terms the vocabulary does not know are ignored. */
  vectorize(tokenList: readonly string[]): SparseVector {
    let previous = -1;
    for (const token of tokenList) {
      const id = this.wordId.get(token) ?? -1;
      if (id >= 0) {
        this.weigher.count(this.unigram[id] as number);
        if (previous >= 0) {
          const pair = this.pairs.get(previous, id);
          if (pair >= 0) this.weigher.count(this.pairFeature[pair] as number);
        }
      }
      previous = id;
    }
    return this.weigher.vector();
  }
}

/**
 * Turns counted features into a vector: sublinear tf times idf, scaled to unit length. One scratch array
 * over the vocabulary is reused for every paper.
 */
class Weigher {
  private readonly counts: Int32Array;
  private readonly touched: number[] = [];

  constructor(private readonly idf: ArrayLike<number>) {
    this.counts = new Int32Array(idf.length);
  }

  /** Counts one occurrence of `feature` (ignored when negative: not in the vocabulary). */
  count(feature: number): void {
    if (feature < 0) return;
    if (this.counts[feature] === 0) this.touched.push(feature);
    this.counts[feature] = (this.counts[feature] as number) + 1;
  }

  /** The vector of what was counted since the last call; the counts start again from zero. */
  vector(): SparseVector {
    const touched = this.touched;
    const indices = Int32Array.from(touched);
    const values = new Float32Array(touched.length);
    let norm = 0;
    for (let k = 0; k < touched.length; k++) {
      const f = touched[k] as number;
      const v = (1 + Math.log(this.counts[f] as number)) * (this.idf[f] as number);
      this.counts[f] = 0;
      values[k] = v;
      norm += v * v;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < touched.length; k++) values[k] = (values[k] as number) * scale;
    touched.length = 0;
    return { indices, values };
  }
}
