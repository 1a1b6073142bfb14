/**
 * The popup's reading list in memory: every paper that belongs in a view, the search index over them,
 * and the answer to "which papers does this view show for this query, in this order".
 *
 * Loading is staged so that the popup draws at once: (1) the first rows of the opening view and the
 * counts, read through the indexes; (2) after the first paint, every paper, read in slices and indexed
 * (short fields) as they arrive; (3) abstracts, indexed in idle time one paper at a time, so typing
 * never waits for them. Changes published on the change feed are applied as they come.
 *
 * The model does no I/O of its own: it gets a {@link ReadingListSource} (the popup passes IndexedDB
 * reads, tests pass arrays) and a scheduler for idle work.
 */
import type { ChangeFeed } from '../messages/protocol';
import type { StoredPaper } from '../model/paper';
import {
  comparePapers,
  countViews,
  inAnyView,
  inView,
  type ListView,
  NO_COUNTS,
  type SortKey,
  type ViewCounts,
  viewKey,
} from '../model/views';
import type { PaperSearch } from './search';

/** Where the model reads papers from. Nothing here writes. */
export interface ReadingListSource {
  /** The first `limit` papers of a view in its date order. */
  firstPage(view: ListView, limit: number): Promise<StoredPaper[]>;
  /** How many papers each view holds. */
  counts(): Promise<ViewCounts>;
  /** Every paper, in slices; returns how many were read. */
  allPapers(onSlice: (papers: StoredPaper[]) => void | Promise<void>): Promise<number>;
  /** These papers, `undefined` for those that no longer exist. */
  papers(ids: readonly string[]): Promise<(StoredPaper | undefined)[]>;
}

/** What an idle callback is told: how long it may still work. */
export interface IdleBudget {
  timeRemaining(): number;
}

/** Runs `work` when the page is idle (`requestIdleCallback` in the popup). */
export type IdleScheduler = (work: (budget: IdleBudget) => void) => void;

/** Where loading stands. */
export type LoadPhase =
  /** Nothing read yet. */
  | 'starting'
  /** The first rows and the counts are in; the rest is being read and indexed. */
  | 'partial'
  /** Everything is read and searchable (abstracts may still be indexing, see `abstractsPending`). */
  | 'ready'
  /** The reading list could not be read; see `error`. */
  | 'failed';

/** What the popup draws from. A new object after every change, so it can be compared by identity. */
export interface ReadingListSnapshot {
  phase: LoadPhase;
  counts: ViewCounts;
  /** False until the counts are read (they come after the first rows). */
  countsKnown: boolean;
  /** Papers in memory. */
  loaded: number;
  /** Papers whose abstract is not searchable yet. */
  abstractsPending: number;
  /** Why loading failed, in words. */
  error?: string;
  /** Changes whenever papers change (not when only the index grows). */
  dataVersion: number;
  /** Changes whenever the search index changes. */
  indexVersion: number;
}

/** The papers a view shows, in order. */
export interface ResultList {
  ids: readonly string[];
  /** False while papers are still being read or indexed: more may match. */
  complete: boolean;
}

/** Options of {@link ReadingListModel}. */
export interface ModelOptions {
  /** How many rows to read before anything else (enough to fill the popup). */
  firstPageSize?: number;
  /** Resolves once the first rows are on screen; the full read waits for it. */
  afterFirstPaint?: () => Promise<void>;
  /** Lets the page breathe between slices of the first indexing pass. */
  yieldToPage?: () => Promise<void>;
  /** Papers whose short fields are indexed per slice. */
  indexSlice?: number;
}

/** The hits of one query at one version of the data and the index. */
interface SearchAnswer {
  query: string;
  indexVersion: number;
  dataVersion: number;
  /** Score by id. */
  hits: Map<string, number>;
  /** Ids, best first. */
  order: string[];
  /** How many hits each view holds, counted when first asked. */
  counts?: ViewCounts;
}

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Abstracts are indexed for at least this long per idle callback (one keystroke waits at most this). */
export const MIN_IDLE_SLICE_MS = 8;

/** The popup's reading list. See the module comment. */
export class ReadingListModel {
  private papers = new Map<string, StoredPaper>();
  /**
   * The search index, created by the full read. Its code (MiniSearch) is loaded then too, so that it
   * costs nothing before the first rows are on screen; until then a search answers from nothing.
   */
  private index: PaperSearch | undefined;
  private snap: ReadingListSnapshot = {
    phase: 'starting',
    counts: NO_COUNTS,
    countsKnown: false,
    loaded: 0,
    abstractsPending: 0,
    dataVersion: 0,
    indexVersion: 0,
  };
  private readonly listeners = new Set<() => void>();
  /** Sorted ids per view and sort, valid for one `dataVersion`. */
  private sorted = new Map<string, string[]>();
  private sortedVersion = -1;
  private lastSearch: SearchAnswer | undefined;
  /** Ids whose abstract still has to be indexed, consumed from the end. */
  private abstractQueue: string[] = [];
  private abstractWorkScheduled = false;
  /** Reads after the full load; changes wait for it so a slice read earlier never overwrites them. */
  private loaded: Promise<void> = new Promise(() => undefined);
  private pending: Promise<void> = Promise.resolve();
  private readonly firstPageSize: number;
  private readonly afterFirstPaint: () => Promise<void>;
  private readonly yieldToPage: () => Promise<void>;
  private readonly indexSlice: number;

  constructor(
    private readonly source: ReadingListSource,
    private readonly scheduleIdle: IdleScheduler,
    options: ModelOptions = {},
  ) {
    this.firstPageSize = options.firstPageSize ?? 40;
    this.afterFirstPaint = options.afterFirstPaint ?? (() => Promise.resolve());
    this.yieldToPage = options.yieldToPage ?? defaultYield;
    this.indexSlice = options.indexSlice ?? 250;
  }

  /** The current snapshot. */
  snapshot(): ReadingListSnapshot {
    return this.snap;
  }

  /** Calls `listener` after every change of the snapshot; returns a function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A paper in memory. */
  get(id: string): StoredPaper | undefined {
    return this.papers.get(id);
  }

  /** Every paper in memory (everything in some view). */
  all(): StoredPaper[] {
    return [...this.papers.values()];
  }

  /** The papers with these ids that are in memory, in order. */
  pick(ids: Iterable<string>): StoredPaper[] {
    const out: StoredPaper[] = [];
    for (const id of ids) {
      const paper = this.papers.get(id);
      if (paper !== undefined) out.push(paper);
    }
    return out;
  }

  /**
   * Loads the reading list: the first rows of `view` (the snapshot turns `partial`), then the counts,
   * then, after the first paint, everything (it turns `ready`), then abstracts in idle time. Never
   * rejects: a failure turns the snapshot `failed` with the reason.
   */
  async start(view: ListView): Promise<void> {
    let finishLoad: () => void = () => undefined;
    this.loaded = new Promise<void>((resolve) => {
      finishLoad = resolve;
    });
    try {
      const first = await this.source.firstPage(view, this.firstPageSize);
      for (const paper of first) this.papers.set(paper.id, paper);
      this.update({ phase: 'partial', loaded: this.papers.size }, true);
      // IndexedDB counts by walking an index, which takes a while for a long list: the counts come after
      // the first rows, and the full read below replaces them with its own.
      const counts = await this.source.counts();
      if (this.snap.phase === 'partial') this.update({ counts, countsKnown: true }, false);
      await this.afterFirstPaint();
      await this.loadEverything();
    } catch (error) {
      this.update({ phase: 'failed', error: error instanceof Error ? error.message : String(error) }, false);
    } finally {
      finishLoad();
    }
  }

  /** Reads every paper into fresh structures, indexing short fields slice by slice, then swaps them in. */
  private async loadEverything(): Promise<void> {
    const papers = new Map<string, StoredPaper>();
    const { PaperSearch } = await import('./search');
    const index = new PaperSearch();
    await this.source.allPapers(async (slice) => {
      const kept = slice.filter(inAnyView);
      for (const paper of kept) papers.set(paper.id, paper);
      for (let start = 0; start < kept.length; start += this.indexSlice) {
        index.upsertFields(kept.slice(start, start + this.indexSlice));
        await this.yieldToPage();
      }
    });
    this.papers = papers;
    this.index = index;
    this.abstractQueue = [...papers.keys()].reverse();
    this.update(
      {
        phase: 'ready',
        counts: countViews(papers.values()),
        countsKnown: true,
        loaded: papers.size,
        abstractsPending: papers.size,
      },
      true,
    );
    this.scheduleAbstracts();
  }

  private scheduleAbstracts(): void {
    if (this.abstractWorkScheduled || this.abstractQueue.length === 0) return;
    this.abstractWorkScheduled = true;
    this.scheduleIdle((budget) => {
      this.abstractWorkScheduled = false;
      // Work while the page is idle, and at least a few milliseconds, so that indexing also advances on
      // a page that is never idle (the scheduler then calls back on its timeout).
      const started = performance.now();
      do {
        const id = this.abstractQueue.pop();
        if (id === undefined) break;
        const paper = this.papers.get(id);
        if (paper !== undefined && this.index !== undefined && !this.index.hasAbstract(id))
          this.index.upsertAbstract(paper);
      } while (budget.timeRemaining() > 1 || performance.now() - started < MIN_IDLE_SLICE_MS);
      const pending = this.abstractQueue.length;
      // Re-run searches now and then while abstracts arrive, and once at the end.
      const step = Math.max(200, Math.floor(this.snap.loaded / 10));
      if (pending === 0 || Math.floor((this.snap.abstractsPending - pending) / step) > 0) {
        this.update({ abstractsPending: pending }, false);
      }
      this.scheduleAbstracts();
    });
  }

  /**
   * Applies a change published by the background: re-reads the papers it names (or everything when
   * it says `all`). Runs after the initial load, one change at a time, in order.
   */
  applyChange(feed: Pick<ChangeFeed, 'ids' | 'all'>): Promise<void> {
    const run = async () => {
      await this.loaded;
      if (this.snap.phase === 'failed') return;
      if (feed.all) await this.loadEverything();
      else await this.refreshNow(feed.ids);
    };
    this.pending = this.pending.then(run, run);
    return this.pending;
  }

  /** Re-reads these papers now (after a write made from the popup), in order with other changes. */
  refresh(ids: readonly string[]): Promise<void> {
    return this.applyChange({ ids: [...ids] });
  }

  private async refreshNow(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const rows = await this.source.papers(ids);
    ids.forEach((id, i) => {
      const row = rows[i];
      if (row === undefined || !inAnyView(row)) {
        this.papers.delete(id);
        this.index?.remove([id]);
      } else {
        this.papers.set(id, row);
        this.index?.upsert([row]);
      }
    });
    this.update({ counts: countViews(this.papers.values()), loaded: this.papers.size }, true);
  }

  private update(patch: Partial<ReadingListSnapshot>, dataChanged: boolean): void {
    this.snap = {
      ...this.snap,
      ...patch,
      dataVersion: this.snap.dataVersion + (dataChanged ? 1 : 0),
      indexVersion: this.snap.indexVersion + 1,
    };
    for (const listener of this.listeners) listener();
  }

  /** Ids of a view in a non-relevance order, computed once per data version. */
  private sortedIds(view: ListView, sort: Exclude<SortKey, 'relevance'>): string[] {
    if (this.sortedVersion !== this.snap.dataVersion) {
      this.sorted.clear();
      this.sortedVersion = this.snap.dataVersion;
    }
    const key = `${viewKey(view)}\n${sort}`;
    let ids = this.sorted.get(key);
    if (ids === undefined) {
      const papers: StoredPaper[] = [];
      for (const paper of this.papers.values()) if (inView(paper, view)) papers.push(paper);
      ids = papers.sort(comparePapers(sort, view)).map((p) => p.id);
      this.sorted.set(key, ids);
    }
    return ids;
  }

  /** Search hits of `query` (score by id, and ids best first), computed once per index version. */
  private hits(query: string): SearchAnswer {
    const last = this.lastSearch;
    if (
      last !== undefined &&
      last.query === query &&
      last.indexVersion === this.snap.indexVersion &&
      last.dataVersion === this.snap.dataVersion
    ) {
      return last;
    }
    const found = this.index?.search(query) ?? [];
    const result: SearchAnswer = {
      query,
      indexVersion: this.snap.indexVersion,
      dataVersion: this.snap.dataVersion,
      hits: new Map(found.map((h) => [h.id, h.score])),
      order: found.map((h) => h.id),
    };
    this.lastSearch = result;
    return result;
  }

  /**
   * How many papers match `query` in each view (none for a blank query), from the same hits as
   * {@link results}, so a view's number is the length of its list. Counted once per query and
   * version, in one pass over the hits.
   */
  matchCounts(query: string): ViewCounts {
    if (query.trim() === '') return NO_COUNTS;
    const found = this.hits(query);
    found.counts ??= countViews(this.pick(found.order));
    return found.counts;
  }

  /**
   * The papers `view` shows for `query` (blank: all of them) in `sort` order. `relevance` orders by
   * search score while there is a query, and falls back to date order without one.
   */
  results(view: ListView, query: string, sort: SortKey): ResultList {
    const complete = this.snap.phase === 'ready' && (query.trim() === '' || this.snap.abstractsPending === 0);
    if (query.trim() === '') {
      return { ids: this.sortedIds(view, sort === 'relevance' ? 'date' : sort), complete };
    }
    const { hits, order } = this.hits(query);
    if (sort === 'relevance') {
      return {
        ids: order.filter((id) => {
          const paper = this.papers.get(id);
          return paper !== undefined && inView(paper, view);
        }),
        complete,
      };
    }
    return { ids: this.sortedIds(view, sort).filter((id) => hits.has(id)), complete };
  }
}
