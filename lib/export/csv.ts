/**
 * CSV for spreadsheets, as RFC 4180 describes it: CRLF line ends, a header row, fields quoted when
 * they hold a comma, a quote or a line break, quotes doubled.
 *
 * Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a carriage
 * return) as a formula, so a paper titled `=HYPERLINK(…)` could act when the file is opened: such cells
 * get a leading apostrophe, which spreadsheets show as text (OWASP's advice on CSV injection).
 *
 * The file starts with a UTF-8 byte order mark, without which Excel reads UTF-8 as a legacy encoding
 * and garbles every accented author name.
 */
import type { StoredPaper } from '../model/paper';
import { displayTitle, paperLinks } from './paper-facts';

/** The columns, in order, and how each is read from a paper. */
export const CSV_COLUMNS: readonly (readonly [string, (paper: StoredPaper) => string])[] = [
  ['arxiv_id', (p) => p.id],
  ['title', (p) => displayTitle(p)],
  ['authors', (p) => p.authors.join('; ')],
  ['published', (p) => p.publishedAt?.slice(0, 10) ?? ''],
  ['upvotes', (p) => (p.upvotes === undefined ? '' : String(p.upvotes))],
  ['state', (p) => p.state],
  ['saved_at', (p) => isoDate(p.savedAt)],
  ['read_at', (p) => isoDate(p.readAt)],
  ['tags', (p) => p.tags.join('; ')],
  ['note', (p) => p.note ?? ''],
  ['github', (p) => paperLinks(p).github ?? ''],
  ['github_stars', (p) => (p.githubStars === undefined ? '' : String(p.githubStars))],
  ['project_page', (p) => paperLinks(p).project ?? ''],
  ['paper_url', (p) => paperLinks(p).page ?? ''],
  ['arxiv_url', (p) => paperLinks(p).arxiv ?? ''],
  ['pdf_url', (p) => paperLinks(p).pdf ?? ''],
  ['abstract', (p) => p.summary ?? ''],
  ['ai_summary', (p) => p.aiSummary ?? ''],
  ['hub_models', (p) => count(p.linked?.models)],
  ['hub_datasets', (p) => count(p.linked?.datasets)],
  ['hub_spaces', (p) => count(p.linked?.spaces)],
];

function count(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

function isoDate(time: number | undefined): string {
  return time === undefined ? '' : new Date(time).toISOString();
}

/** The first characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: defused when it could be read as a formula, quoted when RFC 4180 requires it. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A CSV file: BOM, header row, one row per paper, CRLF after every row. */
export function toCsv(papers: readonly StoredPaper[]): string {
  const rows = [
    CSV_COLUMNS.map(([name]) => name),
    ...papers.map((p) => CSV_COLUMNS.map(([, read]) => read(p))),
  ];
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
