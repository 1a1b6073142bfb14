/**
 * The store listing (docs/store/listing.md) gives, per language, the short description the package
 * itself carries: its catalog's `extDescription`. They must not drift apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');
const LOCALES = ['en', 'zh_CN', 'ja', 'ko', 'fr', 'de', 'es', 'pt_BR'];
const listing = readFileSync(path.join(ROOT, 'docs/store/listing.md'), 'utf8');

/** The quoted short description under the `## <locale>: …` heading, and the character count it states. */
function shortDescription(locale: string): { text: string; stated: number } | undefined {
  const section = listing.split(/^## /m).find((part) => part.startsWith(`${locale}:`));
  const found = section?.match(/Short description \((\d+) characters\):\n\n> (.+)\n/);
  return found === undefined || found === null
    ? undefined
    : { text: found[2] as string, stated: Number(found[1]) };
}

describe('docs/store/listing.md', () => {
  it.each(LOCALES)(
    '%s: the short description is the catalog’s extDescription, within 132 characters',
    (locale) => {
      const catalog = JSON.parse(
        readFileSync(path.join(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8'),
      ) as Record<string, { message: string }>;
      const listed = shortDescription(locale);
      expect(listed?.text).toBe(catalog.extDescription?.message);
      expect(listed?.stated).toBe([...(listed?.text ?? '')].length);
      expect(listed?.stated).toBeLessThanOrEqual(132);
    },
  );

  it.each(LOCALES)('%s: has a long description', (locale) => {
    const section = listing.split(/^## /m).find((part) => part.startsWith(`${locale}:`)) ?? '';
    expect(section).toMatch(/Long description:\n\n```text\n[\s\S]{400,}?\n```/);
  });
});
