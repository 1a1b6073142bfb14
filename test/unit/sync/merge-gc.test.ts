import { describe, expect, it } from 'vitest';
import {
  collectionWatermark,
  type DeviceRecord,
  GRACE_S,
  latestSyncThrough,
  missedCollection,
  RETIRE_AFTER_S,
  readDevices,
  recordSync,
  supersededRegisters,
} from '../../../lib/sync/gc';
import type { SyncPaper, SyncState } from '../../../lib/sync/types';

const NOW = 1_767_600_000;
const devices = (entries: Record<string, number>) =>
  new Map<string, DeviceRecord>(
    Object.entries(entries).map(([id, sync]) => [id, { sync, wall: sync * 1000 }]),
  );
const state = (papers: Record<string, SyncPaper>): SyncState => ({
  papers: new Map(Object.entries(papers)),
  settings: {},
});

describe('the collected watermark', () => {
  it('is a grace before the oldest last sync of the registered devices', () => {
    const { collected } = collectionWatermark(
      0,
      devices({ me: NOW - 10, desk: NOW - 3_600, tab: NOW - 7_200 }),
      'me',
      NOW,
    );
    expect(collected).toBe(NOW - 7_200 - GRACE_S);
  });

  it('never goes back: the shared watermark counts when it is higher', () => {
    expect(
      collectionWatermark(NOW - 2 * GRACE_S, devices({ tab: NOW - 40 * GRACE_S }), 'me', NOW).collected,
    ).toBe(NOW - 2 * GRACE_S);
  });

  it('is never past this run less a grace, whatever another device claims', () => {
    expect(collectionWatermark(NOW + 365 * GRACE_S, devices({}), 'me', NOW).collected).toBe(NOW - GRACE_S);
  });

  it('retires devices silent for 60 days, which then hold nothing back', () => {
    const result = collectionWatermark(
      0,
      devices({ drawer: NOW - RETIRE_AFTER_S - 1, desk: NOW - 60 }),
      'me',
      NOW,
    );
    expect(result).toEqual({ collected: NOW - 60 - GRACE_S, retired: ['drawer'] });
  });

  it('reads device items and skips malformed ones and other keys', () => {
    const read = readDevices({ 'd:a': { sync: 5, wall: 6 }, 'd:b': { sync: 'x' }, 'd:c': null, m: 'B' });
    expect([...read]).toEqual([['a', { sync: 5, wall: 6 }]]);
  });
});

describe('values lost to removals collected while a device was away', () => {
  const remote = state({ '2501.00002': { saved: { value: true, at: 50 } } });
  const local = state({
    '2501.00001': { saved: { value: true, at: 50 }, read: { value: false, at: 40, published: 41 } },
    '2501.00002': { saved: { value: true, at: 50 }, tags: { ml: { value: 'ML', at: 60 } } },
    '2501.00003': { saved: { value: true, at: 150 } },
  });

  it('are the live values older than its last sync the others all saw, now absent from the shared state', () => {
    expect(supersededRegisters(local, remote, 100, {}).map((e) => [e.kind, e.id, e.tag])).toEqual([
      ['saved', '2501.00001', undefined],
      ['tag', '2501.00002', 'ml'],
    ]);
  });

  it('never include what the shared state may have left out for room, nor anything without such a sync', () => {
    expect(supersededRegisters(local, remote, 100, { saved: 55, tags: 60 })).toEqual([]);
    expect(supersededRegisters(local, remote, undefined, {})).toEqual([]);
  });

  it('are looked for only when the watermark passed what this device’s previous sync guarantees', () => {
    expect(missedCollection(NOW, NOW - GRACE_S)).toBe(false);
    expect(missedCollection(NOW, NOW - GRACE_S + 1)).toBe(true);
    expect(missedCollection(undefined, NOW)).toBe(false);
  });
});

describe('the history of complete syncs', () => {
  it('stays small: 10 minutes apart within a day, a day apart before, nothing before the watermark’s sync', () => {
    let history: number[] = [];
    for (let s = NOW - 30 * GRACE_S; s <= NOW; s += 60) history = recordSync(history, s, NOW - 20 * GRACE_S);
    expect(history.length).toBeLessThan(170);
    expect(history.at(-1)).toBe(NOW);
    expect(latestSyncThrough(history, NOW - 20 * GRACE_S)).toBeLessThanOrEqual(NOW - 20 * GRACE_S);
    expect(latestSyncThrough(history, NOW - 20 * GRACE_S)).toBeGreaterThan(NOW - 21 * GRACE_S);
  });
});
