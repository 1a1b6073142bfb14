/**
 * Where the "For you" models stay: in the store's `meta` table, one row per model (the reader's, and one
 * per tag asked for), next to the time of the reader's last change. A model older than that change, of
 * another {@link MODEL_VERSION}, or missing, is trained again from the whole store (about a second for
 * 10,000 papers: docs/ranking.md). Nothing leaves the browser.
 */
import { readAllPapers } from '../db/queries';
import { getDb } from '../db/schema';
import { labelsForTag, type RankingModel, readModel, trainModel } from '../ranking';
import { addToTrainingSet, emptyTrainingSet, type TrainingSet } from './training-set';

/** Every `meta` key of "For you" starts with this; resetting deletes them all. */
export const FOR_YOU_PREFIX = 'forYou';
/** `meta` key of the time (ms) of the reader's last change that a model should learn from. */
export const CHANGED_KEY = `${FOR_YOU_PREFIX}ChangedAt`;

/** Whose ranking: the reader's own, or one tag's ("more like #rl"; tags compare case-insensitively). */
export type ForYouScope = { kind: 'reader' } | { kind: 'tag'; tag: string };

/** The `meta` key of a scope's model. */
export function modelKey(scope: ForYouScope): string {
  return scope.kind === 'reader'
    ? `${FOR_YOU_PREFIX}:reader`
    : `${FOR_YOU_PREFIX}:tag:${scope.tag.toLowerCase()}`;
}

/** Reads every stored paper into a training set, slice by slice. */
export async function readTrainingSet(): Promise<TrainingSet> {
  const set = emptyTrainingSet();
  await readAllPapers((rows) => addToTrainingSet(set, rows));
  return set;
}

/** Trains the model of `scope` from `set` (a cold start when too few papers are liked). */
export function trainScope(set: TrainingSet, scope: ForYouScope, now: number): RankingModel {
  if (scope.kind === 'reader') return trainModel(set.docs, set.labels, { now, scope });
  const tagged = set.tagged.get(scope.tag.toLowerCase()) ?? new Set<string>();
  return trainModel(set.docs, labelsForTag(set.labels, tagged), { now, scope });
}

/** The stored model of `scope`, or undefined when there is none of this version. */
export async function loadModel(scope: ForYouScope): Promise<RankingModel | undefined> {
  return readModel((await getDb().meta.get(modelKey(scope)))?.value);
}

/** Stores the model of `scope`. */
export async function storeModel(scope: ForYouScope, model: RankingModel): Promise<void> {
  await getDb().meta.put({ key: modelKey(scope), value: model });
}

/** When the reader last changed something a model learns from (0: never since the last reset). */
export async function changedAt(): Promise<number> {
  const value = (await getDb().meta.get(CHANGED_KEY))?.value;
  return typeof value === 'number' ? value : 0;
}

/** Records that the reader changed something at `at`: every model trained before is out of date. */
export async function noteChanged(at: number): Promise<void> {
  await getDb().meta.put({ key: CHANGED_KEY, value: at });
}

/** Deletes every stored model and the change time; returns how many models there were. */
export async function deleteModels(): Promise<number> {
  const keys = (await getDb().meta.where('key').startsWith(FOR_YOU_PREFIX).primaryKeys()) as string[];
  await getDb().meta.bulkDelete(keys);
  return keys.filter((key) => key !== CHANGED_KEY).length;
}

/** The size of a model as stored, in bytes of its JSON (UTF-16 length: the JSON is ASCII). */
export function modelBytes(model: RankingModel): number {
  return JSON.stringify(model).length;
}
