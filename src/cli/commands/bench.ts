// `genlab bench modes`: the mode-collapse benchmark (ring of 8 / grid of 25 Gaussians) as a table on
// stdout, a PNG scatter per model and dataset, and with --json one {"results": [...]} object.
import type { Command } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { engineInfo } from '../../engine/backend.js';
import { encodePng } from '../../node/png-codec.js';
import { scatterPlot } from '../../io/png.js';
import { toy2dMixture } from '../../data/toy2d.js';
import { getSpec, presetOf } from '../../registry.js';
import { DEFAULT_MODE_MODELS, MODE_DATASETS, formatModeTable, runModeBenchmark, type ModeDataset, type ModeRun } from '../../experiments/mode-sweep.js';
import { progressReporter } from '../progress.js';
import { collect, commandLine, intOption, withEngine } from '../options.js';

function list(value: string, what: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new Error(`--${what} needs a comma-separated list.`);
  return items;
}

function scatterFor(run: ModeRun): Uint8Array {
  const mixture = toy2dMixture(MODE_DATASETS[run.dataset])!;
  const lim = run.dataset === 'ring' ? 3 : 5.5;
  return encodePng(
    scatterPlot(run.points, {
      size: 320, range: [-lim, lim], centers: mixture.centres, centerRadius: 3 * mixture.sigma, alpha: 0.35,
      title: `${run.model} ${run.dataset} seed ${run.seed}: ${run.modesCovered} modes, ${run.highQuality.toFixed(0)}% HQ`,
    }),
  );
}

/** Registers `bench` and its `modes` subcommand. */
export function registerBench(program: Command): void {
  const bench = program.command('bench').description('Benchmarks that train and score models');
  bench
    .command('modes')
    .description('Mode-collapse benchmark: modes covered, % high-quality samples and KL to uniform on the ring-8 / grid-25 Gaussians')
    .option('--models <list>', 'GAN ids, optionally id:preset', DEFAULT_MODE_MODELS.join(','))
    .option('--datasets <list>', 'ring, grid', 'ring,grid')
    .option('--seeds <n>', 'seeds per model and dataset (1…n)', '3')
    .option('--samples <n>', 'samples drawn from each trained generator', '2500')
    .option('--steps <n>', 'override train.steps of every model (default: each model\'s own)')
    .option('-s, --set <key=value>', 'dotted config override for every model, repeatable', collect, [])
    .option('-o, --out <dir>', 'folder for the scatter PNGs and per-seed modes.json (default runs/bench-modes-<time>)')
    .option('--json', 'print one JSON object {"results": [...]} instead of the table')
    .addHelpText('after', '\nExample:\n  genlab bench modes --models gan,wgan-gp,gan:pac2 --datasets ring,grid --seeds 3 --json')
    .action((o, cmd: Command) => withEngine(cmd, async () => {
      const datasets = list(o.datasets, 'datasets');
      const bad = datasets.filter((d) => !(d in MODE_DATASETS));
      if (bad.length) throw new Error(`Unknown --datasets ${bad.join(', ')}; valid: ${Object.keys(MODE_DATASETS).join(', ')}.`);
      const models = list(o.models, 'models');
      for (const m of models) {
        const spec = getSpec(m.split(':')[0]);
        const preset = m.split(':')[1];
        if (preset) presetOf(spec, preset);
      }
      const overrides: string[] = [...o.set];
      if (o.steps !== undefined) overrides.push(`train.steps=${intOption('steps', o.steps, 1)}`);
      const out = o.out ?? path.join('runs', `bench-modes-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..+/, '').replace('T', '-')}`);
      await mkdir(out, { recursive: true });
      const images: string[] = [];
      let progress: ReturnType<typeof progressReporter> | null = null;
      const t0 = performance.now();
      const { rows, runs } = await runModeBenchmark({
        models,
        datasets: datasets as ModeDataset[],
        seeds: intOption('seeds', o.seeds, 3),
        samples: intOption('samples', o.samples, 2500),
        overrides,
        onEvent: (label) => {
          progress = progressReporter(label);
          return progress.onEvent;
        },
        onRun: (run) => {
          progress?.stop();
          process.stderr.write(`${run.model} ${run.dataset} seed ${run.seed}: ${run.modesCovered} modes, ${run.highQuality.toFixed(1)}% high-quality, KL ${run.kl.toFixed(3)} (${run.seconds.toFixed(0)} s)\n`);
          if (run.seed !== 1) return;
          const file = `modes-${run.model.replace(/[^a-z0-9-]+/gi, '_')}-${run.dataset}.png`;
          images.push(path.join(out, file));
          void writeFile(path.join(out, file), scatterFor(run));
        },
      });
      const results = rows.map(({ model, dataset, modesCovered, highQuality, kl }) => ({ model, dataset, modesCovered, highQuality, kl }));
      const detail = {
        results: rows, command: commandLine(), engine: engineInfo(), wallTimeSec: (performance.now() - t0) / 1000,
        runs: runs.map(({ points: _points, ...r }) => r),
      };
      await writeFile(path.join(out, 'modes.json'), JSON.stringify(detail, null, 2));
      if (o.json) {
        process.stdout.write(JSON.stringify({ results }) + '\n');
      } else {
        process.stdout.write(formatModeTable(rows));
        process.stdout.write(`Scatter plots: ${images.join(', ')}\nPer-seed results: ${path.join(out, 'modes.json')}\n`);
      }
    }));
}
