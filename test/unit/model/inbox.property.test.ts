import { describe, expect, it } from 'vitest';
import type { Filters } from '../../../lib/model/filters';
import {
  buildInbox,
  daysOfRange,
  type InboxDay,
  isDay,
  isHandled,
  MAX_MISSED_DAYS,
  MAX_RANGE_DAYS,
  missedRange,
  pickedRange,
  sortRows,
} from '../../../lib/model/inbox';
import type { PaperState, ReadingState } from '../../../lib/model/paper';
import { idOf, makeRecord } from '../../fixtures/db/records';
import { seededRandom } from '../../support/papers';

const ORGS = ['Acme AI', 'Blue Lab', 'Cobalt'];
const STATES: (ReadingState | 'unknown' | 'dismissed')[] = ['unknown', 'new', 'seen', 'read', 'dismissed'];

/** A random world: days listing papers from a small pool (so days overlap), the store's states, a mute. */
function randomWorld(seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const pool = Array.from({ length: 5 + Math.floor(random() * 40) }, (_, i) =>
    makeRecord(i + 1, { organization: pick(ORGS), upvotes: Math.floor(random() * 50) }),
  );
  const dayCount = Math.floor(random() * 8);
  const days: InboxDay[] = daysOfRange('2026-07-01', '2026-07-14')
    .filter(() => random() < dayCount / 14)
    .map((date) => {
      // Some days are empty (weekends), some failed with nothing kept, the others list a random subset.
      const kind = random();
      if (kind < 0.15) return { date, status: 'ok', papers: [] };
      if (kind < 0.25) return { date, status: 'failed', error: 'huggingface.co answered 503', papers: [] };
      return { date, status: 'ok', papers: pool.filter(() => random() < 0.4) };
    });
  const states = new Map<string, PaperState>();
  for (const paper of pool) {
    const kind = pick(STATES);
    if (kind === 'unknown') continue;
    const state: PaperState & { dismissed?: boolean } = {
      id: paper.id,
      state: kind === 'dismissed' ? 'new' : kind,
      saved: false,
      tags: [],
    };
    if (kind === 'dismissed') state.dismissed = true;
    states.set(paper.id, state);
  }
  const mutedOrg = random() < 0.5 ? pick(ORGS) : undefined;
  const filters: Filters = {
    minUpvotes: 0,
    requireCode: false,
    rules: mutedOrg === undefined ? [] : [{ action: 'mute', field: 'organization', value: mutedOrg }],
  };
  return { days, states, filters, mutedOrg };
}

describe('the inbox', () => {
  it('is the papers listed on the chosen days, minus the seen, read and dismissed, minus the muted, each once (300 random worlds)', () => {
    const seen = { rows: 0, muted: 0, handled: 0, repeated: 0 };
    for (let seed = 1; seed <= 300; seed++) {
      const { days, states, filters, mutedOrg } = randomWorld(seed);
      const inbox = buildInbox(days, states, filters);
      seen.rows += inbox.rows.length;
      seen.muted += inbox.muted.length;
      seen.repeated += inbox.rows.filter((r) => r.days.length > 1).length;

      const listed = new Set(days.flatMap((d) => d.papers.map((p) => p.id)));
      const handled = (id: string) => {
        const s = states.get(id) as (PaperState & { dismissed?: boolean }) | undefined;
        return s !== undefined && (s.state === 'seen' || s.state === 'read' || s.dismissed === true);
      };
      const orgOf = new Map(days.flatMap((d) => d.papers.map((p) => [p.id, p.organization] as const)));
      const expected = [...listed].filter((id) => !handled(id) && orgOf.get(id) !== mutedOrg).sort();
      const expectedMuted = [...listed].filter((id) => !handled(id) && orgOf.get(id) === mutedOrg).sort();

      const ids = inbox.rows.map((r) => r.paper.id);
      expect(new Set(ids).size, `seed ${seed}: no duplicates`).toBe(ids.length);
      expect([...ids].sort(), `seed ${seed}`).toEqual(expected);
      expect(inbox.muted.map((r) => r.paper.id).sort(), `seed ${seed}: muted`).toEqual(expectedMuted);
      for (const row of [...inbox.rows, ...inbox.muted]) {
        const listing = days.filter((d) => d.papers.some((p) => p.id === row.paper.id)).map((d) => d.date);
        expect([...row.days].sort(), `seed ${seed}: the days of ${row.paper.id}`).toEqual(listing.sort());
      }
      seen.handled += [...listed].filter(handled).length;
    }
    // The worlds exercised every case: rows kept, muted, handled, and papers listed on several days.
    expect(
      Object.values(seen).every((n) => n > 50),
      JSON.stringify(seen),
    ).toBe(true);
  });

  it('is empty for empty days and for no days', () => {
    expect(buildInbox([], new Map())).toEqual({ rows: [], muted: [] });
    const empty: InboxDay[] = [
      { date: '2026-08-01', status: 'ok', papers: [] },
      { date: '2026-08-02', status: 'ok', papers: [] },
    ];
    expect(buildInbox(empty, new Map())).toEqual({ rows: [], muted: [] });
  });

  it('still shows the other days when one day failed', () => {
    const days: InboxDay[] = [
      { date: '2026-07-30', status: 'ok', papers: [makeRecord(1), makeRecord(2)] },
      { date: '2026-07-31', status: 'offline', error: 'network error: Failed to fetch', papers: [] },
    ];
    expect(buildInbox(days, new Map()).rows.map((r) => r.paper.id)).toEqual([idOf(1), idOf(2)]);
  });

  it('takes a paper listed on several days from the newest, with every day it was listed', () => {
    const days: InboxDay[] = [
      { date: '2026-07-30', status: 'ok', papers: [makeRecord(1, { upvotes: 3 })] },
      { date: '2026-07-31', status: 'ok', papers: [makeRecord(1, { upvotes: 9 })] },
    ];
    const [row] = buildInbox(days, new Map()).rows;
    expect(row?.paper.upvotes).toBe(9);
    expect(row?.days).toEqual(['2026-07-31', '2026-07-30']);
  });

  it('counts a paper as handled when seen, read or dismissed, not when new or unknown', () => {
    const state = (s: ReadingState, dismissed?: boolean) => ({
      id: idOf(1),
      state: s,
      saved: true,
      tags: [],
      dismissed,
    });
    expect(isHandled(undefined)).toBe(false);
    expect(isHandled(state('new'))).toBe(false);
    expect(isHandled(state('seen'))).toBe(true);
    expect(isHandled(state('read'))).toBe(true);
    expect(isHandled(state('new', true))).toBe(true);
  });

  it('sorts by day, newest first and upvotes within a day, or by upvotes alone', () => {
    const row = (n: number, day: string, upvotes: number) => ({
      paper: makeRecord(n, { upvotes }),
      days: [day],
    });
    const rows = [row(1, '2026-07-30', 50), row(2, '2026-07-31', 1), row(3, '2026-07-31', 7)];
    expect(sortRows(rows, 'day').map((r) => r.paper.id)).toEqual([idOf(3), idOf(2), idOf(1)]);
    expect(sortRows(rows, 'upvotes').map((r) => r.paper.id)).toEqual([idOf(1), idOf(3), idOf(2)]);
  });

  it('sorts "For you" by the ranking, best first, then the papers it did not score by upvotes', () => {
    const row = (n: number, upvotes: number) => ({ paper: makeRecord(n, { upvotes }), days: ['2026-07-31'] });
    const rows = [row(1, 50), row(2, 1), row(3, 7), row(4, 9), row(5, 2)];
    const score = (n: number, value: number) => ({
      id: idOf(n),
      score: value,
      level: 'low' as const,
      words: [],
    });
    // Papers 2 and 5 score the same: the one with more upvotes first. Papers 1 and 4 are not scored.
    const ranking = [score(2, 0.4), score(3, 0.9), score(5, 0.4)];
    expect(sortRows(rows, 'forYou', ranking).map((r) => r.paper.id)).toEqual([3, 5, 2, 1, 4].map(idOf));
    expect(sortRows(rows, 'forYou').map((r) => r.paper.id)).toEqual(
      sortRows(rows, 'upvotes').map((r) => r.paper.id),
    );
    // The ranking is for "For you" only.
    expect(sortRows(rows, 'upvotes', ranking).map((r) => r.paper.id)).toEqual([1, 4, 3, 5, 2].map(idOf));
  });
});

describe('the inbox days', () => {
  const at = (iso: string) => Date.parse(iso);

  it('are by default the days since the last visit of a daily list, the day of the visit included', () => {
    expect(missedRange(at('2026-07-28T09:00:00Z'), at('2026-07-31T18:00:00Z'))).toEqual({
      from: '2026-07-28',
      to: '2026-07-31',
    });
  });

  it('are at most 14 days back, and the last 7 without any visit', () => {
    const range = missedRange(at('2026-01-01T00:00:00Z'), at('2026-07-31T18:00:00Z'));
    expect(daysOfRange(range.from, range.to)).toHaveLength(MAX_MISSED_DAYS);
    expect(missedRange(undefined, at('2026-07-31T18:00:00Z'))).toEqual({
      from: '2026-07-25',
      to: '2026-07-31',
    });
  });

  it('follow a picked range, in order and cut to 31 days, and refuse what is not a day', () => {
    expect(pickedRange('2026-07-31', '2026-07-29')).toEqual({ from: '2026-07-29', to: '2026-07-31' });
    const long = pickedRange('2025-01-01', '2026-07-31')!;
    expect(daysOfRange(long.from, long.to)).toHaveLength(MAX_RANGE_DAYS);
    expect(pickedRange('2026-02-30', '2026-03-01')).toBeUndefined();
    expect(pickedRange(undefined, '2026-03-01')).toBeUndefined();
  });

  it('are listed newest first, across months and leap days', () => {
    expect(daysOfRange('2028-02-28', '2028-03-01')).toEqual(['2028-03-01', '2028-02-29', '2028-02-28']);
    expect(daysOfRange('2026-03-02', '2026-03-01')).toEqual([]);
    expect(isDay('2027-02-29')).toBe(false);
  });
});
