// Synthetic Gaussian feature sets for the metric benchmarks (bench/torch/fid.py draws the same
// distributions with numpy): shift + scale · N(0, 1), float64, n × d.
import type { Rng } from '../../src/random/rng.js';
import type { Features } from '../../src/metrics/index.js';

export function gaussianFeatures(rng: Rng, n: number, d: number, shift: number, scale: number): Features {
  const data = new Float64Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = shift + scale * rng.normal();
  return { data, n, d, extractor: 'bench' };
}
