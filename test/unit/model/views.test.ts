import { describe, expect, it } from 'vitest';
import {
  comparePapers,
  countTags,
  countViews,
  inAnyView,
  inView,
  type ListView,
  sameView,
  viewDate,
} from '../../../lib/model/views';
import { makePaper } from '../../support/papers';

const DAY = 86_400_000;
const saved = makePaper({
  id: '2401.00001',
  savedAt: 5 * DAY,
  upvotes: 10,
  publishedAt: '2024-01-10T00:00:00Z',
  tags: ['RL'],
});
const savedRead = makePaper({
  id: '2401.00002',
  savedAt: 3 * DAY,
  state: 'read',
  readAt: 9 * DAY,
  upvotes: 90,
  publishedAt: '2023-05-01',
});
const seenOnly = makePaper({
  id: '2401.00003',
  savedAt: undefined,
  state: 'seen',
  lastSeenAt: 8 * DAY,
  tags: ['rl', 'survey'],
});
const observedOnly = makePaper({ id: '2401.00004', savedAt: undefined, state: 'new' });
const ALL = [saved, savedRead, seenOnly, observedOnly];

const ids = (list: { id: string }[]) => list.map((p) => p.id);

describe('views', () => {
  it('puts each paper in the views it belongs to', () => {
    const member = (view: ListView) => ids(ALL.filter((p) => inView(p, view)));
    expect(member({ kind: 'saved' })).toEqual([saved.id, savedRead.id]);
    expect(member({ kind: 'read' })).toEqual([savedRead.id]);
    expect(member({ kind: 'seen' })).toEqual([saved.id, seenOnly.id]);
    expect(member({ kind: 'tag', tag: 'rl' })).toEqual([saved.id, seenOnly.id]);
    expect(ALL.filter(inAnyView)).not.toContain(observedOnly);
  });

  it('compares tag views case-insensitively', () => {
    expect(sameView({ kind: 'tag', tag: 'RL' }, { kind: 'tag', tag: 'rl' })).toBe(true);
    expect(sameView({ kind: 'saved' }, { kind: 'read' })).toBe(false);
  });

  it('dates each view by its own event', () => {
    expect(viewDate(savedRead, { kind: 'saved' })).toBe(3 * DAY);
    expect(viewDate(savedRead, { kind: 'read' })).toBe(9 * DAY);
    expect(viewDate(seenOnly, { kind: 'tag', tag: 'rl' })).toBe(8 * DAY);
    expect(viewDate(saved, { kind: 'tag', tag: 'rl' })).toBe(5 * DAY);
  });
});

describe('sorting', () => {
  const view: ListView = { kind: 'saved' };
  const a = makePaper({ id: '2401.00010', savedAt: 1 * DAY, upvotes: 5, publishedAt: '2024-03-01' });
  const b = makePaper({ id: '2401.00011', savedAt: 3 * DAY, upvotes: 50, publishedAt: undefined });
  const c = makePaper({ id: '2401.00012', savedAt: 2 * DAY, upvotes: undefined, publishedAt: '2024-06-01' });
  const d = makePaper({ id: '2401.00013', savedAt: 2 * DAY, upvotes: 5, publishedAt: '2024-06-01' });

  it('by date saved, latest first, ties by id', () => {
    expect(ids([a, b, c, d].sort(comparePapers('date', view)))).toEqual([b.id, d.id, c.id, a.id]);
  });

  it('by upvotes, most first, unknown last, ties by date', () => {
    expect(ids([a, b, c, d].sort(comparePapers('upvotes', view)))).toEqual([b.id, d.id, a.id, c.id]);
  });

  it('by publication date, newest first, unknown last', () => {
    expect(ids([a, b, c, d].sort(comparePapers('published', view)))).toEqual([d.id, c.id, a.id, b.id]);
  });
});

describe('counts', () => {
  it('counts every view, a tag once per paper whatever its case, most used first', () => {
    expect(countViews(ALL.filter(inAnyView))).toEqual({
      saved: 2,
      read: 1,
      seen: 2,
      tags: [
        { tag: 'RL', count: 2 },
        { tag: 'survey', count: 1 },
      ],
    });
    expect(countTags(['b', 'a', 'B'])).toEqual([
      { tag: 'b', count: 2 },
      { tag: 'a', count: 1 },
    ]);
  });
});
