/**
 * The translations: every catalog under public/_locales says everything the English one says, with the
 * same placeholders, in its own words, within the browsers' limits.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessageEntry } from '../../../lib/i18n';

const LOCALES_DIR = path.resolve(__dirname, '../../../public/_locales');
/** The languages the extension ships (issue #17), English first: it is `default_locale`. */
const LOCALES = ['en', 'zh_CN', 'ja', 'ko', 'fr', 'de', 'es', 'pt_BR'];
const PLURAL_SUFFIX = /^(.+)_(zero|one|two|few|many|other)$/;
/** Chrome numbers substitutions `$1`…`$9`. */
const MAX_SUBSTITUTIONS = 9;
/**
 * Store limits of what the manifest shows (MDN, manifest.json/name and /description): the Edge store takes
 * names of up to 45 characters (AMO 50, Chrome Web Store 75); Chrome and Firefox show descriptions of up
 * to 132.
 */
const MAX_NAME = 45;
const MAX_DESCRIPTION = 132;

/**
 * Messages that may read exactly as in English, and why. Keys alone apply to every language; everything
 * else left in English is a forgotten translation.
 */
const SAME_AS_ENGLISH: Record<string, readonly string[] | 'all'> = {
  extName: 'all', // the product's name stays the same in every store (issue #17)
  exportFormatBibtex: 'all', // a file format's name and extension
  exportFormatCsl: 'all', // a format and the programs that read it
  exportFormatRis: 'all', // a format and the programs that read it
  popupRowAuthorsEtAl: ['fr', 'de', 'es', 'pt_BR'], // "et al." is what citations say in these languages
  overlayTags: ['de'], // "Tags" is the German word too
  overlayHasNote: ['fr'], // "Note" is the French word too
  tagEditorNote: ['fr'],
  popupAddNote: ['fr'],
  overlayCode: ['fr', 'de'], // "Code" is the French and German word too
  linkedSpaces: ['de', 'es', 'pt_BR'], // "Spaces" is the Hub's own name for them
};

type Catalog = Record<string, MessageEntry>;

function readCatalog(locale: string): Catalog {
  return JSON.parse(readFileSync(path.join(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Catalog;
}

/** `pt_BR` → `pt-BR`: the folder names a locale the Chrome way, Intl takes BCP 47. */
const bcp47 = (locale: string) => locale.replace('_', '-');

/** The plural categories a language uses for whole numbers, as `Intl.PluralRules` reports them. */
function integerCategories(language: string): Set<string> {
  const rules = new Intl.PluralRules(language);
  const found = new Set<string>(['other']);
  for (let n = 0; n <= 1000; n++) found.add(rules.select(n));
  for (let e = 4; e <= 9; e++) found.add(rules.select(10 ** e));
  return found;
}

/** The `$NAME$` placeholders a message uses, lower-cased as browsers match them. */
function placeholdersUsed(message: string): string[] {
  return [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => (m[1] as string).toLowerCase()).sort();
}

const en = readCatalog('en');
const pluralBases = new Set(
  Object.keys(en)
    .map((key) => PLURAL_SUFFIX.exec(key)?.[1])
    .filter((base): base is string => base !== undefined),
);
/** The English entry a key of any catalog translates: itself, or for a plural variant the `_other`. */
function englishOf(key: string): MessageEntry | undefined {
  const base = PLURAL_SUFFIX.exec(key)?.[1];
  return en[key] ?? (base !== undefined && pluralBases.has(base) ? en[`${base}_other`] : undefined);
}

describe('the locales', () => {
  it('are exactly the eight shipped languages', () => {
    expect(readdirSync(LOCALES_DIR).sort()).toEqual([...LOCALES].sort());
  });

  describe.each(LOCALES)('%s', (locale) => {
    const text = readFileSync(path.join(LOCALES_DIR, locale, 'messages.json'), 'utf8');

    it('is valid JSON of messages', () => {
      const catalog = JSON.parse(text) as Catalog;
      for (const [key, entry] of Object.entries(catalog)) {
        expect(key, key).toMatch(/^[A-Za-z0-9_]+$/);
        expect(typeof entry.message, key).toBe('string');
      }
    });

    const catalog = readCatalog(locale);
    const language = catalog.catalogLanguage?.message ?? '';
    const categories = integerCategories(language);

    it('names its own language, whose plural rules Intl knows', () => {
      expect(Intl.PluralRules.supportedLocalesOf([language])).toEqual([language]);
      expect(language.toLowerCase()).toBe(bcp47(locale).toLowerCase());
    });

    it('has every message of English, and every plural variant its language uses for whole numbers', () => {
      const expected = new Set<string>();
      for (const key of Object.keys(en)) {
        const base = PLURAL_SUFFIX.exec(key)?.[1];
        if (base === undefined || !pluralBases.has(base)) expected.add(key);
        else for (const category of categories) expected.add(`${base}_${category}`);
      }
      expect(Object.keys(catalog).sort()).toEqual([...expected].sort());
    });

    it('keeps the placeholders of English, each defined as in English and used in the message', () => {
      for (const [key, entry] of Object.entries(catalog)) {
        const english = englishOf(key)!;
        const contents = (e: MessageEntry) =>
          Object.entries(e.placeholders ?? {})
            .map(([name, p]) => `${name.toLowerCase()}=${p.content}`)
            .sort();
        expect(contents(entry), key).toEqual(contents(english));
        expect(placeholdersUsed(entry.message), key).toEqual(placeholdersUsed(english.message));
        expect(Object.keys(entry.placeholders ?? {}).length, key).toBeLessThanOrEqual(MAX_SUBSTITUTIONS);
      }
    });

    it('fits the stores: a name of at most 45 characters, a description of at most 132', () => {
      expect(catalog.extName?.message.length).toBeLessThanOrEqual(MAX_NAME);
      expect(catalog.extDescription?.message.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
      expect(catalog.extName?.message).toBe(en.extName?.message);
    });

    it.skipIf(locale === 'en')('leaves nothing in English but the allowed few', () => {
      const leftInEnglish = Object.entries(catalog)
        .filter(([key, entry]) => {
          if (key === 'catalogLanguage') return false;
          // A message of placeholders and punctuation only has nothing to translate.
          if (!/\p{L}/u.test(entry.message.replace(/\$[A-Za-z0-9_@]+\$/g, ''))) return false;
          const allowed = SAME_AS_ENGLISH[key];
          if (allowed === 'all' || allowed?.includes(locale)) return false;
          return entry.message === englishOf(key)?.message;
        })
        .map(([key]) => key);
      expect(leftInEnglish).toEqual([]);
    });
  });

  it('allows only messages that exist, in languages that exist', () => {
    for (const [key, locales] of Object.entries(SAME_AS_ENGLISH)) {
      expect(en[key], key).toBeDefined();
      if (locales !== 'all') for (const locale of locales) expect(LOCALES).toContain(locale);
    }
  });
});
