/**
 * The inbox (issue 15): every paper listed on the days the reader missed that they have not handled
 * (seen, read or dismissed), each once, minus what their filters mute. Pure rules over plain data; the
 * days come from the site's API through the background (`lib/inbox`), the states from the store.
 */
import { compileFilters, type Filters, type MuteReason } from './filters';
import type { ForYouScore } from './for-you';
import type { PaperRecord, PaperState } from './paper';

/** Without a range, the inbox shows the days since the last visit of a daily list, at most this many (14). */
export const MAX_MISSED_DAYS = 14;

/** Days shown when no daily list was ever visited (7). */
export const FIRST_RUN_DAYS = 7;

/** The longest range the reader may pick (31 days), so one page never sends more requests than that. */
export const MAX_RANGE_DAYS = 31;

const DAY_MS = 86_400_000;

/** Whether `value` is a calendar day written `YYYY-MM-DD`. */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** The UTC day (`YYYY-MM-DD`) of a time: the site dates its daily lists in UTC. */
export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function timeOfDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The days from `from` to `to`, both included, newest first (empty when `from` is after `to`). */
export function daysOfRange(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = timeOfDay(to); t >= timeOfDay(from); t -= DAY_MS) days.push(dayOf(t));
  return days;
}

/** The later of two days (as `YYYY-MM-DD` strings, which sort as the days do). */
function laterDay(a: string, b: string): string {
  return a > b ? a : b;
}

/** A range of days, both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

/** Whether two ranges are the same days. */
export function sameRange(a: DayRange, b: DayRange): boolean {
  return a.from === b.from && a.to === b.to;
}

/**
 * The default range at `now`: from the day of the last visit of a daily list (its list may have grown
 * after the visit) to today, at most {@link MAX_MISSED_DAYS} days; the last {@link FIRST_RUN_DAYS} days
 * when no daily list was visited.
 */
export function missedRange(lastDailyVisitAt: number | undefined, now: number): DayRange {
  const to = dayOf(now);
  const earliest = dayOf(now - (MAX_MISSED_DAYS - 1) * DAY_MS);
  if (lastDailyVisitAt === undefined) return { from: dayOf(now - (FIRST_RUN_DAYS - 1) * DAY_MS), to };
  const from = dayOf(Math.min(lastDailyVisitAt, now));
  return { from: laterDay(from, earliest), to };
}

/**
 * A range the reader asked for (the page's `?from=&to=`), put in order and cut to
 * {@link MAX_RANGE_DAYS} days ending at `to`; undefined when either end is not a day.
 */
export function pickedRange(from: unknown, to: unknown): DayRange | undefined {
  if (!isDay(from) || !isDay(to)) return undefined;
  const [start, end] = from <= to ? [from, to] : [to, from];
  const earliest = dayOf(timeOfDay(end) - (MAX_RANGE_DAYS - 1) * DAY_MS);
  return { from: laterDay(start, earliest), to: end };
}

/** How fetching one day went: `ok`, or `failed` / `offline` with the reason (and any copy kept from before). */
export type DayStatus = 'ok' | 'failed' | 'offline';

/** One day of the inbox, as the background gives it. */
export interface InboxDay {
  date: string;
  status: DayStatus;
  /** Why the day failed, said plainly. */
  error?: string;
  /** The papers listed that day, in the site's order (from an earlier answer when the day failed). */
  papers: PaperRecord[];
  /** When the papers were fetched (ms). */
  fetchedAt?: number;
}

/** One row of the inbox: a paper and the days that listed it (newest first). */
export interface InboxRow {
  paper: PaperRecord;
  days: string[];
}

/** A muted row, with why. */
export interface MutedRow extends InboxRow {
  reason: MuteReason;
}

/** The inbox of some days. */
export interface Inbox {
  /** Left to triage: listed, not handled, not muted; each paper once. */
  rows: InboxRow[];
  /** Listed and not handled, but muted by the filters. */
  muted: MutedRow[];
}

/**
 * Whether the reader has handled a paper: its card was seen, it was read, or it was dismissed ("not
 * interested"). A paper the store does not know is not handled.
 */
export function isHandled(state: PaperState | undefined): boolean {
  if (state === undefined) return false;
  return state.state !== 'new' || state.dismissed === true;
}

/**
 * The inbox of `days`: each paper once (its record from the newest day that lists it, its days
 * collected), without the handled ones, the muted ones apart. Order: newest day first, then the site's
 * order within a day.
 */
export function buildInbox(
  days: readonly InboxDay[],
  states: ReadonlyMap<string, PaperState>,
  filters?: Filters,
): Inbox {
  const byId = new Map<string, InboxRow>();
  const ordered = [...days].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  for (const day of ordered) {
    for (const paper of day.papers) {
      const row = byId.get(paper.id);
      if (row === undefined) byId.set(paper.id, { paper, days: [day.date] });
      else if (!row.days.includes(day.date)) row.days.push(day.date);
    }
  }
  const judge = filters === undefined ? undefined : compileFilters(filters);
  const inbox: Inbox = { rows: [], muted: [] };
  for (const row of byId.values()) {
    if (isHandled(states.get(row.paper.id))) continue;
    const reason = judge?.(row.paper).muted;
    if (reason === undefined) inbox.rows.push(row);
    else inbox.muted.push({ ...row, reason });
  }
  return inbox;
}

/**
 * How the inbox is shown: grouped by the newest day that lists each paper, one list by upvotes, or one
 * list by the personal ranking ("For you", issue 14).
 */
export type InboxOrder = 'day' | 'upvotes' | 'forYou';

/** Every order the inbox offers, the default first. */
export const INBOX_ORDERS: readonly InboxOrder[] = ['day', 'upvotes', 'forYou'];

/** Whether `value` (read from storage, which anything may have written) names an inbox order. */
export function isInboxOrder(value: unknown): value is InboxOrder {
  return (INBOX_ORDERS as readonly unknown[]).includes(value);
}

/**
 * The rows in `order`: by day (newest first, upvotes within a day), by upvotes, or "For you": the rows
 * `ranking` scores, best first (equal scores by upvotes), then the others by upvotes. Ties keep their
 * order. Without a ranking, "For you" is the order by upvotes.
 */
export function sortRows<R extends InboxRow>(
  rows: readonly R[],
  order: InboxOrder,
  ranking: readonly ForYouScore[] = [],
): R[] {
  const upvotes = (row: InboxRow) => row.paper.upvotes ?? 0;
  const score = new Map(order === 'forYou' ? ranking.map((s) => [s.id, s.score]) : []);
  return [...rows].sort((a, b) => {
    if (order === 'day' && a.days[0] !== b.days[0]) return (a.days[0] ?? '') < (b.days[0] ?? '') ? 1 : -1;
    if (order === 'forYou') {
      const sa = score.get(a.paper.id);
      const sb = score.get(b.paper.id);
      if (sa !== sb) {
        if (sa === undefined) return 1;
        if (sb === undefined) return -1;
        return sb - sa;
      }
    }
    return upvotes(b) - upvotes(a);
  });
}
