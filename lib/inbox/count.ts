/**
 * How many papers the inbox has left to triage, from the days already cached (no request): for the popup
 * and the toolbar badge, which must answer at once. The inbox page itself fetches what is missing.
 */
import { getStates } from '../db/queries';
import { getDb } from '../db/schema';
import type { Filters } from '../model/filters';
import { buildInbox, daysOfRange, type InboxDay, missedRange } from '../model/inbox';
import type { PaperRecord } from '../model/paper';
import { dayCacheKey, lastDailyVisitAt } from './days';

/** The inbox's count over the default range at `now`; undefined when none of its days is cached yet. */
export async function cachedInboxCount(
  filters: Filters,
  now: number = Date.now(),
): Promise<number | undefined> {
  const range = missedRange(await lastDailyVisitAt(), now);
  const dates = daysOfRange(range.from, range.to);
  const rows = await getDb().meta.bulkGet(dates.map(dayCacheKey));
  const days: InboxDay[] = [];
  rows.forEach((row, i) => {
    const papers = (row?.value as { papers?: PaperRecord[] } | undefined)?.papers;
    if (Array.isArray(papers)) days.push({ date: dates[i]!, status: 'ok', papers });
  });
  if (days.length === 0) return undefined;
  const ids = [...new Set(days.flatMap((d) => d.papers.map((p) => p.id)))];
  const states = new Map((await getStates(ids)).map((s) => [s.id, s]));
  return buildInbox(days, states, filters).rows.length;
}
