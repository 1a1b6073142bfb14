import { type Entry, parse } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { baseCitationKey, bibtexEntry, citationKeys, toBibtex } from '../../../lib/export/bibtex';
import { escapeLatex, escapeTitle } from '../../../lib/export/latex';
import type { StoredPaper } from '../../../lib/model/paper';
import { makePaper } from '../../support/papers';

/** Unicode-normalizes every string (the parser may give accents composed or decomposed). */
function nfc<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_key, v) =>
    typeof v === 'string' ? v.normalize('NFC') : v,
  ) as T;
}

/** Parses BibTeX as Better BibTeX does, without its title-case rewriting, and fails on any error. */
function readBack(bibtex: string): Entry[] {
  const library = parse(bibtex, { sentenceCase: false, caseProtection: false });
  expect(library.errors).toEqual([]);
  return nfc(library.entries);
}

const HOSTILE_TITLES = [
  'The {Llama} 3 Herd of Models',
  'Unbalanced } brace { and }} more',
  'Back\\slash \\textbf{not bold} \\\\ and \\end{document}',
  '100% of % comments',
  'Q&A: Tom & Jerry',
  'Cost is $5 and $x^2$ math',
  'C# and #hashtags',
  'snake_case and __dunder__',
  'Tilde ~ and caret ^ and "quotes"',
  'Café naïve résumé Ångström Øresund Łódź Straße Dvořák İstanbul',
  'Ελληνικά and 漢字 and emoji 🤗 and Кириллица',
  '@misc{evil, title={pwned}}',
  'Line\nbreaks\tand   spaces',
];

describe('BibTeX export', () => {
  it('writes arXiv entries as @misc with eprint, archivePrefix, doi and url', () => {
    const paper = makePaper({
      id: '2407.21783',
      title: 'The Llama 3 Herd of Models',
      authors: ['Abhimanyu Dubey', 'Abhinav Jauhri'],
      authorCount: 500,
      publishedAt: '2024-07-31T17:54:27.000Z',
      tags: ['llm'],
    });
    expect(bibtexEntry(paper, 'dubey2024llama')).toBe(
      [
        '@misc{dubey2024llama,',
        '  title         = {The Llama 3 Herd of Models},',
        '  author        = {Abhimanyu Dubey and Abhinav Jauhri and others},',
        '  year          = {2024},',
        '  month         = jul,',
        '  eprint        = {2407.21783},',
        '  archivePrefix = {arXiv},',
        '  doi           = {10.48550/arXiv.2407.21783},',
        '  url           = {https://arxiv.org/abs/2407.21783},',
        '  keywords      = {llm},',
        '}',
        '',
      ].join('\n'),
    );
    const [entry] = readBack(toBibtex([paper]));
    expect(entry).toMatchObject({ type: 'misc', key: 'dubey2024llama' });
    expect(entry?.fields).toMatchObject({
      eprint: '2407.21783',
      archiveprefix: 'arXiv',
      url: 'https://arxiv.org/abs/2407.21783',
      year: '2024',
      month: '7',
    });
  });

  it.each(HOSTILE_TITLES)('a hostile title parses back to the same text: %j', (title) => {
    const paper = makePaper({ id: '2401.00001', title, summary: `Abstract: ${title}` });
    const [entry] = readBack(toBibtex([paper]));
    const expected = title.replace(/\s+/g, ' ').trim().normalize('NFC');
    expect(entry?.fields.title).toBe(expected);
    expect(entry?.fields.abstract).toBe(`Abstract: ${expected}`);
  });

  it('hostile titles in one file keep every entry apart', () => {
    const papers = HOSTILE_TITLES.map((title, i) =>
      makePaper({ id: `2401.${String(i + 1).padStart(5, '0')}`, title }),
    );
    const entries = readBack(toBibtex(papers));
    expect(entries.map((e) => e.fields.eprint)).toEqual(papers.map((p) => p.id));
  });

  it('keeps author names whole, including accents, particles and names BibTeX would split', () => {
    const paper = makePaper({
      id: '2401.00001',
      authors: ['Jürgen Müller', 'Ludwig van Beethoven', 'Smith, Jr.', 'Rock and Roll Lab', '王小明'],
    });
    const [entry] = readBack(toBibtex([paper]));
    expect(entry?.fields.author).toEqual([
      { firstName: 'Jürgen', lastName: 'Müller' },
      { firstName: 'Ludwig', prefix: 'van', lastName: 'Beethoven' },
      { name: 'Smith, Jr.' },
      { name: 'Rock and Roll Lab' },
      { lastName: '王小明' },
    ]);
  });

  it('escapes TeX specials and accents', () => {
    expect(escapeLatex('50% & $x_1$ #1 {a} \\ ~ ^')).toBe(
      '50\\% \\& \\$x\\_1\\$ \\#1 \\{a\\} \\textbackslash{} \\textasciitilde{} \\textasciicircum{}',
    );
    expect(escapeLatex('é ç ň ő ß ø ı')).toBe("{\\'{e}} {\\c{c}} {\\v{n}} {\\H{o}} {\\ss} {\\o} {\\i}");
    expect(escapeTitle('LLaMA beats GPT-4o on 3D tasks')).toBe('{LLaMA} beats {GPT-4o} on {3D} tasks');
  });

  it('makes Scholar-style keys, unique within a file', () => {
    const a = makePaper({
      id: '2407.21783',
      title: 'The Llama 3 Herd',
      authors: ['Abhimanyu Dubey'],
      publishedAt: '2024-07-31',
    });
    const b = makePaper({
      id: '2407.21784',
      title: 'Llama again',
      authors: ['Jane Dubey'],
      publishedAt: '2024-08-01',
    });
    const c = makePaper({ id: '2501.00042', title: '', authors: [] });
    const d = makePaper({ id: '2401.00001', title: 'Über Straße', authors: ['Jürgen Müller'] });
    expect(citationKeys([a, b, c, d])).toEqual([
      'dubey2024llama',
      'dubey2024llamab',
      'arxiv2501_00042',
      'muller2024uber',
    ]);
    expect(baseCitationKey(d)).toBe('muller2024uber');
  });

  it('names a paper without a title by its arXiv id, and still parses', () => {
    const paper: StoredPaper = makePaper({ id: '2501.00042', title: '', authors: [] });
    const [entry] = readBack(toBibtex([paper]));
    expect(entry?.fields.title).toBe('arXiv 2501.00042');
    expect(entry?.fields.author).toBeUndefined();
  });
});
