// Issue 18's minority-oversampling acceptance: per seed an 80/20 split stratified by the class, CTGAN
// fitted on the train split, minority rows drawn by its conditional sampler until the classes balance, and
// detectors (logistic regression, MLP) trained on real / real + random duplicates / real + synthetic rows.
// Usage: node --import tsx bench/tabular/oversampling.mts credit-g|adult5 [--seeds 1,2,3,4,5] [--epochs 300]
//        [--generator ctgan|copula] [--out DIR] [--classifier-steps N]
// credit-g: Debian weka's credit-g.arff, class=bad (30 %); adult5: Adult with >50K cut to 5 % of the train
// split (scored on the natural hold-out and on one cut to 5 % too).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readTableFile } from '../../src/data/tabular/read-table.js';
import { downsampleCategory, splitTable } from '../../src/data/tabular/split-table.js';
import type { TypedTable } from '../../src/data/tabular/types.js';
import { initNodeEngine } from '../../src/node/engine.js';
import { fitGaussianCopula, sampleGaussianCopula } from '../../src/models/tabular/gaussian-copula.js';
import { Rng } from '../../src/random/rng.js';
import { ARMS, classRows, conditionalSampler, fitCtgan, meanSd, runArms, type ArmResult, type MinoritySampler } from './oversampling-arms.js';

interface TableCase {
  file: string;
  target: string;
  positive: string;
  /** Batches of 500 per epoch in the ctgan package: max(1, floor(rows / 500)). */
  steps: (trainRows: number) => number;
  /** Train split (and extra hold-outs) from the stratified split. */
  prepare: (train: TypedTable, test: TypedTable, seed: number) => { train: TypedTable; holdouts: Record<string, TypedTable> };
}

const epochsOf = (rows: number, epochs: number) => epochs * Math.max(1, Math.floor(rows / 500));

const CASES: Record<string, (epochs: number) => TableCase> = {
  'credit-g': (epochs) => ({
    file: '/usr/share/doc/weka/examples/credit-g.arff', target: 'class', positive: 'bad',
    steps: (rows) => epochsOf(rows, epochs),
    prepare: (train, test) => ({ train, holdouts: { holdout: test } }),
  }),
  adult5: (epochs) => ({
    file: '/work/shared/data/adult.csv', target: 'income', positive: '>50K',
    steps: (rows) => epochsOf(rows, epochs),
    prepare: (train, test, seed) => ({
      train: downsampleCategory(train, 'income', '>50K', 0.05, seed),
      holdouts: { holdout: test, 'holdout-5pct': downsampleCategory(test, 'income', '>50K', 0.05, seed + 1000) },
    }),
  }),
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seeds: { type: 'string', default: '1,2,3,4,5' },
    epochs: { type: 'string' },
    out: { type: 'string', default: '/work/runs/tabover' },
    'classifier-steps': { type: 'string', default: '400' },
    generator: { type: 'string', default: 'ctgan' },
  },
});
const name = positionals[0];
if (!name || !CASES[name]) throw new Error(`usage: oversampling.mts ${Object.keys(CASES).join('|')} [--seeds 1,2,3,4,5] [--epochs E] [--out DIR]`);
const epochs = Number(values.epochs ?? 300);
const tc = CASES[name](epochs);
const seeds = values.seeds!.split(',').map(Number);
const classifier = { steps: Number(values['classifier-steps']) };
const engine = await initNodeEngine();
const whole = readTableFile(readFileSync(tc.file, 'utf8'), tc.file);
mkdirSync(values.out!, { recursive: true });
const generator = values.generator!;
if (generator !== 'ctgan' && generator !== 'copula') throw new Error(`--generator is ctgan or copula, got ${generator}.`);
const tag = generator === 'ctgan' ? `${name}-e${epochs}` : `${name}-${generator}`;
const command = `node --import tsx bench/tabular/oversampling.mts ${process.argv.slice(2).join(' ')}`;

/** The generator of the synthetic arm fitted on one seed's train split: CTGAN (reference settings) or the Gaussian copula. */
async function fitGenerator(train: TypedTable, seed: number, steps: number) {
  if (generator === 'copula') {
    const t0 = performance.now();
    const p = fitGaussianCopula(train, new Rng(seed).fork('copula-fit'));
    const sampler: MinoritySampler = (n, rng) => sampleGaussianCopula(p, n, rng, { condition: { [tc.target]: tc.positive } });
    return { sampler, steps: 0, seconds: (performance.now() - t0) / 1000, lastLoss: null, dispose: () => {} };
  }
  const fitted = await fitCtgan(train, [`seed=${seed}`, `train.steps=${steps}`, 'train.checkpointEvery=0'], (s, l) => {
    if (s % 50 === 0) process.stderr.write(`[${tag} seed ${seed}] step ${s}/${steps} ${Object.entries(l).map(([k, v]) => `${k}=${v.toFixed(3)}`).join(' ')}\n`);
  });
  return { sampler: conditionalSampler(fitted.model, tc.target, tc.positive), steps, seconds: fitted.seconds, lastLoss: fitted.lastLoss, dispose: () => fitted.dispose() };
}

interface SeedResult {
  seed: number;
  trainRows: number;
  trainPositives: number;
  fit: { generator: string; steps: number; seconds: number; lastLoss: Record<string, number> | null };
  sampleSeconds: number;
  arms: ArmResult[];
}
const results: SeedResult[] = [];
for (const seed of seeds) {
  const split = splitTable(whole, 0.2, seed, { stratify: tc.target });
  const { train, holdouts } = tc.prepare(split.train, split.test, seed);
  const steps = tc.steps(train.rows);
  const fitted = await fitGenerator(train, seed, steps);
  try {
    const sampler = fitted.sampler;
    let sampleSeconds = 0;
    const timed = (n: number, rng: Parameters<typeof sampler>[1]) => {
      const t0 = performance.now();
      const t = sampler(n, rng);
      sampleSeconds = (performance.now() - t0) / 1000;
      return t;
    };
    const arms = runArms(train, holdouts, tc.target, tc.positive, timed, seed, { classifier });
    results.push({ seed, trainRows: train.rows, trainPositives: classRows(train, tc.target, tc.positive).pos.length, fit: { generator, steps: fitted.steps, seconds: fitted.seconds, lastLoss: fitted.lastLoss }, sampleSeconds, arms });
    for (const a of arms) {
      const s = Object.entries(a.scores).map(([h, m]) => `${h}: ${Object.entries(m).map(([k, v]) => `${k} F1 ${v!.f1.toFixed(3)} AUROC ${v!.auroc.toFixed(3)}`).join(', ')}`).join(' | ');
      process.stdout.write(`[${tag} seed ${seed}] ${a.arm.padEnd(9)} rows ${a.rows} (pos ${a.positives}) ${s}\n`);
    }
    process.stdout.write(`[${tag} seed ${seed}] ${generator} fit (${fitted.steps} steps) in ${fitted.seconds.toFixed(1)} s, ${sampleSeconds.toFixed(1)} s to sample\n`);
  } finally {
    fitted.dispose();
  }
  // written after each seed so a cut-short run keeps what it measured
  writeFileSync(path.join(values.out!, `oversampling-${tag}.json`), JSON.stringify({ table: name, file: tc.file, target: tc.target, positive: tc.positive, generator, epochs: generator === 'ctgan' ? epochs : null, command, backend: engine.backend, classifier, results, summary: summarize(results) }, null, 2));
}

type Stat = { mean: number; sd: number; n: number };
/** Per hold-out, arm and classifier: F1 and AUROC as mean ± sd over the seeds. */
function summarize(rs: SeedResult[]): Record<string, Record<string, Record<string, { f1: Stat; auroc: Stat }>>> {
  const out: Record<string, Record<string, Record<string, { f1: Stat; auroc: Stat }>>> = {};
  for (const h of Object.keys(rs[0]?.arms[0]?.scores ?? {})) {
    out[h] = {};
    for (const arm of ARMS) {
      out[h][arm] = {};
      for (const kind of ['logistic', 'mlp'] as const) {
        const pick = (f: 'f1' | 'auroc') => meanSd(rs.map((r) => r.arms.find((a) => a.arm === arm)!.scores[h][kind]![f]));
        out[h][arm][kind] = { f1: pick('f1'), auroc: pick('auroc') };
      }
    }
  }
  return out;
}

const summary = summarize(results);
const fmt = (m: { mean: number; sd: number }) => `${m.mean.toFixed(3)} ± ${m.sd.toFixed(3)}`;
const lines = [
  `# Minority oversampling: ${name} (${tc.target}=${tc.positive}), synthetic arm: ${generator === 'ctgan' ? `CTGAN ${epochs} epochs` : 'Gaussian copula'}, seeds ${seeds.join(',')}`,
  '',
  `Command: \`${command}\` (backend ${engine.backend}). Minority-class F1 and AUROC on the real hold-out, mean ± sd over ${results.length} seeds.`,
  '',
];
for (const [h, arms] of Object.entries(summary)) {
  lines.push(`## ${h}`, '', '| arm | logistic F1 | logistic AUROC | MLP F1 | MLP AUROC |', '|---|---|---|---|---|');
  for (const [arm, a] of Object.entries(arms)) {
    lines.push(`| ${arm} | ${fmt(a.logistic.f1)} | ${fmt(a.logistic.auroc)} | ${fmt(a.mlp.f1)} | ${fmt(a.mlp.auroc)} |`);
  }
  lines.push('');
}
lines.push(`${generator} fit: ${results.map((r) => `seed ${r.seed} ${r.fit.steps} steps ${r.fit.seconds.toFixed(0)} s`).join('; ')}. Train rows ${results[0]?.trainRows} (${results[0]?.trainPositives} positive).`);
writeFileSync(path.join(values.out!, `oversampling-${tag}.md`), lines.join('\n') + '\n');
process.stdout.write(lines.join('\n') + '\n');
