import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BUDGET_BYTES,
  decodeItems,
  encodeState,
  isSharedKey,
  itemBytes,
} from '../../../lib/sync/codec';
import { compareStamped, winner } from '../../../lib/sync/stamp';
import { type Stamped, SYNC_QUOTA, type SyncPaper, type SyncState } from '../../../lib/sync/types';
import { makeReadingState } from '../../support/sync-data';

/**
 * The encoding of the shared state into `storage.sync` items: what it writes, that it reads back exactly
 * what it wrote, what it keeps when the state outgrows the quota, and how it reads an area written by
 * several devices (or damaged).
 */

const T = 1_750_000_000;

function stateOf(papers: [string, SyncPaper][], settings: SyncState['settings'] = {}): SyncState {
  return { papers: new Map(papers), settings };
}

/** The state with registers in id order: decoded states compare equal to what was encoded. */
function sorted(state: SyncState): SyncState {
  return {
    papers: new Map([...state.papers].sort(([a], [b]) => (a < b ? -1 : 1))),
    settings: state.settings,
  };
}

const roundTrip = (state: SyncState) => decodeItems(encodeState(state, { collected: 0 }).items);

function countRegisters(state: SyncState) {
  let read = 0;
  let saved = 0;
  let tags = 0;
  for (const paper of state.papers.values()) {
    if (paper.read) read++;
    if (paper.saved) saved++;
    tags += Object.keys(paper.tags ?? {}).length;
  }
  return { read, saved, tags };
}

describe('encodeState: the layout', () => {
  it('writes a manifest, the settings and one item per arXiv month, all text of URL-safe base-64 digits', () => {
    const state = stateOf(
      [
        ['2501.00001', { read: { value: true, at: T } }],
        ['2501.12345', { saved: { value: true, at: T + 5 }, tags: { llm: { value: 'LLM', at: T + 6 } } }],
        ['2412.54321', { read: { value: true, at: T - 60 } }],
      ],
      { overlayStyle: { value: 'dim', at: T } },
    );
    const { items, bytes, omitted } = encodeState(state, { collected: 0 });

    expect(Object.keys(items)).toEqual(['m', 's', 'p:2412', 'p:2501']);
    // The paper items need no JSON escaping: every character costs one byte.
    expect(items['p:2501']).toMatch(/^[A-Za-z0-9_-]*LLM[A-Za-z0-9_-]*$/);
    expect(bytes).toBe(Object.entries(items).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0));
    expect(omitted).toEqual({
      readMarks: 0,
      saved: 0,
      watched: 0,
      tags: 0,
      notes: 0,
      settings: 0,
      through: {},
    });
  });

  it('costs about five bytes a read mark: four read marks of one session take 22 bytes more than one', () => {
    const one = encodeState(stateOf([['2501.00001', { read: { value: true, at: T } }]]), { collected: 0 });
    const four = encodeState(
      stateOf([
        ['2501.00001', { read: { value: true, at: T } }],
        ['2501.00420', { read: { value: true, at: T + 12 } }],
        ['2501.17000', { read: { value: true, at: T + 40 } }],
        ['2501.09999', { read: { value: true, at: T + 95 } }],
      ]),
      { collected: 0 },
    );
    // Per mark: the seconds since the previous one (1–2 digits) and the number (3 digits).
    expect(four.bytes - one.bytes).toBe(4 + 4 + 5);
  });

  it('is deterministic: the order of the maps does not change a character', () => {
    const state = makeReadingState({ reads: 500, saved: 100, notes: 20, pattern: 'sessions' });
    const reversed: SyncState = {
      papers: new Map([...state.papers].reverse()),
      settings: Object.fromEntries(Object.entries(state.settings).reverse()),
    };
    expect(encodeState(reversed, { collected: 0 })).toEqual(encodeState(state, { collected: 0 }));
  });

  it('gives ids that are not of the compact form their own items (p:x, n:x), written out in full', () => {
    const odd = ['hep-th/9901001', '2501.1234', '1412.12345', '2513.00001', '0704.0001v2', '__proto__', ''];
    const state = stateOf(odd.map((id, i) => [id, { read: { value: true, at: T + i } }]));
    const { items } = encodeState(state, { collected: 0 });
    expect(Object.keys(items)).toEqual(['m', 'p:x']);
    expect(sorted(decodeItems(items).state)).toEqual(sorted(state));
  });

  it('reads old four-digit ids (before 2015) in their month: 1412.1234 and 0704.0001', () => {
    const state = stateOf([
      ['1412.1234', { read: { value: true, at: T } }],
      ['0704.0001', { saved: { value: true, at: T } }],
    ]);
    const { items } = encodeState(state, { collected: 0 });
    expect(Object.keys(items)).toEqual(['m', 'p:0704', 'p:1412']);
    expect(sorted(decodeItems(items).state)).toEqual(sorted(state));
  });

  it('splits a month over 8 KB by halving its number range; each item stays within 8,192 bytes', () => {
    const papers: [string, SyncPaper][] = Array.from({ length: 4_000 }, (_, n) => [
      `2501.${String(n * 5).padStart(5, '0')}`,
      { read: { value: true, at: T + n * 37 } },
    ]);
    const { items } = encodeState(stateOf(papers), { collected: 0 });
    const keys = Object.keys(items).filter((key) => key.startsWith('p:'));
    expect(keys.length).toBeGreaterThan(1);
    for (const key of keys) expect(key).toMatch(/^p:2501:[A-Za-z0-9_-]{3}$/);
    for (const [key, value] of Object.entries(items))
      expect(itemBytes(key, value)).toBeLessThanOrEqual(8_192);
    expect(decodeItems(items).state.papers.size).toBe(4_000);
  });

  it('round-trips notes with quotes, backslashes, "<" and emoji; the JSON escaping is counted', () => {
    const note = 'He said "scale is all you need" \\ <b>not</b> 🤔\n';
    const state = stateOf([['2501.00001', { note: { value: note, at: T } }]]);
    const { items, bytes } = encodeState(state, { collected: 0 });
    expect(decodeItems(items).state).toEqual(state);
    expect(bytes).toBeGreaterThan(JSON.stringify(items).length); // '<' costs six bytes in Chrome
  });

  it('leaves out tombstones published at or before the collected watermark, and keeps later ones', () => {
    const state = stateOf([
      ['2501.00001', { saved: { value: false, at: T, published: T + 100 }, read: { value: true, at: T } }],
      ['2501.00002', { saved: { value: false, at: T, published: T + 300 } }],
      ['2501.00003', { tags: { old: { value: null, at: T + 50 } }, note: { value: '', at: T + 500 } }],
    ]);
    const { state: decoded, collected } = decodeItems(encodeState(state, { collected: T + 200 }).items);
    expect(collected).toBe(T + 200);
    expect(sorted(decoded)).toEqual(
      stateOf([
        ['2501.00001', { read: { value: true, at: T } }],
        ['2501.00002', { saved: { value: false, at: T, published: T + 300 } }],
        ['2501.00003', { note: { value: '', at: T + 500 } }],
      ]),
    );
  });
});

describe('encodeState: the budget (10,000 read marks and 2,000 saved papers with tags)', () => {
  for (const pattern of ['sessions', 'uniform'] as const) {
    it(`holds them all, read in ${pattern}, within the default budget`, () => {
      const state = makeReadingState({ reads: 10_000, saved: 2_000, pattern });
      const started = performance.now();
      const encoded = encodeState(state, { collected: 0 });
      const encodeMs = performance.now() - started;
      const decodeStarted = performance.now();
      const decoded = decodeItems(encoded.items);
      const decodeMs = performance.now() - decodeStarted;
      console.info(
        `sync.bytes.10000 (${pattern}): ${encoded.bytes} bytes in ${Object.keys(encoded.items).length} items;` +
          ` encode ${encodeMs.toFixed(0)} ms, decode ${decodeMs.toFixed(0)} ms`,
      );

      expect(encoded.omitted).toEqual({
        readMarks: 0,
        saved: 0,
        watched: 0,
        tags: 0,
        notes: 0,
        settings: 0,
        through: {},
      });
      expect(encoded.bytes).toBeLessThanOrEqual(DEFAULT_BUDGET_BYTES);
      expect(encoded.bytes).toBeLessThan(pattern === 'sessions' ? 80_000 : 95_000);
      for (const [key, value] of Object.entries(encoded.items)) {
        expect(itemBytes(key, value)).toBeLessThanOrEqual(SYNC_QUOTA.itemBytes);
      }
      expect(sorted(decoded.state)).toEqual(sorted(state));
    });
  }

  it('when the state outgrows the budget keeps the settings, then every saved paper, then the newest reads', () => {
    const state = makeReadingState({ reads: 16_000, saved: 2_000, pattern: 'sessions' });
    const encoded = encodeState(state, { collected: 0 });
    const { state: decoded, omittedThrough } = decodeItems(encoded.items);
    const all = countRegisters(state);
    const kept = countRegisters(decoded);
    console.info(`read marks kept next to 2,000 saved papers: ${kept.read} of ${all.read}`);

    expect(encoded.bytes).toBeLessThanOrEqual(DEFAULT_BUDGET_BYTES);
    expect(Object.keys(decoded.settings)).toHaveLength(Object.keys(state.settings).length);
    expect(kept.saved).toBe(all.saved);
    expect(kept.tags).toBe(all.tags);
    expect(kept.read).toBeGreaterThan(11_000);
    // Exactly what is missing is reported, and every read mark newer than the newest one left out is there.
    expect(encoded.omitted).toMatchObject({ readMarks: all.read - kept.read, saved: 0, tags: 0, notes: 0 });
    expect(omittedThrough).toEqual(encoded.omitted.through);
    const through = encoded.omitted.through.read!;
    for (const [id, paper] of state.papers) {
      if (paper.read && paper.read.at > through) expect(decoded.papers.get(id)?.read, id).toEqual(paper.read);
      if (paper.read && paper.read.at < through) expect(decoded.papers.get(id)?.read, id).toBeUndefined();
    }
  });

  it('with a tight budget keeps the newest saved papers and reports the newest stamp left out per kind', () => {
    const papers: [string, SyncPaper][] = Array.from({ length: 300 }, (_, n) => [
      `2501.${String(n + 1).padStart(5, '0')}`,
      {
        saved: { value: true, at: T + n * 60 },
        tags: { llm: { value: 'LLM', at: T + n * 60 + 1 } },
        read: { value: true, at: T + 100_000 + n },
      },
    ]);
    const encoded = encodeState(stateOf(papers), { collected: 0, budgetBytes: 1_000 });
    const decoded = decodeItems(encoded.items).state;
    const keptSaved = [...decoded.papers.values()].filter((p) => p.saved).length;

    expect(encoded.bytes).toBeLessThanOrEqual(1_000);
    expect(decoded.papers.size).toBeGreaterThan(0);
    expect([...decoded.papers.values()].some((p) => p.read)).toBe(false); // reads come after every saved paper
    expect(encoded.omitted.readMarks).toBe(300);
    expect(encoded.omitted.saved).toBe(300 - keptSaved);
    // The newest ones were kept: the oldest kept is newer than the newest left out.
    const oldestKept = Math.min(...[...decoded.papers.values()].map((p) => p.saved!.at));
    expect(encoded.omitted.through.saved).toBe(oldestKept - 60);
    expect(encoded.omitted.through.read).toBe(T + 100_000 + 299);
  });

  it('omits a note too long for any item, counts it, and still writes the rest', () => {
    const state = stateOf([
      ['2501.00001', { note: { value: 'x'.repeat(9_000), at: T } }],
      ['2501.00002', { note: { value: 'fits', at: T - 1 } }],
    ]);
    const encoded = encodeState(state, { collected: 0 });
    expect(encoded.omitted).toMatchObject({ notes: 1, through: { note: T } });
    expect([...decodeItems(encoded.items).state.papers.keys()]).toEqual(['2501.00002']);
  });

  it('respects the item count: with at most 3 items only the manifest and two months are written', () => {
    const state = stateOf([
      ['2501.00001', { saved: { value: true, at: T + 2 } }],
      ['2502.00001', { saved: { value: true, at: T + 1 } }],
      ['2503.00001', { saved: { value: true, at: T } }],
    ]);
    const encoded = encodeState(state, { collected: 0, maxItems: 3 });
    expect(Object.keys(encoded.items)).toEqual(['m', 'p:2501', 'p:2502']);
    expect(encoded.omitted).toMatchObject({ saved: 1, through: { saved: T } });
  });
});

describe('watch registers (papers watched without being saved)', () => {
  const withWatches = stateOf([
    ['2501.00001', { read: { value: true, at: T }, watched: { value: true, at: T + 2 } }],
    ['2501.00007', { watched: { value: false, at: T + 4, published: T + 30 } }],
    ['2502.00009', { saved: { value: true, at: T + 1 }, watched: { value: true, at: T + 3 } }],
    ['hep-th/9901001', { watched: { value: true, at: T + 5 } }],
  ]);
  /** The same state as a version that knows no watch registers holds it. */
  const withoutWatches = stateOf(
    [...withWatches.papers]
      .map(([id, { watched: _, ...rest }]): [string, SyncPaper] => [id, rest])
      .filter(([, paper]) => Object.keys(paper).length > 0),
  );

  it('round-trip exactly: watched, and a removal with its publication, for compact and other ids', () => {
    expect(sorted(roundTrip(withWatches).state)).toEqual(sorted(withWatches));
  });

  it('go to w: items of their own, so every other item reads as a version without them wrote it', () => {
    const items = encodeState(withWatches, { collected: 0 }).items;
    const before = encodeState(withoutWatches, { collected: 0 }).items;
    expect(
      Object.keys(items)
        .filter((key) => key.startsWith('w:'))
        .sort(),
    ).toEqual(['w:2501', 'w:2502', 'w:x']);
    const others = Object.fromEntries(Object.entries(items).filter(([key]) => !key.startsWith('w:')));
    expect(others).toEqual(before);
    expect(isSharedKey('w:2501')).toBe(true);
  });

  it('leave out a removal every device has seen', () => {
    const { state } = decodeItems(encodeState(withWatches, { collected: T + 30 }).items);
    expect(state.papers.has('2501.00007')).toBe(false);
    expect(state.papers.get('2501.00001')?.watched).toEqual({ value: true, at: T + 2 });
  });

  it('are counted apart when they do not fit', () => {
    const { omitted } = encodeState(withWatches, { collected: 0, maxItems: 1 });
    // Room for the manifest alone: nothing else is written, and each kind says so.
    expect(omitted).toMatchObject({ watched: 4, saved: 1, readMarks: 1 });
    expect(omitted.through.watched).toBe(T + 5);
  });
});

describe('decodeItems: an area written by several devices', () => {
  it('joins items of different layouts: the later stamp of each register wins, and the highest watermark', () => {
    const a = stateOf([
      ['2501.00001', { read: { value: true, at: T }, tags: { llm: { value: 'LLM', at: T + 9 } } }],
      ['2501.00002', { saved: { value: true, at: T + 5 } }],
    ]);
    const b = stateOf([
      ['2501.00001', { read: { value: false, at: T + 3 }, tags: { llm: { value: 'llm', at: T + 1 } } }],
      ['2501.00003', { read: { value: true, at: T + 4 } }],
    ]);
    const itemsA = encodeState(a, { collected: 0 }).items;
    const itemsB = encodeState(b, { collected: T - 10 }).items;
    // Device B wrote its month split (another key for the same month), and its manifest last.
    const area: Record<string, unknown> = { ...itemsA, 'p:2501:AAA': itemsB['p:2501'], m: itemsB.m };

    const { state, collected, warnings } = decodeItems(area);
    expect(warnings).toEqual([]);
    expect(collected).toBe(T - 10);
    expect(sorted(state)).toEqual(
      stateOf([
        ['2501.00001', { read: { value: false, at: T + 3 }, tags: { llm: { value: 'LLM', at: T + 9 } } }],
        ['2501.00002', { saved: { value: true, at: T + 5 } }],
        ['2501.00003', { read: { value: true, at: T + 4 } }],
      ]),
    );
  });

  it('ignores keys that are not shared: per-device items and other prefixes', () => {
    const items = encodeState(stateOf([['2501.00001', { read: { value: true, at: T } }]]), {
      collected: 0,
    }).items;
    const decoded = decodeItems({ ...items, 'd:device-1': { seen: T }, 'q:2501': 'garbage', other: 3 });
    expect(decoded.warnings).toEqual([]);
    expect(decoded.state.papers.size).toBe(1);
    expect(['m', 's', 'p:2501', 'p:2501:AAA', 'n:x'].every(isSharedKey)).toBe(true);
    expect(['d:abc', 'q:2501', 'settings', 'mm'].some(isSharedKey)).toBe(false);
  });
});

describe('decodeItems: damaged and hostile items', () => {
  const good = encodeState(
    stateOf([
      ['2501.00001', { read: { value: true, at: T }, tags: { a: { value: 'a', at: T } } }],
      ['2502.00001', { note: { value: 'kept', at: T } }],
    ]),
    { collected: 0 },
  ).items;

  it('skips a truncated or garbled item whole, with a warning naming it, and reads the others', () => {
    const truncated = good['p:2501']!.slice(0, -2);
    for (const bad of [truncated, `${good['p:2501']}A`, 'B"\\', '', 'B___________________']) {
      const decoded = decodeItems({ ...good, 'p:2501': bad });
      expect(decoded.warnings).toHaveLength(1);
      expect(decoded.warnings[0]).toMatch(/^"p:2501": .+; skipped$/);
      expect([...decoded.state.papers.keys()]).toEqual(['2502.00001']);
    }
  });

  it('warns about values that are not text and unknown layouts of its own prefixes', () => {
    const decoded = decodeItems({ ...good, 'p:2503': 42, 'p:2504': null, 'n:2505': ['B'], 'p:25xx': 'B' });
    expect(decoded.warnings).toHaveLength(4);
    expect(decoded.state.papers.size).toBe(2);
  });

  it('skips items of a later format, and flags a later manifest so this version stops writing', () => {
    const later = `C${good['p:2501']!.slice(1)}`;
    const decoded = decodeItems({ ...good, 'p:2501': later, m: 'CAAAAA' });
    expect(decoded.futureFormat).toBe(true);
    expect(decoded.warnings.join('\n')).toMatch(/format 2/);
    expect(decodeItems(good).futureFormat).toBe(false);
  });

  it('never pollutes prototypes: "__proto__" as an id, a tag and a setting name are plain data', () => {
    // JSON.parse makes "__proto__" an own key, as a hostile or careless writer would.
    const tags = JSON.parse(
      '{"__proto__": {"value": "__proto__", "at": 1}, "constructor": {"value": null, "at": 1}}',
    );
    const settings = JSON.parse('{"__proto__": {"value": {"polluted": true}, "at": 1}}');
    const state = stateOf([['__proto__', { tags }]], settings);
    const decoded = roundTrip(state);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(decoded.state.papers.get('__proto__')!.tags!)).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(decoded.state.settings)).toEqual(['__proto__']);
  });

  it('refuses numbers past 2^53 and counts past the text without throwing', () => {
    const huge = `B${'_'.repeat(12)}`; // a version, then a number of twelve continued digits
    const many = 'BAA_____A'; // a dictionary "of" billions of entries
    const decoded = decodeItems({ 'p:2501': huge, 'p:2502': many, m: 'B_________-A' });
    expect(decoded.warnings).toHaveLength(3);
    expect(decoded.state.papers.size).toBe(0);
  });

  it('never throws on what is not an area at all', () => {
    expect(decodeItems(null as unknown as Record<string, unknown>).state.papers.size).toBe(0);
    expect(decodeItems('text' as unknown as Record<string, unknown>).warnings).toEqual([]);
  });
});

describe('itemBytes: the quota as Chrome counts it', () => {
  it('counts the key and the value JSON in UTF-8, with Chrome escaping "<", U+2028 and U+2029', () => {
    expect(itemBytes('k', 'abc')).toBe(1 + 5);
    expect(itemBytes('k', 'a"b')).toBe(1 + 6);
    expect(itemBytes('k', 'é')).toBe(1 + 4);
    expect(itemBytes('k', '🤔')).toBe(1 + 6);
    expect(itemBytes('k', '<')).toBe(1 + 8);
    expect(itemBytes('k', '\u2028')).toBe(1 + 8);
    expect(itemBytes('k', { a: [1, null] })).toBe(1 + '{"a":[1,null]}'.length);
  });

  // Measured in Chromium 156 with storage.sync.getBytesInUse (a device item once came out 5 bytes short).
  it('counts numbers beyond the 32-bit integers in the exponent form Chrome writes', () => {
    expect(itemBytes('b', 1764231234567)).toBe(19);
    expect(itemBytes('c', { sync: 1764231234, wall: 1764231234567 })).toBe(46);
    expect(itemBytes('d', { wall: 1764231234567.5 })).toBe(29);
    expect(itemBytes('f', 12)).toBe(3);
    expect(itemBytes('g', 1e21)).toBe(6);
  });
});

describe('compareStamped: one winner per register on every device', () => {
  const at = (value: unknown, stamp: number, published?: number): Stamped<unknown> =>
    published === undefined ? { value, at: stamp } : { value, at: stamp, published };

  it('the later stamp wins; equal stamps go to the greater JSON; then to the later publication', () => {
    expect(compareStamped(at(false, 2), at(true, 1))).toBeGreaterThan(0);
    expect(compareStamped(at(true, 1), at(false, 1))).toBeGreaterThan(0);
    expect(compareStamped(at(null, 1), at('Tag', 1))).toBeGreaterThan(0);
    expect(compareStamped(at(false, 1, 5), at(false, 1, 3))).toBeGreaterThan(0);
    expect(compareStamped(at(false, 1, 5), at(false, 1))).toBeGreaterThan(0);
    expect(compareStamped(at(false, 1, 1), at(false, 1))).toBeGreaterThan(0);
    expect(compareStamped(at('x', 1), at('x', 1))).toBe(0);
    expect(winner(undefined, at(true, 1))).toEqual(at(true, 1));
  });
});
