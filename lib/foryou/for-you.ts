/**
 * "For you" in the background: answers `rankPapers` from the stored model (training it first when it is
 * missing or older than the reader's last change), and retrains a few seconds after each change, so the
 * next list is ranked without waiting. The worker may stop at any time: the change time is stored, so a
 * retrain that never ran happens on the next request; the models kept in memory are only a cache of the
 * stored ones.
 */
import { readPapers } from '../db/queries';
import type { ForYouRanking } from '../model/for-you';
import type { PaperRecord, StoredPaper } from '../model/paper';
import { MIN_POSITIVES, type RankingModel, scoreCards } from '../ranking';
import {
  changedAt,
  deleteModels,
  type ForYouScope,
  loadModel,
  modelKey,
  noteChanged,
  readTrainingSet,
  storeModel,
  trainScope,
} from './models';
import { rankingDoc } from './training-set';

/** How long after a change the reader's model is retrained (changes in a burst retrain once). */
export const RETRAIN_DELAY_MS = 3_000;
/** Explaining words per paper. */
export const WORDS_PER_PAPER = 3;

/** What {@link createForYou} needs; everything has a default. */
export interface ForYouDeps {
  now?: () => number;
  /** Defaults to {@link RETRAIN_DELAY_MS}. */
  retrainDelayMs?: number;
}

/** "For you" as the background runs it. */
export interface ForYou {
  /**
   * Scores of the known papers among `ids` for the reader, or for one tag. A paper the store lacks is
   * ranked from `unstored` when it is there (the inbox's papers, never on screen yet).
   */
  rank(
    ids: readonly string[],
    tag?: string,
    unstored?: ReadonlyMap<string, PaperRecord>,
  ): Promise<ForYouRanking>;
  /** The reader changed something: models are out of date; the reader's is retrained soon. */
  noteChange(): Promise<void>;
  /** Deletes every stored model; returns how many there were. */
  reset(): Promise<{ deleted: number }>;
  /** The reader's model, trained now if it is out of date (for tests and the retrain timer). */
  readerModel(): Promise<RankingModel>;
}

/** Creates the background's "For you". */
export function createForYou(deps: ForYouDeps = {}): ForYou {
  const now = deps.now ?? Date.now;
  const delay = deps.retrainDelayMs ?? RETRAIN_DELAY_MS;
  /** A cache of the stored models (the background is their only writer), by `meta` key. */
  const cache = new Map<string, RankingModel>();
  /** Trainings under way, by `meta` key, so two requests never train the same model twice at once. */
  const training = new Map<string, Promise<RankingModel>>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function current(scope: ForYouScope): Promise<RankingModel> {
    const key = modelKey(scope);
    const since = await changedAt();
    const cached = cache.get(key) ?? (await loadModel(scope));
    // Strictly after: a change noted in the very millisecond of a training may have come after its read of the
    // reading list (the overlay's first ranking and the reader's first saves do), so that model is out of date.
    if (cached && cached.trainedAt > since) {
      cache.set(key, cached);
      return cached;
    }
    let pending = training.get(key);
    if (!pending) {
      pending = (async () => {
        const trainedAt = now();
        const model = trainScope(await readTrainingSet(), scope, trainedAt);
        await storeModel(scope, model);
        cache.set(key, model);
        return model;
      })().finally(() => training.delete(key));
      training.set(key, pending);
    }
    return pending;
  }

  return {
    async rank(ids, tag, unstored) {
      const model = await current(tag === undefined ? { kind: 'reader' } : { kind: 'tag', tag });
      if (model.coldStart)
        return { coldStart: { liked: model.positives, needed: MIN_POSITIVES }, scores: [] };
      const stored = await readPapers(ids);
      const rows = stored
        .map((row, i) => row ?? unstored?.get(ids[i]!))
        .filter((row): row is StoredPaper | PaperRecord => row !== undefined);
      const { scores } = scoreCards(model, rows.map(rankingDoc), { words: WORDS_PER_PAPER });
      return { scores: scores.map(({ id, score, level, words }) => ({ id, score, level, words })) };
    },
    async noteChange() {
      await noteChanged(now());
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        current({ kind: 'reader' }).catch(() => {
          // The next request trains again and reports its own error.
        });
      }, delay);
    },
    async reset() {
      clearTimeout(timer);
      cache.clear();
      return { deleted: await deleteModels() };
    },
    readerModel: () => current({ kind: 'reader' }),
  };
}
