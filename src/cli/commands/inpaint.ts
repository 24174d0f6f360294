// `genlab inpaint DIR --input PNG --mask PNG`: fills the white region of the mask with a trained
// diffusion model, by RePaint resampling (Lugmayr et al. 2022); writes input-with-hole | completions.
import path from 'node:path';
import { tf } from '../../engine/tf.js';
import { Rng } from '../../random/rng.js';
import { isInpaintModel } from '../../models/types.js';
import { countRow, intOption, modelAs, outRow, seedOption, seedRow , type RunCommand } from '../options.js';
import { checkSampleCount } from '../limits.js';
import { checkOutputFile } from '../../node/run-dir.js';
import { readModelImage, samplerOptions, withSamplerFlags, writeImageRow } from './diffusion-common.js';

/** `genlab inpaint DIR`: RePaint completion of the masked region. */
export const inpaintCommand: RunCommand = {
  name: 'inpaint', needs: ['inpaint'], dir: 'run directory of a diffusion model',
  description: 'Fill the masked (white) region of an image with a trained diffusion model (RePaint)',
  required: [
    ['--input <png>', 'image of the model size (e.g. 28×28)'],
    ['--mask <png>', 'mask of the same size: white (≥ 0.5) = pixels to fill'],
  ],
  options: [
    countRow('completions', '8'),
    ['--resample <u>', 'RePaint resampling rounds per step', '5'],
    outRow('DIR/inpaint.png'),
    seedRow('1234'),
  ],
  extend: withSamplerFlags,
  async run(s, o, dir) {
    const file = o.out ?? path.join(dir, 'inpaint.png');
    await checkOutputFile(file);
    const model = modelAs(s, isInpaintModel);
    const n = intOption('n', o.n, 8);
    const shape = s.data.train.shape; // [H, W, C]
    checkSampleCount('n', n, shape, 'Pass a smaller --n (run the command again with another --seed for more).');
    const x = await readModelImage(o.input, shape, 'input'); // [1, H, W, C]
    const m = await readModelImage(o.mask, [shape[0], shape[1], 1], 'mask'); // [1, H, W, 1]
    const xs = tf.tidy(() => tf.tile(x, [n, 1, 1, 1]));
    const missing = tf.tidy(() => tf.tile(tf.cast(tf.greaterEqual(m, 0.5), 'float32'), [n, 1, 1, shape[2]])); // [n, H, W, C]
    const opts = { ...samplerOptions(o, n), resample: intOption('resample', o.resample, 5) };
    const out = s.recipe.withSamplingWeights(() => model.inpaint(xs, missing, new Rng(seedOption(o.seed)), opts));
    const holed = tf.tidy(() => tf.mul(x, tf.sub(1, tf.slice(missing, [0, 0, 0, 0], [1, -1, -1, -1])))); // the input with its hole
    await writeImageRow(file, holed, out);
    tf.dispose([x, m, xs, missing, out, holed]);
  },
};
