#!/usr/bin/env node
/**
 * How the ranker's settings were chosen (docs/ranking.md): every variant of a grid declared here, before
 * any result was seen, is run on each reader's training period alone (`rank-eval.mjs --inner`: the same
 * protocol, split again at the median of the earlier saves, never a test day); the variant with the best
 * mean of nDCG@10 and AUC there wins. Its figures on the real test days are printed beside, for the record,
 * and play no part in the choice.
 *
 * Usage: node scripts/rank-select.mjs DIR   (about two minutes on two cores)
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/rank-select.mjs DIR');
  process.exit(2);
}
const evalScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rank-eval.mjs');

const grid = [];
for (const minDf of [2, 5])
  for (const maxDf of [0.1, 0.5, 1])
    for (const c of [0.01, 0.1])
      for (const centroid of [0, 1])
        grid.push({
          tfidf: { minDf, maxDf, maxFeatures: 20_000 },
          svm: { c, tolerance: 1e-6, maxEpochs: 1000, seed: 1 },
          centroid,
        });

const run = (options, inner) => {
  const args = [evalScript, dir, '--options', JSON.stringify(options), ...(inner ? ['--inner'] : [])];
  const lines = execFileSync(process.execPath, args, { encoding: 'utf8' }).trim().split('\n');
  return JSON.parse(lines.at(-1));
};

const rows = grid.map((options) => {
  const inner = run(options, true);
  const outer = run(options, false);
  return { options, inner, outer, pick: (inner.ndcg10 + inner.auc) / 2 };
});
rows.sort((a, b) => b.pick - a.pick);
console.log('minDf maxDf C     centroid | inner nDCG@10 AUC   | test nDCG@10 AUC');
for (const { options: o, inner, outer } of rows) {
  console.log(
    `${String(o.tfidf.minDf).padEnd(5)} ${String(o.tfidf.maxDf).padEnd(5)} ${String(o.svm.c).padEnd(5)} ` +
      `${String(o.centroid).padEnd(8)} | ${inner.ndcg10.toFixed(3)}         ${inner.auc.toFixed(3)} | ` +
      `${outer.ndcg10.toFixed(3)}        ${outer.auc.toFixed(3)}`,
  );
}
console.log(JSON.stringify({ chosen: rows[0]?.options }));
