// In-memory dataset of fixed-length float vectors (toy 2-D points, standardised table rows).
import { tf } from '../engine/tf.js';
import type { Batch, Dataset } from './types.js';
import { checkIndices } from './indices.js';

/** Options for a VectorDataset: row-major data [N, D] and optional integer labels [N]. */
export interface VectorDatasetOptions {
  name: string;
  data: Float32Array;
  dim: number;
  labels?: Int32Array;
  /** Number of classes; defaults to max(label) + 1 when labels are given. */
  numClasses?: number;
}

/** A vector Dataset; batch() yields x float32 [B, D] and, when labelled, y int32 [B]. */
export class VectorDataset implements Dataset {
  readonly name: string;
  readonly kind = 'vector' as const;
  readonly shape: number[];
  readonly size: number;
  readonly numClasses?: number;
  readonly data: Float32Array;
  readonly labels?: Int32Array;

  constructor(opts: VectorDatasetOptions) {
    const { name, data, dim, labels } = opts;
    if (!Number.isInteger(dim) || dim < 1) throw new Error(`${name}: dim must be a positive integer, got ${dim}.`);
    if (data.length % dim !== 0) throw new Error(`${name}: ${data.length} values is not a whole number of rows of ${dim}.`);
    this.name = name;
    this.data = data;
    this.shape = [dim];
    this.size = data.length / dim;
    if (labels) {
      if (labels.length !== this.size) throw new Error(`${name}: ${this.size} rows but ${labels.length} labels.`);
      let max = -1;
      for (let i = 0; i < labels.length; i++) {
        if (labels[i] < 0) throw new Error(`${name}: label ${labels[i]} at index ${i} is negative.`);
        max = Math.max(max, labels[i]);
      }
      this.labels = labels;
      this.numClasses = opts.numClasses ?? max + 1;
    }
  }

  /** Gathers rows at `indices` into x float32 [B, D] (and y int32 [B] when labelled). */
  batch(indices: ArrayLike<number>): Batch {
    checkIndices(indices, this.size, this.name);
    const d = this.shape[0];
    const n = indices.length;
    const out = new Float32Array(n * d);
    for (let b = 0; b < n; b++) out.set(this.data.subarray(indices[b] * d, indices[b] * d + d), b * d);
    const x = tf.tensor2d(out, [n, d], 'float32'); // [B, D]
    if (!this.labels) return { x };
    const ys = new Int32Array(n);
    for (let b = 0; b < n; b++) ys[b] = this.labels[indices[b]];
    return { x, y: tf.tensor1d(ys, 'int32') }; // [B]
  }
}
