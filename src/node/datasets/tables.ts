// Table rows for CSV files: `csv` (numeric columns, inferred types) and `tabular` (declared or inferred
// column types, custom missing-value tokens); both standardise numeric columns like StandardScaler.
import path from 'node:path';
import { datasetEntry, type LoadedData } from '../../data/dataset-entry.js';
import { optionsSchema } from '../../data/dataset-options.js';
import { decodeText } from '../../data/utf8.js';
import { parseCsv, type CsvOptions } from '../../data/csv.js';
import { tableDatasets, type TableDatasetOptions } from '../../data/table-dataset.js';
import { readDataFile } from '../data-files.js';

async function loadCsv(name: string, file: string | undefined, csv: CsvOptions, t: TableDatasetOptions): Promise<LoadedData> {
  if (!file) throw new Error(`Dataset '${name}' needs a file: pass --data.path FILE.csv (a CSV file with a header row).`);
  const table = parseCsv(decodeText(await readDataFile(file, 'CSV file'), file), { ...csv, source: file });
  const label = path.basename(file).replace(/\.[^.]*$/, '');
  const { train, test, standardization } = tableDatasets(table, { ...t, name: `${name}:${label}` });
  return { train, test, table, standardization };
}

/** csv: a CSV file's numeric columns as standardised vectors (labels from a categorical column). */
export const csv = datasetEntry({
  name: 'csv',
  kind: 'vector',
  description: 'a CSV file with a header row: numeric columns standardised into vectors, a categorical column as labels',
  options: optionsSchema(['path', 'testSize', 'seed', 'columns', 'labelColumn'], {}, {
    path: 'the CSV file (header row first)',
    testSize: 'held-out rows (default 10 %)',
    seed: 'seed of the train/test row split (default 0)',
  }),
  load: (o) => loadCsv('csv', o.path, {}, { columns: o.columns, labelColumn: o.labelColumn, testSize: o.testSize, seed: o.seed }),
});

/** tabular: like csv, with declared column types, missing-value tokens and optional row dropping; the typed table rides along. */
export const tabular = datasetEntry({
  name: 'tabular',
  kind: 'vector',
  description: "a CSV table with declared or inferred column types and missing values ('?' and empty by default); typed columns kept for tabular models",
  options: optionsSchema(['path', 'columnTypes', 'missing', 'columns', 'labelColumn', 'dropMissingRows', 'testSize', 'seed'], {}, {
    path: 'the CSV file (header row first)',
    testSize: 'held-out rows (default 10 %)',
    seed: 'seed of the train/test row split (default 0)',
  }),
  load: (o) =>
    loadCsv('tabular', o.path, { types: o.columnTypes, missing: o.missing }, {
      columns: o.columns, labelColumn: o.labelColumn, testSize: o.testSize, seed: o.seed, dropMissingRows: o.dropMissingRows,
    }),
});
