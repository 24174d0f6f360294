// Loads a dataset by name: looks it up in the dataset table (src/node/datasets/table.ts), validates its
// options against the entry's schema and runs its loader; `trainClasses` applies to any labelled set.
import type { LoadedData } from '../data/dataset-entry.js';
import type { DataOptionValues } from '../data/dataset-options.js';
import { getDatasetEntry, parseDataOptions } from './datasets/table.js';
import { filterClasses } from './class-filter.js';

export { DATASETS, DATASET_NAMES, getDatasetEntry } from './datasets/table.js';
export { FASHION_MNIST_DIR } from './datasets/image-sets.js';
export { defaultTextCorpusPaths, bowSourceFiles } from './datasets/text-corpora.js';
export type { LoadedData } from '../data/dataset-entry.js';

/** What to load: a dataset name plus the options its table entry takes (others are rejected, not ignored). */
export type DataSpec = {
  /** One of DATASET_NAMES. */
  name: string;
  /** Any labelled dataset: keep only these classes in the train split (one-class anomaly training). */
  trainClasses?: number[];
} & Partial<DataOptionValues>;

/** Loads the dataset named by `spec` and returns its train and test splits. */
export async function loadDataset(spec: DataSpec): Promise<LoadedData> {
  const { name, trainClasses, ...options } = spec;
  const entry = getDatasetEntry(name);
  const loaded = await entry.load(parseDataOptions(entry, options) as never);
  if (!trainClasses?.length) return loaded;
  return { ...loaded, train: filterClasses(loaded.train, trainClasses) };
}
