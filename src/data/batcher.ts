// Seeded, stateless minibatch order: the indices of training step `step` are a pure function of
// (step, batchSize, size, seed), so a resumed run sees exactly the batches an uninterrupted one would.
import { Rng } from '../random/rng.js';
import type { Batch, Dataset } from './types.js';

// murmur3 fmix32 over (seed, epoch): decorrelates the per-epoch generators of neighbouring epochs.
function mix(seed: number, epoch: number): number {
  let h = (Math.trunc(seed) ^ Math.imul(epoch + 1, 0x9e3779b9)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

function checkInt(what: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new Error(`${what} must be an integer ≥ ${min}, got ${v}.`);
}

let cache: { seed: number; epoch: number; size: number; order: Int32Array } | null = null;

// The permutation of one epoch, memoised for the most recent (seed, epoch, size): callers must not mutate it.
function cachedOrder(seed: number, epoch: number, size: number): Int32Array {
  checkInt('epoch', epoch, 0);
  checkInt('dataset size', size, 1);
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}.`);
  if (!cache || cache.seed !== seed || cache.epoch !== epoch || cache.size !== size) {
    cache = { seed, epoch, size, order: new Rng(mix(seed, epoch)).permutation(size) };
  }
  return cache.order;
}

/** The visiting order (a permutation of 0..size-1) of epoch `epoch` (0-based) for a run seeded `seed`. */
export function epochOrder(seed: number, epoch: number, size: number): Int32Array {
  return cachedOrder(seed, epoch, size).slice();
}

/** Steps per epoch with drop-last semantics: floor(size / batchSize); throws when batchSize > size. */
export function stepsPerEpoch(size: number, batchSize: number): number {
  checkInt('batch size', batchSize, 1);
  checkInt('dataset size', size, 1);
  if (batchSize > size) {
    throw new Error(`dataset has ${size} examples, batch size ${batchSize} needs at least ${batchSize}; use a batch size ≤ ${size}.`);
  }
  return Math.floor(size / batchSize);
}

/** The example indices of training step `step` (0-based): batch `step mod stepsPerEpoch` of epoch `floor(step / stepsPerEpoch)`. */
export function batchIndicesAt(step: number, batchSize: number, size: number, seed: number): Int32Array {
  checkInt('step', step, 0);
  const spe = stepsPerEpoch(size, batchSize);
  const epoch = Math.floor(step / spe);
  const k = step - epoch * spe;
  return cachedOrder(seed, epoch, size).slice(k * batchSize, (k + 1) * batchSize);
}

/** The batch of training step `step` of `dataset` (tensors are the caller's to dispose). */
export function batchAt(dataset: Dataset, step: number, batchSize: number, seed: number): Batch {
  return dataset.batch(batchIndicesAt(step, batchSize, dataset.size, seed));
}
