// `genlab upscale DIR --input PNG`: 2× super-resolution of a low-resolution image (e.g. 14×14 → 28×28)
// with a diffusion model trained with model.condition=lowres (ddpm-sr); writes the (nearest-upsampled) input | samples.
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

/** Registers `upscale`. */
export function registerUpscale(program: Command): void {
  withSamplerFlags(
    program
      .command('upscale')
      .description('2× super-resolution of a low-resolution PNG with a ddpm-sr model')
      .argument('<dir>', 'run directory of a super-resolution diffusion model (ddpm-sr)')
      .requiredOption('--input <png>', 'low-resolution image, half the model size (e.g. 14×14)')
      .option('-n, --n <count>', 'number of samples', '4')
      .option('-o, --out <file>', 'output PNG (default DIR/upscale.png)')
      .option('--seed <n>', 'sampling seed', '1234'),
  ).action(async (dir: string, o, cmd: Command) => {
    await initNodeEngine(globalBackend(cmd));
    const n = intOption('n', o.n, 4);
    const s = await openSession({ checkpoint: dir });
    try {
      const model = s.model as DiffusionModel;
      if (typeof model.upscale !== 'function') throw new Error(`Model "${s.spec.id}" cannot upscale; train ddpm-sr.`);
      const [H, W, C] = s.data.train.shape;
      const low = await readModelImage(o.input, [H / 2, W / 2, C], 'input');
      const lows = tf.tidy(() => tf.tile(low, [n, 1, 1, 1]));
      const out = s.recipe.withSamplingWeights(() => model.upscale(lows, new Rng(Number(o.seed)), samplerOptions(o, n)));
      const grid = tf.tidy(() => tf.concat([tf.image.resizeNearestNeighbor(low, [H, W]), out], 0));
      const file = o.out ?? path.join(dir, 'upscale.png');
      await writePng(file, imageGrid(grid, n + 1, H, W, C, { cols: n + 1 }));
      tf.dispose([low, lows, out, grid]);
      process.stdout.write(`${file}\n`);
    } finally {
      s.dispose();
    }
  });
}
