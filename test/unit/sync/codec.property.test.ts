import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeItems, encodeState, itemBytes } from '../../../lib/sync/codec';
import { winner } from '../../../lib/sync/stamp';
import { type Stamped, SYNC_QUOTA, type SyncPaper, type SyncState } from '../../../lib/sync/types';

/**
 * Properties of the sync codec over arbitrary states: it reads back what it wrote, writes the same items for the
 * same state, stays within every limit, reports exactly what it left out, joins any two writers' items into
 * the merge of their states, and never throws on any input.
 */

const RUNS = { numRuns: 60 };
const T = 1_750_000_000;

const stamp = fc.oneof(fc.integer({ min: T, max: T + 400_000 }), fc.integer({ min: 0, max: 2 ** 45 }));
const month = (years: [number, number]) =>
  fc
    .tuple(fc.integer({ min: years[0], max: years[1] }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${String(y).padStart(2, '0')}${String(m).padStart(2, '0')}`);
const arxivId = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(month([15, 26]), fc.integer({ min: 0, max: 99_999 })) },
  { weight: 2, arbitrary: fc.tuple(month([7, 14]), fc.integer({ min: 0, max: 9_999 })) },
);
const id = fc.oneof(
  { weight: 8, arbitrary: arxivId.map(([m, n]) => `${m}.${String(n).padStart(m >= '1501' ? 5 : 4, '0')}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'hep-th/9901001',
      'math.GT/0309136',
      '2501.1234',
      '1412.12345',
      '__proto__',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

/** A tombstone or a value, with a publication on tombstones only (as the engine writes them). */
function register<T>(live: fc.Arbitrary<T>, removed: T): fc.Arbitrary<Stamped<T>> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ value: live, at: stamp }) },
    { weight: 1, arbitrary: fc.record({ value: fc.constant(removed), at: stamp }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(stamp, fc.integer({ min: -50, max: 5_000 }))
        .map(([at, later]) => ({ value: removed, at, published: Math.max(0, at + later) })),
    },
  );
}

const text = fc.string({
  unit: fc.constantFrom('a', 'B', '"', '\\', '<', 'é', '🤔', '\n', ' ', '\u2028'),
  maxLength: 40,
});
const tagName = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.constantFrom('LLM', 'llm', 'Llm', 'İ'),
);
/** Tags by case-folded key; now and then a key that is not the folded value, as an odd writer might leave. */
const tags = fc
  .array(
    fc.tuple(tagName, register(fc.constant(''), null), fc.boolean()).map(([name, r, odd]) => {
      const key = odd ? `${name}!` : name.toLowerCase();
      return [key, r.value === null ? r : { ...r, value: name }] as const;
    }),
    { maxLength: 4 },
  )
  .map((pairs) => {
    const out: Record<string, Stamped<string | null>> = Object.create(null);
    for (const [key, r] of pairs) out[key] = r;
    return out;
  });
const paper: fc.Arbitrary<SyncPaper> = fc.record(
  {
    read: register(fc.constant(true), false),
    saved: register(fc.constant(true), false),
    watched: register(fc.constant(true), false),
    note: register(fc.oneof(text, fc.constant('long '.repeat(2_000))), ''),
    tags,
  },
  { requiredKeys: [] },
);
const settings = fc.dictionary(
  fc.oneof(fc.string({ maxLength: 10 }), fc.constant('__proto__')),
  fc.record({
    value: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown),
    at: stamp,
  }),
  { maxKeys: 4 },
);
const state: fc.Arbitrary<SyncState> = fc
  .tuple(fc.uniqueArray(fc.tuple(id, paper), { selector: ([key]) => key, maxLength: 40 }), settings)
  .map(([papers, s]) => ({ papers: new Map(papers), settings: s }));

const isTombstone = (value: unknown) => value === false || value === '' || value === null;

/**
 * What a state looks like after a round trip: tombstones published by `collected` gone, notes too long for an
 * item gone, empty tag sets and papers gone, papers in id order.
 */
function expected(s: SyncState, collected: number): SyncState {
  const kept = <T>(r: Stamped<T> | undefined) =>
    r && !(isTombstone(r.value) && (r.published ?? r.at) <= collected) ? r : undefined;
  const papers: [string, SyncPaper][] = [];
  for (const [key, p] of s.papers) {
    const out: SyncPaper = {};
    if (kept(p.read)) out.read = p.read;
    if (kept(p.saved)) out.saved = p.saved;
    if (kept(p.watched)) out.watched = p.watched;
    if (kept(p.note) && p.note!.value.length < 8_000) out.note = p.note;
    const t = Object.entries(p.tags ?? {}).filter(([, r]) => kept(r));
    if (t.length > 0) out.tags = Object.fromEntries(t);
    if (Object.keys(out).length > 0) papers.push([key, out]);
  }
  return { papers: new Map(papers.sort(([a], [b]) => (a < b ? -1 : 1))), settings: s.settings };
}

const inOrder = (s: SyncState): SyncState => ({
  papers: new Map([...s.papers].sort(([a], [b]) => (a < b ? -1 : 1))),
  settings: s.settings,
});

/** The register-wise merge of two states, by the codec's own rule. */
function merge(a: SyncState, b: SyncState): SyncState {
  const papers = new Map<string, SyncPaper>();
  for (const source of [a, b]) {
    for (const [key, p] of source.papers) {
      const into = papers.get(key) ?? {};
      const read = winner(into.read, p.read);
      const saved = winner(into.saved, p.saved);
      const watched = winner(into.watched, p.watched);
      const note = winner(into.note, p.note);
      const merged: SyncPaper = {};
      if (read) merged.read = read;
      if (saved) merged.saved = saved;
      if (watched) merged.watched = watched;
      if (note) merged.note = note;
      if (into.tags || p.tags) {
        const t: Record<string, Stamped<string | null>> = Object.create(null);
        for (const [k, r] of [...Object.entries(into.tags ?? {}), ...Object.entries(p.tags ?? {})]) {
          t[k] = winner(t[k], r)!;
        }
        merged.tags = t;
      }
      papers.set(key, merged);
    }
  }
  const s: SyncState['settings'] = Object.create(null);
  for (const [k, r] of [...Object.entries(a.settings), ...Object.entries(b.settings)])
    s[k] = winner(s[k], r)!;
  return { papers, settings: s };
}

describe('sync codec properties', () => {
  it('decode(encode(state)) is the state, less collected tombstones and notes too long for an item', () => {
    fc.assert(
      fc.property(state, fc.oneof(fc.constant(0), stamp), (s, collected) => {
        const encoded = encodeState(s, { collected, budgetBytes: 10_000_000, maxItems: 100_000 });
        const decoded = decodeItems(encoded.items);
        expect(decoded.warnings).toEqual([]);
        expect(inOrder(decoded.state)).toEqual(expected(s, collected));
      }),
      RUNS,
    );
  });

  it('is deterministic: a state with its maps in another order gives the same items', () => {
    fc.assert(
      fc.property(state, (s) => {
        const shuffled: SyncState = {
          papers: new Map([...s.papers].reverse()),
          settings: Object.fromEntries(Object.entries(s.settings).reverse()),
        };
        expect(encodeState(shuffled, { collected: 0 }).items).toEqual(encodeState(s, { collected: 0 }).items);
      }),
      RUNS,
    );
  });

  it('stays within the budget, the item count and 8,192 bytes an item; what it leaves out is counted exactly', () => {
    fc.assert(
      fc.property(
        state,
        fc.integer({ min: 200, max: 6_000 }),
        fc.integer({ min: 2, max: 12 }),
        (s, budgetBytes, maxItems) => {
          const encoded = encodeState(s, { collected: 0, budgetBytes, maxItems });
          const entries = Object.entries(encoded.items);
          expect(encoded.bytes).toBeLessThanOrEqual(budgetBytes);
          expect(entries.length).toBeLessThanOrEqual(maxItems);
          for (const [key, value] of entries)
            expect(itemBytes(key, value)).toBeLessThanOrEqual(SYNC_QUOTA.itemBytes);

          const all = expected(s, 0);
          const got = decodeItems(encoded.items);
          const count = (x: SyncState, pick: (p: SyncPaper) => number) =>
            [...x.papers.values()].reduce((sum, p) => sum + pick(p), 0);
          const { omitted } = encoded;
          expect(count(got.state, (p) => (p.read ? 1 : 0)) + omitted.readMarks).toBe(
            count(all, (p) => (p.read ? 1 : 0)),
          );
          expect(count(got.state, (p) => (p.saved ? 1 : 0)) + omitted.saved).toBe(
            count(all, (p) => (p.saved ? 1 : 0)),
          );
          expect(count(got.state, (p) => (p.watched ? 1 : 0)) + omitted.watched).toBe(
            count(all, (p) => (p.watched ? 1 : 0)),
          );
          expect(count(got.state, (p) => Object.keys(p.tags ?? {}).length) + omitted.tags).toBe(
            count(all, (p) => Object.keys(p.tags ?? {}).length),
          );
          // Every register newer than the newest one left out of its kind was written, as it was.
          for (const [key, p] of all.papers) {
            const kept = got.state.papers.get(key);
            for (const kind of ['read', 'saved', 'watched', 'note'] as const) {
              const through = omitted.through[kind];
              if (p[kind] && (through === undefined || p[kind]!.at > through))
                expect(kept?.[kind]).toEqual(p[kind]);
            }
          }
        },
      ),
      RUNS,
    );
  });

  it('joins two writers: their items under different layouts decode to the merge of both states', () => {
    fc.assert(
      fc.property(state, state, (a, b) => {
        const itemsA = encodeState(a, { collected: 0, budgetBytes: 10_000_000, maxItems: 100_000 }).items;
        const itemsB = encodeState(b, { collected: 0, budgetBytes: 10_000_000, maxItems: 100_000 }).items;
        // B's month items as if split (another key for the same papers); one manifest and one settings item.
        const area: Record<string, unknown> = { ...itemsA };
        for (const [key, value] of Object.entries(itemsB)) {
          if (['p:', 'n:', 'w:'].some((p) => key.startsWith(p))) area[`${key.slice(0, 6)}:___`] = value;
        }
        const decoded = decodeItems(area);
        // (Notes too long for any item are in neither writer's items.)
        const both = { ...merge(expected(a, 0), expected(b, 0)), settings: a.settings };
        expect(inOrder({ ...decoded.state, settings: a.settings })).toEqual(expected(both, 0));
      }),
      RUNS,
    );
  });

  it('never throws and never pollutes prototypes, whatever the area holds', () => {
    const ours = fc.constantFrom(
      'm',
      's',
      'p:2501',
      'p:x',
      'n:2501',
      'w:2501',
      'w:x',
      'p:2501:AAA',
      '__proto__',
      'd:1',
    );
    const value = fc.oneof(
      fc.string({ unit: fc.constantFrom('A', 'B', 'Z', '_', '-', 'g', 'x', '"', '\\') }),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(ours, fc.string()), value), (area) => {
        const decoded = decodeItems(area);
        expect(Array.isArray(decoded.warnings)).toBe(true);
        expect(({} as Record<string, unknown>).value).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('reads back every damaged variant of a real item without throwing: cut short, or a digit changed', () => {
    const s: SyncState = {
      papers: new Map([
        ['2501.00001', { read: { value: true, at: T }, tags: { a: { value: 'A', at: T + 1 } } }],
        ['2501.00002', { saved: { value: false, at: T, published: T + 5 } }],
      ]),
      settings: {},
    };
    const item = encodeState(s, { collected: 0 }).items['p:2501']!;
    fc.assert(
      fc.property(
        fc.nat(item.length - 1),
        fc.constantFrom('A', '_', 'z', '.', '"'),
        fc.boolean(),
        (at, c, cut) => {
          const damaged = cut ? item.slice(0, at) : item.slice(0, at) + c + item.slice(at + 1);
          const decoded = decodeItems({ 'p:2501': damaged });
          expect(decoded.warnings.length + decoded.state.papers.size).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
