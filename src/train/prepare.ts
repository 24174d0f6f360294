// Batch preparation from the data config: dynamic (stochastic) binarisation as in the IWAE paper
// (Burda et al. 2016, §5.1) or a fixed 0.5 threshold.
import { tf } from '../engine/tf.js';
import type { DataConfig } from '../config/common.js';
import type { PrepareBatch } from './trainer.js';

/** The batch transform the data config asks for, or undefined when batches are used as loaded. */
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
