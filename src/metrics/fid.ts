// Fréchet Inception Distance (Heusel et al. 2017) as pytorch-fid's calculate_frechet_distance:
// ‖μ₁−μ₂‖² + Tr Σ₁ + Tr Σ₂ − 2 Tr (Σ₁Σ₂)^½ in float64 with N−1 covariances.
import { checkComparable, featureData, throwIfNotFinite, type Features } from './features.js';
import { symmetricEigen } from './eigen.js';
import { columnMeans, covariance, matmulNT, sqrtPsd, symmetrize, trace } from './linalg.js';
import { rescaled, rescaleExponent, unscale } from './scale.js';

/** Gaussian statistics of one feature set: mean [d] and N−1 covariance [d, d] (row-major). */
export interface FeatureStatistics {
  mu: Float64Array;
  sigma: Float64Array;
  n: number;
  d: number;
  extractor: string;
}

/** Mean and N−1 covariance of a feature set; throws when N ≤ d (rank-deficient covariance). */
export function featureStatistics(f: Features, name = 'features'): FeatureStatistics {
  const x = featureData(f, name);
  if (f.n <= f.d) {
    throw new Error(
      `FID needs more samples than feature dimensions for a full-rank covariance: ${name} has ` +
        `N=${f.n} ≤ d=${f.d}. Use more samples (≥ ${f.d + 1}; the usual protocol is 10k–50k) ` +
        'or use KID, which is unbiased and works with few samples.',
    );
  }
  const mu = columnMeans(x, f.n, f.d);
  if (!mu.every(Number.isFinite)) {
    throwIfNotFinite(f, name);
    throw new Error(`${name}: the feature sums overflow float64; scale the features down.`);
  }
  return { mu, sigma: covariance(x, f.n, f.d, mu), n: f.n, d: f.d, extractor: f.extractor };
}

/**
 * Tr (Σ₁Σ₂)^½ computed stably as Σ √λᵢ over the eigenvalues of the symmetric PSD matrix
 * √Σ₁·Σ₂·√Σ₁ (similar to Σ₁Σ₂), clamping round-off negatives to 0.
 */
export function traceSqrtProduct(sigma1: Float64Array, sigma2: Float64Array, d: number): number {
  const r = sqrtPsd(sigma1, d);
  const p = matmulNT(r, d, d, sigma2, d); // √Σ₁·Σ₂ (Σ₂ symmetric, so its rows are its columns)
  const m = symmetrize(matmulNT(p, d, d, r, d), d); // √Σ₁·Σ₂·√Σ₁
  const { values } = symmetricEigen(m, d, { vectors: false });
  let t = 0;
  for (const v of values) t += Math.sqrt(Math.max(v, 0));
  return t;
}

/** Fréchet distance between two Gaussians given by their feature statistics. */
export function frechetDistance(s1: FeatureStatistics, s2: FeatureStatistics): number {
  if (s1.d !== s2.d) {
    throw new Error(`Statistics dimensions differ: ${s1.d} vs ${s2.d}; use the same extractor for both.`);
  }
  const d = s1.d;
  let diff2 = 0;
  for (let j = 0; j < d; j++) {
    const t = s1.mu[j] - s2.mu[j];
    diff2 += t * t;
  }
  return diff2 + trace(s1.sigma, d) + trace(s2.sigma, d) - 2 * traceSqrtProduct(s1.sigma, s2.sigma, d);
}

/**
 * FID between real and generated features (lower is better; 0 for identical statistics). Features of extreme
 * magnitude are rescaled by a power of two first (FID is homogeneous of degree 2), so 1e30-sized features give
 * the exact finite value and a value beyond float64 an error, never ±Infinity.
 */
export function fid(args: { real: Features; generated: Features }): number {
  checkComparable(args.real, args.generated);
  const x = featureData(args.real, 'real');
  const y = featureData(args.generated, 'generated');
  const e = rescaleExponent(x, y);
  const real = { ...args.real, data: rescaled(x, e) };
  const generated = { ...args.generated, data: rescaled(y, e) };
  return unscale(frechetDistance(featureStatistics(real, 'real'), featureStatistics(generated, 'generated')), 2, e, 'FID');
}
