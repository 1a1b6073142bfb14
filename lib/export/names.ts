/**
 * Person names for the citation formats that want them split (RIS `AU  - Family, Given`, CSL-JSON
 * `{ family, given }`). The site gives display names only ("Abhimanyu Dubey", "Ludwig van Beethoven",
 * "Llama Team"), so the split is a careful guess: the last word is the family name, together with the
 * lower-case particles before it (van, von, de, da …); a one-word name stays whole.
 */

/** A name split into parts, or kept whole when it cannot be split. */
export type SplitName = { family: string; given: string } | { literal: string };

const PARTICLES = new Set([
  'al',
  'bin',
  'da',
  'das',
  'de',
  'degli',
  'del',
  'della',
  'den',
  'der',
  'di',
  'do',
  'dos',
  'du',
  'el',
  'la',
  'le',
  'ten',
  'ter',
  'van',
  'von',
  'zu',
]);

/**
 * Splits a display name: `Ludwig van Beethoven` → family `van Beethoven`, given `Ludwig`. Names of one
 * word, and names already written `Family, Given`, are handled too (the latter split at the comma).
 */
export function splitName(display: string): SplitName {
  const name = display.replace(/\s+/g, ' ').trim();
  const comma = name.indexOf(',');
  if (comma > 0) {
    const family = name.slice(0, comma).trim();
    const given = name.slice(comma + 1).trim();
    return given === '' ? { literal: family } : { family, given };
  }
  const words = name.split(' ');
  if (words.length < 2) return { literal: name };
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1]!)) start -= 1;
  return { family: words.slice(start).join(' '), given: words.slice(0, start).join(' ') };
}

/** `Family, Given`, or the whole name when it does not split. */
export function invertedName(display: string): string {
  const split = splitName(display);
  return 'literal' in split ? split.literal : `${split.family}, ${split.given}`;
}
