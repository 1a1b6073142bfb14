/**
 * Invented reading histories for the sync codec's tests and the `sync.bytes.10000` benchmark.
 *
 * - `sessions`: how people read Daily Papers. About 200 reading days over a year, one to three sessions a
 *   day, marks a few seconds to a few minutes apart; papers mostly from the month of reading, some from up to
 *   two years before; saved papers mostly read first, tagged from a small vocabulary; a few removals.
 * - `uniform`: the adversary of the coding: every stamp uniformly random over the year, every id uniformly
 *   random over 24 months and the whole number range.
 *
 * `npm run bench` measures `sync.bytes.10000` in Chromium, on the library of `scripts/bench-data.mjs`; the
 * codec's tests measure the same kind of history here, before any browser is involved.
 */
import type { Stamped, SyncPaper, SyncState } from '../../lib/sync/types';
import { seededRandom } from './papers';

/** 2025-01-01T00:00:00Z, in seconds. */
export const YEAR_START = 1_735_689_600;
const DAY = 86_400;
const YEAR = 365 * DAY;

const TAGS = [
  'to-read',
  'LLM',
  'diffusion',
  'RL',
  'agents',
  'vision',
  'benchmark',
  'survey',
  'reasoning',
  'code',
  'robotics',
  'audio',
  'Efficiency',
  'alignment',
  'multimodal',
  'RAG',
  'video',
  '3D',
  'theory',
  'datasets',
  'MoE',
  'quantization',
  'long-context',
  'evaluation',
];

/** What {@link makeReadingState} builds. */
export interface ReadingStateOptions {
  reads: number;
  saved: number;
  /** Short notes on that many saved papers (default 0). */
  notes?: number;
  pattern: 'sessions' | 'uniform';
  seed?: number;
}

/** The arXiv month `monthsBack` months before month `index` of 2025 (0 = January). */
function monthId(index: number, monthsBack: number): string {
  const total = 2025 * 12 + index - monthsBack;
  const year = Math.floor(total / 12) % 100;
  const month = (total % 12) + 1;
  return `${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}`;
}

/** A reading history of `reads` read marks and `saved` saved papers, each with one to three tags. */
export function makeReadingState(options: ReadingStateOptions): SyncState {
  const random = seededRandom(options.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const papers = new Map<string, SyncPaper>();
  const paperOf = (id: string) => {
    let paper = papers.get(id);
    if (!paper) {
      paper = {};
      papers.set(id, paper);
    }
    return paper;
  };
  /** A paper not used yet, of the month `at` falls in (or up to 23 months before). */
  const freshId = (at: number): string => {
    for (;;) {
      let id: string;
      if (options.pattern === 'uniform') {
        id = `${monthId(Math.floor(random() * 24) - 11, 0)}.${String(1 + Math.floor(random() * 99_998)).padStart(5, '0')}`;
      } else {
        const monthIndex = Math.min(11, Math.floor((at - YEAR_START) / (YEAR / 12)));
        const back = random() < 0.8 ? 0 : random() < 0.6 ? 1 : Math.floor(random() * 24);
        id = `${monthId(monthIndex, back)}.${String(1 + Math.floor(random() * 24_000)).padStart(5, '0')}`;
      }
      if (!papers.has(id)) return id;
    }
  };

  // The moments of reading: sessions on about 200 days, or uniform over the year.
  const moments = (count: number): number[] => {
    if (options.pattern === 'uniform') {
      return Array.from({ length: count }, () => YEAR_START + Math.floor(random() * YEAR)).sort(
        (a, b) => a - b,
      );
    }
    const days = new Set<number>();
    while (days.size < 200) days.add(Math.floor(random() * 365));
    const perDay = count / 200;
    const out: number[] = [];
    for (const day of [...days].sort((a, b) => a - b)) {
      const sessions = 1 + Math.floor(random() * 3);
      let left = Math.round(perDay * (0.5 + random()));
      for (let s = 0; s < sessions && out.length < count; s++) {
        let at = YEAR_START + day * DAY + (7 + s * 5) * 3600 + Math.floor(random() * 3600);
        const inSession = s === sessions - 1 ? left : Math.floor(left / (sessions - s));
        left -= inSession;
        for (let m = 0; m < inSession && out.length < count; m++) {
          out.push(at);
          at += random() < 0.85 ? 3 + Math.floor(random() * 90) : 60 + Math.floor(random() * 600);
        }
      }
    }
    while (out.length < count) out.push((out.at(-1) ?? YEAR_START) + 30);
    return out;
  };

  const readAts = moments(options.reads);
  const readIds: string[] = [];
  for (const at of readAts) {
    const id = freshId(at);
    readIds.push(id);
    // About one mark in a hundred was taken back ("mark as unread"), published an hour later.
    const read: Stamped<boolean> =
      random() < 0.01 ? { value: false, at: at + 120, published: at + 3_720 } : { value: true, at };
    paperOf(id).read = read;
  }

  // Saved papers: four in five are papers just read (saved a few seconds after), the rest found elsewhere.
  const otherAts = moments(Math.ceil(options.saved / 5));
  for (let n = 0; n < options.saved; n++) {
    const fromRead = n % 5 !== 4 && readIds.length > 0;
    const id = fromRead
      ? readIds[Math.floor((n / options.saved) * readIds.length)]!
      : freshId(otherAts[n >> 2] ?? YEAR_START);
    const paper = paperOf(id);
    const at = fromRead
      ? (paper.read?.at ?? YEAR_START) + 2 + Math.floor(random() * 20)
      : (otherAts[n >> 2] ?? YEAR_START);
    paper.saved =
      random() < 0.02 ? { value: false, at: at + DAY, published: at + DAY + 600 } : { value: true, at };
    const tags: Record<string, Stamped<string | null>> = {};
    const count = 1 + Math.floor(random() * 3);
    for (let t = 0; t < count; t++) {
      const tag = pick(TAGS);
      tags[tag.toLowerCase()] =
        random() < 0.02
          ? { value: null, at: at + 3 * DAY, published: at + 3 * DAY + 60 }
          : { value: tag, at: at + t };
    }
    paper.tags = tags;
    if (n < (options.notes ?? 0))
      paper.note = { value: `Compare with the baseline in §${n % 9}; "why" it works?`, at };
  }

  const settings: SyncState['settings'] = {
    overlayStyle: { value: 'dim', at: YEAR_START + 100 },
    recordSeen: { value: true, at: YEAR_START + 100 },
    markReadOnOpen: { value: true, at: YEAR_START + 100 },
    keyboardShortcuts: { value: false, at: YEAR_START + 5_000 },
    fetchCodeLinks: { value: true, at: YEAR_START + 100 },
    badge: { value: 'unread', at: YEAR_START + 9_000 },
  };
  return { papers, settings };
}
