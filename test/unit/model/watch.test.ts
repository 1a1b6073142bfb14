import { describe, expect, it } from 'vitest';
import { diffSnapshots, joinSnapshots, type WatchSnapshot } from '../../../lib/model/watch';

const diff = (before: WatchSnapshot, after: WatchSnapshot, threshold = 1000) =>
  diffSnapshots('2608.00001', 'A paper', before, after, 5, threshold).map((u) => u.kind);

describe('what a change between two checks tells', () => {
  it('tells nothing on the first answer, where everything was unknown', () => {
    expect(
      diff({}, { githubRepo: 'https://github.com/a/b', githubStars: 5000, models: 3, datasets: 1 }),
    ).toEqual([]);
  });

  it('tells of code and a project page once, when they appear where there were none', () => {
    const none: WatchSnapshot = { githubRepo: null, projectPage: null };
    const both = { githubRepo: 'https://github.com/a/b', projectPage: 'https://a.github.io/b/' };
    expect(diff(none, both)).toEqual(['code', 'project']);
    // A moved repository or page is not news.
    expect(diff(both, { githubRepo: 'https://github.com/a/c', projectPage: 'https://b.io/' })).toEqual([]);
  });

  it('tells of more linked models, datasets and spaces, never of fewer', () => {
    expect(diff({ models: 0, datasets: 2, spaces: 1 }, { models: 1, datasets: 2, spaces: 3 })).toEqual([
      'models',
      'spaces',
    ]);
    expect(diff({ models: 4 }, { models: 2 })).toEqual([]);
  });

  it('tells of stars when a known count reaches the threshold, and not when it is off', () => {
    expect(diff({ githubStars: 999 }, { githubStars: 1000 })).toEqual(['stars']);
    expect(diff({ githubStars: 1000 }, { githubStars: 5000 })).toEqual([]);
    expect(diff({ githubStars: 10 }, { githubStars: 50_000 }, 0)).toEqual([]);
  });

  it('keeps what a later answer does not say', () => {
    expect(joinSnapshots({ models: 2, githubStars: 7 }, { githubRepo: null, githubStars: 9 })).toEqual({
      models: 2,
      githubStars: 9,
      githubRepo: null,
    });
  });
});
