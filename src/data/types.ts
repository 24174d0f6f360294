// The dataset contract shared by loaders, batchers, recipes and metrics.
import type { tf } from '../engine/tf.js';

/** What kind of examples a dataset holds (models declare which kinds they accept). */
export type DataKind = 'image' | 'vector' | 'text' | 'table' | 'audio' | 'sequence';

/** One minibatch; tensors belong to the caller, who disposes them. */
export interface Batch {
  /**
   * Examples: images [B, H, W, C] in [0, 1]; vectors [B, D]; text token ids [B, T] int32; audio
   * [B, T, 1] in [−1, 1]; item sequences [B, L] int32 (1-based item ids, 0 = padding on the left).
   */
  x: tf.Tensor;
  /** Integer class labels [B] (int32) when the dataset has them; for text, next-token targets [B, T] (int32). */
  y?: tf.Tensor;
  /**
   * The second image of two-domain data, same shape as x: paired images — the target of each input
   * x (pix2pix, B for direction AtoB); unpaired images — an image of domain B while x is of domain A
   * (CycleGAN; the two are not aligned).
   */
  x2?: tf.Tensor;
}

/** An in-memory dataset addressed by example index. */
export interface Dataset {
  /** Identifier used in reports, e.g. 'mnist/train'. */
  name: string;
  kind: DataKind;
  /** Shape of one example, e.g. [28, 28, 1] or [2]. */
  shape: number[];
  size: number;
  /** Number of label classes, when labelled. */
  numClasses?: number;
  /** Class names by label index, when the labels come from names (sub-folders, categories). */
  classNames?: string[];
  /** Indices a held-out evaluation should visit, at most `limit` (default: 0..limit−1). */
  evalIndices?(limit: number): ArrayLike<number>;
  /** Gathers the examples at `indices` into one batch. */
  batch(indices: ArrayLike<number>): Batch;
}
