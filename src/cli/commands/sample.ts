// `genlab sample DIR`: draw samples from a trained run into a PNG grid (or scatter for 2-D data); large
// --n is drawn in batches and written as numbered files, so memory stays bounded whatever the count.
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import { renderInterpolation } from '../../node/artifacts.js';
import { encodePng } from '../../node/png-codec.js';
import { checkOutputFile, writeOutput } from '../../node/run-dir.js';
import { collect, modelAs, outRow, seedOption, seedRow, type RunCommand } from '../options.js';
import { checkCount, checkSampleCount, countOption, formatBytes } from '../limits.js';
import { checkSamplerName, hasSamplerFlags, samplerNeeds, samplerOptions, withSamplerFlags } from './diffusion-common.js';
import { Rng } from '../../random/rng.js';
import { imageGrid, scatterPlot } from '../../io/png.js';
import { isEnergyLandscapeModel, type Need } from '../../models/types.js';
import type { Session } from '../../node/session.js';
import { parseConditions, writeTableSamples } from './sample-table.js';

/** Pixels one grid file may hold (a 4096×4096 PNG) and the most samples per file. */
const GRID_PIXELS = 4096 * 4096;
const MAX_GRID = 1024;
/** Points per scatter file. */
const POINTS_PER_FILE = 65536;
/** Samples per model call. */
const BATCH = 256;

/** How many samples, per file and per model call, for a run whose samples have `shape`; checked against memory. */
export function sampleLimits(shape: number[], o: { n?: string; perFile?: string; batch?: string }) {
  const n = countOption('n', o.n, 64);
  const image = shape.length === 3;
  const sampleBytes = 4 * shape.reduce((a, b) => a * b, 1);
  const perFile = countOption('per-file', o.perFile, image ? Math.max(1, Math.min(MAX_GRID, Math.floor(GRID_PIXELS / ((shape[0]! + 2) * (shape[1]! + 2))))) : POINTS_PER_FILE);
  const gridBytes = image ? 4 * (shape[0]! + 2) * (shape[1]! + 2) : 0;
  checkCount('per-file', perFile, 2 * sampleBytes + 2 * gridBytes, 'samples and their PNG grid', 'Pass a smaller --per-file: a larger --n is written as numbered files of --per-file samples each.');
  const batch = countOption('batch', o.batch, BATCH);
  checkSampleCount('batch', batch, shape, 'Pass a smaller --batch (it changes only speed and which noise each sample gets).');
  return { n, perFile, batch, files: Math.ceil(n / perFile) };
}

/** PNG's deflate is taken to shrink sample grids at most this much (they are noisy; a tiny VAE's shrink ~2×). */
const BEST_COMPRESSION = 4;

/** Refuses an --n whose PNGs could not fit the free space of the output's folder even at the best compression. */
export async function checkDiskSpace(out: string, n: number, shape: number[]): Promise<void> {
  const image = shape.length === 3;
  const rawEach = image ? 4 * (shape[0]! + 2) * (shape[1]! + 2) : 0;
  if (!image) return; // scatter files have a fixed size whatever the points
  const dir = path.dirname(path.resolve(out));
  const fs = await statfs(dir).catch(() => null);
  if (!fs || fs.blocks === 0) return; // virtual file systems (/proc) report no blocks at all
  const free = fs.bavail * fs.bsize;
  const least = (n * rawEach) / BEST_COMPRESSION;
  if (least > free) {
    throw new Error(`--n ${n} would write at least ${formatBytes(least)} of PNGs (${formatBytes(n * rawEach)} of pixels before compression), but ${dir} has ${formatBytes(free)} free. Pass a smaller --n, or --out on a larger disk.`);
  }
}

/** The i-th (1-based) of `count` numbered files: samples.png → samples-0001.png. */
export function numberedFile(file: string, i: number, count: number): string {
  if (count === 1) return file;
  const ext = path.extname(file) || '.png';
  const stem = file.slice(0, file.length - path.extname(file).length);
  return `${stem}-${String(i).padStart(Math.max(4, String(count).length), '0')}${ext}`;
}

/** Draws `k` samples (the `offset`-th onwards) in batches into one flat array [k, …]; returns it and a sample's shape. */
function drawChunk(s: Session, o: Record<string, any>, rng: Rng, k: number, batch: number, offset: number): { data: Float32Array; dims: number[] } {
  let data: Float32Array | null = null;
  let dims: number[] = [];
  for (let done = 0; done < k; done += batch) {
    const b = Math.min(batch, k - done);
    const opts = hasSamplerFlags(o) ? samplerOptions(o, b, offset + done) : undefined;
    const x = s.recipe.withSamplingWeights(() => s.model.sample(b, rng, opts)); // [b, …]
    try {
      const v = x.dataSync() as Float32Array;
      const per = v.length / b;
      data ??= new Float32Array(k * per);
      dims = x.shape.slice(1);
      data.set(v, done * per);
    } finally {
      x.dispose();
    }
  }
  return { data: data!, dims };
}

/** `genlab sample DIR`: a sample grid/scatter, latent interpolations, or an energy landscape. */
export const sampleCommand: RunCommand = {
  name: 'sample',
  description: 'Sample a trained model into a PNG (numbered PNGs when --n exceeds --per-file)',
  dir: 'run directory written by `genlab train`',
  options: [
    ['-n, --n <count>', 'number of samples (any count: above --per-file they go to numbered files)', '64'],
    ['--per-file <k>', 'samples per PNG (default: a grid of at most 4096×4096 pixels and 1024 samples; 65536 points)'],
    ['--batch <k>', `samples per model call (default ${BATCH}; bounds memory)`],
    outRow('DIR/samples-seed<S>.png'),
    seedRow('1234'),
    ['--interpolate <method>', 'instead of samples, decode latent interpolations (lerp | slerp)'],
    ['--energy', 'energy-based 2-D models: also write the energy landscape heatmap (DIR/energy.png)'],
  ],
  extend: (c) => {
    withSamplerFlags(c);
    c.option('--condition <column=value>', 'table models: only rows with this category (repeatable; ctgan natively, others by rejection)', collect, []);
  },
  check(o) {
    countOption('n', o.n, 64);
    countOption('per-file', o.perFile, 1);
    countOption('batch', o.batch, 1);
    seedOption(o.seed);
    if (o.interpolate && o.interpolate !== 'lerp' && o.interpolate !== 'slerp') throw new Error(`--interpolate must be lerp or slerp, got "${o.interpolate}".`);
    if (hasSamplerFlags(o)) samplerOptions(o, 1);
    parseConditions(o.condition);
  },
  needs: (o) => [o.interpolate ? 'latent' : 'sample', ...(o.energy ? ['energy' as Need] : []), ...(o.condition?.length ? ['table' as Need] : []), ...samplerNeeds(o)],
  async run(s, o, dir) {
    checkSamplerName(s.spec.capabilities, o.sampler);
    const seed = seedOption(o.seed);
    if (s.spec.capabilities.output === 'table' && !o.interpolate) {
      // rows, not pictures: CSV in the training table's columns
      const file = await writeTableSamples(s, countOption('n', o.n, 64), seed, o.out ?? path.join(dir, `samples-seed${seed}.csv`), parseConditions(o.condition));
      process.stdout.write(`${file}\n`);
      return;
    }
    const out = o.out ?? path.join(dir, o.interpolate ? `interpolation-${o.interpolate}.png` : `samples-seed${seed}.png`);
    await checkOutputFile(out);
    if (o.energy) {
      const m = modelAs(s, isEnergyLandscapeModel);
      const file = path.join(dir, 'energy.png');
      await writeOutput(file, encodePng(s.recipe.withSamplingWeights(() => m.energyLandscape())), 'energy landscape');
      process.stdout.write(`${file}\n`);
    }
    if (o.interpolate) {
      const img = renderInterpolation(s, 8, 10, o.interpolate);
      if (!img) throw new Error(`Interpolations are drawn for image runs; ${s.data.test.name} is ${s.data.test.kind} data.`);
      await writeOutput(out, encodePng(img));
      process.stdout.write(`${out}\n`);
      return;
    }
    const { n, perFile, batch, files } = sampleLimits(s.data.train.shape, o);
    await checkDiskSpace(out, n, s.data.train.shape);
    const rng = new Rng(seed); // one stream over all files: the same --n and --seed give the same files
    for (let f = 0; f < files; f++) {
      const k = Math.min(perFile, n - f * perFile);
      const { data, dims } = drawChunk(s, o, rng, k, batch, f * perFile);
      const img = dims.length === 3 ? imageGrid(data, k, dims[0]!, dims[1]!, dims[2]!, { cols: Math.ceil(Math.sqrt(k)) }) : scatterPlot(data, {});
      const file = numberedFile(out, f + 1, files);
      await writeOutput(file, encodePng(img));
      process.stdout.write(`${file}\n`);
    }
  },
};
