/**
 * Small builders for readable test data: one stored paper with sensible defaults, and a seeded,
 * realistic reading list of any size (Zipf-distributed vocabulary, abstracts of ~150 words, a third
 * with code links, tags on some) for the search and popup timings at 1,000 and 10,000 papers.
 */
import type { StoredPaper } from '../../lib/model/paper';
import { seededRandom } from '../../lib/ranking/svm';

const DAY = 86_400_000;
/** 2025-03-01T00:00:00Z: "now" of the generated lists. */
export const LIBRARY_NOW = Date.UTC(2025, 2, 1);

/** One saved, unread paper with every required field; `overrides` win. */
export function makePaper(overrides: Partial<StoredPaper> & { id: string }): StoredPaper {
  const { id } = overrides;
  return {
    title: `Paper ${id}`,
    authors: ['Ada Lovelace', 'Alan Turing'],
    codeLinks: [],
    keywords: [],
    arxivUrl: `https://arxiv.org/abs/${id}`,
    pdfUrl: `https://arxiv.org/pdf/${id}`,
    state: 'seen',
    firstSeenAt: LIBRARY_NOW - 10 * DAY,
    lastSeenAt: LIBRARY_NOW - DAY,
    savedAt: LIBRARY_NOW - DAY,
    tags: [],
    updatedAt: LIBRARY_NOW - DAY,
    ...overrides,
  };
}

/** A small deterministic pseudo-random generator (mulberry32): the ranker's own. */
export { seededRandom };

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'sta',
  'ten',
  'vor',
  'xil',
  'bra',
  'cor',
  'den',
  'fu',
  'gra',
  'hel',
  'jin',
  'pla',
  'qui',
  'sen',
  'tor',
  'ul',
  'zen',
  'mo',
  'ra',
];
/** Function words, the most common of all (ranks 0–9), as in any English text. */
const FUNCTION_WORDS = ['the', 'of', 'and', 'a', 'we', 'to', 'in', 'for', 'on', 'with'];
/**
 * Domain words at roughly the frequency rank they have in ML abstracts: "model" is in about two thirds
 * of them, "diffusion" in about one in fifteen.
 */
const DOMAIN_WORDS: readonly [string, number][] = [
  ['model', 12],
  ['models', 15],
  ['language', 25],
  ['learning', 30],
  ['training', 40],
  ['efficient', 90],
  ['generation', 100],
  ['vision', 120],
  ['transformer', 150],
  ['reasoning', 180],
  ['diffusion', 200],
  ['inference', 220],
  ['benchmark', 250],
  ['attention', 300],
  ['video', 350],
  ['agents', 400],
  ['multimodal', 450],
  ['scaling', 500],
  ['alignment', 600],
  ['retrieval', 700],
];

const GIVEN = [
  'Wei',
  'Anna',
  'José',
  'Li',
  'Maria',
  'Hiroshi',
  'Olga',
  'Ahmed',
  'Chen',
  'Sofia',
  'Jürgen',
  'Priya',
  'Lucas',
  'Zoë',
  'Tomás',
];
const FAMILY = [
  'Zhang',
  'Müller',
  'García',
  'Wang',
  'Kowalski',
  'Tanaka',
  'Ivanova',
  'Hassan',
  'Liu',
  'Rossi',
  'Schmidt',
  'Patel',
  'Silva',
  'Nguyen',
  'van der Berg',
  'Dubey',
];
const TAGS = ['to-read', 'rl', 'diffusion', 'survey', 'reading-group', 'llm'];

function vocabulary(size: number, random: () => number): string[] {
  const taken = new Set<string>([...FUNCTION_WORDS, ...DOMAIN_WORDS.map(([word]) => word)]);
  const invented: string[] = [];
  while (invented.length < size) {
    const syllables = 2 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (!taken.has(word)) {
      taken.add(word);
      invented.push(word);
    }
  }
  const words = [...FUNCTION_WORDS, ...invented];
  for (const [word, rank] of DOMAIN_WORDS) words.splice(rank, 0, word);
  return words.slice(0, size);
}

/** Picks from `words` with a Zipf-like distribution: the first words are by far the most common. */
function zipfPicker(words: readonly string[], random: () => number): () => string {
  return () => words[Math.min(words.length - 1, Math.floor(words.length ** random()) - 1)]!;
}

/**
 * `count` papers as the store keeps them, the same for the same seed: all saved (latest first in
 * `savedAt`), every fifth read, titles and abstracts from a Zipf vocabulary of 30,000 words (function
 * and domain words at realistic ranks, the rest invented), a third with
 * a GitHub repository `https://github.com/lab-N/<title words>`, tags on every seventh.
 */
export function generateLibrary(count: number, seed = 1): StoredPaper[] {
  const random = seededRandom(seed);
  const words = vocabulary(30_000, random);
  const pick = zipfPicker(words, random);
  const phrase = (n: number) => Array.from({ length: n }, pick).join(' ');
  const papers: StoredPaper[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${String(2301 + Math.floor(i / 9000)).padStart(4, '0')}.${String(10_000 + (i % 9000)).padStart(5, '0')}`;
    const titleWords = phrase(4 + Math.floor(random() * 6));
    const title = titleWords.replace(/^\w/, (c) => c.toUpperCase());
    const authors = Array.from(
      { length: 1 + Math.floor(random() * 6) },
      () => `${GIVEN[Math.floor(random() * GIVEN.length)]} ${FAMILY[Math.floor(random() * FAMILY.length)]}`,
    );
    const savedAt = LIBRARY_NOW - i * 3_600_000;
    const paper = makePaper({
      id,
      title,
      authors,
      summary: `${phrase(140 + Math.floor(random() * 40))}.`,
      publishedAt: new Date(LIBRARY_NOW - Math.floor(random() * 700) * DAY).toISOString(),
      upvotes: Math.floor(random() * 300),
      savedAt,
      updatedAt: savedAt,
      lastSeenAt: savedAt,
      firstSeenAt: savedAt - DAY,
    });
    if (i % 3 === 0) {
      const repo = `https://github.com/lab-${i % 97}/${titleWords.split(' ').slice(0, 2).join('-')}`;
      paper.githubRepo = repo;
      paper.githubStars = Math.floor(random() * 5000);
      paper.codeLinks = [repo];
    }
    if (i % 5 === 0) {
      paper.state = 'read';
      paper.readAt = savedAt + 1000;
    }
    if (i % 7 === 0) paper.tags = [TAGS[i % TAGS.length]!];
    papers.push(paper);
  }
  return papers;
}
