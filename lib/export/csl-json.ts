/**
 * CSL-JSON, the citation format of Zotero, Pandoc and every CSL processor: an array of items, each
 * `type: "article"` (CSL's type for preprints and other unpublished papers) with arXiv as publisher
 * and archive, the arXiv id as `number`, split author names, and the user's tags as `keyword`.
 */
import type { StoredPaper } from '../model/paper';
import { citationKeys } from './bibtex';
import { splitName } from './names';
import { displayTitle, paperDate, paperLinks } from './paper-facts';

/** A CSL name: split, or kept whole as `literal`. */
export type CslName = { family: string; given: string } | { literal: string };

/** The CSL-JSON item of a paper. Optional members are absent, never `null`. */
export interface CslItem {
  id: string;
  'citation-key': string;
  type: 'article';
  title: string;
  author: CslName[];
  issued?: { 'date-parts': [[number, number?, number?]] | [[number, number]] | [[number]] };
  publisher: 'arXiv';
  archive: 'arXiv';
  number: string;
  DOI?: string;
  URL?: string;
  abstract?: string;
  keyword?: string;
  note?: string;
}

function issued(paper: StoredPaper): CslItem['issued'] {
  const date = paperDate(paper);
  if (date === undefined) return undefined;
  if (date.month === undefined) return { 'date-parts': [[date.year]] };
  if (date.day === undefined) return { 'date-parts': [[date.year, date.month]] };
  return { 'date-parts': [[date.year, date.month, date.day]] };
}

/** The CSL-JSON items of papers, in order; `citation-key` matches the BibTeX export's keys. */
export function toCslItems(papers: readonly StoredPaper[]): CslItem[] {
  const keys = citationKeys(papers);
  return papers.map((paper, i) => {
    const links = paperLinks(paper);
    const item: CslItem = {
      id: `arXiv:${paper.id}`,
      'citation-key': keys[i]!,
      type: 'article',
      title: displayTitle(paper),
      author: paper.authors.filter((a) => a.trim() !== '').map(splitName),
      publisher: 'arXiv',
      archive: 'arXiv',
      number: paper.id,
    };
    const date = issued(paper);
    if (date !== undefined) item.issued = date;
    if (links.doi !== undefined) item.DOI = links.doi;
    if (links.arxiv !== undefined) item.URL = links.arxiv;
    if (paper.summary !== undefined && paper.summary.trim() !== '') item.abstract = paper.summary.trim();
    if (paper.tags.length > 0) item.keyword = paper.tags.join(', ');
    if (paper.note !== undefined) item.note = paper.note;
    return item;
  });
}

/** A CSL-JSON file (pretty-printed, UTF-8). */
export function toCslJson(papers: readonly StoredPaper[]): string {
  return `${JSON.stringify(toCslItems(papers), null, 2)}\n`;
}
