/**
 * Valibot schemas for every request of the protocol. The background validates each payload on
 * arrival: content scripts run next to pages we do not control, so nothing they send is trusted.
 * Strings and arrays are bounded (see `LIMITS`), ids must be arXiv ids, links must be `https:`.
 * Unknown object keys are dropped.
 */
import * as v from 'valibot';
import { canonicalGithubRepo } from '../parse/code-links';
import type { PaperRecord } from '../parse/types';
import { ARXIV_ID_RE, LIMITS } from './limits';
import type { MessageName, RequestOf } from './protocol';

const n = (value: number) => value.toLocaleString('en-US');

/** A string of at most `max` characters. */
export function textSchema(max: number) {
  return v.pipe(v.string('must be text'), v.maxLength(max, `must be at most ${n(max)} characters`));
}

/** Whether `value` parses as an absolute `https:` URL. */
export function isHttpsUrl(value: string): boolean {
  if (!value.startsWith('https://')) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
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

function listSchema<T extends v.GenericSchema>(item: T, max: number, what: string) {
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

const IdListSchema = listSchema(ArxivIdSchema, LIMITS.ids, 'ids');
const EmptySchema = v.optional(v.object({}, 'must be an object'), {});

/** The page a content script is on: an `https:` URL. */
export const PageUrlSchema = v.pipe(
  textSchema(LIMITS.pageUrl),
  v.check(isHttpsUrl, 'must be an https:// link'),
);

/** The view of a `listPapers` request. */
export const PaperViewSchema = v.variant(
  'kind',
  [
    v.object({ kind: v.literal('saved') }),
    v.object({ kind: v.literal('read') }),
    v.object({ kind: v.literal('seen') }),
    v.object({ kind: v.literal('all') }),
    v.object({
      kind: v.literal('tag'),
      tag: v.pipe(textSchema(LIMITS.tag), v.minLength(1, 'must not be empty')),
    }),
  ],
  'must be one of saved, read, seen, all, tag',
);

function request<T extends v.ObjectEntries>(entries: T) {
  return v.object(entries, 'must be an object');
}

/** The request schema of every message; the keys are exactly the protocol's message names. */
export const requestSchemas = {
  observePapers: request({
    papers: listSchema(PaperRecordSchema, LIMITS.observePapers, 'papers'),
    pageUrl: PageUrlSchema,
  }),
  getStates: request({ ids: IdListSchema, pageUrl: v.optional(PageUrlSchema) }),
  markSeen: request({ ids: IdListSchema }),
  setSaved: request({
    id: ArxivIdSchema,
    saved: v.boolean('must be true or false'),
    paper: v.optional(PaperRecordSchema),
  }),
  setRead: request({ id: ArxivIdSchema, read: v.boolean('must be true or false') }),
  // Exact tag rules (trim, 64 characters, 50 tags) are applied by `normalizeTags` with readable errors;
  // this only bounds the payload.
  setTags: request({ id: ArxivIdSchema, tags: listSchema(textSchema(1_000), 500, 'tags') }),
  setNote: request({ id: ArxivIdSchema, note: textSchema(LIMITS.note) }),
  listPapers: request({
    view: PaperViewSchema,
    limit: v.optional(v.pipe(countSchema(1_000), v.minValue(1, 'must be at least 1'))),
    offset: v.optional(countSchema(10_000_000)),
  }),
  listTags: EmptySchema,
  getStats: EmptySchema,
  exportBackup: EmptySchema,
  importBackup: request({
    backup: v.unknown(),
    mode: v.picklist(['merge', 'replace'], 'must be merge or replace'),
  }),
  eraseAll: EmptySchema,
  setSavedMany: v.object({ ids: IdListSchema, saved: v.boolean('must be true or false') }),
  setReadMany: v.object({ ids: IdListSchema, read: v.boolean('must be true or false') }),
  // As for setTags, `normalizeTags` applies the exact tag rules; this only bounds the payload.
  addTagsMany: v.object({ ids: IdListSchema, tags: listSchema(textSchema(1_000), 500, 'tags') }),
  syncNow: EmptySchema,
} satisfies { [K in MessageName]: v.GenericSchema<unknown, RequestOf<K>> };

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

/** The result of {@link validateRequest}. */
export type Validated<K extends MessageName> =
  | { ok: true; value: RequestOf<K> }
  | { ok: false; error: string };

/** Validates the payload of message `type`; never throws. */
export function validateRequest<K extends MessageName>(type: K, data: unknown): Validated<K> {
  const schema = requestSchemas[type] as v.GenericSchema<unknown, RequestOf<K>>;
  const result = v.safeParse(schema, data);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, error: `Invalid ${type} request: ${describeIssues(result.issues)}.` };
}

// Compile-time check: the record schema produces exactly what the page reader's type describes.
type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const recordSchemaMatchesType: Equal<v.InferOutput<typeof PaperRecordSchema>, PaperRecord> = true;
void recordSchemaMatchesType;
