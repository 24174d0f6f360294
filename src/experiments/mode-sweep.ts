// The mode-collapse benchmark: trains each GAN variant on the ring of 8 and the grid of 25 Gaussians
// for several seeds and reports modes covered, % high-quality samples and KL to uniform (PacGAN protocol).
import { getSpec, resolveModelConfig } from '../registry.js';
import { runTrainer } from '../train/trainer.js';
import { getRecipe } from '../train/recipes/index.js';
import { Rng } from '../random/rng.js';
import { TOY2D_NAMES, toy2dDatasets, toy2dMixture, type Toy2dName } from '../data/toy2d.js';
import type { TrainListener } from '../train/events.js';
import type { BaseConfig } from '../config/common.js';
import type { DataKind } from '../data/types.js';
import { meanStd, modeCoverage, type ModeCoverage } from '../metrics/mode-coverage.js';

/** Benchmark dataset names → toy 2-D sets. */
export const MODE_DATASETS = { ring: 'ring-8', grid: 'grid-25' } as const satisfies Record<string, Toy2dName>;
/** One of the benchmark dataset names. */
export type ModeDataset = keyof typeof MODE_DATASETS;

/** The variants of the table: plain GAN, WGAN, WGAN-GP and four cures (id or id:preset; an id alone gets its preset for vector data). */
export const DEFAULT_MODE_MODELS = ['gan', 'wgan', 'wgan-gp:toy', 'gan:mbdisc', 'gan:fm', 'gan:pac2', 'gan:hinge-sn'];

/** What to run. */
export interface ModeBenchmarkOptions {
  /** Registry ids, optionally with a preset: 'gan', 'gan:pac2'. */
  models: string[];
  datasets: ModeDataset[];
  /** Seeds 1…seeds are run for every model and dataset. */
  seeds: number;
  /** Samples drawn from each trained generator (2,500). */
  samples?: number;
  /** Dotted config overrides applied to every run (e.g. train.steps=500). */
  overrides?: string[];
  /** Called after each training run. */
  onRun?: (run: ModeRun) => void;
  /** Training events of the current run (progress bars). */
  onEvent?: (label: string) => TrainListener | undefined;
  signal?: AbortSignal;
}

/** One trained model's statistics. */
export interface ModeRun extends ModeCoverage {
  model: string;
  dataset: ModeDataset;
  seed: number;
  steps: number;
  seconds: number;
  /** The generated points [N, 2] interleaved. */
  points: Float32Array;
}

/** Aggregated row of the table (the JSON output's `results`). */
export interface ModeBenchmarkRow {
  model: string;
  dataset: ModeDataset;
  modesCovered: { mean: number; std: number };
  highQuality: { mean: number; std: number };
  kl: { mean: number; std: number };
  seeds: number;
  /** Mean training wall time per seed. */
  seconds: number;
}

/**
 * The config of one benchmark run: the entry's preset, or — as `genlab train` does — the model's preset
 * for vector data when the entry names none (the toy 2-D sets are vector data).
 */
export function modeConfig(entry: string, dataset: ModeDataset, seed: number, overrides: string[] = []): BaseConfig {
  const [id, preset] = entry.split(':');
  const dataKind = (n: string): DataKind | undefined => ((TOY2D_NAMES as readonly string[]).includes(n) ? 'vector' : undefined);
  return resolveModelConfig(getSpec(id), { preset, overrides: [`data.name=${MODE_DATASETS[dataset]}`, `seed=${seed}`, ...overrides], dataKind });
}

/** Trains and scores one (model, dataset, seed). */
export async function runModeExperiment(entry: string, dataset: ModeDataset, seed: number, o: Omit<ModeBenchmarkOptions, 'models' | 'datasets' | 'seeds'> = {}): Promise<ModeRun> {
  const spec = getSpec(entry.split(':')[0]);
  if (spec.family !== 'gan') throw new Error(`The mode benchmark trains GANs; "${spec.id}" is a ${spec.family} model.`);
  const name = MODE_DATASETS[dataset];
  if (!name) throw new Error(`Unknown benchmark dataset "${dataset}"; valid: ${Object.keys(MODE_DATASETS).join(', ')}.`);
  const config = modeConfig(entry, dataset, seed, o.overrides);
  const data = toy2dDatasets(name, { trainSize: config.data.trainSize, testSize: config.data.testSize });
  // the same fork order as a `genlab train` session: init, recipe, data
  const root = new Rng(config.seed);
  const model = spec.create(config, root.fork('init'), { kind: 'vector', shape: [2], numClasses: data.train.numClasses });
  const recipe = getRecipe(spec.recipe)(model, config, root.fork('recipe'), data.train);
  try {
    const t0 = performance.now();
    const result = await runTrainer({
      recipe, train: config.train, seed: config.seed, trainData: data.train, dataRng: root.fork('data'), signal: o.signal,
      onEvent: o.onEvent?.(`${entry} ${dataset} seed ${seed}`),
    });
    const seconds = (performance.now() - t0) / 1000;
    const x = recipe.withSamplingWeights(() => model.sample(o.samples ?? 2500, new Rng(seed + 7919)));
    const points = (x.dataSync() as Float32Array).slice();
    x.dispose();
    return { model: entry, dataset, seed, steps: result.step, seconds, points, ...modeCoverage(points, toy2dMixture(name)!) };
  } finally {
    recipe.dispose();
    model.dispose();
  }
}

/** Runs every (model, dataset, seed) and aggregates mean ± std over seeds per (model, dataset). */
export async function runModeBenchmark(o: ModeBenchmarkOptions): Promise<{ rows: ModeBenchmarkRow[]; runs: ModeRun[] }> {
  if (!(Number.isInteger(o.seeds) && o.seeds >= 1)) throw new Error(`seeds must be a positive integer, got ${o.seeds}.`);
  for (const m of o.models) getSpec(m.split(':')[0]); // fail fast on a typo, before hours of training
  const runs: ModeRun[] = [];
  const rows: ModeBenchmarkRow[] = [];
  for (const dataset of o.datasets) {
    for (const model of o.models) {
      const mine: ModeRun[] = [];
      for (let seed = 1; seed <= o.seeds; seed++) {
        if (o.signal?.aborted) return { rows, runs };
        const run = await runModeExperiment(model, dataset, seed, o);
        mine.push(run);
        runs.push(run);
        o.onRun?.(run);
      }
      rows.push({
        model, dataset, seeds: mine.length,
        modesCovered: meanStd(mine.map((r) => r.modesCovered)),
        highQuality: meanStd(mine.map((r) => r.highQuality)),
        kl: meanStd(mine.map((r) => r.kl)),
        seconds: meanStd(mine.map((r) => r.seconds)).mean,
      });
    }
  }
  return { rows, runs };
}

/** The benchmark table as fixed-width text (one row per model and dataset). */
export function formatModeTable(rows: ModeBenchmarkRow[]): string {
  const k = (ds: ModeDataset) => toy2dMixture(MODE_DATASETS[ds])!.centres.length;
  const pm = (v: { mean: number; std: number }, d: number) => `${v.mean.toFixed(d)} ± ${v.std.toFixed(d)}`;
  const head = ['model', 'dataset', 'modes covered', 'high-quality %', 'KL(modes ‖ uniform)', 's/seed'];
  const body = rows.map((r) => [r.model, r.dataset, `${pm(r.modesCovered, 1)} / ${k(r.dataset)}`, pm(r.highQuality, 1), pm(r.kl, 3), r.seconds.toFixed(0)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...body.map(line)].join('\n') + '\n';
}
