// GAN weight initialisation from genlab's Rng: Glorot uniform (genlab's default), He uniform or DCGAN's N(0, 0.02)
// kernels and N(1, 0.02) batch-norm scales (Radford et al. 2016, §4), plus random unit vectors for
// the power iteration of spectrally normalised layers (Miyato et al. 2018).
import { tf, tfl } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';
import { initWeights } from '../../nn/init.js';
import { isSpectralLayer } from '../../nn/spectral-norm.js';

/** DCGAN's standard deviation for weights. */
const DCGAN_STD = 0.02;

function writeValues(w: tfl.LayerVariable, values: Float32Array): void {
  const t = tf.tensor(values, w.shape as number[]);
  w.write(t);
  t.dispose();
}

/** Initialises every weight of `models` from `rng` with the named scheme. */
export function initGanWeights(models: tfl.LayersModel[], rng: Rng, scheme: 'glorot' | 'he' | 'dcgan'): void {
  if (scheme !== 'dcgan') {
    initWeights(models, rng, scheme);
  } else {
    for (const model of models) {
      for (const w of model.weights) {
        const name = w.originalName ?? w.name;
        const n = (w.shape as number[]).reduce((a, b) => a * b, 1);
        if (/kernel$/.test(name)) writeValues(w, rng.normalArray(n).map((v) => v * DCGAN_STD));
        else if (/gamma$/.test(name)) writeValues(w, rng.normalArray(n).map((v) => 1 + v * DCGAN_STD));
        else if (/moving_variance$/.test(name)) writeValues(w, new Float32Array(n).fill(1));
        else writeValues(w, new Float32Array(n));
      }
    }
  }
  for (const model of models) {
    for (const layer of model.layers) {
      if (!isSpectralLayer(layer)) continue;
      const { u, v } = layer.vectorSizes();
      layer.resetVectors(rng.normalArray(u), rng.normalArray(v));
    }
  }
}
