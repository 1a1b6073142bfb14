/**
 * What "For you" (issue 14) tells the overlay and the popup about a list of papers: a level and the words
 * that explain it per paper, or a cold start. Plain JSON; the ranker itself lives in `lib/ranking`.
 */

/** How well a paper matches what the reader keeps, relative to what they pass over. */
export type ForYouLevel = 'high' | 'medium' | 'low';

/** One paper's place in "For you". */
export interface ForYouScore {
  id: string;
  /** Higher = more like what the reader keeps; comparable only within one answer. */
  score: number;
  level: ForYouLevel;
  /** The paper's own words that raised its score most, best first (at most a few). */
  words: string[];
}

/** The answer for a list of papers: their scores in the order asked, or why there are none yet. */
export interface ForYouRanking {
  /** Present when too few papers are liked to learn from yet: `scores` is empty and the list keeps its order. */
  coldStart?: {
    /** Liked papers (saved, tagged, read) so far. */
    liked: number;
    /** Liked papers needed before anything is ranked. */
    needed: number;
  };
  /** One per known paper asked about, in the order asked (unknown ids are left out). */
  scores: ForYouScore[];
}

/**
 * The ids of `scores` best first; equal scores keep the order given, so ties never shuffle a list.
 */
export function forYouOrder(scores: readonly ForYouScore[]): string[] {
  return scores
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.score - a.s.score || a.i - b.i)
    .map(({ s }) => s.id);
}
