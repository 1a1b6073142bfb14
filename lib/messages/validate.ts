/**
 * Valibot schemas for every request of the protocol. The background validates each payload on
 * arrival: content scripts run next to pages we do not control, so nothing they send is trusted.
 * Strings and arrays are bounded (see `LIMITS`), ids must be arXiv ids, links must be `https:`.
 * Unknown object keys are dropped.
 */
import * as v from 'valibot';
import { isDay, MAX_RANGE_DAYS } from '../model/inbox';
import { LIMITS } from '../model/limits';
import { isHttpsUrl } from '../model/links';
import {
  ArxivIdSchema,
  countSchema,
  describeIssues,
  listSchema,
  PaperRecordSchema,
  textSchema,
} from '../model/schemas';
import type { MessageName, RequestOf } from './protocol';

const IdListSchema = listSchema(ArxivIdSchema, LIMITS.ids, 'ids');
const EmptySchema = v.optional(v.object({}, 'must be an object'), {});
/** A calendar day, `YYYY-MM-DD`. */
const DaySchema = v.pipe(
  v.string('must be a day'),
  v.check((d: string) => isDay(d), 'must be a day YYYY-MM-DD'),
);

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
  setDismissed: request({ id: ArxivIdSchema, dismissed: v.boolean('must be true or false') }),
  setWatched: request({ id: ArxivIdSchema, watched: v.boolean('must be true or false') }),
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
  getInboxDay: request({ date: DaySchema }),
  rankPapers: request({
    ids: IdListSchema,
    tag: v.optional(v.pipe(textSchema(LIMITS.tag), v.minLength(1, 'must not be empty'))),
    days: v.optional(listSchema(DaySchema, MAX_RANGE_DAYS, 'days')),
  }),
  resetForYou: EmptySchema,
  openInbox: EmptySchema,
  checkNow: EmptySchema,
  markUpdatesRead: EmptySchema,
} satisfies { [K in MessageName]: v.GenericSchema<unknown, RequestOf<K>> };

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
