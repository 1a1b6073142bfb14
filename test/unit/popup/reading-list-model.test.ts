import { describe, expect, it } from 'vitest';
import type { StoredPaper } from '../../../lib/model/paper';
import { type ListView, viewKey } from '../../../lib/model/views';
import { ReadingListModel } from '../../../lib/popup/reading-list-model';
import { generateLibrary, makePaper } from '../../support/papers';
import { arraySource, readyModel, soonIdle, untilIndexed } from '../../support/reading-list';

const DAY = 86_400_000;

function library(): StoredPaper[] {
  return [
    makePaper({
      id: '2401.00001',
      title: 'Diffusion for robots',
      savedAt: 3 * DAY,
      lastSeenAt: 3 * DAY,
      upvotes: 5,
      summary: 'We plan trajectories.',
    }),
    makePaper({
      id: '2401.00002',
      title: 'Scaling laws revisited',
      savedAt: 2 * DAY,
      upvotes: 50,
      state: 'read',
      readAt: 4 * DAY,
    }),
    makePaper({
      id: '2401.00003',
      title: 'Diffusion transformers',
      savedAt: 1 * DAY,
      lastSeenAt: 1 * DAY,
      upvotes: 20,
      tags: ['vision'],
    }),
    makePaper({
      id: '2401.00004',
      title: 'A seen paper about diffusion',
      savedAt: undefined,
      state: 'seen',
      lastSeenAt: 5 * DAY,
    }),
    makePaper({ id: '2401.00005', title: 'Only observed', savedAt: undefined, state: 'new' }),
  ];
}

describe('ReadingListModel', () => {
  it('draws the first rows from the first page before reading everything', async () => {
    const store = library();
    const source = arraySource(store);
    let releaseFirstPaint: () => void = () => undefined;
    const model = new ReadingListModel(source, soonIdle, {
      firstPageSize: 2,
      afterFirstPaint: () => new Promise<void>((resolve) => (releaseFirstPaint = resolve)),
    });
    const started = model.start({ kind: 'saved' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(model.snapshot().phase).toBe('partial');
    expect(model.results({ kind: 'saved' }, '', 'date')).toEqual({
      ids: ['2401.00001', '2401.00002'],
      complete: false,
    });
    expect(model.snapshot().counts.saved).toBe(3);
    expect(source.reads).toEqual(['firstPage', 'counts']);

    releaseFirstPaint();
    await started;
    expect(model.snapshot().phase).toBe('ready');
    expect(model.results({ kind: 'saved' }, '', 'date').ids).toEqual([
      '2401.00001',
      '2401.00002',
      '2401.00003',
    ]);
    // Papers only observed on a page belong in no view and are not kept.
    expect(model.get('2401.00005')).toBeUndefined();
  });

  it('answers each view in each order, and searches within the view', async () => {
    const model = await readyModel(library());
    expect(model.results({ kind: 'saved' }, '', 'upvotes').ids).toEqual([
      '2401.00002',
      '2401.00003',
      '2401.00001',
    ]);
    expect(model.results({ kind: 'read' }, '', 'date').ids).toEqual(['2401.00002']);
    expect(model.results({ kind: 'seen' }, '', 'date').ids).toEqual([
      '2401.00004',
      '2401.00001',
      '2401.00003',
    ]);
    expect(model.results({ kind: 'tag', tag: 'VISION' }, '', 'date').ids).toEqual(['2401.00003']);

    expect(model.results({ kind: 'saved' }, 'diffusion', 'date')).toEqual({
      ids: ['2401.00001', '2401.00003'],
      complete: true,
    });
    expect(model.results({ kind: 'saved' }, 'diffusion', 'upvotes').ids).toEqual([
      '2401.00003',
      '2401.00001',
    ]);
    expect([...model.results({ kind: 'seen' }, 'diffusion', 'relevance').ids].sort()).toEqual([
      '2401.00001',
      '2401.00003',
      '2401.00004',
    ]);
    // An abstract word, once abstracts are indexed.
    expect(model.results({ kind: 'saved' }, 'trajectories', 'relevance').ids).toEqual(['2401.00001']);
    // Relevance without a query falls back to date order.
    expect(model.results({ kind: 'saved' }, '', 'relevance').ids).toEqual([
      '2401.00001',
      '2401.00002',
      '2401.00003',
    ]);
  });

  it('applies a published change: re-reads the papers it names, counts and searches follow', async () => {
    const store = library();
    const model = await readyModel(store);
    const versions = model.snapshot().dataVersion;
    let notified = 0;
    model.subscribe(() => (notified += 1));

    store[0] = { ...store[0]!, savedAt: undefined, state: 'read', readAt: 6 * DAY, tags: ['robots'] };
    store.push(makePaper({ id: '2401.00006', title: 'Freshly saved diffusion', savedAt: 9 * DAY }));
    await model.applyChange({ ids: ['2401.00001', '2401.00006'] });

    expect(notified).toBeGreaterThan(0);
    expect(model.snapshot().dataVersion).toBeGreaterThan(versions);
    expect(model.results({ kind: 'saved' }, '', 'date').ids).toEqual([
      '2401.00006',
      '2401.00002',
      '2401.00003',
    ]);
    expect(model.results({ kind: 'read' }, '', 'date').ids).toEqual(['2401.00001', '2401.00002']);
    expect(model.results({ kind: 'saved' }, 'freshly', 'relevance').ids).toEqual(['2401.00006']);
    expect(model.results({ kind: 'read' }, 'robots', 'relevance').ids).toEqual(['2401.00001']);
    expect(model.snapshot().counts).toMatchObject({
      saved: 3,
      read: 2,
      tags: [
        { tag: 'robots', count: 1 },
        { tag: 'vision', count: 1 },
      ],
    });
  });

  it('drops a paper the store no longer has, and re-reads everything on an `all` change', async () => {
    const store = library();
    const model = await readyModel(store);
    store.splice(0, 1);
    await model.applyChange({ ids: ['2401.00001'] });
    expect(model.get('2401.00001')).toBeUndefined();
    expect(model.results({ kind: 'saved' }, 'robots', 'relevance').ids).toEqual([]);

    store.length = 0;
    await model.applyChange({ ids: [], all: true });
    expect(model.snapshot().loaded).toBe(0);
    expect(model.results({ kind: 'saved' }, '', 'date').ids).toEqual([]);
  });

  it('holds changes that arrive while loading until the load is done, then applies them', async () => {
    const store = library();
    let releaseFirstPaint: () => void = () => undefined;
    const model = new ReadingListModel(arraySource(store), soonIdle, {
      afterFirstPaint: () => new Promise<void>((resolve) => (releaseFirstPaint = resolve)),
    });
    const started = model.start({ kind: 'saved' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    store[2] = { ...store[2]!, tags: ['late'] };
    const applied = model.applyChange({ ids: ['2401.00003'] });
    releaseFirstPaint();
    await Promise.all([started, applied]);
    expect(model.get('2401.00003')?.tags).toEqual(['late']);
  });

  it('says why when the list cannot be read', async () => {
    const source = arraySource([]);
    source.counts = () => Promise.reject(new Error('The reading list is unavailable (Database blocked)'));
    const model = new ReadingListModel(source, soonIdle);
    await model.start({ kind: 'saved' });
    expect(model.snapshot()).toMatchObject({
      phase: 'failed',
      error: 'The reading list is unavailable (Database blocked)',
    });
  });

  it('keeps search results marked incomplete until abstracts are indexed', async () => {
    let run: (() => void) | undefined;
    const model = new ReadingListModel(arraySource(library()), (work) => {
      run = () => work({ timeRemaining: () => 50 });
    });
    await model.start({ kind: 'saved' });
    expect(model.results({ kind: 'saved' }, 'trajectories', 'relevance')).toEqual({
      ids: [],
      complete: false,
    });
    run?.();
    await untilIndexed(model);
    expect(model.results({ kind: 'saved' }, 'trajectories', 'relevance')).toEqual({
      ids: ['2401.00001'],
      complete: true,
    });
  });

  it("counts the matches of a search in every view, each the length of that view's results", async () => {
    const papers = generateLibrary(3_000);
    const model = await readyModel(papers);
    const views = (counts: { tags: { tag: string }[] }): ListView[] => [
      { kind: 'saved' },
      { kind: 'read' },
      { kind: 'seen' },
      ...counts.tags.map(({ tag }) => ({ kind: 'tag', tag }) as ListView),
    ];
    for (const query of ['diffusion', 'models', papers[1_234]!.title]) {
      const counts = model.matchCounts(query);
      const found = views(model.snapshot().counts).map((view) => [
        viewKey(view),
        model.results(view, query, 'relevance').ids.length,
      ]);
      const counted = views(model.snapshot().counts).map((view) => [
        viewKey(view),
        view.kind === 'tag'
          ? (counts.tags.find((c) => c.tag.toLowerCase() === view.tag.toLowerCase())?.count ?? 0)
          : counts[view.kind],
      ]);
      expect(counted).toEqual(found);
      // Some view has a match, and not every paper matches: the counts are of the search, not the views.
      expect(found.some(([, n]) => (n as number) > 0)).toBe(true);
      expect(counts.saved + counts.read + counts.seen).toBeLessThan(
        model.snapshot().counts.saved + model.snapshot().counts.read + model.snapshot().counts.seen,
      );
    }
    expect(model.matchCounts('  ')).toEqual({ saved: 0, read: 0, seen: 0, tags: [] });
  });

  it('handles 3,000 papers: all views and a search stay consistent with the data', async () => {
    const papers = generateLibrary(3_000);
    const model = await readyModel(papers);
    expect(model.snapshot().counts.saved).toBe(3_000);
    expect(model.results({ kind: 'read' }, '', 'date').ids).toHaveLength(600);
    const target = papers[777]!;
    expect(model.results({ kind: 'saved' }, target.title, 'relevance').ids[0]).toBe(target.id);
  });
});
