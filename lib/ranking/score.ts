/**
 * Scoring a page of cards against a model: a score per paper, its level relative to the model ("high",
 * "medium", "low"), and the words that explain it. A cold-start model scores nothing and says so, and the
 * caller keeps the site's order.
 */
import { topTerms } from './explain';
import type { RankingModel, ScoreLevel } from './model';
import { TermLookup } from './tfidf';
import { docText, type RankingDoc, tokens } from './tokenize';
import { dot } from './train';

/** One card's score. */
export interface CardScore {
  id: string;
  /** Higher = more like what the reader keeps; comparable only within one model. */
  score: number;
  level: ScoreLevel;
  /** The card's own terms that raised its score most ("speculative decoding", "verifier"). */
  words: string[];
}

/** The scores of a page, or a cold start. */
export interface PageScores {
  /** True when the model had too few liked papers: `scores` is empty and the site's order stays. */
  coldStart: boolean;
  /** One entry per card, in the order given. */
  scores: CardScore[];
}

/** Options of {@link scoreCards}. */
export interface ScoreOptions {
  /** How many explaining words each card gets (0: none, a little faster). */
  words: number;
}

// Building the term lookup takes a few milliseconds for 20,000 terms: once per model object.
const lookups = new WeakMap<RankingModel, TermLookup>();

/** Scores `docs` with `model`. */
export function scoreCards(
  model: RankingModel,
  docs: readonly RankingDoc[],
  options: ScoreOptions = { words: 3 },
): PageScores {
  if (model.coldStart) return { coldStart: true, scores: [] };
  let lookup = lookups.get(model);
  if (!lookup) {
    lookup = new TermLookup(model.terms, model.idf);
    lookups.set(model, lookup);
  }
  const scores = docs.map((doc) => {
    const vector = (lookup as TermLookup).vectorize(tokens(docText(doc, { authors: model.authors })));
    const score = dot(vector, model.weights) + model.bias;
    return {
      id: doc.id,
      score,
      level: levelOf(model, score),
      words: options.words > 0 ? topTerms(vector, model.weights, model.terms, options.words) : [],
    };
  });
  return { coldStart: false, scores };
}

/** Where `score` stands among the model's levels. */
export function levelOf(model: RankingModel, score: number): ScoreLevel {
  if (score >= model.levels.high) return 'high';
  if (score >= model.levels.medium) return 'medium';
  return 'low';
}

/**
 * The ids of `scores` best first; equal scores keep the order given (the site's), so a cold start or a
 * tie never shuffles a page.
 */
export function rankedIds(scores: readonly CardScore[]): string[] {
  return scores
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.score - a.s.score || a.i - b.i)
    .map(({ s }) => s.id);
}
