import { fakeBrowser } from '@webext-core/fake-browser';
import { describe, expect, it } from 'vitest';
import { publishChange } from '../../../lib/background/feed';
import {
  type KeptOrder,
  keepInboxOrder,
  keepInboxRows,
  keptMissedRange,
  keptOrderOf,
  keptRowsOf,
  keptRowsOutliveVisit,
  storedInboxOrderOf,
  storedInboxRowsOf,
} from '../../../lib/inbox/first-rows';
import { takeEarlyRead } from '../../../lib/messages/early-read';

/** The kept rows as the inbox page reads and judges them. */
const readKept = async (
  range: Parameters<typeof keptRowsOf>[1],
  filters: Parameters<typeof keptRowsOf>[2],
  now: number,
) =>
  keptRowsOf(
    storedInboxRowsOf(await takeEarlyRead('/inbox.html', fakeBrowser.storage.local)),
    range,
    filters,
    now,
  );

import { changeSeq } from '../../../lib/messages/change-feed';
import { INBOX_FIRST_ROWS_KEY, INBOX_ORDER_KEY } from '../../../lib/messages/protocol';
import { addRule, type Filters, NO_FILTERS } from '../../../lib/model/filters';
import { INBOX_ORDERS, type InboxRow, missedRange } from '../../../lib/model/inbox';
import type { PaperState } from '../../../lib/model/paper';
import { makeRecord } from '../../fixtures/db/records';

const RANGE = { from: '2026-07-25', to: '2026-07-31' };
const NOW = Date.UTC(2026, 7, 1, 9);
const FRESH_UNTIL = NOW + 30 * 60_000;
const filters: Filters = { ...NO_FILTERS, rules: [] };
const row = (n: number): InboxRow => ({ paper: makeRecord(n), days: ['2026-07-31'] });
const saved: PaperState = { id: makeRecord(1).id, state: 'new', saved: true, tags: ['later'] };
const rows = [{ row: row(1), state: saved }, { row: row(2) }];

async function keep(
  overrides: {
    seq?: number;
    freshUntil?: number;
    filters?: Filters;
    missedSince?: number | null;
    order?: KeptOrder;
  } = {},
) {
  await keepInboxRows({
    ...('missedSince' in overrides ? { missedSince: overrides.missedSince } : {}),
    ...(overrides.order ? { order: overrides.order } : {}),
    range: RANGE,
    filters: overrides.filters ?? filters,
    seq: overrides.seq ?? (await changeSeq(fakeBrowser.storage.local)),
    freshUntil: overrides.freshUntil ?? FRESH_UNTIL,
    rows,
    left: 120,
  });
}

describe("the inbox's kept first rows", () => {
  it('are shown, with their states and count, by the next inbox on the same days when nothing changed', async () => {
    await keep();
    expect(await readKept(RANGE, filters, NOW)).toEqual({ rows, left: 120 });
  });

  it('are not used for other days or other filters', async () => {
    await keep();
    expect(await readKept({ ...RANGE, from: '2026-07-24' }, filters, NOW)).toBeUndefined();
    const muted = addRule(filters, { action: 'mute', field: 'organization', value: 'Acme AI' });
    expect(await readKept(RANGE, muted, NOW)).toBeUndefined();
  });

  it('are not used once a day they came from is no longer fresh in the day cache', async () => {
    await keep();
    expect(await readKept(RANGE, filters, FRESH_UNTIL - 1)).toBeDefined();
    expect(await readKept(RANGE, filters, FRESH_UNTIL)).toBeUndefined();
  });

  it('are dropped by the next change, even one published between their read and their keeping', async () => {
    const seq = await changeSeq(fakeBrowser.storage.local);
    await publishChange([{ id: '2607.00002', state: 'read', saved: false, tags: [] }]);
    await keep({ seq });
    expect(await readKept(RANGE, filters, NOW)).toBeUndefined();

    await keep();
    await publishChange('all');
    expect((await fakeBrowser.storage.local.get(INBOX_FIRST_ROWS_KEY))[INBOX_FIRST_ROWS_KEY]).toBeUndefined();
    expect(await readKept(RANGE, filters, NOW)).toBeUndefined();
  });

  it('are used only in the order they were kept in; rows kept without an order were by day', async () => {
    await keep({ order: 'upvotes' });
    expect(await readKept(RANGE, filters, NOW)).toBeUndefined();
    const inOrder = async (order: Parameters<typeof keptRowsOf>[4]) =>
      keptRowsOf(
        storedInboxRowsOf(await takeEarlyRead('/inbox.html', fakeBrowser.storage.local)),
        RANGE,
        filters,
        NOW,
        order,
      );
    expect(await inOrder('upvotes')).toEqual({ rows, left: 120 });
    expect(await inOrder('forYou')).toBeUndefined();
    await keep();
    expect(await inOrder('day')).toEqual({ rows, left: 120 });
    expect(await inOrder('upvotes')).toBeUndefined();
    // An inbox shown "For you" keeps its rows by day: ranked anew at each opening.
    expect(INBOX_ORDERS).toEqual(['day', 'upvotes', 'forYou']);
    expect(INBOX_ORDERS.map(keptOrderOf)).toEqual(['day', 'upvotes', 'day']);
  });

  it('open in the order the reader chose last, by day at first or when the stored one is not an order', async () => {
    const order = async () =>
      storedInboxOrderOf(await takeEarlyRead('/inbox.html', fakeBrowser.storage.local));
    expect(await order()).toBe('day');
    await keepInboxOrder('forYou');
    expect(await order()).toBe('forYou');
    await fakeBrowser.storage.local.set({ [INBOX_ORDER_KEY]: 'sideways' });
    expect(await order()).toBe('day');
  });

  it('read as missing when what is stored is not kept rows', async () => {
    await fakeBrowser.storage.local.set({ [INBOX_FIRST_ROWS_KEY]: { rows: 'nonsense' } });
    expect(await readKept(RANGE, filters, NOW)).toBeUndefined();
  });

  describe('of the default range (the days missed since the last visit of a daily list)', () => {
    const keptRange = async (now: number) =>
      keptMissedRange(storedInboxRowsOf(await takeEarlyRead('/inbox.html', fakeBrowser.storage.local)), now);
    const LAST_VISIT = Date.UTC(2026, 6, 29, 20);

    it('give that range without the store, from the visit they were kept with', async () => {
      await keep({ missedSince: LAST_VISIT });
      expect(await keptRange(NOW)).toEqual({ from: '2026-07-29', to: '2026-08-01' });
      expect(await keptRange(NOW)).toEqual(missedRange(LAST_VISIT, NOW));
      // A day later the range still ends today.
      expect(await keptRange(NOW + 86_400_000)).toEqual({ from: '2026-07-29', to: '2026-08-02' });
    });

    it('give the first-run range when no daily list was ever visited', async () => {
      await keep({ missedSince: null });
      expect(await keptRange(NOW)).toEqual(missedRange(undefined, NOW));
    });

    it('outlive a visit of a daily list only on the day of the visit they start at', async () => {
      const stored = async () =>
        (await fakeBrowser.storage.local.get(INBOX_FIRST_ROWS_KEY))[INBOX_FIRST_ROWS_KEY];
      await keep({ missedSince: LAST_VISIT });
      expect(keptRowsOutliveVisit(await stored(), LAST_VISIT + 60_000)).toBe(true);
      // 20:00 that day, so four hours later is the next day.
      expect(keptRowsOutliveVisit(await stored(), LAST_VISIT + 4 * 3_600_000)).toBe(false);
      expect(keptRowsOutliveVisit(await stored(), LAST_VISIT - 60_000)).toBe(false);
      await keep({ missedSince: null });
      expect(keptRowsOutliveVisit(await stored(), LAST_VISIT)).toBe(false);
      await keep();
      expect(keptRowsOutliveVisit(await stored(), LAST_VISIT)).toBe(false);
      expect(keptRowsOutliveVisit(undefined, LAST_VISIT)).toBe(false);
    });

    it('give nothing when the rows were of a picked range, are stale, or say nonsense', async () => {
      await keep();
      expect(await keptRange(NOW)).toBeUndefined();
      await keep({ missedSince: LAST_VISIT });
      await publishChange([{ id: '2607.00002', state: 'read', saved: false, tags: [] }]);
      expect(await keptRange(NOW)).toBeUndefined();
      await keep({ missedSince: LAST_VISIT });
      const stored = (await fakeBrowser.storage.local.get(INBOX_FIRST_ROWS_KEY))[INBOX_FIRST_ROWS_KEY];
      await fakeBrowser.storage.local.set({
        [INBOX_FIRST_ROWS_KEY]: { ...(stored as object), missedSince: 'yesterday' },
      });
      expect(await keptRange(NOW)).toBeUndefined();
    });
  });
});
