/**
 * The "For you" ranker: learned from one reader's own history, kept as a plain JSON object, never sent
 * anywhere. Pure TypeScript, no browser API: the background trains and stores it, any context scores.
 *
 * - {@link trainModel}: papers seen + what the reader did → a {@link RankingModel} (or a cold start);
 *   `labelsForTag` turns it into a per-tag ranking ("more like #rl").
 * - {@link scoreCards}: a page's cards → score, level and explaining words per card; {@link rankedIds}.
 * - {@link readModel} / {@link serializeModel}: storage round trip, by {@link MODEL_VERSION}.
 * - {@link evaluateReader}: the offline protocol `npm run rank:eval` runs.
 */
export {
  type EvaluationSummary,
  evaluateReader,
  type ListedPaper,
  type Ranker,
  type ReaderResult,
  type SavedPaper,
  splitDate,
  summarize,
} from './evaluate';
export { labelsForTag, type RankingLabel, resolveLabels, SIGNALS, type Signal } from './labels';
export { auc, type DayMetrics, dayMetrics, dcg, meanMetrics, ndcgAt, precisionAt } from './metrics';
export {
  coldStartModel,
  MIN_POSITIVES,
  MODEL_VERSION,
  type RankingModel,
  readModel,
  type ScoreLevel,
  serializeModel,
} from './model';
export { type CardScore, levelOf, type PageScores, rankedIds, type ScoreOptions, scoreCards } from './score';
export { type RankingDoc, tokens, words } from './tokenize';
export { TRAIN_DEFAULTS, type TrainOptions, trainModel } from './train';
