/**
 * The ranking model: what is learned from one reader's history (or one tag's papers), as a plain object
 * that JSON keeps as it is, so it can be stored (IndexedDB), compared and thrown away. It is one linear
 * scorer over the TF-IDF terms of the papers the reader has seen: score = Σ weight·tfidf + bias.
 */

/** Bumped whenever the meaning of a stored model changes; a model of another version is retrained. */
export const MODEL_VERSION = 1;

/** Fewer liked papers than this and the ranker says it cannot rank yet (the site's order stays). */
export const MIN_POSITIVES = 5;

/** How a score compares with the scores of the papers the reader did not like. */
export type ScoreLevel = 'high' | 'medium' | 'low';

/** A trained model, or a cold start that knows only why it cannot rank. */
export interface RankingModel {
  version: typeof MODEL_VERSION;
  /** A reader's own ranking, or one tag's ("more like #rl"). */
  scope: { kind: 'reader' } | { kind: 'tag'; tag: string };
  /** True when there were too few liked papers to learn from: nothing is scored. */
  coldStart: boolean;
  /** How many liked and not-liked papers it learned from. */
  positives: number;
  negatives: number;
  /** How many papers the vocabulary was learned from (idf's n). */
  papers: number;
  /** When it was trained (ms since 1970), as the caller said. */
  trainedAt: number;
  /** The terms it knows, in alphabetical order; `idf[i]` and `weights[i]` belong to `terms[i]`. */
  terms: string[];
  idf: number[];
  weights: number[];
  bias: number;
  /** Scores from which a card is "high" or "medium" (below: "low"). */
  levels: { high: number; medium: number };
  /** Whether the authors' names are part of a paper's text. */
  authors: boolean;
}

/** The model of a reader or a tag that has too few liked papers yet. */
export function coldStartModel(
  scope: RankingModel['scope'],
  positives: number,
  negatives: number,
  trainedAt: number,
): RankingModel {
  return {
    version: MODEL_VERSION,
    scope,
    coldStart: true,
    positives,
    negatives,
    papers: 0,
    trainedAt,
    terms: [],
    idf: [],
    weights: [],
    bias: 0,
    levels: { high: Number.POSITIVE_INFINITY, medium: Number.POSITIVE_INFINITY },
    authors: false,
  };
}

/** The model as JSON text, for storage or export. */
export function serializeModel(model: RankingModel): string {
  return JSON.stringify(model);
}

/**
 * A model back from JSON text or a stored object, or undefined when it is of another version or not a
 * model at all (the caller retrains).
 */
export function readModel(stored: unknown): RankingModel | undefined {
  const value = typeof stored === 'string' ? safeParse(stored) : stored;
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Partial<RankingModel>;
  if (m.version !== MODEL_VERSION || typeof m.coldStart !== 'boolean') return undefined;
  if (!Array.isArray(m.terms) || !Array.isArray(m.idf) || !Array.isArray(m.weights)) return undefined;
  if (m.terms.length !== m.idf.length || m.terms.length !== m.weights.length) return undefined;
  if (typeof m.bias !== 'number' || typeof m.levels !== 'object' || m.levels === null) return undefined;
  // JSON has no Infinity: a cold start's levels come back as null.
  const levels = {
    high: m.levels.high ?? Number.POSITIVE_INFINITY,
    medium: m.levels.medium ?? Number.POSITIVE_INFINITY,
  };
  return { ...(m as RankingModel), levels };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `x` rounded to `digits` significant digits, so a stored model is a third of its full-precision size. */
export function roundTo(x: number, digits: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(digits));
}
