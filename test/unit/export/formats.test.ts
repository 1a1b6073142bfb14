import { describe, expect, it } from 'vitest';
import { toCslItems, toCslJson } from '../../../lib/export/csl-json';
import { CSV_COLUMNS, csvCell, toCsv } from '../../../lib/export/csv';
import { EXPORT_FORMATS, exportPapers, fileSlug } from '../../../lib/export/files';
import {
  escapeMarkdown,
  markdownAiSummary,
  markdownItem,
  markdownNote,
  toMarkdown,
} from '../../../lib/export/markdown';
import { invertedName, splitName } from '../../../lib/export/names';
import { paperDate, paperLinks } from '../../../lib/export/paper-facts';
import { risRecord, toRis } from '../../../lib/export/ris';
import { makePaper } from '../../support/papers';

const LLAMA = makePaper({
  id: '2407.21783',
  title: 'The Llama 3 Herd of Models',
  authors: ['Abhimanyu Dubey', 'Ludwig van Beethoven', 'Llama'],
  authorCount: 3,
  publishedAt: '2024-07-31T17:54:27.000Z',
  summary: 'First line.\nER  - forged end\nTY  - JOUR',
  githubRepo: 'https://github.com/meta-llama/llama3',
  githubStars: 27012,
  codeLinks: ['https://github.com/meta-llama/llama3'],
  tags: ['llm', 'to-read'],
  note: 'Read §3',
  savedAt: Date.UTC(2025, 0, 2),
});

/** A strict RFC 4180 reader, to check that the CSV reads back cell for cell. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') {
      if (cell !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (c === '\n' || c === '\r') throw new Error(`bare line break at ${i}`);
    else cell += c;
  }
  if (quoted || cell !== '' || row.length > 0) throw new Error('the file does not end with CRLF');
  return rows;
}

describe('CSV', () => {
  it('quotes as RFC 4180 says and reads back cell for cell', () => {
    const paper = makePaper({
      id: '2401.00001',
      title: 'Commas, "quotes"',
      authors: ['A, B'],
      note: 'Line one\r\nline "two"\n',
    });
    const text = toCsv([paper]);
    expect(text.startsWith('\uFEFFarxiv_id,title,authors,')).toBe(true);
    const rows = readCsv(text.slice(1));
    expect(rows[0]).toEqual(CSV_COLUMNS.map(([name]) => name));
    const column = (name: string) => rows[1]?.[CSV_COLUMNS.findIndex(([n]) => n === name)];
    expect(column('title')).toBe('Commas, "quotes"');
    expect(column('authors')).toBe('A, B');
    expect(column('note')).toBe('Line one\r\nline "two"\n');
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
  });

  it.each([
    ['=HYPERLINK("https://evil.example","click")', `"'=HYPERLINK(""https://evil.example"",""click"")"`],
    ['+1+cmd|calc', "'+1+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['plain = not a formula', 'plain = not a formula'],
  ])('defuses formula injection: %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('defuses hostile titles and notes inside a whole file', () => {
    const paper = makePaper({ id: '2401.00001', title: '=cmd|" /C calc"!A0', note: '@evil', tags: ['-x'] });
    const row = readCsv(toCsv([paper]).slice(1))[1]!;
    const column = (name: string) => row[CSV_COLUMNS.findIndex(([n]) => n === name)];
    expect(column('title')).toBe(`'=cmd|" /C calc"!A0`);
    expect(column('note')).toBe("'@evil");
    expect(column('tags')).toBe("'-x");
  });
});

describe('RIS', () => {
  it('writes one field per line, CRLF, with the arXiv facts', () => {
    const record = risRecord(LLAMA);
    expect(record.split('\r\n')).toEqual([
      'TY  - UNPB',
      'TI  - The Llama 3 Herd of Models',
      'AU  - Dubey, Abhimanyu',
      'AU  - van Beethoven, Ludwig',
      'AU  - Llama',
      'PY  - 2024',
      'DA  - 2024/07/31/',
      'PB  - arXiv',
      'AN  - arXiv:2407.21783',
      'DO  - 10.48550/arXiv.2407.21783',
      'UR  - https://arxiv.org/abs/2407.21783',
      'L1  - https://arxiv.org/pdf/2407.21783',
      'L2  - https://github.com/meta-llama/llama3',
      'AB  - First line. ER - forged end TY - JOUR',
      'KW  - llm',
      'KW  - to-read',
      'N1  - Read §3',
      'ER  - ',
      '',
    ]);
  });

  it('never lets a value start a line of its own (no forged records)', () => {
    const text = toRis([LLAMA, makePaper({ id: '2401.00002', title: 'Two\r\nER  - \r\nTY  - BOOK' })]);
    const tags = text
      .split('\r\n')
      .filter((l) => l !== '')
      .map((l) => l.slice(0, 6));
    expect(tags.filter((t) => t === 'TY  - ')).toHaveLength(2);
    expect(tags.filter((t) => t === 'ER  - ')).toHaveLength(2);
    expect(text.split('\r\n').every((l) => l === '' || /^[A-Z][A-Z0-9] {2}- /.test(l))).toBe(true);
  });
});

describe('CSL-JSON', () => {
  it('has the shape CSL processors read', () => {
    const [item] = toCslItems([LLAMA]);
    expect(item).toEqual({
      id: 'arXiv:2407.21783',
      'citation-key': 'dubey2024llama',
      type: 'article',
      title: 'The Llama 3 Herd of Models',
      author: [
        { family: 'Dubey', given: 'Abhimanyu' },
        { family: 'van Beethoven', given: 'Ludwig' },
        { literal: 'Llama' },
      ],
      issued: { 'date-parts': [[2024, 7, 31]] },
      publisher: 'arXiv',
      archive: 'arXiv',
      number: '2407.21783',
      DOI: '10.48550/arXiv.2407.21783',
      URL: 'https://arxiv.org/abs/2407.21783',
      abstract: 'First line.\nER  - forged end\nTY  - JOUR',
      keyword: 'llm, to-read',
      note: 'Read §3',
    });
    expect(JSON.parse(toCslJson([LLAMA]))).toEqual([item]);
  });

  it('dates a paper without a publication date by the month its id encodes', () => {
    const [item] = toCslItems([makePaper({ id: '2312.00001', publishedAt: undefined })]);
    expect(item?.issued).toEqual({ 'date-parts': [[2023, 12]] });
  });
});

describe('Markdown', () => {
  it('lists each paper with its canonical links', () => {
    expect(markdownItem(LLAMA)).toBe(
      '- [The Llama 3 Herd of Models](<https://huggingface.co/papers/2407.21783>) — Abhimanyu Dubey, Ludwig van Beethoven and Llama (2024)' +
        ' · [arXiv](<https://arxiv.org/abs/2407.21783>) · [PDF](<https://arxiv.org/pdf/2407.21783>)' +
        ' · [Code](<https://github.com/meta-llama/llama3>) ★ 27,012 · tags: llm, to-read',
    );
  });

  it('keeps hostile titles as text', () => {
    const item = markdownItem(
      makePaper({
        id: '2401.00001',
        title: '](javascript:alert(1)) <img src=x onerror=alert(1)> *bold* `code` &amp;',
      }),
    );
    expect(
      item.startsWith(
        '- [\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\> \\*bold\\* \\`code\\` \\&amp;](<https://huggingface.co/papers/2401.00001>)',
      ),
    ).toBe(true);
    expect(escapeMarkdown('a\n\nb|c~d_e')).toBe('a b\\|c\\~d\\_e');
    expect(toMarkdown([], 'Reading *group*')).toBe('# Reading \\*group\\*\n\n\n');
  });
});

describe('Markdown notes', () => {
  it('quotes the note under its item, line breaks kept, as text', () => {
    expect(toMarkdown([LLAMA], 'Saved')).toBe(`# Saved\n\n${markdownItem(LLAMA)}\n  > Read §3\n`);
    const note =
      '\n<think> x < y\r\n# not a heading\n\n\n- not a list\n2. nor this\n[link](javascript:x) *em*\n\n';
    expect(markdownNote({ note })).toBe(
      '\n  > \\<think\\> x \\< y' +
        '\n  > \\# not a heading' +
        '\n  >' +
        '\n  > \\- not a list' +
        '\n  > 2\\. nor this' +
        '\n  > \\[link\\](javascript:x) \\*em\\*',
    );
    expect(markdownNote({})).toBe('');
    expect(toMarkdown([makePaper({ id: '2401.00001' })], 'x')).not.toContain('\n  >');
  });
});

describe('what the site knows, in the exports (issue 16)', () => {
  const WATCHED = makePaper({
    ...LLAMA,
    projectPage: 'https://llama.meta.com/',
    aiSummary: '- A *herd* of <b>models</b>',
    linked: { models: 12, datasets: 0 },
  });

  it('Markdown carries code, project page and the AI summary, as text under the item', () => {
    const file = toMarkdown([WATCHED], 'Saved');
    expect(file).toContain('[Code](<https://github.com/meta-llama/llama3>)');
    expect(file).toContain('[Project page](<https://llama.meta.com/>)');
    // After its label, a leading '-' cannot start a list; the markup characters are escaped.
    expect(markdownAiSummary(WATCHED)).toBe(
      '\n  AI summary (huggingface.co): - A \\*herd\\* of \\<b\\>models\\</b\\>',
    );
    expect(file).toBe(`# Saved\n\n${markdownItem(WATCHED)}${markdownAiSummary(WATCHED)}\n  > Read §3\n`);
    expect(markdownAiSummary({})).toBe('');
  });

  it('CSV carries code, project page, the AI summary and the Hub counts', () => {
    const [header, row] = readCsv(toCsv([WATCHED]).slice(1));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('github')).toBe('https://github.com/meta-llama/llama3');
    expect(cell('project_page')).toBe('https://llama.meta.com/');
    // A summary starting like a formula is defused, as every cell is.
    expect(cell('ai_summary')).toBe("'- A *herd* of <b>models</b>");
    expect([cell('hub_models'), cell('hub_datasets'), cell('hub_spaces')]).toEqual(['12', '0', '']);
  });
});

describe('shared facts', () => {
  it('builds links only from the id, the canonical repository and a checked project page', () => {
    expect(
      paperLinks({
        id: '2407.21783',
        githubRepo: 'https://github.com/a/b',
        projectPage: 'https://a.github.io/p/',
      }),
    ).toEqual({
      page: 'https://huggingface.co/papers/2407.21783',
      arxiv: 'https://arxiv.org/abs/2407.21783',
      pdf: 'https://arxiv.org/pdf/2407.21783',
      doi: '10.48550/arXiv.2407.21783',
      github: 'https://github.com/a/b',
      project: 'https://a.github.io/p/',
    });
    expect(
      paperLinks({
        id: 'javascript:alert(1)',
        githubRepo: 'https://github.com/a/b/tree/main',
        projectPage: 'javascript:alert(1)',
      }),
    ).toEqual({});
  });

  it('splits names with particles, and keeps one-word names whole', () => {
    expect(splitName('Maria de la Cruz')).toEqual({ family: 'de la Cruz', given: 'Maria' });
    expect(splitName('  DeepSeek-AI ')).toEqual({ literal: 'DeepSeek-AI' });
    expect(invertedName('Smith, John')).toBe('Smith, John');
    expect(paperDate({ id: '2407.21783', publishedAt: 'garbage' })).toEqual({ year: 2024, month: 7 });
  });
});

describe('files', () => {
  it('names files after the scope and the day, in every format', () => {
    const now = Date.UTC(2025, 2, 1, 12);
    expect(
      EXPORT_FORMATS.map((format) => exportPapers(format, [LLAMA], 'Reading group: RL!', now).filename),
    ).toEqual([
      'daily-papers-reading-group-rl-2025-03-01.bib',
      'daily-papers-reading-group-rl-2025-03-01.json',
      'daily-papers-reading-group-rl-2025-03-01.ris',
      'daily-papers-reading-group-rl-2025-03-01.md',
      'daily-papers-reading-group-rl-2025-03-01.csv',
    ]);
    expect(fileSlug('#漢字')).toBe('papers');
    expect(exportPapers('bibtex', [LLAMA], 'x', now).mimeType).toBe('application/x-bibtex; charset=utf-8');
  });
});
