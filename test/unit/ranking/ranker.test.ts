import { describe, expect, it } from 'vitest';
import {
  labelsForTag,
  levelOf,
  MODEL_VERSION,
  rankedIds,
  readModel,
  resolveLabels,
  scoreCards,
  serializeModel,
  trainModel,
  words,
} from '../../../lib/ranking';
import { SMALL_CORPUS, savedAndSkipped, twoTopics } from '../../support/ranking';

const { decoding, robots } = twoTopics();
// The reader saves the first six decoding papers and passes over the first six robot papers; the last two
// of each are new cards.
const seen = [...decoding.slice(0, 6), ...robots.slice(0, 6)];
const cards = [robots[6]!, decoding[6]!, robots[7]!, decoding[7]!];
const labels = savedAndSkipped(decoding.slice(0, 6), robots.slice(0, 6));

describe('the ranker learns what one reader keeps', () => {
  it('ranks new cards on the saved topic above the others', () => {
    const model = trainModel(seen, labels, SMALL_CORPUS);
    const { coldStart, scores } = scoreCards(model, cards);
    expect(coldStart).toBe(false);
    expect(rankedIds(scores).slice(0, 2).sort()).toEqual(['d6', 'd7']);
  });

  it('gives each card a level relative to the model: high and medium from the not-liked papers’ scores', () => {
    const model = trainModel(seen, labels, SMALL_CORPUS);
    expect(model.levels.high).toBeGreaterThan(model.levels.medium);
    const scores = scoreCards(model, cards).scores;
    expect(scores.find((s) => s.id === 'd6')?.level).toBe('high');
    const rank = { low: 0, medium: 1, high: 2 };
    const byScore = [...scores].sort((a, b) => a.score - b.score);
    const ranks = byScore.map((s) => rank[s.level]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const levels = { high: 1, medium: 0 };
    expect([1.5, 1, 0.5, 0, -1].map((x) => levelOf({ ...model, levels }, x))).toEqual([
      'high',
      'high',
      'medium',
      'medium',
      'low',
    ]);
  });

  it('explains a score with words of the card’s own text', () => {
    const model = trainModel(seen, labels, SMALL_CORPUS);
    for (const s of scoreCards(model, cards).scores) {
      const card = cards.find((c) => c.id === s.id)!;
      const own = new Set(words(`${card.title} ${card.summary}`));
      for (const term of s.words) for (const word of term.split(' ')) expect(own).toContain(word);
    }
    const decodingCard = scoreCards(model, [decoding[6]!]).scores[0]!;
    expect(decodingCard.words.length).toBeGreaterThan(0);
    expect(decodingCard.words.length).toBeLessThanOrEqual(3);
  });

  it('says it is a cold start, and scores nothing, with fewer than five liked papers', () => {
    const few = savedAndSkipped(decoding.slice(0, 4), robots.slice(0, 6));
    const model = trainModel(seen, few, SMALL_CORPUS);
    expect(model.coldStart).toBe(true);
    expect(model.positives).toBe(4);
    expect(scoreCards(model, cards)).toEqual({ coldStart: true, scores: [] });
    const five = trainModel(seen, savedAndSkipped(decoding.slice(0, 5), robots.slice(0, 6)), SMALL_CORPUS);
    expect(five.coldStart).toBe(false);
  });

  it('keeps the given order for equal scores, so a tie never shuffles a page', () => {
    const scores = ['a', 'b', 'c'].map((id) => ({ id, score: 1, level: 'low' as const, words: [] }));
    expect(rankedIds(scores)).toEqual(['a', 'b', 'c']);
  });

  it('ranks by one tag: "more like #robots"', () => {
    const tagged = new Set(robots.slice(0, 5).map((d) => d.id));
    const model = trainModel(seen, labelsForTag(labels, tagged), {
      ...SMALL_CORPUS,
      scope: { kind: 'tag', tag: 'robots' },
    });
    expect(model.scope).toEqual({ kind: 'tag', tag: 'robots' });
    expect(model.positives).toBe(5);
    expect(rankedIds(scoreCards(model, cards).scores).slice(0, 2).sort()).toEqual(['r6', 'r7']);
  });

  it('comes back from JSON scoring exactly as before, and refuses another version', () => {
    const model = trainModel(seen, labels, SMALL_CORPUS);
    const back = readModel(JSON.parse(serializeModel(model)));
    expect(back).toBeDefined();
    expect(scoreCards(back!, cards)).toEqual(scoreCards(model, cards));
    expect(readModel(serializeModel(model))).toEqual(back);
    expect(readModel({ ...model, version: MODEL_VERSION + 1 })).toBeUndefined();
    expect(readModel('not json')).toBeUndefined();
    const cold = readModel(serializeModel(trainModel(seen, [], SMALL_CORPUS)));
    expect(cold?.coldStart).toBe(true);
    expect(cold?.levels.high).toBe(Number.POSITIVE_INFINITY);
  });

  it('trains the same model from the same history', () => {
    expect(serializeModel(trainModel(seen, labels, SMALL_CORPUS))).toBe(
      serializeModel(trainModel([...seen], [...labels], SMALL_CORPUS)),
    );
  });
});

describe('labels', () => {
  it('keep one signal per paper: a save wins over a skip, a dismissal over a read', () => {
    const byId = resolveLabels([
      { id: 'a', signal: 'skipped' },
      { id: 'a', signal: 'saved' },
      { id: 'b', signal: 'read' },
      { id: 'b', signal: 'dismissed' },
    ]);
    expect(byId.get('a')?.signal).toBe('saved');
    expect(byId.get('b')?.signal).toBe('dismissed');
  });

  it('of a tag like its papers and pass over every other labelled paper', () => {
    const out = labelsForTag(
      [
        { id: 'a', signal: 'saved' },
        { id: 'b', signal: 'read' },
      ],
      new Set(['b', 'c']),
    );
    expect(new Map(out.map((l) => [l.id, l.signal]))).toEqual(
      new Map([
        ['a', 'skipped'],
        ['b', 'tagged'],
        ['c', 'tagged'],
      ]),
    );
  });
});
