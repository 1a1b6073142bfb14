import { describe, expect, it } from 'vitest';
import {
  decodeMonth,
  ENTRY_WIDTH,
  encodeMonth,
  entryOf,
  entryState,
  INDEX_PAGES_MAX,
  type IndexEntry,
  type IndexPages,
  isMonthValue,
  lookupEntry,
  patchMonth,
  prunePages,
  recordFingerprint,
  recordsToSend,
} from '../../../lib/model/state-index';
import { makeRecord, makeStored } from '../../fixtures/db/records';
import { seededRandom } from '../../support/papers';

const MINUTE = 60_000;

function entry(id: string, overrides: Partial<IndexEntry> = {}): IndexEntry {
  return {
    id,
    read: false,
    seen: true,
    saved: false,
    hasSummary: true,
    firstSeenAt: Date.UTC(2026, 10, 20, 8, 30),
    fingerprint: '0abc',
    ...overrides,
  };
}

describe('the state index format', () => {
  it('keeps each entry in 16 characters and finds it again in place, flags, first sight and fingerprint alike', () => {
    const entries = [
      entry('2611.18801', { read: true }),
      entry('2611.00002', { saved: true, seen: false }),
      entry('2611.09999', { hasSummary: false, fingerprint: 'zzzz' }),
      entry('2611.12345', { dismissed: true, read: true, saved: true }),
    ];
    const month = encodeMonth(entries);
    expect(month.length).toBe(4 * ENTRY_WIDTH);
    for (const e of entries) expect(lookupEntry(month, e.id)).toEqual(e);
    expect(lookupEntry(month, '2611.18802')).toBeUndefined();
    expect(decodeMonth(month, '2611').map((e) => e.id)).toEqual([
      '2611.00002',
      '2611.09999',
      '2611.12345',
      '2611.18801',
    ]);
  });

  it('reads the four-digit ids of months before 2015 back as they are written', () => {
    const month = encodeMonth([entry('1412.0001'), entry('1412.9876', { read: true })]);
    expect(lookupEntry(month, '1412.9876')?.read).toBe(true);
    expect(decodeMonth(month, '1412').map((e) => e.id)).toEqual(['1412.0001', '1412.9876']);
  });

  it('keeps the first sight to the minute', () => {
    const at = Date.UTC(2026, 0, 2, 3, 4, 59, 999);
    const month = encodeMonth([entry('2601.00001', { firstSeenAt: at })]);
    expect(lookupEntry(month, '2601.00001')?.firstSeenAt).toBe(Math.floor(at / MINUTE) * MINUTE);
  });

  it('trusts no value of another shape', () => {
    expect(isMonthValue('x'.repeat(ENTRY_WIDTH * 2))).toBe(true);
    expect(isMonthValue('x'.repeat(ENTRY_WIDTH + 1))).toBe(false);
    expect(isMonthValue(42)).toBe(false);
    expect(lookupEntry('short', '2601.00001')).toBeUndefined();
  });

  it('patches a month as rebuilding it would: inserted, replaced and removed entries, in order', () => {
    const random = seededRandom(13);
    for (let round = 0; round < 200; round++) {
      const ids = () =>
        Array.from(
          { length: Math.floor(random() * 30) },
          () => `2605.${String(Math.floor(random() * 200)).padStart(5, '0')}`,
        );
      const before = ids().map((id) => entry(id, { read: random() < 0.5 }));
      const incoming = ids().map((id) => entry(id, { saved: random() < 0.5, fingerprint: 'new1' }));
      const removed = ids().filter((id) => !incoming.some((e) => e.id === id));
      const patched = patchMonth(encodeMonth(before), incoming, removed);
      const expected = new Map(before.map((e) => [e.id, e]));
      for (const id of removed) expected.delete(id);
      for (const e of incoming) expected.set(e.id, e);
      expect(patched).toBe(encodeMonth([...expected.values()]));
    }
  });

  it("says a stored paper's state as the store does", () => {
    const read = entryOf(makeStored(1, { state: 'read', readAt: 5 }));
    expect(entryState(read)).toBe('read');
    expect(entryState(entryOf(makeStored(2, { state: 'seen' })))).toBe('seen');
    expect(entryState(entryOf(makeStored(3, { state: 'new' })))).toBe('new');
    expect(entryOf(makeStored(4, { savedAt: 9 })).saved).toBe(true);
    expect(entryOf(makeStored(5, { summary: undefined })).hasSummary).toBe(false);
  });

  it('keeps the visits of the most recently visited lists only', () => {
    const pages: IndexPages = {};
    for (let i = 0; i < INDEX_PAGES_MAX + 20; i++) pages[`date:${i}`] = [i, i];
    const kept = prunePages(pages);
    expect(Object.keys(kept)).toHaveLength(INDEX_PAGES_MAX);
    expect(kept['date:0']).toBeUndefined();
    expect(kept[`date:${INDEX_PAGES_MAX + 19}`]).toEqual([INDEX_PAGES_MAX + 19, INDEX_PAGES_MAX + 19]);
  });
});

describe('a re-visit sends the store only what it lacks', () => {
  const record = makeRecord(7, { summary: 'An abstract.', upvotes: 12 });
  const known = (overrides: Partial<IndexEntry> = {}) =>
    entry(record.id, { fingerprint: recordFingerprint(record), ...overrides });

  it('sends nothing of a reading the store took last time', () => {
    expect(recordsToSend([record], () => known())).toEqual([]);
  });

  it('sends a paper the store does not know, whole', () => {
    expect(recordsToSend([record], () => undefined)).toEqual([record]);
  });

  it('sends a changed reading without the abstract the store has', () => {
    const more = { ...record, upvotes: 13 };
    const [sent] = recordsToSend([more], () => known());
    expect(sent?.upvotes).toBe(13);
    expect(sent).not.toHaveProperty('summary');
  });

  it('sends the abstract the store lacks', () => {
    expect(recordsToSend([record], () => known({ hasSummary: false }))).toEqual([record]);
  });

  it('tells readings apart by every field the store keeps but the abstract', () => {
    const base = recordFingerprint(record);
    expect(recordFingerprint({ ...record, summary: 'Another abstract.' })).toBe(base);
    for (const change of [
      { title: 'Another title' },
      { upvotes: 99 },
      { numComments: 3 },
      { githubRepo: 'https://github.com/a/b' },
      { githubStars: 5 },
      { projectPage: 'https://example.org' },
      { organization: 'Lab' },
      { keywords: ['x'] },
      { authors: ['A. Person'] },
      { aiSummary: 'One line.' },
    ]) {
      expect(recordFingerprint({ ...record, ...change }), JSON.stringify(change)).not.toBe(base);
    }
  });
});
