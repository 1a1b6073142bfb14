/**
 * The one way user interfaces get their words: a `t(key, substitutions)` function. Entrypoints make
 * it from `browser.i18n.getMessage` and `browser.i18n.getUILanguage()` (see {@link translatorFrom});
 * components receive it as a prop and never call a browser API. Keys are the names in
 * `public/_locales/en/messages.json`, checked by the compiler.
 *
 * Browsers' i18n has no plurals, so a counted message is a family of keys, `base_one`, `base_other`
 * (and `base_few`, `base_many`… where a language needs them), one per category of
 * `Intl.PluralRules`; {@link plural} picks one. Numbers and dates go through `Intl` in `t.locale`.
 */
import type messages from '../public/_locales/en/messages.json';

/** A message name of `public/_locales/en/messages.json`. */
export type MessageKey = keyof typeof messages;

/** The base of a counted message: `popupSelected` for `popupSelected_one`, `popupSelected_other`. */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

/** Looks a message up and fills its `$1`…`$9` placeholders; knows the user's language. */
export interface Translate {
  (key: MessageKey, substitutions?: string | readonly string[]): string;
  /** The browser's UI language (a BCP 47 tag such as `pt-BR`), for numbers and dates. */
  readonly locale: string;
}

/** The shape of one entry of a `messages.json` file. */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/**
 * The message naming the language a catalog is written in. The plural variants follow that
 * language's rules, which are not the UI language's when the browser fell back to another catalog
 * (a Russian browser reads the English messages, whose `_one` must not be used for 21).
 */
const CATALOG_LANGUAGE: MessageKey = 'catalogLanguage';

/**
 * A translator over a `getMessage` function such as `browser.i18n.getMessage`, for the UI language
 * `locale`. A missing message comes back as its key, so a gap shows instead of an empty label.
 */
export function translatorFrom(
  getMessage: (key: string, substitutions?: string[]) => string,
  locale: string,
): Translate {
  const translate = (key: MessageKey, substitutions?: string | readonly string[]) => {
    const list =
      substitutions === undefined
        ? undefined
        : typeof substitutions === 'string'
          ? [substitutions]
          : [...substitutions];
    const text = getMessage(key, list);
    return text === '' ? key : text;
  };
  return Object.assign(translate, { locale });
}

/** A translator over a catalog (a parsed `messages.json`), for tests and any context without `browser.i18n`. */
export function catalogTranslator(
  catalog: Readonly<Record<string, MessageEntry>>,
  locale: string,
): Translate {
  return translatorFrom((key, substitutions) => formatMessage(catalog, key, substitutions), locale);
}

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/** One formatter per language and options: they are costly to make and are used for every row. */
function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let found = cache.get(key);
  if (found === undefined) {
    found = make();
    cache.set(key, found);
  }
  return found;
}

/** `n` written in the user's language: `1,234` in English, `1 234` in French, `1.234` in German. */
export function formatNumber(t: Translate, n: number): string {
  return cached(numberFormats, t.locale, () => new Intl.NumberFormat(t.locale)).format(n);
}

/** A short count for a small space, in the user's language: `950`, `1.2K`, `12K`, `1.3M` (English). */
export function formatCompactNumber(t: Translate, n: number): string {
  return cached(
    numberFormats,
    `${t.locale} compact`,
    () => new Intl.NumberFormat(t.locale, { notation: 'compact', maximumFractionDigits: 1 }),
  ).format(n);
}

/**
 * The counted message `base` for `count`: the variant `Intl.PluralRules` chooses for the catalog's
 * language (`_one`, `_few`, `_many`…), else `_other`. Its `$1` is the count written in the user's
 * language; `more` fill `$2`, `$3`….
 */
export function plural(t: Translate, base: PluralKey, count: number, more: readonly string[] = []): string {
  const language = t(CATALOG_LANGUAGE);
  const rules = cached(pluralRules, language, () => {
    try {
      return new Intl.PluralRules(language);
    } catch {
      // A catalog without a valid language tag: the UI language's rules are the best guess.
      return new Intl.PluralRules(t.locale);
    }
  });
  const substitutions = [formatNumber(t, count), ...more];
  const variant = `${base}_${rules.select(count)}` as MessageKey;
  const text = t(variant, substitutions);
  // A missing message comes back as its key: this catalog has no such variant.
  return text === variant ? t(`${base}_other` as MessageKey, substitutions) : text;
}

/**
 * Formats a message of a `messages.json` catalog the way browsers do: named placeholders
 * (`$COUNT$`) take their `content` (`$1`), `$1`…`$9` take the substitutions, `$$` is a dollar sign.
 * For tests and any context without `browser.i18n`.
 */
export function formatMessage(
  catalog: Readonly<Record<string, MessageEntry>>,
  key: string,
  substitutions: readonly string[] = [],
): string {
  const entry = catalog[key];
  if (entry === undefined) return '';
  const placeholders = entry.placeholders ?? {};
  const named = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const found = Object.entries(placeholders).find(([k]) => k.toLowerCase() === name.toLowerCase());
    return found === undefined ? whole : found[1].content;
  });
  return named.replace(/\$(\$|[1-9])/g, (_whole, which: string) =>
    which === '$' ? '$' : (substitutions[Number(which) - 1] ?? ''),
  );
}
