/**
 * Search as you type over the reading list, through MiniSearch inverted indexes (never a scan of every
 * paper): title, authors, abstract, tags, note and repository names, prefix and typo tolerant.
 *
 * Two indexes, because abstracts are nine tenths of the text: the short fields (title, authors, tags,
 * note, repository names) are indexed at once and match every query term by prefix and, from
 * {@link FUZZY_MIN_LENGTH} characters, with a typo or two (one edit up to nine characters, two beyond);
 * abstracts are indexed in the background afterwards (see `lib/popup/reading-list-model.ts`) and match
 * whole words, and prefixes from {@link ABSTRACT_PREFIX_MIN_LENGTH} characters on, without typos. Each
 * of those limits keeps a keystroke from scoring thousands of abstract words it barely resembles: a
 * common word ("model") is in most abstracts, and its misspellings and prefixes in nearly all.
 *
 * Terms are folded (lower case, Latin accents removed), so `muller` finds "Müller". Every query term
 * must match somewhere (AND), which is what narrowing a list while typing feels like; English function
 * words ("of", "the") are not indexed and are skipped in queries of several terms.
 */
import MiniSearch, { type SearchOptions } from 'minisearch';
import type { StoredPaper } from '../model/paper';

/** Typos in titles, authors, tags, notes and repository names are tolerated from this term length on. */
export const FUZZY_MIN_LENGTH = 4;
/** Abstract words match by prefix from this query term length on, and whole otherwise. */
export const ABSTRACT_PREFIX_MIN_LENGTH = 5;

/**
 * Words too common in English titles and abstracts to tell papers apart. They are left out of both
 * indexes, which keeps the longest posting lists out of every search.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be both but by can for from has have in into is it its not of on or our than that the their these this to we which with'.split(
    ' ',
  ),
);

/**
 * Lower case without Latin, Greek and Cyrillic diacritics: the same folding for indexed text and for
 * queries. Only the combining diacritical marks block is removed, so marks that change a letter in
 * other scripts (the dakuten of デ, Indic vowel signs) stay.
 */
export function foldTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/[\u0300-\u036f]+/g, '')
    .normalize('NFC')
    .toLowerCase();
}

// Letters and digits of any script; everything else separates terms ("llama-recipes" → llama, recipes).
const TERM_RE = /[\p{L}\p{N}]+/gu;

/** Splits text into folded terms. */
export function tokenize(text: string): string[] {
  return foldTerm(text).match(TERM_RE) ?? [];
}

/** The distinct terms of `text` worth indexing (no function words). */
function indexTerms(text: string): string[] {
  return [...new Set(tokenize(text))].filter((term) => !STOP_WORDS.has(term));
}

/**
 * The repository names of a paper, as paths (`meta-llama/llama3`, `spaces/org/demo`) of its main
 * repository and every canonical code link. Only the path is used, so `github` matches nothing.
 */
export function repositoryNames(paper: Pick<StoredPaper, 'githubRepo' | 'codeLinks'>): string[] {
  const names: string[] = [];
  const links = paper.githubRepo === undefined ? paper.codeLinks : [paper.githubRepo, ...paper.codeLinks];
  for (const link of links) {
    let path: string;
    try {
      path = new URL(link).pathname;
    } catch {
      continue;
    }
    const name = path
      .split('/')
      .filter((part) => part !== '')
      .join('/')
      .replace(/\.git$/, '');
    if (name !== '' && !names.includes(name)) names.push(name);
  }
  return names;
}

/** The short fields of one paper, as the first index holds them. */
interface FieldsDocument {
  id: string;
  title: string;
  authors: string;
  tags: string;
  note: string;
  repos: string;
}

/** How much a match in each short field counts (an abstract match counts 1). */
const FIELD_BOOST = { title: 4, repos: 3, authors: 2.5, tags: 2.5, note: 1.5 } as const;

function fieldsDocument(paper: StoredPaper): FieldsDocument {
  return {
    id: paper.id,
    title: paper.title,
    authors: paper.authors.join(' ; '),
    tags: paper.tags.join(' ; '),
    note: paper.note ?? '',
    repos: repositoryNames(paper).join(' ; '),
  };
}

/** One hit: a paper id and how well it matched (higher is better). */
export interface SearchHit {
  id: string;
  score: number;
}

const keepTerm = (term: string) => (term === '' ? null : term);
/** Query terms whose scores are kept between keystrokes. */
const TERM_CACHE_SIZE = 16;
// Queries reach MiniSearch one folded term at a time, so the term is its own single token.
const asOneTerm = (term: string) => [term];

/** The search indexes of the reading list. Papers are added, replaced and removed as they change. */
export class PaperSearch {
  private readonly fields = new MiniSearch<FieldsDocument>({
    fields: Object.keys(FIELD_BOOST),
    storeFields: [],
    tokenize: (text) => indexTerms(text),
    processTerm: keepTerm,
    autoVacuum: false,
  });
  private readonly abstracts = new MiniSearch<{ id: string; summary: string }>({
    fields: ['summary'],
    storeFields: [],
    tokenize: (text) => indexTerms(text),
    processTerm: keepTerm,
    autoVacuum: false,
  });
  /** Scores per query term (never changed once made), emptied whenever an index changes. */
  private readonly termCache = new Map<string, Map<string, number>>();

  /** How many papers have their short fields indexed (they are searchable). */
  get size(): number {
    return this.fields.documentCount;
  }

  /** How many papers have their abstract indexed. */
  get abstractCount(): number {
    return this.abstracts.documentCount;
  }

  /** Whether paper `id` is searchable. */
  has(id: string): boolean {
    return this.fields.has(id);
  }

  /** Indexes papers completely (short fields and abstract), replacing what was indexed of them. */
  upsert(papers: Iterable<StoredPaper>): void {
    for (const paper of papers) {
      this.upsertFields([paper]);
      this.upsertAbstract(paper);
    }
  }

  /** Indexes (or re-indexes) only the short fields of papers: the fast first pass. */
  upsertFields(papers: Iterable<StoredPaper>): void {
    this.termCache.clear();
    for (const paper of papers) {
      const doc = fieldsDocument(paper);
      if (this.fields.has(paper.id)) this.fields.replace(doc);
      else this.fields.add(doc);
    }
  }

  /** Indexes (or re-indexes) the abstract of one paper: the slow second pass, one paper at a time. */
  upsertAbstract(paper: StoredPaper): void {
    this.termCache.clear();
    const doc = { id: paper.id, summary: paper.summary ?? '' };
    if (this.abstracts.has(paper.id)) this.abstracts.replace(doc);
    else this.abstracts.add(doc);
  }

  /** Whether the abstract of paper `id` is indexed. */
  hasAbstract(id: string): boolean {
    return this.abstracts.has(id);
  }

  /** Removes papers from both indexes; unknown ids are ignored. */
  remove(ids: Iterable<string>): void {
    this.termCache.clear();
    for (const id of ids) {
      if (this.fields.has(id)) this.fields.discard(id);
      if (this.abstracts.has(id)) this.abstracts.discard(id);
    }
  }

  /** Empties both indexes. */
  clear(): void {
    this.termCache.clear();
    this.fields.removeAll();
    this.abstracts.removeAll();
  }

  /**
   * The papers matching every significant term of `query`, best first. Function words count only
   * when the query has nothing else (or when it is the last, still unfinished term). An empty result
   * for a query without terms.
   */
  search(query: string): SearchHit[] {
    const terms = tokenize(query);
    if (terms.length === 0) return [];
    const significant = terms.filter((term, i) => !STOP_WORDS.has(term) || i === terms.length - 1);
    let combined: Map<string, number> | undefined;
    for (const term of significant.length > 0 ? significant : terms) {
      const scores = this.matchTerm(term);
      if (combined === undefined) {
        combined = scores;
      } else {
        const both = new Map<string, number>();
        for (const [id, score] of scores) {
          const before = combined.get(id);
          if (before !== undefined) both.set(id, before + score);
        }
        combined = both;
      }
      if (combined.size === 0) break;
    }
    const hits: SearchHit[] = [];
    for (const [id, score] of combined ?? []) hits.push({ id, score });
    return hits.sort((a, b) => b.score - a.score || (a.id < b.id ? 1 : -1));
  }

  /**
   * Scores of the papers one term matches, in any field. The answers for the last few terms are kept
   * until the index changes: while a second word is typed, the first one is not searched again.
   */
  private matchTerm(term: string): Map<string, number> {
    const cached = this.termCache.get(term);
    if (cached !== undefined) return cached;
    const scores = this.scoreTerm(term);
    if (this.termCache.size >= TERM_CACHE_SIZE) this.termCache.delete(this.termCache.keys().next().value!);
    this.termCache.set(term, scores);
    return scores;
  }

  private scoreTerm(term: string): Map<string, number> {
    const fuzzy = term.length >= FUZZY_MIN_LENGTH ? 0.2 : false;
    const fieldOptions: SearchOptions = {
      prefix: true,
      fuzzy,
      maxFuzzy: 2,
      boost: FIELD_BOOST,
      tokenize: asOneTerm,
      processTerm: keepTerm,
    };
    const scores = new Map<string, number>();
    for (const r of this.fields.search(term, fieldOptions)) scores.set(r.id as string, r.score);
    if (!STOP_WORDS.has(term) && term.length >= 2) {
      const abstractOptions: SearchOptions = {
        prefix: term.length >= ABSTRACT_PREFIX_MIN_LENGTH,
        tokenize: asOneTerm,
        processTerm: keepTerm,
      };
      for (const r of this.abstracts.search(term, abstractOptions)) {
        const id = r.id as string;
        scores.set(id, (scores.get(id) ?? 0) + r.score);
      }
    }
    return scores;
  }
}
