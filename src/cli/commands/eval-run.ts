// `genlab eval DIR`: FID/KID/precision/recall/density/coverage + Inception Score of a run's samples
// (or of a folder of PNGs) against a dataset's test split, in a named extractor's features.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { tf } from '../../engine/tf.js';
import path from 'node:path';
import type { Session } from '../../node/session.js';
import { defaultExtractorFor, loadExtractor } from '../../node/extractors.js';
import { datasetImages, evaluateImages, loadFolderImages, modelImages, realTestSplit } from '../../node/eval-run.js';
import { loadDataset } from '../../node/datasets.js';
import { checkExtractorInput } from '../../metrics/extractor.js';
import { parseMetricList } from '../../metrics/evaluate.js';
import { intOption, JSON_ROW, printResult, withEngine, withRunSession, seedOption, type RunCommand } from '../options.js';

function formatReport(r: Awaited<ReturnType<typeof evaluateImages>>): string {
  const m = r.metrics;
  const lines = [`extractor ${r.extractor} (${r.featureDim}-d), ${r.nGenerated} generated vs ${r.nReal} real (${r.realSource})`];
  if (m.fid) lines.push(`FID        ${m.fid.value.toFixed(3)}`);
  if (m.kid) lines.push(`KID        ${m.kid.mean.toExponential(3)} ± ${m.kid.std.toExponential(2)}`);
  for (const k of ['precision', 'recall', 'density', 'coverage'] as const) if (m[k]) lines.push(`${k.padEnd(10)} ${m[k]!.value.toFixed(4)}`);
  if (r.inceptionScore) lines.push(`IS         ${r.inceptionScore.mean.toFixed(3)} ± ${r.inceptionScore.std.toFixed(3)} (real: ${r.realInceptionScore?.mean.toFixed(3)})`);
  return lines.join('\n') + '\n';
}

/** Adds the default action of `eval`: a run directory or a folder of PNGs. */
export function registerEvalRun(evalCmd: Command): void {
  evalCmd
    .argument('[dir]', 'run directory (samples the model) or a folder of PNG images')
    .option('--n <n>', 'generated samples and real test images (at most the test split)', '10000')
    .option('--extractor <id|dir>', 'feature extractor: mnist-classifier | fashion-mnist-classifier | a tfjs layers/graph model directory (DIR#layerOrNode picks the feature layer)')
    .option('--real <dataset>', 'dataset whose test split is the reference (default: the run\'s dataset; mnist for PNG folders)')
    .option('--metrics <list>', 'comma-separated metrics', 'fid,kid,precision,recall,density,coverage')
    .option('--seed <s>', 'sampling / KID subset seed', '0')
    .option('--json', 'print one JSON object')
    .action(async (dir: string | undefined, o, cmd: Command) => {
      if (!dir) {
        cmd.help();
        return;
      }
      const score = (session: Session | null) => scoreImages(dir, session, o);
      if (existsSync(path.join(dir, 'genlab.json'))) await withRunSession(dir, cmd, ['images'], score);
      else await withEngine(cmd, () => score(null));
    });
}

/** Scores a run's samples (session) or a folder's PNGs (no session) against the reference test split. */
async function scoreImages(dir: string, session: Session | null, o: Record<string, string | undefined>): Promise<void> {
  const n = intOption('n', o.n, 10000);
  const seed = seedOption(o.seed);
  const metrics = parseMetricList(o.metrics!);
  const realName = o.real ?? session?.config.data.name ?? 'mnist';
  const exId = o.extractor ?? defaultExtractorFor(realName);
  if (!exId) throw new Error(`No built-in feature extractor for dataset "${realName}"; pass --extractor DIR (a tfjs layers classifier).`);
  const ex = await loadExtractor(exId);
  try {
    // a run trained on the user's files (data.path) is compared with their test split, not the named default
    const real = session && !o.real && session.config.data.path ? session.data.test : await realTestSplit(realName);
    checkExtractorInput(ex, real.shape, `${realName}/test`);
    const generated = session ? null : await loadFolderImages(dir, ex);
    const r = await evaluateImages({
      extractor: ex,
      generated: session ? modelImages(session, n, seed) : generated!,
      real: datasetImages(real, Math.min(n, real.size)),
      source: session ? `${dir} (${session.spec.id}, step ${session.step}, seed ${seed})` : dir,
      realSource: real.name,
      metrics,
      seed,
    });
    generated?.forEach((t) => t.dispose());
    printResult(o, r, formatReport(r));
  } finally {
    ex.dispose();
  }
}

function parseSplit(ref: string): { name: string; split: 'train' | 'test' } {
  const [name, split] = ref.split('/');
  if (!name || (split !== 'train' && split !== 'test')) throw new Error(`Expected DATASET/train or DATASET/test, got "${ref}".`);
  return { name, split };
}

/** Adds `eval compare A B`: two dataset splits against each other (e.g. the train/test FID floor). */
export function registerEvalCompare(evalCmd: Command): void {
  evalCmd
    .command('compare')
    .description('Score one dataset split against another (e.g. mnist/train vs mnist/test): the floor a model can reach')
    .argument('<fake>', 'DATASET/train or DATASET/test, in the role of the generated samples')
    .argument('<real>', 'DATASET/train or DATASET/test, the reference')
    .option('--n <n>', 'images from each split', '10000')
    .option('--extractor <id|dir>', 'feature extractor (default: the dataset\'s built-in classifier)')
    .option('--metrics <list>', 'comma-separated metrics', 'fid,kid,precision,recall,density,coverage')
    .option('--seed <s>', 'KID subset seed', '0')
    .option('--json', 'print one JSON object')
    .action((fakeRef: string, realRef: string, o, cmd: Command) => withEngine(cmd, async () => {
      const n = intOption('n', o.n, 10000);
      const fake = parseSplit(fakeRef);
      const real = parseSplit(realRef);
      const exId = o.extractor ?? defaultExtractorFor(real.name);
      if (!exId) throw new Error(`No built-in feature extractor for dataset "${real.name}"; pass --extractor DIR.`);
      const ex = await loadExtractor(exId);
      try {
        const fakeData = (await loadDataset({ name: fake.name }))[fake.split];
        const realData = (await loadDataset({ name: real.name }))[real.split];
        checkExtractorInput(ex, realData.shape, realRef);
        checkExtractorInput(ex, fakeData.shape, fakeRef);
        const r = await evaluateImages({
          extractor: ex,
          generated: datasetImages(fakeData, Math.min(n, fakeData.size)),
          real: datasetImages(realData, Math.min(n, realData.size)),
          source: fakeRef,
          realSource: realRef,
          metrics: parseMetricList(o.metrics),
          seed: seedOption(o.seed),
        });
        printResult(o, r, formatReport(r));
      } finally {
        ex.dispose();
      }
    }));
}

/** `genlab eval accuracy DIR`: test-split accuracy of a trained classifier run. */
export const accuracyCommand: RunCommand = {
  name: 'accuracy', needs: ['classify'], dir: 'run directory of a classifier',
  description: 'Test-split accuracy of a trained classifier run (e.g. the feature extractor)',
  options: [['--n <n>', 'test examples (default: the whole test split)'], JSON_ROW],
  run(s, o, dir) {
    const net = Object.values(s.model.networks)[0];
    const n = o.n === undefined ? s.data.test.size : Math.min(intOption('n', o.n, s.data.test.size), s.data.test.size);
    let correct = 0;
    for (let start = 0; start < n; start += 500) {
      const b = s.data.test.batch(Array.from({ length: Math.min(500, n - start) }, (_, i) => start + i));
      const pred = tidyArgMax(net.predict(b.x) as tf.Tensor);
      const y = b.y!.dataSync();
      pred.forEach((p, i) => (correct += p === y[i] ? 1 : 0));
      b.x.dispose();
      b.y?.dispose();
    }
    const out = { model: s.spec.id, dir, dataset: `${s.config.data.name}/test`, n, accuracy: correct / n };
    printResult(o, out, `accuracy ${(100 * out.accuracy).toFixed(2)} % on ${n} ${out.dataset} images\n`);
  },
};

function tidyArgMax(logits: tf.Tensor): Int32Array {
  const idx = tf.argMax(logits, 1);
  const v = idx.dataSync() as Int32Array;
  idx.dispose();
  logits.dispose();
  return v;
}
