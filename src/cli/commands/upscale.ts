// `genlab upscale DIR --input PNG`: 2× super-resolution of a low-resolution image (e.g. 14×14 → 28×28)
// with a diffusion model trained with model.condition=lowres (ddpm-sr); writes the (nearest-upsampled) input | samples.
import path from 'node:path';
import { tf } from '../../engine/tf.js';
import { Rng } from '../../random/rng.js';
import { isUpscaleModel } from '../../models/types.js';
import { countRow, intOption, modelAs, outRow, seedOption, seedRow , type RunCommand } from '../options.js';
import { checkSampleCount } from '../limits.js';
import { checkOutputFile } from '../../node/run-dir.js';
import { readModelImage, samplerOptions, withSamplerFlags, writeImageRow } from './diffusion-common.js';

/** `genlab upscale DIR`: 2× super-resolution of a PNG. */
export const upscaleCommand: RunCommand = {
  name: 'upscale', needs: ['upscale'], dir: 'run directory of a super-resolution diffusion model (ddpm-sr)',
  description: '2× super-resolution of a low-resolution PNG with a ddpm-sr model',
  required: [['--input <png>', 'low-resolution image, half the model size (e.g. 14×14)']],
  options: [
    countRow('samples', '4'),
    outRow('DIR/upscale.png'),
    seedRow('1234'),
  ],
  extend: withSamplerFlags,
  async run(s, o, dir) {
    const file = o.out ?? path.join(dir, 'upscale.png');
    await checkOutputFile(file);
    const model = modelAs(s, isUpscaleModel);
    const n = intOption('n', o.n, 4);
    const [H, W, C] = s.data.train.shape;
    checkSampleCount('n', n, s.data.train.shape, 'Pass a smaller --n (run the command again with another --seed for more).');
    const low = await readModelImage(o.input, [H / 2, W / 2, C], 'input'); // [1, H/2, W/2, C]
    const lows = tf.tidy(() => tf.tile(low, [n, 1, 1, 1]));
    const out = s.recipe.withSamplingWeights(() => model.upscale(lows, new Rng(seedOption(o.seed)), samplerOptions(o, n))); // [n, H, W, C]
    const big = tf.image.resizeNearestNeighbor(low, [H, W]); // [1, H, W, C], nearest-upsampled input
    await writeImageRow(file, big, out);
    tf.dispose([low, lows, out, big]);
  },
};
