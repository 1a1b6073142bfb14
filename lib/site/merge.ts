/**
 * One paper can be read twice on a page: from the hydration JSON and from its card, or from two
 * cards with the same id. A PaperReading is one such reading, before the main repository and the
 * code links are decided (that needs every source at once, see record.ts).
 */

/** What one source said about one paper. Absent fields: that source did not show them. */
export interface PaperReading {
  /** arXiv id without version. */
  id: string;
  title?: string;
  summary?: string;
  authors: string[];
  authorCount?: number;
  publishedAt?: string;
  submittedAt?: string;
  upvotes?: number;
  numComments?: number;
  /** The site's own `githubRepo` field, canonical. Outranks any link. */
  siteRepo?: string;
  /** Canonical code links from the card's or the paper header's own links, in page order. */
  linkedCode: string[];
  githubStars?: number;
  projectPage?: string;
  thumbnail?: string;
  organization?: string;
  submittedBy?: string;
  keywords: string[];
  aiSummary?: string;
}

/** A reading that knows only the id. */
export function emptyReading(id: string): PaperReading {
  return { id, authors: [], linkedCode: [], keywords: [] };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * Merges two readings of the same paper. `richer` (the hydration JSON, or the first card) wins
 * every field it has; `other` fills the rest, so a field present in either is never lost.
 * Lists: the richer non-empty list wins, except code links, which are united (richer first).
 */
export function mergeReadings(richer: PaperReading, other: PaperReading): PaperReading {
  const linkedCode = [...richer.linkedCode];
  for (const link of other.linkedCode) if (!linkedCode.includes(link)) linkedCode.push(link);
  // Absent fields stay as undefined keys here; toPaperRecord drops them from the public record.
  const merged: PaperReading = {
    id: richer.id,
    title: nonEmpty(richer.title) ?? nonEmpty(other.title),
    summary: nonEmpty(richer.summary) ?? nonEmpty(other.summary),
    authors: richer.authors.length > 0 ? richer.authors : other.authors,
    authorCount: richer.authorCount ?? other.authorCount,
    publishedAt: richer.publishedAt ?? other.publishedAt,
    submittedAt: richer.submittedAt ?? other.submittedAt,
    upvotes: richer.upvotes ?? other.upvotes,
    numComments: richer.numComments ?? other.numComments,
    siteRepo: richer.siteRepo ?? other.siteRepo,
    linkedCode,
    githubStars: richer.githubStars ?? other.githubStars,
    projectPage: richer.projectPage ?? other.projectPage,
    thumbnail: richer.thumbnail ?? other.thumbnail,
    organization: nonEmpty(richer.organization) ?? nonEmpty(other.organization),
    submittedBy: nonEmpty(richer.submittedBy) ?? nonEmpty(other.submittedBy),
    keywords: richer.keywords.length > 0 ? richer.keywords : other.keywords,
    aiSummary: nonEmpty(richer.aiSummary) ?? nonEmpty(other.aiSummary),
  };
  return merged;
}

/**
 * Readings keyed by id in first-seen order; a second reading of an id is merged into the first
 * (the first is the richer one). One Map lookup per reading: linear in the number of readings.
 */
export class ReadingsById {
  private readonly byId = new Map<string, PaperReading>();

  /** Adds a reading, merging it into an earlier one with the same id. */
  add(reading: PaperReading): void {
    const earlier = this.byId.get(reading.id);
    this.byId.set(reading.id, earlier === undefined ? reading : mergeReadings(earlier, reading));
  }

  /** The reading for `id`, if any. */
  get(id: string): PaperReading | undefined {
    return this.byId.get(id);
  }

  /** Whether a reading for `id` was added. */
  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** How many distinct papers were read. */
  get size(): number {
    return this.byId.size;
  }

  /** The ids in first-seen order. */
  ids(): string[] {
    return [...this.byId.keys()];
  }
}
