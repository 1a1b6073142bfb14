/**
 * The popup drawn over a ready reading list in jsdom, with actions that write to an array as the
 * background would (and record each call), for the popup's component tests.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { Popup, type PopupActions, type PopupProps } from '../../components/popup/Popup';
import type { Filters } from '../../lib/model/filters';
import type { StoredPaper } from '../../lib/model/paper';
import type { ReadingListModel } from '../../lib/popup/reading-list-model';
import { $, installResizeObserver, settle, t } from './dom';
import { makePaper } from './papers';
import { readyModel } from './reading-list';

const DAY = 86_400_000;

/** Four papers: three saved (one read, one tagged `llm`, with code and a project page) and one only seen. */
export function library(): StoredPaper[] {
  return [
    makePaper({
      id: '2407.21783',
      title: 'The Llama 3 Herd of Models',
      authors: ['Abhimanyu Dubey', 'Abhinav Jauhri', 'Abhinav Pandey'],
      savedAt: 30 * DAY,
      upvotes: 120,
      githubRepo: 'https://github.com/meta-llama/llama3',
      githubStars: 27_012,
      codeLinks: ['https://github.com/meta-llama/llama3'],
      projectPage: 'https://llama.meta.com/',
      tags: ['llm'],
    }),
    makePaper({
      id: '2112.10752',
      title: 'Latent Diffusion Models',
      authors: ['Robin Rombach'],
      savedAt: 20 * DAY,
      upvotes: 300,
    }),
    makePaper({
      id: '1706.03762',
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani'],
      savedAt: 10 * DAY,
      upvotes: 50,
      state: 'read',
      readAt: 40 * DAY,
    }),
    makePaper({
      id: '2401.00004',
      title: 'A paper only seen',
      savedAt: undefined,
      state: 'seen',
      lastSeenAt: 5 * DAY,
    }),
  ];
}

/** A popup on the page, its reading list, the store under it and the actions it called. */
export interface Mounted {
  root: HTMLElement;
  model: ReadingListModel;
  store: StoredPaper[];
  calls: string[];
}

let mounted: Mounted | undefined;

/**
 * Renders the popup over a ready model, with actions that write to `store` as the background would;
 * `overrides` replace some of them (e.g. one that fails); `filters` are the reader's settings.
 */
export async function mount(
  store: StoredPaper[] = library(),
  overrides: Partial<PopupActions> = {},
  filters?: Filters,
  props: Pick<PopupProps, 'inboxCount'> = {},
): Promise<Mounted> {
  installResizeObserver();
  const model = await readyModel(store);
  const calls: string[] = [];
  const update = async (ids: readonly string[], change: (p: StoredPaper) => StoredPaper) => {
    for (const id of ids) {
      const at = store.findIndex((p) => p.id === id);
      if (at !== -1) store[at] = change(store[at]!);
    }
    await model.refresh(ids);
  };
  const actions: PopupActions = {
    async setSaved(ids, saved) {
      calls.push(`setSaved ${ids.join(',')} ${saved}`);
      await update(ids, (p) => ({ ...p, savedAt: saved ? 99 * DAY : undefined }));
    },
    async setRead(ids, read) {
      calls.push(`setRead ${ids.join(',')} ${read}`);
      await update(ids, (p) =>
        read ? { ...p, state: 'read', readAt: 99 * DAY } : { ...p, state: 'seen', readAt: undefined },
      );
    },
    async setWatched(id, watched) {
      calls.push(`setWatched ${id} ${watched}`);
      await update([id], (p) => ({ ...p, watchedAt: watched ? 99 * DAY : undefined }));
    },
    async setTags(id, tags) {
      calls.push(`setTags ${id} ${JSON.stringify(tags)}`);
      await update([id], (p) => ({ ...p, tags }));
    },
    async setNote(id, note) {
      calls.push(`setNote ${id} ${JSON.stringify(note)}`);
      await update([id], (p) => ({ ...p, note: note.trim() === '' ? undefined : note }));
    },
    async addTags(ids, tags) {
      calls.push(`addTags ${ids.join(',')} ${JSON.stringify(tags)}`);
      await update(ids, (p) => ({ ...p, tags: [...p.tags, ...tags] }));
    },
    async copyBibtex(ids) {
      calls.push(`copyBibtex ${ids.join(',')}`);
    },
    async exportPapers(format, ids, scope) {
      calls.push(`export ${format} ${ids === 'everything' ? ids : ids.join(',')} ${scope}`);
    },
    async exportBackup() {
      calls.push('backup');
    },
    openOptions: () => calls.push('options'),
    ...overrides,
  };
  function App() {
    const [snapshot, setSnapshot] = useState(model.snapshot());
    useEffect(() => model.subscribe(() => setSnapshot(model.snapshot())), []);
    return (
      <Popup
        t={t}
        snapshot={snapshot}
        results={(view, query, sort) => model.results(view, query, sort)}
        matchCounts={(query) => model.matchCounts(query)}
        paper={(id) => model.get(id)}
        actions={actions}
        formatDate={(time) => new Date(time).toISOString().slice(0, 10)}
        filters={filters}
        {...props}
      />
    );
  }
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<App />, root));
  await settle();
  mounted = { root, model, store, calls };
  return mounted;
}

/** Removes the popup {@link mount} drew (call it after each test). */
export function unmount(): void {
  if (mounted) render(null, mounted.root);
  mounted?.root.remove();
  mounted = undefined;
}

/** The ids of the rows on screen, in order. */
export const rowIds = (root: ParentNode) =>
  [...root.querySelectorAll('[data-paper-row]')].map((r) => r.getAttribute('data-paper-row'));
/** The row of paper `id`; fails the test when it is not on screen. */
export const row = (root: ParentNode, id: string) => $(root, `[data-paper-row="${id}"]`);
