/**
 * The one rule that decides between two values of the same register, shared by everything that merges
 * states (the decoder joining items written by different devices, the merge engine), so every device
 * picks the same winner.
 */
import type { Stamped } from './types';

/** A value's sort text: its JSON, or `''` for values JSON cannot write (`undefined`, functions). */
function valueText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/**
 * Orders two values of one register: negative when `a` loses to `b`, positive when `a` wins, 0 when they are
 * the same. The later stamp wins; equal stamps are broken by the value's JSON (the greater text wins: `true`
 * beats `false`, a removed tag's `null` beats `"Tag"`), then by the later publication (`published ?? at`:
 * keeping the later one only delays garbage collection, never hastens it), then by having a publication at all.
 * 0 only for registers alike in value, stamp and publication, so merging is commutative.
 */
export function compareStamped<T>(a: Stamped<T>, b: Stamped<T>): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  const left = valueText(a.value);
  const right = valueText(b.value);
  if (left !== right) return left < right ? -1 : 1;
  const publishedA = a.published ?? a.at;
  const publishedB = b.published ?? b.at;
  if (publishedA !== publishedB) return publishedA < publishedB ? -1 : 1;
  // Same effective publication: a written-out one wins over none, so only identical registers tie.
  return Number(a.published !== undefined) - Number(b.published !== undefined);
}

/** The winner of two values of one register (either may be absent); `a` when they are the same. */
export function winner<T>(a: Stamped<T> | undefined, b: Stamped<T> | undefined): Stamped<T> | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareStamped(a, b) >= 0 ? a : b;
}
