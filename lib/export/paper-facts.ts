/**
 * Facts every export format derives the same way from a stored paper: its year and month, its
 * canonical links, its arXiv DOI. Links are rebuilt from the id and the canonical repository, never
 * copied from page text.
 */
import { arxivAbsUrl, arxivPdfUrl, isArxivId, paperPageUrl } from '../model/arxiv';
import { canonicalGithubRepo } from '../model/code-links';
import { safeHttpsUrl } from '../model/links';
import type { StoredPaper } from '../model/paper';

/** Year and month (1–12) of a paper's publication, when known. */
export interface PaperDate {
  year: number;
  month?: number;
  day?: number;
}

/**
 * When the paper was published: `publishedAt` when the page gave it; otherwise the month its arXiv id
 * encodes (`2407.21783` was first submitted in July 2024), which is exact for every modern id.
 */
export function paperDate(paper: Pick<StoredPaper, 'id' | 'publishedAt'>): PaperDate | undefined {
  const iso =
    paper.publishedAt === undefined ? undefined : /^(\d{4})-(\d{2})-(\d{2})/.exec(paper.publishedAt);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  const fromId = /^(\d{2})(\d{2})\./.exec(paper.id);
  if (fromId) {
    const month = Number(fromId[2]);
    if (month >= 1 && month <= 12) return { year: 2000 + Number(fromId[1]), month };
  }
  return undefined;
}

/** The canonical links of a paper; a link is absent when it cannot be built safely. */
export interface PaperLinks {
  /** `https://huggingface.co/papers/ID`. */
  page?: string;
  /** `https://arxiv.org/abs/ID`. */
  arxiv?: string;
  /** `https://arxiv.org/pdf/ID`. */
  pdf?: string;
  /** Canonical `https://github.com/OWNER/REPO`. */
  github?: string;
  /** The project page, an `https:` URL re-serialised by the URL parser. */
  project?: string;
  /** `10.48550/arXiv.ID`, the DOI arXiv assigns to every paper. */
  doi?: string;
}

/** Builds a paper's links from its id, its canonical repository and its checked project page. */
export function paperLinks(paper: Pick<StoredPaper, 'id' | 'githubRepo' | 'projectPage'>): PaperLinks {
  const links: PaperLinks = {};
  if (isArxivId(paper.id)) {
    links.page = paperPageUrl(paper.id);
    links.arxiv = arxivAbsUrl(paper.id);
    links.pdf = arxivPdfUrl(paper.id);
    links.doi = `10.48550/arXiv.${paper.id}`;
  }
  const github = paper.githubRepo === undefined ? undefined : canonicalGithubRepo(paper.githubRepo);
  if (github !== undefined && github === paper.githubRepo) links.github = github;
  const project = safeHttpsUrl(paper.projectPage);
  if (project !== undefined) links.project = project;
  return links;
}

/** The title to show or export: the stored title, or `arXiv ID` when the store has none yet. */
export function displayTitle(paper: Pick<StoredPaper, 'id' | 'title'>): string {
  const title = paper.title.replace(/\s+/g, ' ').trim();
  return title === '' ? `arXiv ${paper.id}` : title;
}
