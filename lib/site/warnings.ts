/**
 * Warnings are for developers reading a result: what could not be read and what the reader did
 * instead. A badly broken page could produce one per card, so the list is capped.
 */

/** At most this many warnings are returned; the last one then says how many were left out. */
export const MAX_WARNINGS = 50;

/** The warnings, or the first MAX_WARNINGS − 1 of them plus a count of the rest. */
export function capWarnings(warnings: string[]): string[] {
  if (warnings.length <= MAX_WARNINGS) return warnings;
  const kept = warnings.slice(0, MAX_WARNINGS - 1);
  kept.push(`${warnings.length - kept.length} more warnings not shown`);
  return kept;
}

/** The message of something thrown, for a warning. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return String(error);
  } catch {
    return 'unknown error';
  }
}
