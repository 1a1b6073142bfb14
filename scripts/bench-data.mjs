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
  return backupOf(papers, now);
}

/** A backup file (format version 1) holding `papers` and no page visits. */
function backupOf(papers, now) {
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

/**
 * The sync benchmark's library, as a backup: 10,000 papers read and 2,000 saved (tagged 1–3 times from 30
 * tags), over 24 months of arXiv ids, marked the way people read: sessions on 200 days of a year, a mark
 * every few seconds to few minutes. A small deterministic generator (no randomness between runs).
 */
export function makeSyncLibrary({ read = 10_000, saved = 2_000, now = Date.UTC(2026, 10, 1) } = {}) {
  // mulberry32: exact in 32-bit integer arithmetic.
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const tags = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? `Topic ${i}` : `topic-${i}`));
  const used = new Set();
  const nextId = () => {
    for (;;) {
      const month = 2401 + Math.floor(random() * 24);
      const yymm = month % 100 > 12 ? month + 88 : month; // 2413 → 2501
      const id = `${yymm}.${String(1 + Math.floor(random() * 24_000)).padStart(5, '0')}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  const total = read + saved;
  const days = 200;
  const perDay = Math.ceil(total / days);
  const papers = [];
  let savedSoFar = 0;
  for (let n = 0; n < total; n++) {
    const day = Math.floor(n / perDay);
    const at =
      now - (days - day) * 86_400_000 * 1.8 + (n % perDay) * (5_000 + Math.floor(random() * 120_000));
    const id = nextId();
    const block = Number(id.slice(0, 4)) - 2101;
    const paper = {
      ...makePaper(block, Number(id.slice(5)) - 1),
      id,
      arxivUrl: `https://arxiv.org/abs/${id}`,
      pdfUrl: `https://arxiv.org/pdf/${id}`,
    };
    const isSaved = n % Math.round(total / saved) === 0 && savedSoFar < saved;
    if (isSaved) savedSoFar++;
    const row = {
      ...paper,
      state: isSaved ? 'seen' : 'read',
      firstSeenAt: at,
      lastSeenAt: at,
      tags: [],
      updatedAt: at,
    };
    if (isSaved) {
      row.savedAt = at;
      const count = 1 + Math.floor(random() * 3);
      row.tags = [...new Set(Array.from({ length: count }, () => tags[Math.floor(random() * tags.length)]))];
    } else {
      row.readAt = at;
    }
    papers.push(row);
  }
  return backupOf(papers, now);
}

/**
 * One day of the site's daily list API (`/api/daily_papers?date=DATE`), `count` papers in the shape the site
 * answered in 2026 (test/support/daily-api.ts makes the same for the tests).
 */
export function makeDailyAnswer(date, count) {
  const [, month, day] = date.split('-');
  return Array.from({ length: count }, (_, i) => {
    const id = `26${month}.${day}${String(i + 1).padStart(3, '0')}`;
    const title = `Paper ${id}: a study of scale, listed on ${date}`;
    const summary = `We study paper ${id} and report results on standard benchmarks.`;
    const organization = i % 4 === 0 ? { _id: 'o', name: 'acme', fullname: 'Acme AI' } : undefined;
    return {
      paper: {
        id,
        authors: [
          { _id: 'a', name: `Author ${i} One`, hidden: false },
          { _id: 'b', name: 'Ada Lovelace', hidden: false },
        ],
        publishedAt: `${date}T00:00:00.000Z`,
        submittedOnDailyAt: `${date}T00:00:00.000Z`,
        title,
        summary,
        upvotes: count - i,
        ...(i % 3 === 0 ? { githubRepo: `https://github.com/bench/${id}`, githubStars: i } : {}),
        ...(organization ? { organization } : {}),
      },
      publishedAt: `${date}T00:00:00.000Z`,
      title,
      summary,
      thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`,
      numComments: 0,
      submittedBy: { _id: 'u', name: 'someone', fullname: 'Some One', type: 'user' },
      isAuthorParticipating: false,
      ...(organization ? { organization } : {}),
    };
  });
}

/**
 * A backup of `count` papers spread evenly over `months` arXiv months ending with `lastMonth` (`2501`):
 * about what a year of heavy use leaves, for the state index's read. The last month's ids start at
 * `.00001`, as the generated list pages' do.
 */
export function makeSpreadBackup(count, months = 13, lastMonth = 2501, now = Date.UTC(2026, 10, 1)) {
  const monthList = [];
  for (let m = 0, y = Math.floor(lastMonth / 100), mo = lastMonth % 100; m < months; m++) {
    monthList.push(`${y}${String(mo).padStart(2, '0')}`);
    mo -= 1;
    if (mo === 0) [y, mo] = [y - 1, 12];
  }
  const perMonth = Math.ceil(count / months);
  const papers = Array.from({ length: count }, (_, n) => {
    const month = monthList[Math.floor(n / perMonth)];
    const id = `${month}.${String((n % perMonth) + 1).padStart(5, '0')}`;
    const at = now - n * 60_000;
    return {
      ...makePaper(0, n),
      // A short abstract: the index keeps none, and 50,000 long ones pass the 64 MiB a message may carry.
      summary: `Abstract of paper ${n}.`,
      id,
      arxivUrl: `https://arxiv.org/abs/${id}`,
      pdfUrl: `https://arxiv.org/pdf/${id}`,
      state: n % 3 === 0 ? 'read' : 'seen',
      firstSeenAt: at,
      lastSeenAt: at,
      ...(n % 3 === 0 ? { readAt: at } : {}),
      ...(n % 7 === 0 ? { savedAt: at } : {}),
      tags: [],
      updatedAt: at,
    };
  });
  return backupOf(papers, now);
}
