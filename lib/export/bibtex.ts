/**
 * BibTeX for arXiv papers, in the form arXiv and most reference managers use:
 *
 * ```bibtex
 * @misc{dubey2024llama,
 *   title         = {The {Llama} 3 Herd of Models},
 *   author        = {Abhimanyu Dubey and Abhinav Jauhri and others},
 *   year          = {2024},
 *   month         = jul,
 *   eprint        = {2407.21783},
 *   archivePrefix = {arXiv},
 *   doi           = {10.48550/arXiv.2407.21783},
 *   url           = {https://arxiv.org/abs/2407.21783},
 * }
 * ```
 *
 * Written by hand rather than with citation-js: citation-js's BibTeX output has no `eprint` /
 * `archivePrefix`, drops characters outside Latin scripts, and with its CSL plugin weighs 176 KB gzip.
 * Every value is brace-delimited and escaped by `escapeLatex`, so no title can break the file.
 * `primaryClass` is not written: the store does not know a paper's arXiv category.
 */
import type { StoredPaper } from '../model/paper';
import { escapeLatex, escapeTitle } from './latex';
import { splitName } from './names';
import { displayTitle, paperDate, paperLinks } from './paper-facts';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

/** Title words too plain to name an entry. */
const PLAIN_WORDS = new Set([
  'a',
  'an',
  'the',
  'on',
  'of',
  'in',
  'for',
  'to',
  'and',
  'towards',
  'toward',
  'with',
  'is',
  'are',
  'do',
  'does',
  'can',
  'how',
  'what',
  'why',
  'when',
]);

/** Letters and digits of `text` in lower-case ASCII (`Müller` → `muller`). */
function asciiWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * The citation key of a paper, as Google Scholar shapes it: first author's family name, year, first
 * significant title word (`dubey2024llama`); `arxiv2407_21783` when those give nothing usable.
 */
export function baseCitationKey(paper: StoredPaper): string {
  const first = paper.authors[0];
  const split = first === undefined ? undefined : splitName(first);
  const family =
    split === undefined
      ? ''
      : asciiWord('literal' in split ? split.literal : (split.family.split(' ').pop() ?? ''));
  const year = paperDate(paper)?.year ?? '';
  const word =
    displayTitle(paper)
      .split(/[\s\-–—:,.;!?()[\]{}"'/]+/)
      .map(asciiWord)
      .find((w) => w !== '' && !PLAIN_WORDS.has(w)) ?? '';
  if (family === '' || word === '') return `arxiv${paper.id.replace(/\W/g, '_')}`;
  return `${family}${year}${word}`;
}

/** Citation keys for papers, in order, unique within the list (`…llama`, `…llamab`, `…llamac`). */
export function citationKeys(papers: readonly StoredPaper[]): string[] {
  const used = new Set<string>();
  return papers.map((paper) => {
    const base = baseCitationKey(paper);
    let key = base;
    for (let n = 1; used.has(key); n++) key = `${base}${suffix(n)}`;
    used.add(key);
    return key;
  });
}

/** The mark of the `n`-th duplicate of a key: b, c, …, z (Scholar's style), then -27, -28 …. */
function suffix(n: number): string {
  return n <= 25 ? String.fromCharCode(97 + n) : `-${n + 1}`;
}

/** One author for the `author` field: escaped, kept whole in braces when BibTeX would misread it. */
function bibtexAuthor(name: string): string {
  const escaped = escapeLatex(name);
  // A comma or a lone "and" inside a name would split it; a name of several words without a family
  // name (e.g. an organisation) cannot be told apart, so only the unsafe ones are protected.
  return /,|\band\b/i.test(name) ? `{${escaped}}` : escaped;
}

/** The `author` value, with `others` when the page listed fewer authors than the paper has. */
function authorField(paper: StoredPaper): string | undefined {
  const names = paper.authors.map((a) => a.trim()).filter((a) => a !== '');
  if (names.length === 0) return undefined;
  const list = names.map(bibtexAuthor);
  if (paper.authorCount !== undefined && paper.authorCount > names.length) list.push('others');
  return list.join(' and ');
}

/** One BibTeX entry (`@misc`, see the module comment) under citation key `key`. */
export function bibtexEntry(paper: StoredPaper, key: string): string {
  const fields: [string, string][] = [['title', `{${escapeTitle(displayTitle(paper))}}`]];
  const authors = authorField(paper);
  if (authors !== undefined) fields.push(['author', `{${authors}}`]);
  const date = paperDate(paper);
  if (date !== undefined) {
    fields.push(['year', `{${date.year}}`]);
    const month = date.month === undefined ? undefined : MONTHS[date.month - 1];
    // The month macros (`jul`) are what BibTeX styles expect and biber understands.
    if (month !== undefined) fields.push(['month', month]);
  }
  const links = paperLinks(paper);
  if (links.arxiv !== undefined) {
    fields.push(['eprint', `{${paper.id}}`], ['archivePrefix', '{arXiv}']);
  }
  if (links.doi !== undefined) fields.push(['doi', `{${links.doi}}`]);
  if (links.arxiv !== undefined) fields.push(['url', `{${links.arxiv}}`]);
  if (paper.summary !== undefined && paper.summary.trim() !== '') {
    fields.push(['abstract', `{${escapeLatex(paper.summary)}}`]);
  }
  if (paper.tags.length > 0) fields.push(['keywords', `{${paper.tags.map(escapeLatex).join(', ')}}`]);
  const width = Math.max(...fields.map(([name]) => name.length));
  const body = fields.map(([name, value]) => `  ${name.padEnd(width)} = ${value},`).join('\n');
  return `@misc{${key},\n${body}\n}\n`;
}

/** A BibTeX file with one entry per paper, in order, keys unique. */
export function toBibtex(papers: readonly StoredPaper[]): string {
  const keys = citationKeys(papers);
  return papers.map((paper, i) => bibtexEntry(paper, keys[i]!)).join('\n');
}
