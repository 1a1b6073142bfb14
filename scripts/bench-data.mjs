// Test data and statistics shared by the benchmark (scripts/bench.mjs) and the measuring scripts: invented
// papers shaped like what the page reader produces, and backups in the store's export format.

/** Paper `n` of id block `block`: every field filled, about 1 KB of JSON, like a real card's record. */
export function makePaper(block, n, upvotes = n % 300) {
  const id = `${2101 + block}.${String(n + 1).padStart(5, '0')}`;
  const lab = `lab${n % 40}`;
  return {
    id,
    title: `Benchmark Paper ${id}: Scaling Laws for Something Interesting, Revisited`,
    summary: `We study benchmark problem ${n} of block ${block}. ${'Our method improves on the baselines. '.repeat(12)}`,
    authors: ['Ada Lovelace', 'Alan Turing', `Author ${n}`, `Second Author ${n}`],
    authorCount: 4,
    publishedAt: '2025-01-14T12:00:00.000Z',
    submittedAt: '2025-01-15T08:00:00.000Z',
    upvotes,
    numComments: n % 7,
    githubRepo: `https://github.com/${lab}/repo-${n}`,
    githubStars: n * 3,
    projectPage: `https://${lab}.github.io/p${n}/`,
    codeLinks: [`https://github.com/${lab}/repo-${n}`, `https://huggingface.co/spaces/${lab}/demo-${n}`],
    thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`,
    organization: `Lab ${n % 40}`,
    submittedBy: `user${n % 97}`,
    keywords: ['diffusion', `topic-${n % 13}`, 'benchmark'],
    aiSummary: `Benchmark paper ${n} in one line, long enough to look like the real thing.`,
    arxivUrl: `https://arxiv.org/abs/${id}`,
    pdfUrl: `https://arxiv.org/pdf/${id}`,
  };
}

/** A backup file (format version 1) holding `count` saved papers, some read and tagged. */
export function makeBackup(count, now = Date.UTC(2026, 10, 1)) {
  const papers = Array.from({ length: count }, (_, n) => {
    const paper = makePaper(Math.floor(n / 99_999), n % 99_999);
    const at = now - n * 60_000;
    return {
      ...paper,
      state: n % 3 === 0 ? 'read' : 'seen',
      firstSeenAt: at,
      lastSeenAt: at,
      ...(n % 3 === 0 ? { readAt: at } : {}),
      savedAt: at,
      tags: n % 5 === 0 ? ['to-read', `topic-${n % 13}`] : [],
      ...(n % 11 === 0 ? { note: `Note on paper ${n}` } : {}),
      updatedAt: at,
    };
  });
  return {
    format: 'daily-papers-companion-backup',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    papers,
    pages: [],
  };
}

/** The median of some numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
