/** The inbox's count for the popup and the toolbar badge: from the days already cached, never fetched. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../lib/background/handlers';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { cachedInboxCount } from '../../../lib/inbox/count';
import { dayCacheKey } from '../../../lib/inbox/days';
import { type Filters, NO_FILTERS } from '../../../lib/model/filters';
import { readDailyItems } from '../../../lib/site/daily-api';
import { dailyItem } from '../../support/daily-api';

const NOW = Date.parse('2026-08-01T10:00:00Z');
const JULY_31 = readDailyItems([
  dailyItem('2026-07-31', '2607.31001', { organization: 'Acme AI' }),
  dailyItem('2026-07-31', '2607.31002', { organization: 'Blue Lab' }),
  dailyItem('2026-07-31', '2607.31003'),
]);
// The 30th listed one of the 31st's papers too: counted once.
const JULY_30 = readDailyItems([
  dailyItem('2026-07-30', '2607.30001', { organization: 'Acme AI' }),
  dailyItem('2026-07-30', '2607.31003'),
]);

const cache = (date: string, papers: unknown[]) =>
  getDb().meta.put({ key: dayCacheKey(date), value: { fetchedAt: NOW - 5 * 3600_000, papers } });
const muting = (organization: string): Filters => ({
  ...NO_FILTERS,
  rules: [{ action: 'mute', field: 'organization', value: organization }],
});

beforeEach(async () => {
  await deleteDb();
});

describe('the inbox count from cached days', () => {
  it('is unknown while no day of the range is cached', async () => {
    expect(await cachedInboxCount(NO_FILTERS, NOW)).toBeUndefined();
  });

  it('counts each paper of the cached days once, even from days cached hours ago', async () => {
    await cache('2026-07-31', JULY_31);
    await cache('2026-07-30', JULY_30);
    expect(await cachedInboxCount(NO_FILTERS, NOW)).toBe(4);
  });

  it('leaves out the papers handled (read, seen, dismissed) and those the filters mute', async () => {
    await cache('2026-07-31', JULY_31);
    await cache('2026-07-30', JULY_30);
    const handlers = createHandlers({ now: () => NOW });
    const [acme31, blue] = [JULY_31[0]!, JULY_31[1]!];
    await handlers.setSaved({ id: blue.id, saved: false, paper: blue });
    await handlers.setRead({ id: blue.id, read: true });
    expect(await cachedInboxCount(NO_FILTERS, NOW)).toBe(3);
    await handlers.setSaved({ id: acme31.id, saved: false, paper: acme31 });
    await handlers.setDismissed({ id: acme31.id, dismissed: true });
    expect(await cachedInboxCount(NO_FILTERS, NOW)).toBe(2);
    // The other Acme AI paper is muted: one left, 2607.31003.
    expect(await cachedInboxCount(muting('Acme AI'), NOW)).toBe(1);
  });

  it('counts only the days of the range missed: a cached day before it does not count', async () => {
    await cache('2026-07-20', readDailyItems([dailyItem('2026-07-20', '2607.20001')]));
    expect(await cachedInboxCount(NO_FILTERS, NOW)).toBeUndefined();
    await cache('2026-07-31', JULY_31);
    expect(await cachedInboxCount(NO_FILTERS, NOW)).toBe(3);
  });
});
