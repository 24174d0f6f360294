// `genlab inpaint DIR --input PNG --mask PNG`: fills the white region of the mask with a trained
// diffusion model, by RePaint resampling (Lugmayr et al. 2022); writes input-with-hole | completions.
import type { Command } from 'commander';
import path from 'node:path';
import { tf } from '../../engine/tf.js';
import { initNodeEngine } from '../../node/engine.js';
import { openSession } from '../../node/session.js';
import { writePng } from '../../node/png-codec.js';
import { imageGrid } from '../../io/png.js';
import { Rng } from '../../random/rng.js';
import type { DiffusionModel } from '../../models/diffusion/diffusion.js';
import { globalBackend, intOption } from '../options.js';
import { readModelImage, samplerOptions, withSamplerFlags } from './diffusion-common.js';

/** Registers `inpaint`. */
export function registerInpaint(program: Command): void {
  withSamplerFlags(
    program
      .command('inpaint')
      .description('Fill the masked (white) region of an image with a trained diffusion model (RePaint)')
      .argument('<dir>', 'run directory of a diffusion model')
      .requiredOption('--input <png>', 'image of the model size (e.g. 28×28)')
      .requiredOption('--mask <png>', 'mask of the same size: white (≥ 0.5) = pixels to fill')
      .option('-n, --n <count>', 'number of completions', '8')
      .option('--resample <u>', 'RePaint resampling rounds per step', '5')
      .option('-o, --out <file>', 'output PNG (default DIR/inpaint.png)')
      .option('--seed <n>', 'sampling seed', '1234'),
  ).action(async (dir: string, o, cmd: Command) => {
    await initNodeEngine(globalBackend(cmd));
    const n = intOption('n', o.n, 8);
    const s = await openSession({ checkpoint: dir });
    try {
      const model = s.model as DiffusionModel;
      if (typeof model.inpaint !== 'function') throw new Error(`Model "${s.spec.id}" cannot inpaint; use a diffusion model (ddpm, ddpm-cond).`);
      const shape = s.data.train.shape;
      const x = await readModelImage(o.input, shape, 'input');
      const m = await readModelImage(o.mask, [shape[0], shape[1], 1], 'mask');
      const xs = tf.tidy(() => tf.tile(x, [n, 1, 1, 1]));
      const missing = tf.tidy(() => tf.tile(tf.cast(tf.greaterEqual(m, 0.5), 'float32'), [n, 1, 1, shape[2]]));
      const out = s.recipe.withSamplingWeights(() => model.inpaint(xs, missing, new Rng(Number(o.seed)), { ...samplerOptions(o, n), resample: intOption('resample', o.resample, 5) }));
      const grid = tf.tidy(() => tf.concat([tf.mul(x, tf.sub(1, tf.slice(missing, [0, 0, 0, 0], [1, -1, -1, -1]))), out], 0));
      const file = o.out ?? path.join(dir, 'inpaint.png');
      await writePng(file, imageGrid(grid, n + 1, shape[0], shape[1], shape[2], { cols: n + 1 }));
      tf.dispose([x, m, xs, missing, out, grid]);
      process.stdout.write(`${file}\n`);
    } finally {
      s.dispose();
    }
  });
}
