// Writes assets/demo/papers.html: an offline demo of a Daily Papers date page, with invented papers, in
// the markup the site uses (cards as <article>, the hydration JSON in data-props). Run: node scripts/make-demo.mjs
import { writeFileSync } from 'node:fs';

const papers = [
  [
    '2611.18801',
    'Sparse Mixture Routers Learn Curricula on Their Own',
    'nova-lab',
    212,
    14,
    'nova-lab/sparse-routers',
    1843,
  ],
  ['2611.18777', 'Long-Context Retrieval Without Positional Collapse', 'kiri', 187, 9, null, null],
  [
    '2611.18650',
    'Diffusion Policies for Dexterous Bimanual Assembly',
    'hande',
    164,
    6,
    'robotics-x/bimanual-diffusion',
    512,
  ],
  ['2611.18512', 'Token-Level Uncertainty Makes Agents Ask Better Questions', 'aru', 131, 4, null, null],
  [
    '2611.18433',
    'A Benchmark of Scientific Figure Understanding at Scale',
    'mirae',
    118,
    3,
    'sci-fig/scifig-bench',
    97,
  ],
  ['2611.18390', 'Small Speech Models that Hear Like Large Ones', 'oto', 96, 2, null, null],
  [
    '2611.18301',
    'Self-Correcting Code Generation with Execution Traces',
    'devon',
    88,
    7,
    'tracecoder/tracecoder',
    2310,
  ],
  ['2611.18256', 'Video World Models Need Object Permanence', 'lumen', 74, 1, null, null],
  ['2611.18190', 'Quantized Attention Kernels for Consumer GPUs', 'kern', 63, 0, 'qattn/qattn', 4120],
  ['2611.18102', 'Multilingual Reward Models from Pairwise Translations', 'lingo', 51, 2, null, null],
  [
    '2611.18055',
    'Protein Language Models as Zero-Shot Stability Predictors',
    'fold',
    42,
    0,
    'bio-lm/stability-zs',
    230,
  ],
  ['2611.18003', 'On the Geometry of Instruction Tuning', 'euclid', 37, 1, null, null],
];
const authorsPool = [
  'Ada Moreau',
  'Ben Okafor',
  'Chen Wei',
  'Dana Levi',
  'Emil Sørensen',
  'Fatima Zahra',
  'Goro Tanaka',
  'Hana Novak',
];

const items = papers.map(([id, title, by, upvotes, comments, repo, stars], i) => ({
  paper: {
    id,
    title,
    summary: `We study ${title.toLowerCase()}. Experiments on standard benchmarks show consistent gains.${repo ? ` Code: https://github.com/${repo}.` : ''}`,
    publishedAt: '2026-11-25T17:59:00.000Z',
    upvotes,
    authors: authorsPool.slice(i % 4, (i % 4) + 3 + (i % 3)).map((name) => ({ name, hidden: false })),
    ...(repo ? { githubRepo: `https://github.com/${repo}`, githubStars: stars } : {}),
  },
  title,
  publishedAt: '2026-11-26T04:00:00.000Z',
  numComments: comments,
  submittedBy: { name: by, fullname: by },
}));

const esc = (s) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const card = ({ paper, title, numComments, submittedBy }) => `
<div><article class="relative flex flex-col overflow-hidden rounded-xl border">
  <a href="/papers/${paper.id}" class="thumb"><span>${esc(title.split(' ').slice(0, 3).join(' '))}</span></a>
  <div class="submitted">Submitted by ${esc(submittedBy.name)}</div>
  <div class="body"><div class="flex w-full gap-6">
    <a href="/login?next=%2Fpapers%2F${paper.id}" class="self-start"><div class="upvote"><input disabled type="checkbox" class="peer hidden">▲<div class="leading-none">${paper.upvotes}</div></div></a>
    <div class="w-full"><h3><a href="/papers/${paper.id}" class="line-clamp-3">${esc(title)}</a></h3>
      <div class="meta"><a href="/papers/${paper.id}" class="flex"><ul><li class="order-first"><div>· ${paper.authors.length} authors</div></li></ul></a>
      ${paper.githubRepo ? `<a href="${paper.githubRepo}" class="chip">GitHub ★ ${paper.githubStars}</a>` : ''}
      <a href="/papers/${paper.id}#community" class="comments">💬 ${numComments}</a></div>
    </div></div></div>
</article></div>`;

const props = {
  date: '2026-11-26',
  prevDate: '2026-11-25',
  nextDate: null,
  dailyPapers: items,
  periodType: 'day',
  dateString: '2026-11-26',
};
const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Daily Papers - Hugging Face</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; background: #fff; color: #111827; }
  html.dark body { background: #0b0f19; color: #e5e7eb; }
  header { display: flex; gap: 1rem; align-items: center; padding: .8rem 2rem; border-bottom: 1px solid #e5e7eb; }
  html.dark header { border-color: #1f2937; }
  header a { color: inherit; text-decoration: none; font-weight: 600; }
  main { max-width: 1200px; margin: 0 auto; padding: 1.5rem 2rem; }
  h1 { font-size: 1.6rem; margin: 0 0 1rem; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 1.25rem; }
  article { border: 1px solid #e5e7eb; border-radius: 12px; overflow: hidden; display: flex; flex-direction: column; background: #fff; position: relative; }
  html.dark article { background: #111827; border-color: #1f2937; }
  .thumb { display: flex; align-items: end; height: 110px; background: linear-gradient(135deg, #fde68a, #fca5a5); color: #111827; padding: 12px; font-weight: 700; text-decoration: none; }
  html.dark .thumb { background: linear-gradient(135deg, #374151, #1f2937); color: #e5e7eb; }
  .submitted { position: absolute; right: 8px; top: 86px; font-size: 12px; background: #fff; border: 1px solid #e5e7eb; border-radius: 6px; padding: 1px 6px; }
  html.dark .submitted { background: #111827; border-color: #374151; }
  .body { padding: 14px 16px 4px; }
  .flex { display: flex; } .gap-6 { gap: 1rem; } .w-full { width: 100%; }
  .upvote { display: flex; flex-direction: column; align-items: center; border: 1px solid #d1d5db; border-radius: 10px; width: 44px; padding: 6px 0; font-size: 12px; }
  .hidden { display: none; }
  a.self-start { color: inherit; text-decoration: none; }
  h3 { margin: 0 0 6px; font-size: 1.05rem; } h3 a { color: inherit; text-decoration: none; } h3 a:hover { text-decoration: underline; }
  .meta { display: flex; gap: .8rem; align-items: center; font-size: 13px; color: #6b7280; flex-wrap: wrap; }
  .meta a { color: inherit; text-decoration: none; } .meta ul { list-style: none; margin: 0; padding: 0; }
  .chip { border: 1px solid #d1d5db; border-radius: 6px; padding: 0 6px; }
  footer { text-align: center; color: #6b7280; padding: 2rem; font-size: 13px; }
</style></head>
<body><header><a href="/">🤗 Hugging Face</a><a href="/papers">Daily Papers</a><a href="/papers/trending">Trending</a><a href="https://github.com/huggingface">GitHub</a></header>
<main><div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="${esc(JSON.stringify(props))}">
<h1>Daily Papers <small>· 26 November 2026 (demo page, offline)</small></h1>
<div class="grid">${items.map(card).join('')}
</div></div></main>
<footer>A demo page of Daily Papers Companion, written by the project and served offline. Papers and repositories are invented.</footer>
</body></html>
`;
writeFileSync(new URL('../assets/demo/papers.html', import.meta.url), html);
console.log(`Wrote assets/demo/papers.html with ${items.length} papers`);
