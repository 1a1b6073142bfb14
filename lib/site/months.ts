/**
 * Which arXiv months a list's papers come from, to read only those months of the state index before the
 * page is painted. A day's list shows papers of that day's month and the one before (a paper comes to
 * Daily Papers days or weeks after arXiv lists it); a week's and a month's list likewise; the latest list,
 * trending and searches, the current month and the one before. Papers of other months are read when
 * their cards arrive.
 */
import { pageKeyFromUrl } from './pages';

/** `YYMM` of a UTC date. */
function yymm(date: Date): string {
  return `${String(date.getUTCFullYear() % 100).padStart(2, '0')}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The month of `date` and the one before, as arXiv ids write them (`2501`, `2412`). */
function withPrevious(date: Date): string[] {
  const previous = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1));
  return [yymm(date), yymm(previous)];
}

/** The Monday of ISO week `week` of `year`. */
function isoWeekStart(year: number, week: number): Date {
  const fourth = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(fourth);
  monday.setUTCDate(fourth.getUTCDate() - ((fourth.getUTCDay() + 6) % 7) + (week - 1) * 7);
  return monday;
}

/**
 * The arXiv months (`YYMM`) the papers of the list at `url` most likely come from, newest first; none for
 * a page that is not a list.
 */
export function likelyArxivMonths(url: string, now: number): string[] {
  const key = pageKeyFromUrl(url);
  if (key === undefined) return [];
  const date = /^date:(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (date) return withPrevious(new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]))));
  const week = /^week:(\d{4})-W(\d{2})$/.exec(key);
  if (week) {
    const start = isoWeekStart(Number(week[1]), Number(week[2]));
    const end = new Date(start.getTime() + 6 * 86_400_000);
    return [...new Set([...withPrevious(end), ...withPrevious(start)])];
  }
  const month = /^month:(\d{4})-(\d{2})$/.exec(key);
  if (month) return withPrevious(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
  return withPrevious(new Date(now));
}
