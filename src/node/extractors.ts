// The feature-extractor registry in Node: genlab's own classifiers (weights shipped in the package's
// weights/ folder, trained by `genlab train classifier`) or any tfjs layers model directory.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFile } from 'node:fs/promises';
import type * as tfconv from '@tensorflow/tfjs-converter';
import { tf } from '../engine/tf.js';
import { extractorFromGraphModel, extractorFromLayersModel, type FeatureExtractor } from '../metrics/extractor.js';
import { loadLayersModel } from './model-files.js';

/** Built-in extractors: id → folder under the package's weights/ and the datasets they suit. */
export const BUILTIN_EXTRACTORS: Record<string, { dir: string; datasets: string[]; description: string }> = {
  'mnist-classifier': { dir: 'mnist-classifier', datasets: ['mnist'], description: 'genlab convnet trained on MNIST; 128-d penultimate ReLU features' },
  'fashion-mnist-classifier': { dir: 'fashion-mnist-classifier', datasets: ['fashion-mnist'], description: 'genlab convnet trained on Fashion-MNIST; 128-d features' },
};

/** The package's weights/ folder (works from src/ under tsx and from dist/). */
export function weightsDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'weights');
}

/** The default extractor for a dataset name, or null when genlab ships none. */
export function defaultExtractorFor(dataset: string): string | null {
  return Object.entries(BUILTIN_EXTRACTORS).find(([, e]) => e.datasets.includes(dataset))?.[0] ?? null;
}

async function isGraphModel(dir: string): Promise<boolean> {
  try {
    return JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8')).format === 'graph-model';
  } catch {
    return false;
  }
}

/** Loads a tfjs graph model (model.json + weight shards) from a directory without tfjs-node. */
export async function loadGraphModelDir(dir: string): Promise<tfconv.GraphModel> {
  const tfconvModule = await import('@tensorflow/tfjs-converter');
  const json = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const shards = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(path.join(dir, p))));
  const data = Buffer.concat(shards);
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    userDefinedMetadata: json.userDefinedMetadata,
    weightSpecs: specs,
    weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
  };
  return tfconvModule.loadGraphModel(tf.io.fromMemory(artifacts));
}

/**
 * Loads a built-in extractor by id, or a model directory: a tfjs layers model (features from the
 * penultimate layer, or `DIR#layerName`) or a graph model (features from its output, or `DIR#nodeName`).
 */
export async function loadExtractor(idOrPath: string): Promise<FeatureExtractor> {
  const builtin = BUILTIN_EXTRACTORS[idOrPath];
  if (builtin) {
    const dir = path.join(weightsDir(), builtin.dir);
    return extractorFromLayersModel(idOrPath, await loadLayersModel(dir), 'features');
  }
  const [dir, node] = idOrPath.split('#');
  if (existsSync(dir)) {
    const id = `path:${path.resolve(idOrPath)}`;
    if (await isGraphModel(dir)) return extractorFromGraphModel(id, await loadGraphModelDir(dir), node);
    return extractorFromLayersModel(id, await loadLayersModel(dir), node);
  }
  throw new Error(`Unknown feature extractor "${idOrPath}": not a built-in (${Object.keys(BUILTIN_EXTRACTORS).join(', ')}) and no such directory.`);
}
