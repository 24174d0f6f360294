// In-memory dataset of fixed-length mono clips (WaveGAN-style audio, Donahue et al. 2019): batch()
// yields [B, T, 1] float32 in [−1, 1] and int32 labels when the clips came from class sub-folders.
import { tf } from '../engine/tf.js';
import type { Batch, Dataset } from './types.js';
import { checkIndices } from './indices.js';

/** Clips [N, T] (row-major), their sample rate, and optional labels with class names. */
export interface AudioDatasetOptions {
  name: string;
  data: Float32Array;
  length: number;
  sampleRate: number;
  labels?: Int32Array;
  classNames?: string[];
}

/** An audio Dataset over equal-length clips. */
export class AudioDataset implements Dataset {
  readonly name: string;
  readonly kind = 'audio' as const;
  readonly shape: number[];
  readonly size: number;
  readonly sampleRate: number;
  readonly numClasses?: number;
  readonly classNames?: string[];
  readonly data: Float32Array;
  readonly labels?: Int32Array;

  constructor(o: AudioDatasetOptions) {
    if (!Number.isInteger(o.length) || o.length < 1) throw new Error(`${o.name}: clip length must be a positive integer, got ${o.length}.`);
    if (o.data.length % o.length !== 0) throw new Error(`${o.name}: ${o.data.length} samples is not a whole number of ${o.length}-sample clips.`);
    this.name = o.name;
    this.data = o.data;
    this.shape = [o.length, 1];
    this.size = o.data.length / o.length;
    this.sampleRate = o.sampleRate;
    if (o.labels) {
      if (o.labels.length !== this.size) throw new Error(`${o.name}: ${this.size} clips but ${o.labels.length} labels.`);
      this.labels = o.labels;
      this.classNames = o.classNames;
      this.numClasses = o.classNames?.length ?? o.labels.reduce((m, v) => Math.max(m, v), -1) + 1;
    }
  }

  /** x: clips [B, T, 1]; y: labels [B] when labelled. */
  batch(indices: ArrayLike<number>): Batch {
    checkIndices(indices, this.size, this.name);
    const t = this.shape[0];
    const out = new Float32Array(indices.length * t);
    for (let b = 0; b < indices.length; b++) out.set(this.data.subarray(indices[b] * t, indices[b] * t + t), b * t);
    const x = tf.tensor3d(out, [indices.length, t, 1], 'float32'); // [B, T, 1]
    if (!this.labels) return { x };
    return { x, y: tf.tensor1d(Int32Array.from(indices as ArrayLike<number>, (i) => this.labels![i]), 'int32') }; // [B]
  }

  /** A copy with the clips at `indices`. */
  subset(indices: ArrayLike<number>, name = this.name): AudioDataset {
    checkIndices(indices, this.size, this.name);
    const t = this.shape[0];
    const data = new Float32Array(indices.length * t);
    for (let b = 0; b < indices.length; b++) data.set(this.data.subarray(indices[b] * t, indices[b] * t + t), b * t);
    const labels = this.labels ? Int32Array.from(indices as ArrayLike<number>, (i) => this.labels![i]) : undefined;
    return new AudioDataset({ name, data, length: t, sampleRate: this.sampleRate, labels, classNames: this.classNames });
  }
}
