// Mode-coverage statistics of 2-D samples from a Gaussian mixture, as in the Unrolled GAN / VEEGAN /
// PacGAN benchmarks: high-quality = within 3σ of the nearest mode; covered = ≥ 10 high-quality samples.
import type { GaussianMixture2d } from '../data/toy2d.js';

/** Thresholds of the protocol (PacGAN, Lin et al. 2018, §5.1). */
export interface ModeCoverageOptions {
  /** A sample is high-quality when its distance to the nearest centre is ≤ this many σ (3). */
  radiusSigmas?: number;
  /** A mode is covered when at least this many high-quality samples fall on it (10). */
  minPerMode?: number;
}

/** Coverage of one sample set. */
export interface ModeCoverage {
  /** Number of modes with ≥ minPerMode high-quality samples. */
  modesCovered: number;
  /** Percentage (0–100) of samples within radiusSigmas·σ of their nearest mode. */
  highQuality: number;
  /**
   * KL(p ‖ uniform) in nats, p = histogram of the high-quality samples over modes (0·log 0 = 0);
   * log K (a point mass) when no sample is high-quality.
   */
  kl: number;
  /** High-quality samples per mode. */
  counts: number[];
}

/** Mode statistics of `points` ([N, 2] interleaved) against a mixture. */
export function modeCoverage(points: ArrayLike<number>, mixture: GaussianMixture2d, opts: ModeCoverageOptions = {}): ModeCoverage {
  const radius = (opts.radiusSigmas ?? 3) * mixture.sigma;
  const minPerMode = opts.minPerMode ?? 10;
  const k = mixture.centres.length;
  if (points.length % 2 !== 0 || points.length === 0) throw new Error(`modeCoverage: points must be a non-empty [N, 2] interleaved array, got ${points.length} values.`);
  const n = points.length / 2;
  const counts = new Array<number>(k).fill(0);
  let hq = 0;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    let best = -1;
    let bestD2 = Infinity;
    mixture.centres.forEach(([cx, cy], j) => {
      const d2 = (x - cx) ** 2 + (y - cy) ** 2;
      if (d2 < bestD2) {
        bestD2 = d2;
        best = j;
      }
    });
    if (best >= 0 && bestD2 <= radius * radius) {
      counts[best] += 1;
      hq += 1;
    }
  }
  let kl = Math.log(k);
  if (hq > 0) {
    kl = 0;
    for (const c of counts) if (c > 0) kl += (c / hq) * Math.log((c / hq) * k);
  }
  return { modesCovered: counts.filter((c) => c >= minPerMode).length, highQuality: (100 * hq) / n, kl, counts };
}

/** Mean and standard deviation (population, ddof 0, as numpy's std) of a list. */
export function meanStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { mean, std };
}
