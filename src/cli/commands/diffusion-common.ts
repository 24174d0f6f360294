// Shared flag parsing for the diffusion CLI commands (sample/inpaint/upscale): sampler options,
// PNG inputs checked against the model's image shape, and the input | outputs result row.
import { tf } from '../../engine/tf.js';
import { readPngImage, writePng } from '../../node/png-codec.js';
import { imageGrid } from '../../io/png.js';
import type { Capabilities, Need, SampleOptions } from '../../models/types.js';
import { schedulerNames } from '../../schedulers/index.js';

/** Sampler flags as given on the command line. */
export interface SamplerFlags {
  sampler?: string;
  steps?: string;
  label?: string;
  guidance?: string;
  guidanceRescale?: string;
  guidanceInterval?: string;
  eta?: string;
}

/** The capabilities the given sampler flags need: a flag a model would silently ignore is refused instead. */
export function samplerNeeds(o: SamplerFlags): Need[] {
  const needs: Need[] = [];
  if (o.sampler !== undefined) needs.push('sampler');
  if (o.steps !== undefined) needs.push('steps');
  if (o.eta !== undefined) needs.push('eta');
  if ([o.label, o.guidance, o.guidanceRescale, o.guidanceInterval].some((v) => v !== undefined)) needs.push('conditional');
  return needs;
}

/** Refuses a --sampler name the model does not take, listing the ones it does. */
export function checkSamplerName(c: Capabilities, sampler: string | undefined): void {
  if (sampler === undefined || !c.sampling || c.sampling.samplers.includes(sampler)) return;
  throw new Error(`--sampler "${sampler}" is not one of this model's samplers: ${c.sampling.samplers.join(', ')}.`);
}

/** Whether any sampler flag was given. */
export function hasSamplerFlags(o: SamplerFlags): boolean {
  return [o.sampler, o.steps, o.label, o.guidance, o.guidanceRescale, o.guidanceInterval, o.eta].some((v) => v !== undefined);
}

function num(name: string, v: string, int: boolean): number {
  const n = Number(v);
  if (!Number.isFinite(n) || (int && !Number.isInteger(n)) || n < 0) throw new Error(`--${name} must be a non-negative ${int ? 'integer' : 'number'}, got "${v}".`);
  return n;
}

/** SampleOptions for n samples (the `offset`-th onwards); --label takes one class or a comma list (cycled over the samples). */
export function samplerOptions(o: SamplerFlags, n: number, offset = 0): SampleOptions {
  const opts: SampleOptions = {};
  if (o.sampler !== undefined) opts.sampler = o.sampler;
  if (o.steps !== undefined) opts.steps = num('steps', o.steps, true);
  if (o.guidance !== undefined) opts.guidance = num('guidance', o.guidance, false);
  if (o.guidanceRescale !== undefined) {
    opts.guidanceRescale = num('guidance-rescale', o.guidanceRescale, false);
    if (opts.guidanceRescale > 1) throw new Error(`--guidance-rescale must lie in [0, 1], got "${o.guidanceRescale}".`);
  }
  if (o.guidanceInterval !== undefined) {
    const parts = o.guidanceInterval.split(',').map((t) => num('guidance-interval', t.trim(), false));
    if (parts.length !== 2 || parts[0] > parts[1] || parts[1] > 1) {
      throw new Error(`--guidance-interval takes LO,HI with 0 ≤ LO ≤ HI ≤ 1 (fractions of the noise schedule), got "${o.guidanceInterval}".`);
    }
    opts.guidanceInterval = [parts[0], parts[1]];
  }
  if (o.eta !== undefined) opts.eta = num('eta', o.eta, false);
  if (o.label !== undefined) {
    const ls = o.label.split(',').map((t) => num('label', t.trim(), true));
    opts.labels = Array.from({ length: n }, (_, i) => ls[(offset + i) % ls.length]);
  }
  return opts;
}

/** Reads a PNG as one image [1, H, W, C] in [0,1], checking it matches the model's data shape. */
export async function readModelImage(file: string, shape: number[], flag: string): Promise<tf.Tensor4D> {
  if (shape.length !== 3) throw new Error(`This model works on ${shape.join('×')} vectors, not images.`);
  const [H, W, C] = shape;
  const img = await readPngImage(file, { channels: C === 1 ? 1 : 3 });
  if (img.h !== H || img.w !== W) throw new Error(`--${flag} ${file} is ${img.w}×${img.h}; this model needs ${W}×${H} images.`);
  return tf.tensor4d(img.data, [1, H, W, C]);
}

/** Writes [first | outputs] as one row of images and prints the file (inpaint/upscale results); disposes neither input. */
export async function writeImageRow(file: string, first: tf.Tensor, outputs: tf.Tensor): Promise<void> {
  const grid = tf.concat([first, outputs], 0); // [n + 1, H, W, C]
  const [k, H, W, C] = grid.shape as [number, number, number, number];
  try {
    await writePng(file, imageGrid(grid, k, H, W, C, { cols: k }));
  } finally {
    grid.dispose();
  }
  process.stdout.write(`${file}\n`);
}

/** Adds the sampler flags to a command. */
export function withSamplerFlags<T extends { option(flags: string, description: string): T }>(cmd: T): T {
  return cmd
    .option('--sampler <name>', `diffusion: ${schedulerNames().join(' | ')}; ebm: short-run | long-run (default: the model config)`)
    .option('--steps <n>', 'number of inference steps')
    .option('--label <k>', 'class label(s) for conditional models: one class or a comma list')
    .option('--guidance <s>', 'classifier-free guidance scale (1 = none)')
    .option('--guidance-rescale <φ>', 'rescale guided predictions to the conditional one\'s std, mixed by φ in [0, 1] (0 = off)')
    .option('--guidance-interval <lo,hi>', 'guide only at timesteps in [lo, hi] × T (default 0,1)')
    .option('--eta <η>', 'DDIM η (0 = deterministic)');
}
