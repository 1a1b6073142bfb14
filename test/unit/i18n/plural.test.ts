/**
 * Counted messages: the variant Intl.PluralRules picks for the catalog's language, the count written in
 * the user's language.
 */
import { describe, expect, it } from 'vitest';
import { catalogTranslator, formatCompactNumber, formatNumber, plural } from '../../../lib/i18n';
import en from '../../../public/_locales/en/messages.json';
import fr from '../../../public/_locales/fr/messages.json';
import ja from '../../../public/_locales/ja/messages.json';

describe('plural', () => {
  it('English: 1 paper, 0 and 2 papers', () => {
    const t = catalogTranslator(en, 'en');
    expect(plural(t, 'popupSelected', 1)).toBe('1 paper selected');
    expect(plural(t, 'popupSelected', 2)).toBe('2 papers selected');
    expect(plural(t, 'popupSelected', 0)).toBe('0 papers selected');
  });

  it('French: 0 and 1 take the singular, 2 the plural', () => {
    const t = catalogTranslator(fr, 'fr');
    expect(plural(t, 'popupSelected', 0)).toBe('0 article sélectionné');
    expect(plural(t, 'popupSelected', 1)).toBe('1 article sélectionné');
    expect(plural(t, 'popupSelected', 2)).toBe('2 articles sélectionnés');
  });

  it('Japanese has one form for every count', () => {
    const t = catalogTranslator(ja, 'ja');
    expect(plural(t, 'popupSelected', 1)).toBe('1 件の論文を選択中');
    expect(plural(t, 'popupSelected', 2)).toBe('2 件の論文を選択中');
  });

  it('follows the catalog’s language, not the UI’s, when the browser fell back to English', () => {
    // A Russian browser reads the English catalog; Russian rules would call 21 "one" ("21 paper").
    expect(new Intl.PluralRules('ru').select(21)).toBe('one');
    const t = catalogTranslator(en, 'ru');
    expect(plural(t, 'popupSelected', 21)).toBe(`${formatNumber(t, 21)} papers selected`);
  });

  it('takes _other when the catalog has no variant for the category', () => {
    const { popupSelected_one: _one, ...withoutOne } = en;
    const t = catalogTranslator(withoutOne, 'en');
    expect(plural(t, 'popupSelected', 1)).toBe('1 papers selected');
  });

  it('fills $2… with the further substitutions', () => {
    const catalog = {
      ...en,
      catalogLanguage: { message: 'en' },
      popupSelected_other: { message: '$1 of $2', placeholders: {} },
    };
    expect(plural(catalogTranslator(catalog, 'en'), 'popupSelected', 3, ['7'])).toBe('3 of 7');
  });
});

describe('numbers in the user’s language', () => {
  it('groups digits as the language does', () => {
    expect(formatNumber(catalogTranslator(en, 'en'), 1234)).toBe('1,234');
    expect(formatNumber(catalogTranslator(en, 'de'), 1234)).toBe('1.234');
    expect(plural(catalogTranslator(fr, 'fr'), 'popupSelected', 1234)).toBe(
      `${new Intl.NumberFormat('fr').format(1234)} articles sélectionnés`,
    );
  });

  it('shortens large counts the language’s way', () => {
    expect(formatCompactNumber(catalogTranslator(en, 'en'), 27_012)).toBe('27K');
    expect(formatCompactNumber(catalogTranslator(ja, 'ja'), 27_012)).toBe('2.7万');
  });
});
