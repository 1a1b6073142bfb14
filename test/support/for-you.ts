/** Stored papers on two topics, for the tests of "For you" over the store. */
import type { StoredPaper } from '../../lib/model/paper';
import { makeStored } from '../fixtures/db/records';
import { twoTopics } from './ranking';

/**
 * `count` stored papers on speculative decoding and `count` on robots, all seen, nothing else done with
 * them; ids `2501.0000N` (decoding) and `2502.0000N` (robots).
 */
export function storedTopics(count = 8): { decoding: StoredPaper[]; robots: StoredPaper[] } {
  const { decoding, robots } = twoTopics(count);
  const row = (month: string, i: number, title: string, summary: string | undefined): StoredPaper => {
    const stored = makeStored(i, {
      id: `${month}.${String(i).padStart(5, '0')}`,
      title,
      summary,
      keywords: [],
      state: 'seen',
      tags: [],
    });
    delete stored.readAt;
    delete stored.savedAt;
    delete stored.note;
    return stored;
  };
  return {
    decoding: decoding.map((d, i) => row('2501', i + 1, d.title, d.summary)),
    robots: robots.map((d, i) => row('2502', i + 1, d.title, d.summary)),
  };
}
