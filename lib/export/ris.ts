/**
 * RIS, the line-based format EndNote, Zotero and Mendeley import. Each field is one line `XX  - value`;
 * values are flattened to one line (a newline in an abstract could otherwise start a forged field)
 * and the file uses CRLF line ends, as the RIS specification asks.
 *
 * Papers are `TY  - UNPB` (unpublished work, the specification's type for a preprint), with arXiv as
 * the publisher, the arXiv DOI, the abstract, the PDF (`L1`) and the user's tags as keywords.
 */
import type { StoredPaper } from '../model/paper';
import { invertedName } from './names';
import { displayTitle, paperDate, paperLinks } from './paper-facts';

const CRLF = '\r\n';

/** One line of text: every run of whitespace (newlines included) becomes one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function line(tag: string, value: string): string {
  return `${tag}  - ${oneLine(value)}${CRLF}`;
}

/** One RIS record. */
export function risRecord(paper: StoredPaper): string {
  let out = line('TY', 'UNPB');
  out += line('TI', displayTitle(paper));
  for (const author of paper.authors) if (oneLine(author) !== '') out += line('AU', invertedName(author));
  const date = paperDate(paper);
  if (date !== undefined) {
    out += line('PY', String(date.year));
    const month = date.month === undefined ? '' : String(date.month).padStart(2, '0');
    const day = date.day === undefined ? '' : String(date.day).padStart(2, '0');
    out += line('DA', `${date.year}/${month}/${day}/`);
  }
  out += line('PB', 'arXiv');
  const links = paperLinks(paper);
  if (links.arxiv !== undefined) out += line('AN', `arXiv:${paper.id}`);
  if (links.doi !== undefined) out += line('DO', links.doi);
  if (links.arxiv !== undefined) out += line('UR', links.arxiv);
  if (links.pdf !== undefined) out += line('L1', links.pdf);
  if (links.github !== undefined) out += line('L2', links.github);
  if (paper.summary !== undefined && oneLine(paper.summary) !== '') out += line('AB', paper.summary);
  for (const tag of paper.tags) out += line('KW', tag);
  if (paper.note !== undefined && oneLine(paper.note) !== '') out += line('N1', paper.note);
  out += `ER  - ${CRLF}`;
  return out;
}

/** An RIS file with one record per paper, separated by a blank line. */
export function toRis(papers: readonly StoredPaper[]): string {
  return papers.map(risRecord).join(CRLF);
}
