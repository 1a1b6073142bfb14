/**
 * The inbox's first rows, kept in `storage.local` between openings: the next inbox on the same days shows
 * them at once, before IndexedDB has opened (opening it and reading the day cache and the states cost
 * about half of the first rows' time), then the store's own rows replace them. Never older than the store,
 * by the popup's rule (lib/popup/first-rows.ts): kept only while no change has been published since they
 * were read (each change advances the change feed's `seq`, and the background also removes them as it
 * publishes), for the same filters and order, and while every day they came from is still fresh in the day cache
 * (a fresh day is answered from the cache unchanged, so the rows are what the store would give).
 *
 * Rows of the default range also say which last visit of a daily list the range came from: the inbox
 * opened without a range in its address then knows its days without opening the store (the background
 * drops the rows at a visit of a daily list that moves that range; see lib/background/feed.ts).
 */
import { browser } from 'wxt/browser';
import { feedSeqOf } from '../messages/change-feed';
import { INBOX_FIRST_ROWS_KEY, INBOX_ORDER_KEY } from '../messages/protocol';
import { type Filters, sameFilters } from '../model/filters';
import {
  type DayRange,
  dayOf,
  type InboxOrder,
  type InboxRow,
  isInboxOrder,
  missedRange,
  sameRange,
} from '../model/inbox';
import type { PaperState } from '../model/paper';

/** The first rows of an inbox in its order, with the states they were shown with. */
export interface KeptInboxRows {
  /** The rows, in order, each with its paper's state when read (absent: the store does not know it). */
  rows: { row: InboxRow; state?: PaperState }[];
  /** How many papers were left to triage. */
  left: number;
}

/** The orders whose first rows are kept: "For you" is ranked by the background at each opening. */
export type KeptOrder = Exclude<InboxOrder, 'forYou'>;

/**
 * The order an inbox shown in `order` keeps its first rows in: its own, or by day under "For you" (rows
 * that still tell the next opening its days missed).
 */
export function keptOrderOf(order: InboxOrder): KeptOrder {
  return order === 'forYou' ? 'day' : order;
}

interface Stored extends KeptInboxRows {
  range: DayRange;
  filters: Filters;
  /** The rows' order; absent in rows kept before the inbox remembered its order, which were by day. */
  order?: KeptOrder;
  /** The change feed's `seq` before the states were read. */
  seq: number;
  /** When the first of the range's cached days stops being fresh (ms). */
  freshUntil: number;
  /**
   * For rows of the default range, the last visit of a daily list it came from (null: none ever);
   * absent for a range picked in the address.
   */
  missedSince?: number | null;
}

function isStored(value: unknown): value is Stored {
  const kept = value as Stored | undefined;
  return (
    typeof kept === 'object' &&
    kept !== null &&
    Array.isArray(kept.rows) &&
    typeof kept.seq === 'number' &&
    typeof kept.freshUntil === 'number' &&
    typeof kept.left === 'number' &&
    typeof kept.range?.from === 'string' &&
    typeof kept.range?.to === 'string' &&
    (kept.missedSince === undefined || kept.missedSince === null || typeof kept.missedSince === 'number') &&
    (kept.order === undefined || kept.order === 'day' || kept.order === 'upvotes')
  );
}

/** What a read of `storage.local` held of the kept rows: the rows as stored, and the change feed's position. */
export interface StoredInboxRows {
  kept: unknown;
  seq: number;
}

/**
 * The kept rows as stored in what a read of `storage.local` answered, not judged yet: the page reads them
 * in its first read, beside its settings (lib/messages/early-read.ts), and judges them with
 * {@link keptRowsOf} once it knows its range and filters.
 */
export function storedInboxRowsOf(stored: Record<string, unknown>): StoredInboxRows {
  return { kept: stored[INBOX_FIRST_ROWS_KEY], seq: feedSeqOf(stored) };
}

/**
 * The kept first rows of the inbox on `range` with `filters` in `order`, or undefined when none are valid
 * at `now` (other days, filters or order, a change published since, a day no longer fresh).
 */
export function keptRowsOf(
  stored: StoredInboxRows,
  range: DayRange,
  filters: Filters,
  now: number,
  order: InboxOrder = 'day',
): KeptInboxRows | undefined {
  const { kept, seq } = stored;
  if (!isStored(kept) || kept.seq !== seq || now >= kept.freshUntil) return undefined;
  if (!sameRange(kept.range, range) || !sameFilters(kept.filters, filters)) return undefined;
  if ((kept.order ?? 'day') !== order) return undefined;
  return { rows: kept.rows, left: kept.left };
}

/** The order the reader last chose in the inbox, in what a read of `storage.local` answered; by day at first. */
export function storedInboxOrderOf(stored: Record<string, unknown>): InboxOrder {
  const order = stored[INBOX_ORDER_KEY];
  return isInboxOrder(order) ? order : 'day';
}

/** Keeps the order the reader chose, for the next inbox to open in. */
export async function keepInboxOrder(order: InboxOrder): Promise<void> {
  await browser.storage.local.set({ [INBOX_ORDER_KEY]: order });
}

/**
 * The inbox's default range at `now` as the kept rows know it, from the last visit of a daily list they
 * came from; undefined when there are no valid rows of the default range (then only the store knows).
 * Valid rows outlived every visit since theirs (the background drops them at one that moves the range),
 * so it is the range the store would give; the inbox still checks it against the store once drawn.
 */
export function keptMissedRange(stored: StoredInboxRows, now: number): DayRange | undefined {
  const { kept, seq } = stored;
  if (!isStored(kept) || kept.seq !== seq || kept.missedSince === undefined) return undefined;
  return missedRange(kept.missedSince ?? undefined, now);
}

/**
 * Whether kept rows (`kept`, as stored) stay valid after a visit of a daily list at `visitAt`: only rows
 * of the default range whose last visit was on the same day, as the range starts at that day either way.
 * Others go (lib/background/feed.ts), so that a reader's first visit of the day moves the inbox's days.
 */
export function keptRowsOutliveVisit(kept: unknown, visitAt: number): boolean {
  return (
    isStored(kept) &&
    typeof kept.missedSince === 'number' &&
    kept.missedSince <= visitAt &&
    dayOf(kept.missedSince) === dayOf(visitAt)
  );
}

/**
 * Keeps the first rows of the inbox on `range` with `filters` in `order`, as read when the change feed was
 * at `seq` from days cached until `freshUntil`; `missedSince` when `range` is the default one (see
 * {@link Stored}).
 */
export async function keepInboxRows(
  kept: KeptInboxRows & {
    range: DayRange;
    filters: Filters;
    order?: KeptOrder;
    seq: number;
    freshUntil: number;
    missedSince?: number | null;
  },
): Promise<void> {
  const value: Stored = {
    range: { from: kept.range.from, to: kept.range.to },
    filters: kept.filters,
    seq: kept.seq,
    freshUntil: kept.freshUntil,
    rows: kept.rows,
    left: kept.left,
  };
  if (kept.order !== undefined) value.order = kept.order;
  if (kept.missedSince !== undefined) value.missedSince = kept.missedSince;
  await browser.storage.local.set({ [INBOX_FIRST_ROWS_KEY]: value });
}
