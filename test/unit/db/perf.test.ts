import { beforeEach, describe, expect, it } from 'vitest';
import { LAST_SEEN_REFRESH_MS, observePapers } from '../../../lib/db/papers';
import { deleteDb } from '../../../lib/db/schema';
import { makeRichRecord } from '../../fixtures/db/records';

/**
 * Measures observePapers. The budgets of the real extension (50 papers ≤ 10 ms, 500 ≤ 30 ms,
 * 2,000 ≤ 100 ms in a browser's IndexedDB) cannot be checked here: fake-indexeddb is a pure-JS
 * implementation many times slower than a browser's. So this prints medians of 5 runs and asserts
 * only a generous sanity bound, to catch an accidental per-paper transaction or quadratic merge.
 * Real Chromium timings come from `node scripts/measure-observe.mjs`.
 */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const URL = 'https://huggingface.co/papers/date/2025-01-31';

beforeEach(async () => {
  await deleteDb();
});

describe('observePapers timing (fake-indexeddb)', () => {
  it.each([50, 500, 2_000])(
    'observes %i papers: prints the medians of 5 runs',
    async (count) => {
      const records = Array.from({ length: count }, (_, n) => makeRichRecord(n));
      const insert: number[] = [];
      const update: number[] = [];
      const refresh: number[] = [];
      for (let run = 0; run < 5; run++) {
        await deleteDb();
        let t = performance.now();
        await observePapers(records, URL, 1_000 + run);
        insert.push(performance.now() - t);
        // Within the hour: nothing changed, no paper row is written.
        t = performance.now();
        await observePapers(records, URL, 2_000 + run);
        update.push(performance.now() - t);
        // An hour later: every row is rewritten to refresh lastSeenAt.
        t = performance.now();
        await observePapers(records, URL, 1_000 + LAST_SEEN_REFRESH_MS + run);
        refresh.push(performance.now() - t);
      }
      console.log(
        `observePapers ${count} papers: median insert ${median(insert).toFixed(1)} ms, median re-observe ${median(update).toFixed(1)} ms, median re-observe an hour later ${median(refresh).toFixed(1)} ms (fake-indexeddb, 5 runs)`,
      );
      // Sanity only: ~50× the browser budget.
      expect(median(insert)).toBeLessThan(count * 2.5 + 200);
      expect(median(update)).toBeLessThan(count * 2.5 + 200);
      expect(median(refresh)).toBeLessThan(count * 2.5 + 200);
    },
    120_000,
  );
});
