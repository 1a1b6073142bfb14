/**
 * Turns a merged PaperReading into the public PaperRecord. The main repository is decided here,
 * once every source of the paper is merged, by the documented precedence: the site's own
 * `githubRepo` field, else the first GitHub link of the card or paper header, else the first
 * repository the abstract names.
 */
import { canonicalGithubRepo, findCodeLinks } from './code-links';
import { arxivAbsUrl, arxivPdfUrl } from './ids';
import type { PaperReading } from './merge';
import type { PaperRecord } from './types';

/**
 * The site's `githubRepo` value (seen as a full URL and as `owner/repo`) as a canonical
 * `https://github.com/OWNER/REPO`, or undefined when it names no repository.
 */
export function siteRepoUrl(value: unknown): string | undefined {
  return typeof value === 'string' ? canonicalGithubRepo(value) : undefined;
}

/** The public record for a reading: every optional field present only when some source had it. */
export function toPaperRecord(reading: PaperReading): PaperRecord {
  // One scan of the abstract; its GitHub repositories are the links that are canonical repos.
  const summaryCode = reading.summary === undefined ? [] : findCodeLinks(reading.summary);
  const summaryRepo = summaryCode.find(isGithubRepo);
  const linkedRepo = reading.linkedCode.find(isGithubRepo);
  const githubRepo = reading.siteRepo ?? linkedRepo ?? summaryRepo;

  const codeLinks: string[] = githubRepo === undefined ? [] : [githubRepo];
  for (const link of reading.linkedCode) if (!codeLinks.includes(link)) codeLinks.push(link);
  for (const link of summaryCode) if (!codeLinks.includes(link)) codeLinks.push(link);

  // Built field by field, in the order of PaperRecord, so that absent fields have no key.
  const record: Partial<PaperRecord> = { id: reading.id, title: reading.title ?? '' };
  if (reading.summary !== undefined) record.summary = reading.summary;
  record.authors = reading.authors;
  if (reading.authorCount !== undefined) record.authorCount = reading.authorCount;
  if (reading.publishedAt !== undefined) record.publishedAt = reading.publishedAt;
  if (reading.submittedAt !== undefined) record.submittedAt = reading.submittedAt;
  if (reading.upvotes !== undefined) record.upvotes = reading.upvotes;
  if (reading.numComments !== undefined) record.numComments = reading.numComments;
  if (githubRepo !== undefined) {
    record.githubRepo = githubRepo;
    // Stars describe the main repository; without one they would describe nothing.
    if (reading.githubStars !== undefined) record.githubStars = reading.githubStars;
  }
  if (reading.projectPage !== undefined) record.projectPage = reading.projectPage;
  record.codeLinks = codeLinks;
  if (reading.thumbnail !== undefined) record.thumbnail = reading.thumbnail;
  if (reading.organization !== undefined) record.organization = reading.organization;
  if (reading.submittedBy !== undefined) record.submittedBy = reading.submittedBy;
  record.keywords = reading.keywords;
  if (reading.aiSummary !== undefined) record.aiSummary = reading.aiSummary;
  record.arxivUrl = arxivAbsUrl(reading.id);
  record.pdfUrl = arxivPdfUrl(reading.id);
  return record as PaperRecord;
}

/** Whether a canonical code link is a GitHub repository. */
function isGithubRepo(link: string): boolean {
  return canonicalGithubRepo(link) === link;
}
