// Density and coverage (Naeem et al. 2020) as the `prdc` package's compute_prdc: k = 5 real k-NN
// balls, strict membership d < r on Euclidean distances.
import { checkComparable, checkFeatures, type Features } from './features.js';
import { rescaled, rescaleExponent } from './scale.js';
import { crossCounts, fraction, knnSquaredRadii } from './neighbours.js';

/** Density (mean real-ball count per generated sample / k) and coverage (real balls hit). */
export interface DensityCoverageResult {
  density: number;
  coverage: number;
  k: number;
  nReal: number;
  nGenerated: number;
}

/** Density/coverage score stage from the pass's per-sample counts. */
export function densityCoverageFromCounts(density: Int32Array, covered: Uint8Array, k: number): { density: number; coverage: number } {
  let total = 0;
  for (const c of density) total += c;
  return { density: (1 / k) * (total / density.length), coverage: fraction(covered) };
}

/**
 * Density = (1/k)·mean over generated samples of the number of real k-NN balls containing them;
 * coverage = fraction of real samples whose nearest generated sample lies inside their ball.
 */
export function densityCoverage(
  args: { real: Features; generated: Features },
  opts: { k?: number; simd?: boolean } = {},
): DensityCoverageResult {
  const { real, generated } = args;
  checkComparable(real, generated);
  // k-NN balls do not change under a power-of-two rescaling, which keeps extreme distances from under/overflowing
  const [x0, y0] = [checkFeatures(real, 'real'), checkFeatures(generated, 'generated')];
  const e = rescaleExponent(x0, y0);
  const [x, y] = [rescaled(x0, e), rescaled(y0, e)];
  const k = opts.k ?? 5;
  const [realDc] = knnSquaredRadii(x, real.n, real.d, [k], opts);
  const counts = crossCounts(x, real.n, y, generated.n, real.d, { realDc }, opts);
  return { ...densityCoverageFromCounts(counts.density!, counts.covered!, k), k, nReal: real.n, nGenerated: generated.n };
}
