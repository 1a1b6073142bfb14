/**
 * The hydration JSON: the site renders each page server-side and leaves the component's data on
 * `<div class="SVELTE_HYDRATER" data-target="…" data-props="…JSON…">`. `DailyPapers` carries the
 * list pages' items, `PaperContent` (newer paper pages) one paper. It is the richest source, but
 * it can be missing, cut short, malformed or of an unexpected shape: every value is checked.
 */
import { normalizeArxivId } from '../model/arxiv';
import { safeHttpsUrl } from '../model/links';
import { emptyReading, type PaperReading } from './merge';
import { siteRepoUrl } from './record';
import { collapseWhitespace } from './text';
import { safeThumbnailUrl } from './urls';

/** The hydration blocks this reader knows. */
export type HydrationTarget = 'DailyPapers' | 'PaperContent';

/** What the hydration block of a page gave. */
export type HydrationProps =
  | { state: 'absent' }
  | { state: 'unparsable'; reason: string }
  | { state: 'parsed'; props: unknown };

type JsonObject = Record<string, unknown>;

/** The `[data-target=TARGET][data-props]` element of a page, if any. */
export function findHydrationElement(doc: Document, target: HydrationTarget): Element | undefined {
  return doc.querySelector(`[data-target="${target}"][data-props]`) ?? undefined;
}

/**
 * The longest `data-props` the reader parses: 10 million characters. A month of papers weighs a few
 * megabytes (10,000 generated papers, 6.7 MB); a block far beyond that is not the site's, and parsing
 * it on every scan of the page would cost the user seconds.
 */
export const MAX_HYDRATION_CHARS = 10_000_000;

/** At most this many `dailyPapers` items are read; the cards still give every paper they show. */
export const MAX_HYDRATION_ITEMS = 10_000;

/**
 * Parses the `data-props` JSON of a hydration element (absent: no element); never throws. A block
 * longer than {@link MAX_HYDRATION_CHARS} is not parsed (`unparsable`, saying its size).
 */
export function readHydrationProps(element: Element | undefined): HydrationProps {
  if (element === undefined) return { state: 'absent' };
  try {
    const text = element.getAttribute('data-props') ?? '';
    if (text.length > MAX_HYDRATION_CHARS) {
      const size = (text.length / 1_000_000).toLocaleString('en-US', { maximumFractionDigits: 1 });
      return {
        state: 'unparsable',
        reason: `${size} million characters, over the ${MAX_HYDRATION_CHARS / 1_000_000} million the reader parses`,
      };
    }
    return { state: 'parsed', props: JSON.parse(text) };
  } catch (error) {
    return { state: 'unparsable', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The `DailyPapers` props a list reader uses. */
export interface DailyPapersProps {
  /** The items, in card order. */
  items: unknown[];
  /** The day the props describe (`YYYY-MM-DD`), when they say. */
  date?: string;
}

/** The list and date of parsed `DailyPapers` props, or undefined when there is no list. */
export function dailyPapersOf(props: unknown): DailyPapersProps | undefined {
  const object = asObject(props);
  const items = object?.dailyPapers;
  if (!Array.isArray(items)) return undefined;
  const date = asString(object?.date);
  return {
    items,
    date: date !== undefined && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : undefined,
  };
}

/**
 * One `dailyPapers` item (`{ title, publishedAt, numComments, submittedBy, organization, paper }`)
 * as a reading, or undefined when it has no arXiv id. A flat paper object (the API's shape) is
 * read too.
 */
export function readingFromDailyItem(item: unknown): PaperReading | undefined {
  const object = asObject(item);
  if (object === undefined) return undefined;
  const paper = asObject(object.paper);
  if (paper === undefined) return readingFromPaperJson(object);
  const reading = readingFromPaperJson(paper);
  if (reading === undefined) return undefined;
  // The item's own fields describe the Daily Papers entry and outrank the paper's copies; its
  // `publishedAt` is the exception (see listingTimeOfItem).
  const title = textField(object.title);
  if (title !== undefined) reading.title = title;
  reading.submittedAt ??= listingTimeOfItem(object.publishedAt, reading.publishedAt);
  reading.numComments = count(object.numComments) ?? reading.numComments;
  reading.thumbnail = safeThumbnailUrl(object.thumbnail) ?? reading.thumbnail;
  reading.organization = organizationName(object.organization) ?? reading.organization;
  reading.submittedBy = username(object.submittedBy) ?? reading.submittedBy;
  reading.siteRepo = reading.siteRepo ?? siteRepoUrl(object.githubRepo);
  return reading;
}

/**
 * The item's `publishedAt` as the time the paper was listed, when it can be that. On 2024 pages it
 * was the listing time; on 2026 pages it is the paper's arXiv time shifted back by 4–5 hours, and
 * the listing time is the paper's `submittedOnDailyAt` (read first). A paper is listed after arXiv
 * published it, so the item's value counts only when it is not earlier than the paper's own
 * `publishedAt`; without that date it cannot be told apart and is not used.
 */
function listingTimeOfItem(
  itemPublishedAt: unknown,
  paperPublishedAt: string | undefined,
): string | undefined {
  const listed = isoDate(itemPublishedAt);
  if (listed === undefined || paperPublishedAt === undefined) return undefined;
  return Date.parse(listed) >= Date.parse(paperPublishedAt) ? listed : undefined;
}

/**
 * A paper object (the `paper` of an item, of `PaperContent` props, or of the API) as a reading,
 * or undefined when it has no arXiv id. Comments and other page data are never read.
 */
export function readingFromPaperJson(paper: unknown): PaperReading | undefined {
  const object = asObject(paper);
  const id = normalizeArxivId(object?.id);
  if (object === undefined || id === undefined) return undefined;
  const reading = emptyReading(id);
  reading.title = textField(object.title);
  reading.summary = textField(object.summary);
  if (Array.isArray(object.authors)) {
    reading.authors = visibleAuthorNames(object.authors);
    if (object.authors.length > 0) reading.authorCount = object.authors.length;
  }
  reading.publishedAt = isoDate(object.publishedAt);
  reading.submittedAt = isoDate(object.submittedOnDailyAt);
  reading.upvotes = count(object.upvotes);
  reading.numComments = count(object.numComments);
  reading.siteRepo = siteRepoUrl(object.githubRepo);
  reading.githubStars = count(object.githubStars);
  reading.projectPage = safeHttpsUrl(object.projectPage);
  reading.thumbnail = safeThumbnailUrl(object.thumbnail);
  reading.organization = organizationName(object.organization);
  reading.submittedBy = username(object.submittedOnDailyBy);
  reading.keywords = keywordList(object.ai_keywords);
  reading.aiSummary = textField(object.ai_summary);
  return reading;
}

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * A string field exactly as written, whitespace collapsed (angle brackets in a title are text, see
 * text.ts); undefined when absent or blank.
 */
function textField(value: unknown): string | undefined {
  const text = typeof value === 'string' ? collapseWhitespace(value) : '';
  return text === '' ? undefined : text;
}

/** A non-negative integer, as the site's counters are. */
function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** An ISO 8601 date-time string, kept as the site wrote it. */
function isoDate(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    return undefined;
  }
  return Number.isNaN(Date.parse(value)) ? undefined : value;
}

/** Names of the authors not marked hidden, in order. */
function visibleAuthorNames(authors: unknown[]): string[] {
  const names: string[] = [];
  for (const author of authors) {
    const object = asObject(author);
    if (object === undefined || object.hidden === true) continue;
    const name = textField(object.name);
    if (name !== undefined) names.push(name);
  }
  return names;
}

/** An organization's display name: `fullname`, else `name`; a bare string is a name too. */
function organizationName(value: unknown): string | undefined {
  if (typeof value === 'string') return textField(value);
  const object = asObject(value);
  return object === undefined ? undefined : (textField(object.fullname) ?? textField(object.name));
}

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The username of a `submittedBy`-like object (`name`, or `user` on author-like objects). */
function username(value: unknown): string | undefined {
  const object = asObject(value);
  const name = asString(object?.name) ?? asString(object?.user);
  const trimmed = name?.trim();
  return trimmed !== undefined && USERNAME.test(trimmed) ? trimmed : undefined;
}

/** `ai_keywords` as distinct strings, whitespace collapsed. */
function keywordList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const keywords: string[] = [];
  for (const keyword of value) {
    const text = textField(keyword);
    if (text !== undefined && !keywords.includes(text)) keywords.push(text);
  }
  return keywords;
}

/**
 * The paper of parsed `PaperContent` props (`{ paper, comments, … }`) as a reading, or undefined
 * when there is none. Its `comments` are users' words and are never read.
 */
export function readingFromPaperContent(props: unknown): PaperReading | undefined {
  const object = asObject(props);
  if (object === undefined) return undefined;
  return readingFromPaperJson(asObject(object.paper) ?? object);
}
