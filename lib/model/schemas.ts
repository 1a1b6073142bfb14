/**
 * Valibot schemas of the records every context exchanges and the store keeps: a paper as read from the
 * site, its ids, links, counts and dates, all bounded by {@link LIMITS}. The message validator and the
 * backup importer build on them, so a row the store wrote always passes both.
 */
import * as v from 'valibot';
import { ARXIV_ID_RE } from './arxiv';
import { canonicalGithubRepo } from './code-links';
import { LIMITS } from './limits';
import { isHttpsUrl } from './links';
import type { PaperRecord } from './paper';

const n = (value: number) => value.toLocaleString('en-US');

/** A string of at most `max` characters. */
export function textSchema(max: number) {
  return v.pipe(v.string('must be text'), v.maxLength(max, `must be at most ${n(max)} characters`));
}

/** An absolute `https:` URL of at most {@link LIMITS}.url characters. */
export const HttpsUrlSchema = v.pipe(textSchema(LIMITS.url), v.check(isHttpsUrl, 'must be an https:// link'));

/** A canonical `https://github.com/OWNER/REPO`, as `canonicalGithubRepo` writes it. */
export const GithubRepoSchema = v.pipe(
  textSchema(LIMITS.url),
  v.check(
    (value) => value.startsWith('https://github.com/') && canonicalGithubRepo(value) === value,
    'must be a canonical https://github.com/OWNER/REPO link',
  ),
);

/** An arXiv id without version, e.g. `2407.21783`. */
export const ArxivIdSchema = v.pipe(
  v.string('must be an arXiv id'),
  v.maxLength(16, 'must be an arXiv id like 2407.21783'),
  v.regex(ARXIV_ID_RE, 'must be an arXiv id like 2407.21783'),
);

/** A whole number from 0 to `max`. */
export function countSchema(max: number = LIMITS.count) {
  return v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(0, 'must not be negative'),
    v.maxValue(max, `must be at most ${n(max)}`),
  );
}

/** An ISO 8601 date or date-time (checked loosely: it starts with `YYYY-MM-DD`). */
export const IsoDateSchema = v.pipe(
  textSchema(LIMITS.isoDate),
  v.regex(/^\d{4}-\d{2}-\d{2}/, 'must be an ISO 8601 date'),
);

export function listSchema<T extends v.GenericSchema>(item: T, max: number, what: string) {
  return v.pipe(v.array(item, 'must be a list'), v.maxLength(max, `must hold at most ${n(max)} ${what}`));
}

/** The fields of a {@link PaperRecord}, for reuse by the backup schema. */
export const paperRecordEntries = {
  id: ArxivIdSchema,
  title: textSchema(LIMITS.title),
  summary: v.optional(textSchema(LIMITS.summary)),
  authors: listSchema(textSchema(LIMITS.author), LIMITS.authors, 'authors'),
  authorCount: v.optional(countSchema(LIMITS.authorCount)),
  publishedAt: v.optional(IsoDateSchema),
  submittedAt: v.optional(IsoDateSchema),
  upvotes: v.optional(countSchema()),
  numComments: v.optional(countSchema()),
  githubRepo: v.optional(GithubRepoSchema),
  githubStars: v.optional(countSchema()),
  projectPage: v.optional(HttpsUrlSchema),
  codeLinks: listSchema(HttpsUrlSchema, LIMITS.codeLinks, 'links'),
  thumbnail: v.optional(HttpsUrlSchema),
  organization: v.optional(textSchema(LIMITS.organization)),
  submittedBy: v.optional(textSchema(LIMITS.submittedBy)),
  keywords: listSchema(textSchema(LIMITS.keyword), LIMITS.keywords, 'keywords'),
  aiSummary: v.optional(textSchema(LIMITS.aiSummary)),
  arxivUrl: HttpsUrlSchema,
  pdfUrl: HttpsUrlSchema,
};

/** One {@link PaperRecord} as the page reader sends it. */
export const PaperRecordSchema = v.object(paperRecordEntries, 'must be a paper record');

/**
 * Describes one issue with its place: `papers[3].githubRepo: must be an https:// link`, or
 * `papers[0].title: is missing` for a required key that is absent.
 */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const dotPath = v.getDotPath(issue);
  const missingKey =
    issue.kind === 'schema' &&
    /object$/.test(issue.type) &&
    issue.received === 'undefined' &&
    issue.expected?.startsWith('"') === true;
  const message = missingKey ? 'is missing' : issue.message;
  if (!dotPath) return message;
  return `${dotPath.replace(/\.(\d+)(?=\.|$)/g, '[$1]')}: ${message}`;
}

/** Describes the first issue of a failed parse (see {@link describeIssue}). */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0];
  return issue === undefined ? 'invalid' : describeIssue(issue);
}

// Compile-time check: the record schema produces exactly what the page reader's type describes.
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const recordSchemaMatchesType: Equal<v.InferOutput<typeof PaperRecordSchema>, PaperRecord> = true;
void recordSchemaMatchesType;
