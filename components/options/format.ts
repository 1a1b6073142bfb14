import type { Translate } from '../../lib/i18n';

/**
 * `1536` → `1.5 KB`, `3e9` → `2.8 GB` in English; `1,5 KB` in French. The number and the word "bytes"
 * are in the user's language; the unit symbols are the same everywhere.
 */
export function formatBytes(t: Translate, bytes: number): string {
  const units = ['KB', 'MB', 'GB', 'TB'];
  if (bytes < 1024) {
    return new Intl.NumberFormat(t.locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(
      bytes,
    );
  }
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  const number = new Intl.NumberFormat(t.locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${number.format(value)} ${units[unit]}`;
}
