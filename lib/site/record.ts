/**
 * Turns a merged PaperReading into the public PaperRecord. The main repository is decided here,
 * once every source of the paper is merged, by the documented precedence: the site's own
 * `githubRepo` field, else the first GitHub link of the card or paper header, else the first
 * repository the abstract names.
 */

import { arxivAbsUrl, arxivPdfUrl } from '../model/arxiv';
import { canonicalGithubRepo, findCodeLinks } from '../model/code-links';
import { LIMITS } from '../model/limits';
import type { PaperRecord } from '../model/paper';
import type { PaperReading } from './merge';

/**
 * The site's `githubRepo` value (seen as a full URL and as `owner/repo`) as a canonical
 * `https://github.com/OWNER/REPO`, or undefined when it names no repository.
 */
export function siteRepoUrl(value: unknown): string | undefined {
  return typeof value === 'string' ? canonicalGithubRepo(value) : undefined;
}

/**
 * The public record for a reading: every optional field present only when some source had it.
 * The record is cut to the store's bounds ({@link fitToStoreLimits}), so the background never
 * refuses a page's request because one card of it is absurd; when `warnings` is given, a cut is
 * said there.
 */
export function toPaperRecord(reading: PaperReading, warnings?: string[]): PaperRecord {
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
  const cut = fitToStoreLimits(record as PaperRecord);
  if (cut.length > 0) {
    warnings?.push(`Paper ${reading.id}: ${cut.join(', ')} over the store's limits; cut to fit`);
  }
  return record as PaperRecord;
}

/** `text` cut to `max` UTF-16 units, never in the middle of a surrogate pair. */
function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * Brings a record within the bounds the background's validator enforces (`LIMITS`, shared with the
 * store): text is cut (title, summary, author names, organization, AI summary); lists keep their
 * first items (authors, keywords, code links); values that cannot be cut without becoming wrong
 * (links, dates, a username, counts) are dropped. Returns the names of the fields it changed.
 */
export function fitToStoreLimits(record: PaperRecord): string[] {
  const cut: string[] = [];
  const text = (field: 'title' | 'summary' | 'organization' | 'aiSummary', max: number) => {
    const value = record[field];
    if (value !== undefined && value.length > max) {
      record[field] = cutText(value, max);
      cut.push(field);
    }
  };
  const drop = (field: keyof PaperRecord, fits: boolean) => {
    if (record[field] !== undefined && !fits) {
      delete record[field];
      cut.push(field);
    }
  };
  text('title', LIMITS.title);
  text('summary', LIMITS.summary);
  text('organization', LIMITS.organization);
  text('aiSummary', LIMITS.aiSummary);
  if (record.authors.length > LIMITS.authors || record.authors.some((a) => a.length > LIMITS.author)) {
    record.authors = record.authors.slice(0, LIMITS.authors).map((a) => cutText(a, LIMITS.author));
    cut.push('authors');
  }
  const keywords = record.keywords.filter((k) => k.length <= LIMITS.keyword).slice(0, LIMITS.keywords);
  if (keywords.length !== record.keywords.length) {
    record.keywords = keywords;
    cut.push('keywords');
  }
  const codeLinks = record.codeLinks.filter((l) => l.length <= LIMITS.url).slice(0, LIMITS.codeLinks);
  if (codeLinks.length !== record.codeLinks.length) {
    record.codeLinks = codeLinks;
    cut.push('codeLinks');
  }
  drop('authorCount', (record.authorCount ?? 0) <= LIMITS.authorCount);
  drop('publishedAt', (record.publishedAt ?? '').length <= LIMITS.isoDate);
  drop('submittedAt', (record.submittedAt ?? '').length <= LIMITS.isoDate);
  for (const count of ['upvotes', 'numComments', 'githubStars'] as const) {
    drop(count, (record[count] ?? 0) <= LIMITS.count);
  }
  for (const link of ['githubRepo', 'projectPage', 'thumbnail'] as const) {
    drop(link, (record[link] ?? '').length <= LIMITS.url);
  }
  drop('submittedBy', (record.submittedBy ?? '').length <= LIMITS.submittedBy);
  return cut;
}

/** Whether a canonical code link is a GitHub repository. */
function isGithubRepo(link: string): boolean {
  return canonicalGithubRepo(link) === link;
}
