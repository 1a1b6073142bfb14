import { describe, expect, it } from 'vitest';
import {
  auc,
  dayMetrics,
  evaluateReader,
  type ListedPaper,
  ndcgAt,
  precisionAt,
  summarize,
} from '../../../lib/ranking';
import { seededRandom } from '../../../lib/ranking/svm';

describe('the measures of a ranked day', () => {
  it('nDCG of a perfect ranking is 1, of the worst one below it', () => {
    expect(ndcgAt([1, 1, 0, 0, 0], 10)).toBe(1);
    expect(ndcgAt([0, 0, 0, 1, 1], 10)).toBeLessThan(1);
    expect(ndcgAt([0, 1], 10)).toBeCloseTo(1 / Math.log2(3), 12);
    expect(ndcgAt([0, 0], 10)).toBeUndefined();
  });

  it('AUC of a reversed ranking is 0, of a perfect one 1, ties count half', () => {
    expect(auc([1, 2, 3], [1, 0, 0])).toBe(0);
    expect(auc([3, 2, 1], [1, 0, 0])).toBe(1);
    expect(auc([1, 1, 1], [1, 0, 0])).toBe(0.5);
    expect(auc([1, 2], [1, 1])).toBeUndefined();
  });

  it('precision at k divides by k even when the day is shorter', () => {
    expect(precisionAt([1, 0, 1], 5)).toBeCloseTo(0.4, 12);
    expect(precisionAt([1, 1, 1, 1, 1, 1], 5)).toBe(1);
  });

  it('breaks ties at random, so a constant score is a random order', () => {
    const random = seededRandom(1);
    const relevant = [1, 0, 0, 0];
    let first = 0;
    for (let i = 0; i < 400; i++) first += dayMetrics([0, 0, 0, 0], relevant, random).p5 > 0 ? 1 : 0;
    expect(first).toBe(400); // five places, four papers: always found
    const tops = Array.from({ length: 400 }, () => dayMetrics([0, 0, 0, 0], relevant, random).ndcg10);
    expect(new Set(tops).size).toBe(4); // the saved paper lands in each of the four places
    expect(dayMetrics([0, 0, 0, 0], relevant, random).auc).toBe(0.5);
  });
});

describe('the protocol', () => {
  // Four days of three papers; the reader saves the paper with "wanted" in its title each day.
  const listed: ListedPaper[] = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04'].flatMap((date, d) =>
    [0, 1, 2].map((pos) => ({ id: `${d}.${pos}`, title: pos === 2 ? 'wanted' : 'other', date, pos })),
  );
  const history = listed.filter((p) => p.title === 'wanted').map((p) => ({ id: p.id, savedOn: p.date }));

  it('splits at the median save day, trains on what came before and tests every later day', () => {
    let trainedOn: string[] = [];
    const perfect = evaluateReader('r', history, listed, (past, labels) => {
      trainedOn = past.map((p) => p.id);
      expect(labels.filter((l) => l.signal === 'saved').map((l) => l.id)).toEqual(['0.2', '1.2']);
      return (papers) => papers.map((p) => (p.title === 'wanted' ? 1 : 0));
    });
    expect(perfect.split).toBe('2026-01-03');
    expect(trainedOn).toHaveLength(6);
    expect(perfect.testDays).toBe(2);
    expect(perfect.ranker).toMatchObject({ ndcg10: 1, auc: 1 });
    expect(perfect.page.ndcg10).toBeCloseTo(0.5, 12); // the saved paper is third on the page: 1/log2(4)
    const summary = summarize([perfect]);
    expect(summary).toMatchObject({ users: 1, ndcg10: 1, auc: 1, baseline: { ndcg10: 0.5 } });
  });
});
