// 2-D toy distributions of the mode-collapse benchmarks (Unrolled GAN, VEEGAN, PacGAN: ring of 8
// and grid of 25 Gaussians) and of the diffusion/flow demos (two moons, swiss roll, as in scikit-learn).
import { Rng } from '../random/rng.js';
import { VectorDataset } from './vector-dataset.js';

/** Names of the toy 2-D sets. */
export const TOY2D_NAMES = ['ring-8', 'grid-25', 'moons', 'swiss-roll'] as const;
/** One of the toy 2-D set names. */
export type Toy2dName = (typeof TOY2D_NAMES)[number];

/** A Gaussian-mixture benchmark: equal-weight modes at `centres`, isotropic standard deviation `sigma`. */
export interface GaussianMixture2d {
  centres: Array<[number, number]>;
  sigma: number;
}

/** Ring of 8 Gaussians on a circle of radius 2, σ = 0.02. */
export const RING8: GaussianMixture2d = {
  centres: Array.from({ length: 8 }, (_, k) => [2 * Math.cos((2 * Math.PI * k) / 8), 2 * Math.sin((2 * Math.PI * k) / 8)]),
  sigma: 0.02,
};

/** Grid of 25 Gaussians centred at {-4, -2, 0, 2, 4}², σ = 0.05 (mode index = 5·i + j). */
export const GRID25: GaussianMixture2d = {
  centres: [-4, -2, 0, 2, 4].flatMap((a) => [-4, -2, 0, 2, 4].map((b) => [a, b] as [number, number])),
  sigma: 0.05,
};

/** Gaussian noise σ added to the two-moons points (in the final, centred coordinates). */
export const MOONS_NOISE = 0.05;
/** Gaussian noise σ added to the swiss-roll points (in the final, scaled coordinates). */
export const SWISS_ROLL_NOISE = 0.05;

/** Points [N, 2] (row-major) with a label per point, or none for continuous sets. */
export interface Toy2dSample {
  points: Float32Array;
  labels?: Int32Array;
}

function mixture(m: GaussianMixture2d, n: number, rng: Rng): Toy2dSample {
  const points = new Float32Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = rng.int(m.centres.length);
    labels[i] = k;
    points[2 * i] = m.centres[k][0] + m.sigma * rng.normal();
    points[2 * i + 1] = m.centres[k][1] + m.sigma * rng.normal();
  }
  return { points, labels };
}

// scikit-learn make_moons: upper arc (cos t, sin t), lower arc (1 − cos t, 0.5 − sin t), t ∈ [0, π];
// centred by (−0.5, −0.25) so the set spans roughly [−1.5, 1.5] × [−0.8, 0.8]. Label = moon (0 upper, 1 lower).
function moons(n: number, rng: Rng): Toy2dSample {
  const points = new Float32Array(2 * n);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = rng.int(2);
    const t = Math.PI * rng.uniform();
    const x = k === 0 ? Math.cos(t) : 1 - Math.cos(t);
    const y = k === 0 ? Math.sin(t) : 0.5 - Math.sin(t);
    labels[i] = k;
    points[2 * i] = x - 0.5 + MOONS_NOISE * rng.normal();
    points[2 * i + 1] = y - 0.25 + MOONS_NOISE * rng.normal();
  }
  return { points, labels };
}

// scikit-learn make_swiss_roll projected on (x, z): t = 1.5π(1 + 2u), (t cos t, t sin t), scaled by
// 2 / 4.5π so the set lies in roughly [−1.4, 1.8] × [−1.6, 2]; unlabelled (the roll is one manifold).
function swissRoll(n: number, rng: Rng): Toy2dSample {
  const points = new Float32Array(2 * n);
  const scale = 2 / (4.5 * Math.PI);
  for (let i = 0; i < n; i++) {
    const t = 1.5 * Math.PI * (1 + 2 * rng.uniform());
    points[2 * i] = scale * t * Math.cos(t) + SWISS_ROLL_NOISE * rng.normal();
    points[2 * i + 1] = scale * t * Math.sin(t) + SWISS_ROLL_NOISE * rng.normal();
  }
  return { points };
}

/** Throws unless `name` is a toy 2-D set name. */
export function checkToy2dName(name: string): asserts name is Toy2dName {
  if (!(TOY2D_NAMES as readonly string[]).includes(name)) {
    throw new Error(`Unknown toy 2-D set '${name}'; valid names: ${TOY2D_NAMES.join(', ')}.`);
  }
}

/** Draws `n` points of the named toy set from `rng`. */
export function sampleToy2d(name: Toy2dName, n: number, rng: Rng): Toy2dSample {
  checkToy2dName(name);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: number of points must be a positive integer, got ${n}.`);
  switch (name) {
    case 'ring-8':
      return mixture(RING8, n, rng);
    case 'grid-25':
      return mixture(GRID25, n, rng);
    case 'moons':
      return moons(n, rng);
    case 'swiss-roll':
      return swissRoll(n, rng);
  }
}

/** The Gaussian mixture behind a toy set, or null for the continuous ones (moons, swiss roll). */
export function toy2dMixture(name: Toy2dName): GaussianMixture2d | null {
  checkToy2dName(name);
  return name === 'ring-8' ? RING8 : name === 'grid-25' ? GRID25 : null;
}

/** Options for toy2dDatasets. */
export interface Toy2dOptions {
  trainSize?: number;
  testSize?: number;
  seed?: number;
}

/** Train (default 10,000 points) and test (2,500) vector datasets of a toy set, drawn from forked Rngs of `seed`. */
export function toy2dDatasets(name: string, opts: Toy2dOptions = {}): { train: VectorDataset; test: VectorDataset } {
  checkToy2dName(name);
  const { trainSize = 10_000, testSize = 2_500, seed = 0 } = opts;
  const root = new Rng(seed);
  const make = (split: string, n: number): VectorDataset => {
    const s = sampleToy2d(name, n, root.fork(split));
    const numClasses = s.labels ? (toy2dMixture(name)?.centres.length ?? 2) : undefined;
    return new VectorDataset({ name: `${name}/${split}`, data: s.points, dim: 2, labels: s.labels, numClasses });
  };
  return { train: make('train', trainSize), test: make('test', testSize) };
}
