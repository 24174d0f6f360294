// The feature-extractor registry in Node: genlab's own classifiers (weights shipped in the package's
// weights/ folder, trained by `genlab train classifier`) or any tfjs layers model directory.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractorFromLayersModel, type FeatureExtractor } from '../metrics/extractor.js';
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

/** Loads a built-in extractor by id, or a tfjs layers model from a directory path (its penultimate layer gives the features). */
export async function loadExtractor(idOrPath: string): Promise<FeatureExtractor> {
  const builtin = BUILTIN_EXTRACTORS[idOrPath];
  if (builtin) {
    const dir = path.join(weightsDir(), builtin.dir);
    return extractorFromLayersModel(idOrPath, await loadLayersModel(dir), 'features');
  }
  if (existsSync(idOrPath)) return extractorFromLayersModel(`path:${path.resolve(idOrPath)}`, await loadLayersModel(idOrPath));
  throw new Error(`Unknown feature extractor "${idOrPath}": not a built-in (${Object.keys(BUILTIN_EXTRACTORS).join(', ')}) and no such directory.`);
}
