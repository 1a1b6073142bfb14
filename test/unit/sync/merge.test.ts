import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareStamped,
  countRegisters,
  emptyState,
  isEmptyPaper,
  mergeStates,
  newestStamp,
  winnersOver,
  withoutCollected,
} from '../../../lib/sync/merge';
import type { Stamped, SyncPaper, SyncState } from '../../../lib/sync/types';
import { canonical } from '../../support/sync-fakes';

/** Small ranges, so generated states often hold the same register with equal stamps or values. */
function stamped<T>(value: fc.Arbitrary<T>): fc.Arbitrary<Stamped<T>> {
  return fc
    .tuple(
      value,
      fc.integer({ min: 100, max: 103 }),
      fc.option(fc.integer({ min: 100, max: 106 }), { nil: undefined }),
    )
    .map(([v, at, published]) => (published === undefined ? { value: v, at } : { value: v, at, published }));
}

const paperArb: fc.Arbitrary<SyncPaper> = fc.record(
  {
    saved: stamped(fc.boolean()),
    read: stamped(fc.boolean()),
    watched: stamped(fc.boolean()),
    note: stamped(fc.constantFrom('', 'see §3', 'Compare')),
    tags: fc.dictionary(
      fc.constantFrom('ml', 'to read'),
      stamped(fc.constantFrom(null, 'ML', 'ml', 'to read')),
    ),
  },
  { requiredKeys: [] },
);

const stateArb: fc.Arbitrary<SyncState> = fc
  .tuple(
    // States never hold a paper without registers (the codec, the replicas and winnersOver drop them).
    fc.dictionary(
      fc.constantFrom('2501.00001', '2501.00002', '2412.12345'),
      paperArb.filter((paper) => !isEmptyPaper(paper)),
    ),
    fc.dictionary(
      fc.constantFrom('badge', 'recordSeen'),
      stamped(fc.constantFrom<unknown>('new', 'unread', true, false)),
    ),
  )
  .map(([papers, settings]) => ({ papers: new Map(Object.entries(papers)), settings }));

const same = (a: SyncState, b: SyncState): void => {
  expect(canonical(a)).toBe(canonical(b));
};

describe('the register order', () => {
  it('the later stamp wins', () => {
    expect(compareStamped({ value: false, at: 101 }, { value: true, at: 100 })).toBeGreaterThan(0);
  });

  it('equal stamps: every device picks the same value, whichever it holds', () => {
    const a = { value: 'ML', at: 100 };
    const b = { value: 'ml', at: 100 };
    expect(Math.sign(compareStamped(a, b)) + Math.sign(compareStamped(b, a))).toBe(0);
    expect(compareStamped(a, b)).not.toBe(0);
  });

  it('equal stamp and value: the later publication wins (collection waits for the later one)', () => {
    expect(
      compareStamped({ value: false, at: 100, published: 105 }, { value: false, at: 100, published: 101 }),
    ).toBeGreaterThan(0);
  });

  it('is a total order: antisymmetric and transitive', () => {
    const reg = stamped(fc.constantFrom<unknown>(null, false, true, '', 'a', 'B'));
    fc.assert(
      fc.property(reg, reg, reg, (a, b, c) => {
        expect(Math.sign(compareStamped(a, b)) + Math.sign(compareStamped(b, a))).toBe(0);
        if (compareStamped(a, b) <= 0 && compareStamped(b, c) <= 0)
          expect(compareStamped(a, c)).toBeLessThanOrEqual(0);
      }),
    );
  });
});

describe('merging states (a join)', () => {
  it('is commutative', () => {
    fc.assert(fc.property(stateArb, stateArb, (a, b) => same(mergeStates(a, b), mergeStates(b, a))));
  });

  it('is associative', () => {
    fc.assert(
      fc.property(stateArb, stateArb, stateArb, (a, b, c) =>
        same(mergeStates(mergeStates(a, b), c), mergeStates(a, mergeStates(b, c))),
      ),
    );
  });

  it('is idempotent: a state delivered twice changes nothing', () => {
    fc.assert(
      fc.property(stateArb, stateArb, (a, b) => {
        same(mergeStates(a, a), a);
        const once = mergeStates(a, b);
        same(mergeStates(once, b), once);
      }),
    );
  });

  it('leaves its inputs unchanged', () => {
    fc.assert(
      fc.property(stateArb, stateArb, (a, b) => {
        const before = [canonical(a), canonical(b)];
        mergeStates(a, b);
        expect([canonical(a), canonical(b)]).toEqual(before);
      }),
    );
  });

  it('keeps every register of either side, each at the winning value', () => {
    fc.assert(
      fc.property(stateArb, stateArb, (a, b) => {
        const merged = mergeStates(a, b);
        expect(countRegisters(merged)).toBeGreaterThanOrEqual(Math.max(countRegisters(a), countRegisters(b)));
        expect(newestStamp(merged)).toBe(Math.max(newestStamp(a), newestStamp(b)));
      }),
    );
  });
});

describe('winnersOver: what a device must write to take in a remote state', () => {
  it('writing the winners gives the merged state', () => {
    fc.assert(
      fc.property(stateArb, stateArb, (local, incoming) =>
        same(mergeStates(local, winnersOver(local, incoming)), mergeStates(local, incoming)),
      ),
    );
  });

  it('is empty once the local state dominates', () => {
    fc.assert(
      fc.property(stateArb, stateArb, (local, incoming) => {
        expect(countRegisters(winnersOver(mergeStates(local, incoming), incoming))).toBe(0);
      }),
    );
  });

  it('holds only registers that beat the local ones', () => {
    const local: SyncState = {
      papers: new Map([['2501.00001', { saved: { value: true, at: 200 }, read: { value: true, at: 100 } }]]),
      settings: { badge: { value: 'new', at: 50 } },
    };
    const incoming: SyncState = {
      papers: new Map<string, SyncPaper>([
        ['2501.00001', { saved: { value: false, at: 150 }, read: { value: false, at: 180 } }],
        ['2501.00002', { tags: { ml: { value: 'ML', at: 120 } } }],
      ]),
      settings: { badge: { value: 'unread', at: 60 }, recordSeen: { value: false, at: 10 } },
    };
    const wins = winnersOver(local, incoming);
    expect(Object.fromEntries(wins.papers)).toEqual({
      '2501.00001': { read: { value: false, at: 180 } },
      '2501.00002': { tags: { ml: { value: 'ML', at: 120 } } },
    });
    expect(wins.settings).toEqual(incoming.settings);
  });
});

describe('collected tombstones', () => {
  const state: SyncState = {
    papers: new Map<string, SyncPaper>([
      ['2501.00001', { saved: { value: false, at: 100, published: 110 }, read: { value: true, at: 90 } }],
      [
        '2501.00002',
        { note: { value: '', at: 100 }, tags: { ml: { value: null, at: 100, published: 130 } } },
      ],
    ]),
    settings: { badge: { value: 'new', at: 10 } },
  };

  it('go by their publication, or their stamp when never published; live values and settings stay', () => {
    expect(Object.fromEntries(withoutCollected(state, 110).papers)).toEqual({
      '2501.00001': { read: { value: true, at: 90 } },
      '2501.00002': { tags: { ml: { value: null, at: 100, published: 130 } } },
    });
    expect(withoutCollected(state, 110).settings).toEqual(state.settings);
  });

  it('a paper left with nothing is dropped', () => {
    expect([...withoutCollected(state, 130).papers.keys()]).toEqual(['2501.00001']);
    expect(countRegisters(withoutCollected(emptyState(), 130))).toBe(0);
  });
});
