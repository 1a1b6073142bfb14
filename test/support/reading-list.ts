/**
 * A reading list model over an array of papers, as the popup builds one over IndexedDB: for tests
 * of the model and of the popup's components.
 */
import type { StoredPaper } from '../../lib/model/paper';
import { comparePapers, countViews, inAnyView, inView } from '../../lib/model/views';
import {
  type IdleScheduler,
  type ModelOptions,
  ReadingListModel,
  type ReadingListSource,
} from '../../lib/popup/reading-list-model';

/** A source reading from `store` (mutate the array to simulate writes), slices of `sliceSize`. */
export function arraySource(
  store: StoredPaper[],
  sliceSize = 1_000,
): ReadingListSource & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async firstPage(view, limit) {
      reads.push('firstPage');
      return store
        .filter((p) => inView(p, view))
        .sort(comparePapers('date', view))
        .slice(0, limit);
    },
    async counts() {
      reads.push('counts');
      return countViews(store.filter(inAnyView));
    },
    async allPapers(onSlice) {
      reads.push('allPapers');
      const sorted = [...store].sort((a, b) => (a.id < b.id ? -1 : 1));
      for (let start = 0; start < sorted.length; start += sliceSize)
        await onSlice(sorted.slice(start, start + sliceSize));
      return sorted.length;
    },
    async papers(ids) {
      reads.push(`papers:${ids.join(',')}`);
      return ids.map((id) => store.find((p) => p.id === id));
    },
  };
}

/** Runs idle work on the next macrotask with a generous budget. */
export const soonIdle: IdleScheduler = (work) => {
  setTimeout(() => work({ timeRemaining: () => 50 }), 0);
};

/** A model over `store`, started, with every stage (abstracts included) finished. */
export async function readyModel(
  store: StoredPaper[],
  options: ModelOptions = {},
): Promise<ReadingListModel> {
  const model = new ReadingListModel(arraySource(store), soonIdle, options);
  await model.start({ kind: 'saved' });
  await untilIndexed(model);
  return model;
}

/** Waits until every abstract is indexed. */
export async function untilIndexed(model: ReadingListModel): Promise<void> {
  for (let i = 0; i < 1_000 && model.snapshot().abstractsPending > 0; i++)
    await new Promise((r) => setTimeout(r, 1));
  if (model.snapshot().abstractsPending > 0) throw new Error('abstracts were not indexed');
}
