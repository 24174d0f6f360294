// A procedural dSprites-like disentanglement dataset (Matthey et al. 2017): 64×64 binary sprites —
// square, ellipse, heart — with known factors shape, scale, rotation, x and y, drawn from the seeded Rng.
import { Rng } from '../random/rng.js';
import { ImageDataset } from './image-dataset.js';

/** Names of the generative factors, in the column order of `ShapesDataset.factors`. */
export const SHAPE_FACTOR_NAMES = ['shape', 'scale', 'rotation', 'x', 'y'] as const;

/** Number of values each factor takes (dSprites: 3 shapes, 6 scales, 40 rotations, 32 × 32 positions). */
export const SHAPE_FACTOR_SIZES = [3, 6, 40, 32, 32] as const;

/** Names of the shapes (the values of the 'shape' factor, also the dataset's labels). */
export const SHAPE_NAMES = ['square', 'ellipse', 'heart'] as const;

/** An image dataset that also knows each image's factor indices. */
export class ShapesDataset extends ImageDataset {
  /** Factor indices [N, 5] row-major, columns as SHAPE_FACTOR_NAMES. */
  readonly factors: Int32Array;
  readonly factorSizes: readonly number[] = SHAPE_FACTOR_SIZES;
  readonly factorNames: readonly string[] = SHAPE_FACTOR_NAMES;

  constructor(name: string, pixels: Uint8Array, size: number, factors: Int32Array) {
    super({ name, pixels, height: size, width: size, channels: 1, labels: Int32Array.from({ length: factors.length / 5 }, (_, i) => factors[i * 5]), numClasses: 3 });
    this.factors = factors;
  }
}

/** Whether the unit shape `shape` covers local point (u, v) (|u|, |v| ≲ 1). */
function inside(shape: number, u: number, v: number): boolean {
  if (shape === 0) return Math.abs(u) <= 0.8 && Math.abs(v) <= 0.8; // square
  if (shape === 1) return u * u + (v * v) / 0.25 <= 1; // ellipse, axes 1 and 0.5
  const a = u * 1.15; // heart: (a² + b² − 1)³ − a² b³ ≤ 0, point up-side down in image rows
  const b = -v * 1.15 + 0.15;
  const r = a * a + b * b - 1;
  return r * r * r - a * a * b * b * b <= 0;
}

/** Renders one sprite into `out` (size×size, 0/255) from factor indices [shape, scale, rotation, x, y]. */
export function renderShape(f: ArrayLike<number>, size: number, out: Uint8Array, offset = 0): void {
  const scale = 0.5 + (0.5 * f[1]) / (SHAPE_FACTOR_SIZES[1] - 1); // 0.5 … 1
  const angle = (2 * Math.PI * f[2]) / SHAPE_FACTOR_SIZES[2];
  const radius = (size / 6.4) * scale; // half-extent in pixels (10 px at scale 1 on 64×64)
  const margin = size / 6.4 + 1;
  const cx = margin + ((size - 1 - 2 * margin) * f[3]) / (SHAPE_FACTOR_SIZES[3] - 1);
  const cy = margin + ((size - 1 - 2 * margin) * f[4]) / (SHAPE_FACTOR_SIZES[4] - 1);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const r = Math.ceil(radius * 1.5);
  for (let py = Math.max(0, Math.floor(cy - r)); py <= Math.min(size - 1, Math.ceil(cy + r)); py++) {
    for (let px = Math.max(0, Math.floor(cx - r)); px <= Math.min(size - 1, Math.ceil(cx + r)); px++) {
      const dx = (px - cx) / radius;
      const dy = (py - cy) / radius;
      // rotate the pixel back into the shape's frame
      if (inside(f[0], cos * dx + sin * dy, -sin * dx + cos * dy)) out[offset + py * size + px] = 255;
    }
  }
}

/** Draws n sprites with uniform independent factors; returns pixels [n, size, size] and factors [n, 5]. */
export function drawShapes(n: number, rng: Rng, size = 64): { pixels: Uint8Array; factors: Int32Array } {
  const pixels = new Uint8Array(n * size * size);
  const factors = new Int32Array(n * 5);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < 5; k++) factors[i * 5 + k] = rng.int(SHAPE_FACTOR_SIZES[k]);
    renderShape(factors.subarray(i * 5, i * 5 + 5), size, pixels, i * size * size);
  }
  return { pixels, factors };
}

/** Options of shapesDatasets. */
export interface ShapesOptions {
  /** Training images (default 10,000). */
  trainSize?: number;
  /** Test images (default 2,000). */
  testSize?: number;
  /** Seed of the factor draws (default 0); train and test use forked streams. */
  seed?: number;
  /** Image side in pixels (default 64). */
  size?: number;
}

/** Builds train and test ShapesDatasets from the seeded Rng. */
export function shapesDatasets(o: ShapesOptions = {}): { train: ShapesDataset; test: ShapesDataset } {
  const size = o.size ?? 64;
  if (!Number.isInteger(size) || size < 16) throw new Error(`shapes: image size must be an integer ≥ 16, got ${size}.`);
  const root = new Rng(o.seed ?? 0);
  const make = (split: string, n: number, rng: Rng) => {
    const { pixels, factors } = drawShapes(n, rng, size);
    return new ShapesDataset(`shapes/${split}`, pixels, size, factors);
  };
  const trainRng = root.fork('train');
  const testRng = root.fork('test');
  return { train: make('train', o.trainSize ?? 10000, trainRng), test: make('test', o.testSize ?? 2000, testRng) };
}
