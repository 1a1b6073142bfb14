/**
 * The hybrid logical clock of one device, in whole seconds (see {@link Hlc}).
 *
 * Seconds, not milliseconds: stamps are stored next to every synced field and written to `storage.sync`,
 * whose 100 KB must hold thousands of them, and a person does not act on the same field twice a second.
 * A bulk action (marking 200 papers read) takes one stamp for all of them.
 */
import type { Hlc } from './types';

/**
 * How far ahead of this device's wall clock a remote stamp may be and still advance the clock (1 day).
 * A device whose clock is a year fast must not drag every other device a year ahead: its stamps still merge
 * by value (they win until that time comes), but they no longer move anyone's clock.
 */
export const MAX_CLOCK_LEAD_S = 86_400;

/**
 * Whether `value` can be a stamp (a non-negative safe integer). Stamps read from `storage.sync` or from a
 * stored memo are checked with it before any arithmetic: other writers may have left anything there.
 */
export const isStamp = (value: unknown): value is Hlc =>
  Number.isSafeInteger(value) && (value as number) >= 0;

/** The wall-clock reading `nowMs` (milliseconds since 1970) in whole seconds. */
export function secondsOf(nowMs: number): Hlc {
  return Math.floor(nowMs / 1000);
}

/**
 * The stamp of a local change: the wall clock, unless the clock has already reached it, then one past
 * the last reading. Never goes back, never repeats.
 */
export function tick(last: Hlc, nowMs: number): Hlc {
  return Math.max(secondsOf(nowMs), last + 1);
}

/** Whether `remote` may advance a clock whose wall clock reads `nowMs` (see {@link MAX_CLOCK_LEAD_S}). */
export function isPlausible(remote: Hlc, nowMs: number): boolean {
  return remote <= secondsOf(nowMs) + MAX_CLOCK_LEAD_S;
}

/**
 * The clock after seeing a remote stamp: it passes `remote`, so the next local change wins over what was
 * seen, unless `remote` is implausibly far ahead of the wall clock.
 */
export function observe(last: Hlc, remote: Hlc, nowMs: number): Hlc {
  return isPlausible(remote, nowMs) ? Math.max(last, remote) : last;
}
