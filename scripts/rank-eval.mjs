#!/usr/bin/env node
/**
 * `npm run rank:eval -- DIR`: runs the product's own ranker (lib/ranking, bundled on the fly with esbuild,
 * which WXT and Vite already bring) on a folder laid out like shared/foryou: DIR/corpus.jsonl and
 * DIR/users/NAME/history.jsonl. The protocol is lib/ranking/evaluate.ts (the folder's README). Prints a
 * table per reader, then, as its last line, one JSON object with the means over readers:
 *
 *   {"users": N, "p5": …, "p10": …, "ndcg10": …, "auc": …, "baseline": {"p10": …, "ndcg10": …}}
 *
 * Usage: node scripts/rank-eval.mjs DIR [--options JSON] [--text abstract|abstract+authors|title] [--inner]
 *   --options: training options over the product's defaults (TRAIN_DEFAULTS), to measure a variant.
 *   --inner: the same protocol on each reader's training period only (papers listed and saved before
 *            their split date): a validation that never sees a test day, used to choose between variants.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importRanking } from './ranking-bundle.mjs';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    options: { type: 'string', default: '{}' },
    text: { type: 'string', default: 'abstract' },
    inner: { type: 'boolean', default: false },
  },
});
const dir = positionals[0];
if (!dir || !existsSync(path.join(dir, 'corpus.jsonl'))) {
  console.error('usage: npm run rank:eval -- DIR   (DIR holds corpus.jsonl and users/NAME/history.jsonl)');
  process.exit(2);
}
const overrides = JSON.parse(opts.options);
if (opts.text === 'abstract+authors') overrides.authors = true;

const ranking = await importRanking();
const jsonl = (file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));

const listed = jsonl(path.join(dir, 'corpus.jsonl')).map((p) => ({
  id: p.id,
  title: p.title,
  summary: opts.text === 'title' ? undefined : (p.abstract ?? undefined),
  authors: p.authors ?? p.cardAuthors ?? [],
  keywords: p.keywords ?? p.ai_keywords ?? undefined,
  date: p.date,
  pos: p.pos,
}));
const usersDir = path.join(dir, 'users');
const readers = readdirSync(usersDir)
  .filter((name) => existsSync(path.join(usersDir, name, 'history.jsonl')))
  .sort();

/** The product's ranker: train on the past, score with the model, exactly as the extension does. */
const rank = (past, labels, now) => {
  const model = ranking.trainModel(past, labels, { ...overrides, now });
  return (papers) => {
    const { coldStart, scores } = ranking.scoreCards(model, papers, { words: 0 });
    return coldStart ? papers.map(() => 0) : scores.map((s) => s.score);
  };
};

const results = [];
const f = (x) => (Number.isNaN(x) ? '   —  ' : x.toFixed(3).padStart(6));
console.log(
  `${'reader'.padEnd(24)} split      train test days  P@5    P@10   nDCG@10 AUC   | page P@10 nDCG@10 AUC   ms`,
);
for (const name of readers) {
  let history = jsonl(path.join(usersDir, name, 'history.jsonl'));
  let papers = listed;
  if (opts.inner) {
    const split = ranking.splitDate(history, listed);
    history = history.filter((h) => h.savedOn < split);
    papers = listed.filter((p) => p.date < split);
  }
  const started = performance.now();
  const r = ranking.evaluateReader(name, history, papers, rank);
  const ms = Math.round(performance.now() - started);
  results.push(r);
  const m = r.ranker;
  console.log(
    `${name.padEnd(24)} ${r.split} ${String(r.trainPositives).padStart(5)} ${String(r.testDays).padStart(9)} ` +
      `${f(m.p5)} ${f(m.p10)} ${f(m.ndcg10)} ${f(m.auc)} | ${f(r.page.p10)} ${f(r.page.ndcg10)} ${f(r.page.auc)} ${ms}`,
  );
}
console.log(JSON.stringify(ranking.summarize(results)));
