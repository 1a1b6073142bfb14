#!/usr/bin/env node
/**
 * The ranker's costs (issue 14), on the product's own code (lib/ranking, bundled by esbuild):
 *
 *   rank.train.10000       full retrain on 10,000 papers (1,000 liked, the rest passed over)   budget 1 s
 *   rank.score.200         scoring a 200-card page with explaining words, model already loaded  budget 10 ms
 *   rank.score.200.cold    the same right after reading the stored model (JSON parse + term lookup)
 *   rank.model.bytes       the trained model as JSON text (what IndexedDB keeps)
 *   rank.model.gzip        the same, gzipped (for comparison)
 *
 * Each time is the median of several runs after a warm-up; each metric is printed as one JSON line
 * `{"metric", "value", "unit"}` (the shape scripts/bench.mjs can take in). The papers are invented but
 * shaped like the real ones of shared/foryou (200 words a paper, 140 of them not stop words): words drawn
 * from a Zipf-distributed vocabulary of 40,000, with topics, so vocabulary, idf and classifier have real
 * work to do (and more distinct word pairs than real text, which repeats its phrases).
 *
 * Usage: node scripts/bench-rank.mjs [--runs N]
 */
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { median } from './bench-data.mjs';
import { importRanking } from './ranking-bundle.mjs';

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Math.max(1, Number(opts.runs) || 7);
const ranking = await importRanking();

// mulberry32: the same papers on every run.
let seed = 14;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const SYLLABLES = 'ka lo mi ne ru sa te vi do pa ge fu ti zo ba le mo ri nu xe ja qu wo ci he'.split(' ');
const VOCABULARY = Array.from({ length: 40_000 }, (_, i) => {
  let word = '';
  for (let n = i + 1, parts = 0; n > 0 || parts < 2; n = Math.floor(n / SYLLABLES.length), parts++)
    word += SYLLABLES[n % SYLLABLES.length];
  return word;
});
// Zipf: word rank r is drawn with probability ∝ 1/r (inverse of the cumulative harmonic sum).
const harmonic = Float64Array.from(VOCABULARY, (_, r) => 1 / (r + 1));
for (let r = 1; r < harmonic.length; r++) harmonic[r] += harmonic[r - 1];
const zipfWord = () => {
  const x = random() * harmonic[harmonic.length - 1];
  let lo = 0;
  let hi = harmonic.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (harmonic[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCABULARY[lo];
};
const TOPICS = 50;
const topicWords = Array.from({ length: TOPICS }, () => Array.from({ length: 30 }, zipfWord));
const STOP = 'the of and to in a is we that for on with by this are as from our an be'.split(' ');
const sentence = (topic, length) =>
  Array.from({ length }, () => {
    const x = random();
    if (x < 0.3) return STOP[Math.floor(random() * STOP.length)];
    return x < 0.42 ? topicWords[topic][Math.floor(random() * 30)] : zipfWord();
  }).join(' ');
const makeDoc = (i) => {
  const topic = i % TOPICS;
  return {
    id: `2601.${String(i).padStart(5, '0')}`,
    title: sentence(topic, 10),
    summary: `${sentence(topic, 190)}.`,
    keywords: [topicWords[topic][0], topicWords[topic][1]],
    topic,
  };
};

const docs = Array.from({ length: 10_000 }, (_, i) => makeDoc(i));
// The reader likes topics 0–4 and saves a fifth of those papers; every other paper was seen and passed over.
const labels = docs.map((d, i) => ({
  id: d.id,
  signal: d.topic < 5 && i % 5 === 0 ? 'saved' : d.topic < 5 && i % 5 === 1 ? 'read' : 'skipped',
}));
const page = Array.from({ length: 200 }, (_, i) => makeDoc(10_000 + i));

const print = (metric, value, unit) =>
  console.log(JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit }));
const time = (fn) => {
  const started = performance.now();
  fn();
  return performance.now() - started;
};

let model;
const trainTimes = [];
for (let run = 0; run <= RUNS; run++) {
  const ms = time(() => {
    model = ranking.trainModel(docs, labels, { now: 0 });
  });
  if (run > 0) trainTimes.push(ms);
}
print('rank.train.10000', median(trainTimes), 'ms');

const json = ranking.serializeModel(model);
const scoreTimes = [];
const coldTimes = [];
for (let run = 0; run <= RUNS * 3; run++) {
  let loaded;
  const cold = time(() => {
    loaded = ranking.readModel(json);
    ranking.scoreCards(loaded, page);
  });
  const warm = time(() => ranking.scoreCards(loaded, page));
  if (run > 0) {
    coldTimes.push(cold);
    scoreTimes.push(warm);
  }
}
print('rank.score.200', median(scoreTimes), 'ms');
print('rank.score.200.cold', median(coldTimes), 'ms');
print('rank.model.bytes', Buffer.byteLength(json), 'bytes');
print('rank.model.gzip', gzipSync(json).length, 'bytes');
console.error(
  `(model: ${model.terms.length} terms, ${model.positives} liked, ${model.negatives} not; ` +
    `page levels: ${JSON.stringify(countLevels(ranking.scoreCards(model, page).scores))})`,
);

function countLevels(scores) {
  const out = { high: 0, medium: 0, low: 0 };
  for (const s of scores) out[s.level]++;
  return out;
}
