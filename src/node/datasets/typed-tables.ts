// Tables for the tabular models (CTGAN, TVAE, copula): `table` reads a CSV/TSV/ARFF file with declared or
// inferred column kinds, `toy-table` generates a small mixed-type one; both split 80/20 by a seed and
// encode rows with a TableTransformer fitted on the train split (or the run's saved one).
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { datasetEntry, type LoadedData } from '../../data/dataset-entry.js';
import { optionsSchema } from '../../data/dataset-options.js';
import { decodeText } from '../../data/utf8.js';
import { Rng } from '../../random/rng.js';
import type { TypedTable } from '../../data/tabular/types.js';
import type { TableTransformer } from '../../data/tabular/transform-types.js';
import { readTableFile } from '../../data/tabular/read-table.js';
import { splitTable } from '../../data/tabular/split-table.js';
import { fitTableTransformer } from '../../data/tabular/table-transformer.js';
import { EncodedTableDataset } from '../../data/tabular/encoded-dataset.js';
import { toyTable } from '../../data/tabular/toy-table.js';
import { readDataFile } from '../data-files.js';

/** Held-out fraction when none is given (the 80/20 split of SDGym-style evaluations). */
export const DEFAULT_TEST_FRACTION = 0.2;

/** Encodes both splits with the saved transformer, or one fitted on the train split (its mode draws seeded by `seed`). */
function encodedSplits(name: string, train: TypedTable, test: TypedTable, seed: number, saved?: TableTransformer): LoadedData {
  const rng = new Rng(seed + 0x7ab1e);
  const transformer = saved ?? fitTableTransformer(train, rng.fork('fit'));
  const trainSet = new EncodedTableDataset(`${name}/train`, train, transformer, rng.fork('train'));
  const testSet = new EncodedTableDataset(`${name}/test`, test, transformer, rng.fork('test'));
  return { train: trainSet, test: testSet, tableTransformer: transformer };
}

async function readColumnsSpec(file: string): Promise<unknown> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'ENOENT' ? `Column spec not found: ${file}` : `Cannot read the column spec ${file}: ${e.message}`);
  });
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`Column spec ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** table: a CSV/TSV/ARFF file's rows, typed per column, split 80/20 and mode-normalised. */
export const table = datasetEntry({
  name: 'table',
  kind: 'table',
  description: 'a CSV/TSV/ARFF table with declared (--set data.columnSpec=SPEC.json) or inferred column kinds, for ctgan/tvae/copula',
  options: optionsSchema(['path', 'columnSpec', 'missing', 'testFraction', 'seed', 'tableTransformer'], {}, {
    path: 'the table file: .csv/.tsv (header row first) or .arff',
    testFraction: `held-out fraction of rows (seeded split; default ${DEFAULT_TEST_FRACTION})`,
    seed: 'seed of the train/test split (default 0)',
  }),
  load: async (o) => {
    if (!o.path) throw new Error("Dataset 'table' needs a file: pass --data FILE.csv (or .tsv/.arff).");
    const columns = o.columnSpec ? await readColumnsSpec(o.columnSpec) : undefined;
    const schema = o.tableTransformer ? (o.tableTransformer as TableTransformer).schema : undefined;
    const whole = readTableFile(decodeText(await readDataFile(o.path, 'table file'), o.path), o.path, { columns, columnsSource: o.columnSpec, missing: o.missing, schema });
    const seed = o.seed ?? 0;
    const { train, test } = splitTable(whole, o.testFraction ?? DEFAULT_TEST_FRACTION, seed);
    return encodedSplits(`table:${path.basename(o.path).replace(/\.[^.]*$/, '')}`, train, test, seed, o.tableTransformer as TableTransformer | undefined);
  },
});

/** toy-table: a generated mixed-type table (see data/tabular/toy-table.ts), for tiny runs and tests. */
export const toyTableData = datasetEntry({
  name: 'toy-table',
  kind: 'table',
  description: 'a generated table: bimodal x, category and boolean tied to its mode, integer linear in x (2,000 + 500 rows)',
  options: optionsSchema(['trainSize', 'testSize', 'seed', 'tableTransformer'], { trainSize: 2000, testSize: 500 }),
  load: async (o) => {
    const seed = o.seed ?? 0;
    return encodedSplits('toy-table', toyTable(o.trainSize!, seed), toyTable(o.testSize!, seed + 1), seed, o.tableTransformer as TableTransformer | undefined);
  },
});
