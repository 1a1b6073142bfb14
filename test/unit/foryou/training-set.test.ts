import { describe, expect, it } from 'vitest';
import { addToTrainingSet, emptyTrainingSet, labelsOf, rankingDoc } from '../../../lib/foryou/training-set';
import { makeStored } from '../../fixtures/db/records';

const plain = (n: number, overrides: Parameters<typeof makeStored>[1] = {}) => {
  const row = makeStored(n, { state: 'seen', tags: [], ...overrides });
  delete row.readAt;
  delete row.savedAt;
  delete row.note;
  return { ...row, ...overrides };
};

describe('what For you learns from a stored paper', () => {
  it('a saved, tagged, read or dismissed paper carries each of those signals, with its time', () => {
    const row = plain(1, {
      savedAt: 10,
      tags: ['rl'],
      state: 'read',
      readAt: 20,
      dismissedAt: 30,
      updatedAt: 40,
    });
    expect(labelsOf(row)).toEqual([
      { id: row.id, signal: 'saved', at: 10 },
      { id: row.id, signal: 'tagged', at: 40 },
      { id: row.id, signal: 'dismissed', at: 30 },
      { id: row.id, signal: 'read', at: 20 },
    ]);
  });

  it('a paper seen and left alone is skipped; one never on screen teaches nothing but its words', () => {
    const seen = plain(2, { lastSeenAt: 55 });
    expect(labelsOf(seen)).toEqual([{ id: seen.id, signal: 'skipped', at: 55 }]);
    expect(labelsOf(plain(3, { state: 'new' }))).toEqual([]);
  });

  it('reads title, abstract, keywords and authors, and gathers the papers of each tag case-insensitively', () => {
    const a = plain(4, { tags: ['RL'], keywords: ['policy'] });
    const b = plain(5, { tags: ['rl', 'agents'] });
    expect(rankingDoc(a)).toEqual({
      id: a.id,
      title: a.title,
      summary: a.summary,
      keywords: ['policy'],
      authors: a.authors,
    });
    const set = emptyTrainingSet();
    addToTrainingSet(set, [a, b, plain(6)]);
    expect(set.docs.map((d) => d.id)).toEqual([a.id, b.id, plain(6).id]);
    expect(set.tagged.get('rl')).toEqual(new Set([a.id, b.id]));
    expect(set.tagged.get('agents')).toEqual(new Set([b.id]));
  });
});
