// In-memory image dataset: pixels stay uint8 (60k MNIST images = 47 MB) and are converted to
// float32 in [0, 1] only for the examples of each batch.
import { tf } from '../engine/tf.js';
import type { Batch, Dataset } from './types.js';
import { checkIndices } from './indices.js';
import { checkIdxPair, type IdxImages, type IdxLabels } from './idx.js';

/** Options for an ImageDataset: uint8 pixels laid out [N, H, W, C] and optional integer labels. */
export interface ImageDatasetOptions {
  name: string;
  pixels: Uint8Array;
  height: number;
  width: number;
  channels: number;
  labels?: Uint8Array | Int32Array;
  /** Number of classes; defaults to max(label) + 1. */
  numClasses?: number;
  /** Class names by label index (e.g. the sub-folders an image folder was read from). */
  classNames?: string[];
}

const TO_UNIT = new Float32Array(256).map((_, i) => i / 255);

/** An image Dataset over uint8 pixels; batch() yields float32 [B, H, W, C] in [0, 1] and int32 labels [B]. */
export class ImageDataset implements Dataset {
  readonly name: string;
  readonly kind = 'image' as const;
  readonly shape: number[];
  readonly size: number;
  readonly numClasses?: number;
  readonly classNames?: string[];
  readonly pixels: Uint8Array;
  readonly labels?: Uint8Array | Int32Array;
  private readonly exampleSize: number;

  constructor(opts: ImageDatasetOptions) {
    const { name, pixels, height, width, channels, labels } = opts;
    for (const [k, v] of [['height', height], ['width', width], ['channels', channels]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new Error(`${name}: ${k} must be a positive integer, got ${v}.`);
    }
    this.exampleSize = height * width * channels;
    if (pixels.length % this.exampleSize !== 0) {
      throw new Error(
        `${name}: ${pixels.length} pixel values is not a whole number of ${height}×${width}×${channels} images ` +
          `(${this.exampleSize} values each).`,
      );
    }
    this.name = name;
    this.pixels = pixels;
    this.shape = [height, width, channels];
    this.size = pixels.length / this.exampleSize;
    if (labels) {
      if (labels.length !== this.size) {
        throw new Error(`${name}: ${this.size} images but ${labels.length} labels; they must match one to one.`);
      }
      let max = -1;
      for (let i = 0; i < labels.length; i++) {
        if (labels[i] < 0) throw new Error(`${name}: label ${labels[i]} at index ${i} is negative; labels are class indices 0..K-1.`);
        if (labels[i] > max) max = labels[i];
      }
      const k = opts.numClasses ?? max + 1;
      if (max >= k) throw new Error(`${name}: label ${max} is out of range for numClasses = ${k}.`);
      this.labels = labels;
      this.numClasses = k;
      this.classNames = opts.classNames;
    }
  }

  /** Gathers images at `indices` into x float32 [B, H, W, C] in [0, 1] (and y int32 [B] when labelled). */
  batch(indices: ArrayLike<number>): Batch {
    checkIndices(indices, this.size, this.name);
    const n = indices.length;
    const e = this.exampleSize;
    const out = new Float32Array(n * e);
    for (let b = 0; b < n; b++) {
      const src = indices[b] * e;
      const dst = b * e;
      for (let j = 0; j < e; j++) out[dst + j] = TO_UNIT[this.pixels[src + j]];
    }
    const x = tf.tensor4d(out, [n, this.shape[0], this.shape[1], this.shape[2]], 'float32'); // [B, H, W, C]
    if (!this.labels) return { x };
    const ys = new Int32Array(n);
    for (let b = 0; b < n; b++) ys[b] = this.labels[indices[b]];
    return { x, y: tf.tensor1d(ys, 'int32') }; // y: [B]
  }

  /** A copy holding only the examples at `indices` (in that order), e.g. the first N for a quick run. */
  subset(indices: ArrayLike<number>, name = this.name): ImageDataset {
    checkIndices(indices, this.size, this.name);
    const e = this.exampleSize;
    const pixels = new Uint8Array(indices.length * e);
    for (let b = 0; b < indices.length; b++) pixels.set(this.pixels.subarray(indices[b] * e, indices[b] * e + e), b * e);
    let labels: Uint8Array | Int32Array | undefined;
    if (this.labels) {
      labels = this.labels instanceof Uint8Array ? new Uint8Array(indices.length) : new Int32Array(indices.length);
      for (let b = 0; b < indices.length; b++) labels[b] = this.labels[indices[b]];
    }
    const [height, width, channels] = this.shape;
    return new ImageDataset({ name, pixels, height, width, channels, labels, numClasses: this.numClasses, classNames: this.classNames });
  }
}

/** Builds a grayscale ImageDataset ([N, rows, cols, 1]) from parsed IDX images and optional labels. */
export function imageDatasetFromIdx(name: string, images: IdxImages, labels?: IdxLabels, numClasses?: number): ImageDataset {
  if (labels) checkIdxPair(images, labels, name);
  return new ImageDataset({
    name,
    pixels: images.data,
    height: images.rows,
    width: images.cols,
    channels: 1,
    labels: labels?.data,
    numClasses,
  });
}
