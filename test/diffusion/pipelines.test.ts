// The diffusion pipelines with oracle denoisers (known answers): RePaint restores the unknown region of
// one of two candidate images from its known region; super-resolution's output follows its low-res input.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { makeScheduler, type DenoiseFn } from '../../src/samplers/diffusion.js';
import { inpaintPipeline, samplePipeline, upscalePipeline, type LowresSpace } from '../../src/samplers/diffusion-pipelines.js';
import { useBackend } from '../helpers/engine.js';

const T = 100;
const SHAPE = [4, 4, 1];

/** Images in [0,1] ↔ model space [−1,1], with nearest-neighbour 2× upsampling for the SR conditioning. */
const space: LowresSpace = {
  shape: SHAPE,
  toModel: (x) => tf.tidy(() => tf.sub(tf.mul(x, 2), 1)),
  fromModel: (x) => tf.tidy(() => tf.clipByValue(tf.div(tf.add(x, 1), 2), 0, 1)),
  upsample: (low) => tf.image.resizeNearestNeighbor(low as tf.Tensor4D, [SHAPE[0], SHAPE[1]]),
};

/**
 * The exact ε̂ when the data is one of K model-space images c_k with equal probability: posterior
 * weights w_k ∝ exp(−‖x_t − √ᾱ·c_k‖²/2(1−ᾱ)), x̂_0 = Σ w_k c_k, ε̂ = (x_t − √ᾱ·x̂_0)/√(1−ᾱ).
 */
function mixtureOracle(centres: tf.Tensor, abarOf: (t: number) => number): DenoiseFn {
  const k = centres.shape[0];
  return (x, t) =>
    tf.tidy(() => {
      const a = abarOf(t);
      const b = x.shape[0];
      const xf = tf.reshape(x, [b, 1, -1]); // [B, 1, D]
      const cf = tf.reshape(centres, [1, k, -1]); // [1, K, D]
      const d2 = tf.sum(tf.square(tf.sub(xf, tf.mul(cf, Math.sqrt(a)))), 2); // [B, K]
      const w = tf.softmax(tf.div(d2, -2 * (1 - a))); // [B, K]
      const x0 = tf.reshape(tf.matMul(w, tf.reshape(centres, [k, -1])), x.shape); // [B, …]
      return tf.div(tf.sub(x, tf.mul(x0, Math.sqrt(a))), Math.sqrt(1 - a));
    });
}

describe('diffusion pipelines (wasm)', () => {
  before(() => useBackend('wasm'));

  test('RePaint with the exact denoiser of a two-image dataset restores each image\'s unknown half from its known half', () => {
    // two images that differ everywhere; the known half (left columns) tells them apart, the unknown half must follow
    const imgs = tf.tidy(() => tf.reshape(tf.stack([tf.linspace(0, 1, 16), tf.reverse(tf.linspace(0, 1, 16))]), [2, ...SHAPE])); // [2, 4, 4, 1] in [0,1]
    const centres = space.toModel(imgs);
    const missing = tf.tidy(() => tf.tile(tf.reshape(tf.tensor1d([0, 0, 1, 1]), [1, 1, 4, 1]), [2, 4, 1, 1])); // right half missing
    for (const [sampler, eta] of [['ddim', 1], ['ddpm', 0]] as const) {
      const sched = makeScheduler(sampler, { numTrainTimesteps: T, schedule: 'linear', prediction: 'epsilon', clipRange: 1, useClippedModelOutput: true }, 20, eta);
      const denoise = mixtureOracle(centres, (t) => sched.alphasCumprod[t]);
      const before = tf.memory().numTensors;
      const out = inpaintPipeline(sched, denoise, space, imgs, missing, new Rng(11), { resample: 3 });
      assert.equal(tf.memory().numTensors, before + 1);
      const err = tf.tidy(() => tf.max(tf.abs(tf.mul(tf.sub(out, imgs), missing))).dataSync()[0]);
      const keptErr = tf.tidy(() => tf.max(tf.abs(tf.mul(tf.sub(out, imgs), tf.sub(1, missing)))).dataSync()[0]);
      assert.ok(err < 0.01, `${sampler}: max error over the unknown region ${err}`);
      assert.ok(keptErr < 1e-6, `${sampler}: the known region changed by ${keptErr}`);
      out.dispose();
    }
    assert.throws(() => inpaintPipeline(makeScheduler('ddim', { numTrainTimesteps: T, schedule: 'linear' }, 5), mixtureOracle(centres, () => 0.5), space, imgs, tf.zeros([1, 4, 4, 1]), new Rng(1)), /mask has shape \[1,4,4,1\], the images \[2,4,4,1\]/);
    tf.dispose([imgs, centres, missing]);
  });

  test('super-resolution with the oracle p(x_0 | low) = δ(up(low)): the output\'s 2× average pool is the input, for two different inputs', () => {
    const sched = makeScheduler('ddim', { numTrainTimesteps: T, schedule: 'cosine', prediction: 'epsilon', clipRange: 1, useClippedModelOutput: true }, 10, 1);
    const denoiseFor = (cond: tf.Tensor): DenoiseFn => (x, t) => {
      const a = sched.alphasCumprod[t];
      return tf.tidy(() => tf.div(tf.sub(x, tf.mul(cond, Math.sqrt(a))), Math.sqrt(1 - a)));
    };
    const lows = [tf.tensor4d([0.1, 0.9, 0.4, 0.6, 0.2, 0.8, 1, 0], [2, 2, 2, 1]), tf.tensor4d([0.7, 0.3, 0.5, 0.05, 0.95, 0.25, 0, 1], [2, 2, 2, 1])];
    const pooled = lows.map((low) => {
      const up = upscalePipeline(sched, denoiseFor, space, low, new Rng(4));
      assert.deepEqual(up.shape, [2, 4, 4, 1]);
      const p = tf.tidy(() => tf.avgPool(up as tf.Tensor4D, 2, 2, 'valid'));
      const v = Array.from(p.dataSync());
      tf.dispose([up, p]);
      return v;
    });
    lows.forEach((low, i) => Array.from(low.dataSync()).forEach((v, j) => assert.ok(Math.abs(pooled[i][j] - v) < 1e-4, `input ${i}[${j}]: pooled ${pooled[i][j]} vs ${v}`)));
    tf.dispose(lows);
  });

  test('the sample pipeline returns data-space samples: the exact denoiser of one image gives that image', () => {
    const img = tf.tidy(() => tf.reshape(tf.linspace(0.05, 0.95, 16), [1, ...SHAPE]));
    const c = space.toModel(img);
    const sched = makeScheduler('ddpm', { numTrainTimesteps: T, schedule: 'linear', prediction: 'epsilon', clipRange: 1 }, 10);
    const out = samplePipeline(sched, mixtureOracle(c, (t) => sched.alphasCumprod[t]), space, 3, new Rng(2));
    assert.deepEqual(out.shape, [3, 4, 4, 1]);
    const err = tf.tidy(() => tf.max(tf.abs(tf.sub(out, img))).dataSync()[0]);
    assert.ok(err < 1e-4, `max error ${err}`);
    tf.dispose([img, c, out]);
  });
});
