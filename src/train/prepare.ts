// Batch preparation from the data config: random-translation augmentation (as in the classic MNIST
// convnets, Simard et al. 2003) and dynamic binarisation (Burda et al. 2016, §5.1) or a 0.5 threshold.
import { tf } from '../engine/tf.js';
import type { DataConfig } from '../config/common.js';
import type { PrepareBatch } from './trainer.js';
import type { Rng } from '../random/rng.js';

/** Shifts each image [B, H, W, C] by its own random offset in [−max, max]² (zero fill). */
export function randomShift(x: tf.Tensor, max: number, rng: Rng): tf.Tensor {
  const [b, h, w, c] = x.shape;
  const src = x.dataSync();
  const out = new Float32Array(src.length);
  for (let i = 0; i < b; i++) {
    const dy = rng.int(2 * max + 1) - max;
    const dx = rng.int(2 * max + 1) - max;
    for (let r = Math.max(0, dy); r < Math.min(h, h + dy); r++) {
      const from = ((i * h + r - dy) * w + Math.max(0, -dx)) * c;
      const to = ((i * h + r) * w + Math.max(0, dx)) * c;
      out.set(src.subarray(from, from + (w - Math.abs(dx)) * c), to);
    }
  }
  return tf.tensor4d(out, [b, h, w, c]);
}

/** The batch transform for training (augmentation + binarisation), or undefined when batches are used as loaded. */
export function makeTrainPrepare(data: Pick<DataConfig, 'binarize'> & { shift?: number }): PrepareBatch | undefined {
  const binarize = makePrepare(data);
  const shift = data.shift ?? 0;
  if (!(shift > 0)) return binarize;
  return (batch, rng) => {
    const x = batch.x.shape.length === 4 ? randomShift(batch.x, shift, rng) : tf.clone(batch.x);
    batch.x.dispose();
    const shifted = { x, y: batch.y };
    return binarize ? binarize(shifted, rng) : shifted;
  };
}

/** The evaluation-time transform (binarisation only), or undefined when batches are used as loaded. */
export function makePrepare(data: Pick<DataConfig, 'binarize'>): PrepareBatch | undefined {
  if (data.binarize === 'none') return undefined;
  return (batch, rng) => {
    const x = tf.tidy(() =>
      data.binarize === 'dynamic'
        ? tf.cast(tf.less(rng.uniformTensor(batch.x.shape), batch.x), 'float32') // pixel ~ Bernoulli(intensity)
        : tf.cast(tf.greater(batch.x, 0.5), 'float32'),
    );
    batch.x.dispose();
    return { x, y: batch.y };
  };
}
