/**
 * The global request budget of the enrichment worker: at most {@link RATE_LIMIT}.requests requests in
 * any {@link RATE_LIMIT}.windowMs. The start times of the latest requests live in the `meta` table, not
 * in memory, because an MV3 worker may stop and restart at any moment.
 *
 * This is a sliding-window limiter (a token bucket of capacity 4 whose tokens return exactly one
 * window after use), so no 60-second window ever holds more than 4 requests.
 */
import { getDb } from './schema';

/** At most 4 requests per minute. */
export const RATE_LIMIT = { requests: 4, windowMs: 60_000 } as const;

/** The `meta` key of the persisted window. */
export const RATE_LIMIT_KEY = 'enrichRequests';

/** The outcome of {@link takeRequestSlot}. */
export type SlotResult = { ok: true } | { ok: false; retryAt: number };

/** The request times still inside the window at `now` (times in the future are from a changed clock: dropped). */
function recent(value: unknown, now: number): number[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((t): t is number => typeof t === 'number' && t > now - RATE_LIMIT.windowMs && t <= now)
    .sort((a, b) => a - b);
}

/**
 * Takes one request slot at `now`, or says when the next one frees. Must run inside a read-write
 * transaction that includes the `meta` table (so two callers never take the same slot).
 */
export async function takeRequestSlot(now: number): Promise<SlotResult> {
  const db = getDb();
  const row = await db.meta.get(RATE_LIMIT_KEY);
  const times = recent(row?.value, now);
  if (times.length >= RATE_LIMIT.requests) {
    return { ok: false, retryAt: times[times.length - RATE_LIMIT.requests]! + RATE_LIMIT.windowMs };
  }
  times.push(now);
  await db.meta.put({ key: RATE_LIMIT_KEY, value: times });
  return { ok: true };
}
