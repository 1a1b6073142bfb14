/**
 * The one way user interfaces get their words: a `t(key, substitutions)` function. Entrypoints make
 * it from `browser.i18n.getMessage` (see {@link translatorFrom}); components receive it as a prop and
 * never call a browser API. Keys are the names in `public/_locales/en/messages.json`, checked by the
 * compiler.
 */
import type messages from '../public/_locales/en/messages.json';

/** A message name of `public/_locales/en/messages.json`. */
export type MessageKey = keyof typeof messages;

/** Looks a message up and fills its `$1`…`$9` placeholders. */
export type Translate = (key: MessageKey, substitutions?: string | readonly string[]) => string;

/** The shape of one entry of a `messages.json` file. */
export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

/**
 * A translator over a `getMessage` function such as `browser.i18n.getMessage`. A missing message comes
 * back as its key, so a gap shows instead of an empty label.
 */
export function translatorFrom(getMessage: (key: string, substitutions?: string[]) => string): Translate {
  return (key, substitutions) => {
    const list =
      substitutions === undefined
        ? undefined
        : typeof substitutions === 'string'
          ? [substitutions]
          : [...substitutions];
    const text = getMessage(key, list);
    return text === '' ? key : text;
  };
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

/** A message counted in plural forms: `BASE_one`, `BASE_other` (and other categories a language needs). */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_other` ? Base : never;
}[MessageKey];

/** Says a counted message: `plural('overlaySeenBefore', 3)`. */
export type Plural = (key: PluralKey, count: number) => string;

/**
 * Counted messages in the UI language `locale`: the form is chosen by `Intl.PluralRules` (`BASE_one`,
 * `BASE_few`, …, falling back to `BASE_other`), the count written by `Intl.NumberFormat` and given as the
 * message's first substitution.
 */
export function pluralFrom(t: Translate, locale: string): Plural {
  let rules: Intl.PluralRules;
  let numbers: Intl.NumberFormat;
  try {
    rules = new Intl.PluralRules(locale);
    numbers = new Intl.NumberFormat(locale);
  } catch {
    rules = new Intl.PluralRules('en');
    numbers = new Intl.NumberFormat('en');
  }
  return (key, count) => {
    const text = numbers.format(count);
    const form = t(`${key}_${rules.select(count)}` as MessageKey, text);
    return form === `${key}_${rules.select(count)}` ? t(`${key}_other` as MessageKey, text) : form;
  };
}
