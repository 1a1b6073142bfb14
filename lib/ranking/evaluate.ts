/**
 * The offline evaluation protocol of a folder laid out like `shared/foryou` (its README): per reader, the
 * split date is the median day they saved on; the ranker learns from the papers listed before it (the
 * reader's saves liked, every other paper passed over), then ranks every later day that lists one of
 * their papers, whole. Measures are averaged over a reader's days, then over readers. The baseline is the
 * site's own order of each day (upvotes).
 */
import type { RankingLabel } from './labels';
import { type DayMetrics, dayMetrics, meanMetrics } from './metrics';
import { seededRandom } from './svm';
import type { RankingDoc } from './tokenize';

/** One paper of one day's list. */
export interface ListedPaper extends RankingDoc {
  /** The day it was listed (YYYY-MM-DD). */
  date: string;
  /** Its place on that day's page, 0 first (the site's order). */
  pos: number;
}

/** One paper a reader saved: `savedOn` is the day it was listed. */
export interface SavedPaper {
  id: string;
  savedOn: string;
}

/**
 * A ranker under test: learns from `past` (every paper listed before the split) and `labels`, at time
 * `now`, and returns a function that scores papers (higher = first).
 */
export type Ranker = (
  past: readonly RankingDoc[],
  labels: readonly RankingLabel[],
  now: number,
) => (papers: readonly RankingDoc[]) => number[];

/** What one reader's evaluation found. */
export interface ReaderResult {
  reader: string;
  split: string;
  trainPositives: number;
  testDays: number;
  testPositives: number;
  ranker: Required<DayMetrics>;
  /** The site's own order. */
  page: Required<DayMetrics>;
}

/** The reader's split date: the median day they saved on (element n/2 of the sorted days). */
export function splitDate(history: readonly SavedPaper[], listed: readonly ListedPaper[]): string {
  const listedIds = new Set(listed.map((p) => p.id));
  const dates = history
    .filter((h) => listedIds.has(h.id))
    .map((h) => h.savedOn)
    .sort();
  return dates[Math.floor(dates.length / 2)] as string;
}

/** Evaluates `rank` on one reader's history over the `listed` papers of every day. */
export function evaluateReader(
  reader: string,
  history: readonly SavedPaper[],
  listed: readonly ListedPaper[],
  rank: Ranker,
  seed = 0,
): ReaderResult {
  const listedIds = new Set(listed.map((p) => p.id));
  const saved = new Map(history.filter((h) => listedIds.has(h.id)).map((h) => [h.id, h.savedOn]));
  const split = splitDate(history, listed);
  const byDay = new Map<string, ListedPaper[]>();
  for (const p of listed) {
    const day = byDay.get(p.date);
    if (day) day.push(p);
    else byDay.set(p.date, [p]);
  }
  for (const day of byDay.values()) day.sort((a, b) => a.pos - b.pos);

  const past = listed.filter((p) => p.date < split);
  const labels: RankingLabel[] = past.map((p) => {
    const on = saved.get(p.id);
    return on !== undefined && on < split
      ? { id: p.id, signal: 'saved', at: Date.parse(on) }
      : { id: p.id, signal: 'skipped', at: Date.parse(p.date) };
  });
  const score = rank(past, labels, Date.parse(split));
  const testDays = [...byDay.keys()]
    .filter((d) => d >= split && (byDay.get(d) as ListedPaper[]).some((p) => saved.has(p.id)))
    .sort();

  const random = seededRandom(seed);
  const rankerDays: DayMetrics[] = [];
  const pageDays: DayMetrics[] = [];
  let testPositives = 0;
  for (const d of testDays) {
    const day = byDay.get(d) as ListedPaper[];
    const relevant = day.map((p) => (saved.has(p.id) ? 1 : 0));
    testPositives += relevant.reduce<number>((n, r) => n + r, 0);
    rankerDays.push(dayMetrics(score(day), relevant, random));
    pageDays.push(
      dayMetrics(
        day.map((p) => -p.pos),
        relevant,
        random,
      ),
    );
  }
  return {
    reader,
    split,
    trainPositives: labels.filter((l) => l.signal === 'saved').length,
    testDays: testDays.length,
    testPositives,
    ranker: meanMetrics(rankerDays),
    page: meanMetrics(pageDays),
  };
}

/** The macro average over readers, in the shape `npm run rank:eval` prints last. */
export interface EvaluationSummary {
  users: number;
  p5: number;
  p10: number;
  ndcg10: number;
  auc: number;
  baseline: { p10: number; ndcg10: number };
}

/** Means over readers (each reader's own means over their days); figures rounded to 3 decimals. */
export function summarize(results: readonly ReaderResult[]): EvaluationSummary {
  const mean = (pick: (r: ReaderResult) => number) => {
    const xs = results.map(pick).filter((x) => !Number.isNaN(x));
    return xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 1000) / 1000 : Number.NaN;
  };
  return {
    users: results.length,
    p5: mean((r) => r.ranker.p5),
    p10: mean((r) => r.ranker.p10),
    ndcg10: mean((r) => r.ranker.ndcg10),
    auc: mean((r) => r.ranker.auc),
    baseline: { p10: mean((r) => r.page.p10), ndcg10: mean((r) => r.page.ndcg10) },
  };
}
