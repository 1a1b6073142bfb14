/**
 * From a paper's text to the words the ranker counts. The rule is scikit-learn's, as arxiv-sanity-lite
 * configures it (`strip_accents='unicode'`, `lowercase`, `token_pattern=r'(?u)\b[a-zA-Z_][a-zA-Z0-9_]+\b'`,
 * `stop_words='english'`), so our features match the reference's: text is data, so markup such as
 * `<think>` is just the word `think`, and `x < y` has no word of two letters.
 */
import { STOP_WORDS } from './stop-words';

/** What the ranker reads of one paper. Everything but `id` and `title` is optional. */
export interface RankingDoc {
  /** arXiv id, as the store keys papers. */
  id: string;
  title: string;
  /** The abstract. */
  summary?: string;
  /** The site's `ai_keywords`. */
  keywords?: readonly string[];
  authors?: readonly string[];
}

/** A word character beyond ASCII, in Unicode's sense (what Python's `\w` sees): letter, digit, mark. */
const WIDE_WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const NON_ASCII = /[^ -~\t\n\r]/;
const COMBINING_MARK = /\p{M}/gu;

/** `text` without accents (NFKD, combining marks dropped) and in lower case. */
export function normalizeText(text: string): string {
  const plain = NON_ASCII.test(text) ? text.normalize('NFKD').replace(COMBINING_MARK, '') : text;
  return plain.toLowerCase();
}

/**
 * Calls `take` with each token of `text`: a run of word characters that is ASCII only, starts with a
 * letter or `_` and has two characters or more. A hand-written scan: the equivalent Unicode regular
 * expression took half of a 10,000-paper retrain.
 */
export function scan(text: string, take: (token: string) => void): void {
  const s = normalizeText(text);
  let start = -1;
  let ascii = true;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const word =
      (c >= 97 && c <= 122) ||
      (c >= 48 && c <= 57) ||
      c === 95 ||
      (c > 127 && WIDE_WORD_CHAR.test(String.fromCodePoint(s.codePointAt(i) as number)));
    if (word) {
      if (start < 0) {
        start = i;
        ascii = true;
      }
      if (c > 127) {
        ascii = false;
        if (c >= 0xd800 && c <= 0xdbff) i++; // the second half of a surrogate pair
      }
    } else if (start >= 0) {
      const first = s.charCodeAt(start);
      if (ascii && i - start >= 2 && !(first >= 48 && first <= 57)) take(s.slice(start, i));
      start = -1;
    }
  }
}

/** The words of `text` in order, stop words included. */
export function words(text: string): string[] {
  const out: string[] = [];
  scan(text, (token) => out.push(token));
  return out;
}

/** Calls `take` with each word of `text` that is not a stop word, in order. */
export function scanTokens(text: string, take: (token: string) => void): void {
  scan(text, (token) => {
    if (!STOP_WORDS.has(token)) take(token);
  });
}

/** The words of `text` in order, stop words removed: what unigrams and bigrams are built from. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  scanTokens(text, (token) => out.push(token));
  return out;
}

/**
 * The terms of a token list: every token, then every pair of neighbouring tokens joined by a space
 * ("speculative decoding"). Pairs are formed after stop words are gone, as scikit-learn does.
 */
export function terms(tokenList: readonly string[]): string[] {
  const out = [...tokenList];
  for (let i = 1; i < tokenList.length; i++) out.push(`${tokenList[i - 1]} ${tokenList[i]}`);
  return out;
}

/** Options of {@link docText}. */
export interface DocTextOptions {
  /** Add the authors' names (arxiv-sanity-lite does; the measured gain is small). */
  authors?: boolean;
}

/** The text of a paper the ranker reads: title, abstract, the site's keywords, optionally the authors. */
export function docText(doc: RankingDoc, options: DocTextOptions = {}): string {
  const parts = [doc.title, doc.summary ?? ''];
  if (doc.keywords?.length) parts.push(doc.keywords.join(' '));
  if (options.authors && doc.authors?.length) parts.push(doc.authors.join(' '));
  return parts.join(' ');
}
