// `genlab eval DIR`: sample a trained run (or read a folder of PNGs), extract features of the
// samples and of the dataset's test split with a named extractor, and score them.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { tf } from '../engine/tf.js';
import { Rng } from '../random/rng.js';
import type { Dataset } from '../data/types.js';
import { checkExtractorInput, extractAll, type FeatureExtractor } from '../metrics/extractor.js';
import { evaluateFeatures, type EvaluationReport, type FeatureMetric } from '../metrics/evaluate.js';
import { inceptionScore, type InceptionScoreResult } from '../metrics/inception-score.js';
import { loadDataset } from './datasets.js';
import { readPngImage } from './png-codec.js';
import type { Session } from './session.js';

/** Everything `genlab eval DIR --json` prints. */
export interface SampleEvaluation extends EvaluationReport {
  source: string;
  realSource: string;
  inceptionScore?: InceptionScoreResult;
  realInceptionScore?: InceptionScoreResult;
  seconds: number;
}

/** Yields the first n examples of a dataset as image batches. */
export function* datasetImages(data: Dataset, n: number, batchSize = 500): Generator<tf.Tensor> {
  for (let s = 0; s < n; s += batchSize) {
    const b = data.batch(Array.from({ length: Math.min(batchSize, n - s) }, (_, i) => s + i));
    b.y?.dispose();
    try {
      yield b.x;
    } finally {
      b.x.dispose();
    }
  }
}

/** Yields n model samples in batches (sampling weights, seeded). */
export function* modelImages(s: Session, n: number, seed: number, batchSize = 500): Generator<tf.Tensor> {
  const rng = new Rng(seed);
  for (let done = 0; done < n; done += batchSize) {
    const x = s.recipe.withSamplingWeights(() => s.model.sample(Math.min(batchSize, n - done), rng));
    try {
      yield x;
    } finally {
      x.dispose();
    }
  }
}

/** Reads every .png in a folder as image batches of the extractor's shape, in name order (the caller disposes). */
export async function loadFolderImages(dir: string, ex: FeatureExtractor, batchSize = 500): Promise<tf.Tensor[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith('.png')).sort();
  } catch {
    throw new Error(`Cannot read folder ${dir}.`);
  }
  if (names.length === 0) throw new Error(`${dir} holds no .png files.`);
  const [h, w, c] = ex.inputShape;
  const batches: tf.Tensor[] = [];
  for (let s = 0; s < names.length; s += batchSize) {
    const chunk = names.slice(s, s + batchSize);
    const buf = new Float32Array(chunk.length * h * w * c);
    for (let i = 0; i < chunk.length; i++) {
      const img = await readPngImage(path.join(dir, chunk[i]), { channels: c === 1 ? 1 : 3 });
      checkExtractorInput(ex, [img.h, img.w, img.c], path.join(dir, chunk[i]));
      buf.set(img.data, i * h * w * c);
    }
    batches.push(tf.tensor4d(buf, [chunk.length, h, w, c]));
  }
  return batches;
}

/** Scores generated images against real ones in an extractor's features. */
export async function evaluateImages(o: {
  extractor: FeatureExtractor;
  generated: Iterable<tf.Tensor>;
  real: Iterable<tf.Tensor>;
  source: string;
  realSource: string;
  metrics: FeatureMetric[];
  seed?: number;
}): Promise<SampleEvaluation> {
  const t0 = performance.now();
  const fake = extractAll(o.extractor, o.generated);
  const real = extractAll(o.extractor, o.real);
  const report = evaluateFeatures(real.features, fake.features, o.metrics, { seed: o.seed ?? 0 });
  return {
    ...report,
    source: o.source,
    realSource: o.realSource,
    inceptionScore: fake.probabilities && fake.probabilities.n >= 10 ? inceptionScore(fake.probabilities) : undefined,
    realInceptionScore: real.probabilities && real.probabilities.n >= 10 ? inceptionScore(real.probabilities) : undefined,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Loads the test split of a dataset by name, for the real side of an evaluation. */
export async function realTestSplit(name: string): Promise<Dataset> {
  return (await loadDataset({ name })).test;
}
