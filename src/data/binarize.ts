// Binarised images for Bernoulli likelihoods: dynamic binarisation (a fresh Bernoulli draw per pixel
// each time, Salakhutdinov & Murray 2008) and a fixed-seed binarised test set for comparable NLLs.
import { tf } from '../engine/tf.js';
import { Rng } from '../random/rng.js';
import { ImageDataset } from './image-dataset.js';

/** Seed of the fixed binarised evaluation copy unless the caller picks another. */
export const BINARIZED_TEST_SEED = 0;

/** Samples x_bin ~ Bernoulli(x) elementwise for x in [0, 1], with uniforms from `rng`; same shape, float32 0/1. */
export function binarize(x: tf.Tensor, rng: Rng): tf.Tensor {
  const u = rng.uniformTensor(x.shape); // same shape as x, U[0, 1)
  const out = tf.tidy(() => tf.cast(tf.less(u, x), 'float32'));
  u.dispose();
  return out;
}

/** Binarises uint8 pixels: each becomes 255 with probability value/255, else 0 (uniforms from `rng`). */
export function binarizePixels(pixels: Uint8Array, rng: Rng): Uint8Array {
  const out = new Uint8Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = rng.uniform() * 255 < pixels[i] ? 255 : 0;
  return out;
}

/** A binarised copy of an image dataset drawn once from `seed`, e.g. the MNIST test set for NLL evaluation. */
export function binarizedCopy(ds: ImageDataset, seed = BINARIZED_TEST_SEED): ImageDataset {
  const [height, width, channels] = ds.shape;
  return new ImageDataset({
    name: `${ds.name}/binarized-seed${seed}`,
    pixels: binarizePixels(ds.pixels, new Rng(seed)),
    height,
    width,
    channels,
    labels: ds.labels,
    numClasses: ds.numClasses,
  });
}
