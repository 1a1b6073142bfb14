/** Small hand-made papers for the ranker's tests: two topics a reader can tell apart. */
import type { RankingDoc, RankingLabel } from '../../lib/ranking';

const DECODING = [
  'Speculative decoding with a draft model and a verifier',
  'Faster speculative decoding: the draft proposes, the verifier accepts tokens',
  'Tree drafts for speculative decoding verifier acceptance',
  'Self speculative decoding without a separate draft model',
  'Draft length adaptation in speculative decoding with a verifier',
  'Parallel draft heads speed up speculative decoding',
  'Verifier calibration for speculative decoding drafts',
  'Speculative decoding drafts for long outputs with a verifier',
];
const ROBOTS = [
  'Robot grasping from tactile sensors in cluttered bins',
  'Legged robot locomotion learned in simulation',
  'Tactile robot manipulation of deformable objects',
  'Robot navigation with maps built from cameras',
  'Grasping transparent objects with a robot arm',
  'Robot locomotion over stairs and rough terrain',
  'Bimanual robot manipulation with tactile feedback',
  'Robot arm grasping policies from human videos',
];

/** `count` papers on speculative decoding (ids `d0`…) and `count` on robots (ids `r0`…). */
export function twoTopics(count = 8): { decoding: RankingDoc[]; robots: RankingDoc[] } {
  const make = (prefix: string, titles: string[]) =>
    titles.slice(0, count).map((title, i) => ({
      id: `${prefix}${i}`,
      title,
      summary: `${title}. We report results on standard benchmarks.`,
    }));
  return { decoding: make('d', DECODING), robots: make('r', ROBOTS) };
}

/** Labels: the given papers saved, the others passed over. */
export function savedAndSkipped(
  saved: readonly RankingDoc[],
  skipped: readonly RankingDoc[],
): RankingLabel[] {
  return [
    ...saved.map((d) => ({ id: d.id, signal: 'saved' as const })),
    ...skipped.map((d) => ({ id: d.id, signal: 'skipped' as const })),
  ];
}

/** Vocabulary settings for a handful of papers (the product's need more papers than a test has). */
export const SMALL_CORPUS = { tfidf: { minDf: 1, maxDf: 1, maxFeatures: 20_000 }, now: 0 } as const;
