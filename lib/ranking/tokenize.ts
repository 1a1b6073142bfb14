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

/** One run of word characters, in Unicode's sense (what Python's `\w` and `\b` see). */
const WORD_RUN = /[\p{L}\p{N}\p{M}_]+/gu;
/** The runs that make a token: ASCII only, starting with a letter or `_`, two characters or more. */
const TOKEN = /^[a-z_][a-z0-9_]+$/;
const NON_ASCII = /[^ -~\t\n\r]/;
const COMBINING_MARK = /\p{M}/gu;

/** `text` without accents (NFKD, combining marks dropped) and in lower case. */
export function normalizeText(text: string): string {
  const plain = NON_ASCII.test(text) ? text.normalize('NFKD').replace(COMBINING_MARK, '') : text;
  return plain.toLowerCase();
}

/** The words of `text` in order, stop words included. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of normalizeText(text).matchAll(WORD_RUN)) {
    const run = match[0];
    if (TOKEN.test(run)) out.push(run);
  }
  return out;
}

/** The words of `text` in order, stop words removed: what unigrams and bigrams are built from. */
export function tokens(text: string): string[] {
  return words(text).filter((word) => !STOP_WORDS.has(word));
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
