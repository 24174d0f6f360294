// The shape of one row of the dataset table (name → kind, description, options schema, loader) and of
// what a loader returns; the table itself lives with the file readers in src/node/datasets/table.ts.
import type { z } from 'zod';
import type { Dataset, DataKind } from './types.js';
import type { Tokenizer } from './tokenizer.js';
import type { CsvTable } from './csv.js';
import type { Standardization } from './table-dataset.js';
import type { TableTransformer } from './tabular/transform-types.js';

/** The loaded splits, plus the tokenizer (text) or the typed table and its standardisation (csv, tabular). */
export interface LoadedData {
  train: Dataset;
  test: Dataset;
  tokenizer?: Tokenizer;
  table?: CsvTable;
  standardization?: Standardization;
  /** Tables (data.name=table): the row encoder the tabular models are built on. */
  tableTransformer?: TableTransformer;
}

/** One dataset: its options are a strict zod object; `load` gets them validated, defaults filled in. */
export interface DatasetEntry<S extends z.ZodObject = z.ZodObject> {
  /** The name users pass as data.name (kebab-case). */
  name: string;
  kind: DataKind;
  /** One line for `genlab list --datasets`. */
  description: string;
  options: S;
  load(options: z.output<S>): Promise<LoadedData>;
}

/** Declares a table row with its options' types inferred from the schema. */
export function datasetEntry<S extends z.ZodObject>(entry: DatasetEntry<S>): DatasetEntry {
  return entry as unknown as DatasetEntry;
}
