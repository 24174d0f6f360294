// Writes synthetic CSVs of the two closed-form baselines (independent columns, Gaussian copula) fitted on
// the train part of a table split exactly as `genlab train … --data FILE` splits it (80/20, data.seed 0).
// Usage: node --import tsx bench/tabular/baseline-csv.mts TABLE.csv OUT_DIR [SEEDS=1,2,3]
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readTableFile } from '../../src/data/tabular/read-table.js';
import { splitTable } from '../../src/data/tabular/split-table.js';
import { writeTable } from '../../src/data/tabular/write-table.js';
import { fitIndependentColumns, sampleIndependentColumns } from '../../src/models/tabular/independent-columns.js';
import { fitGaussianCopula, sampleGaussianCopula } from '../../src/models/tabular/gaussian-copula.js';
import { Rng } from '../../src/random/rng.js';

const [file, out, seedList = '1,2,3'] = process.argv.slice(2);
if (!file || !out) throw new Error('usage: baseline-csv.mts TABLE.csv OUT_DIR [SEEDS]');
const { train } = splitTable(readTableFile(readFileSync(file, 'utf8'), file), 0.2, 0);
mkdirSync(out, { recursive: true });
for (const seed of seedList.split(',').map(Number)) {
  const ind = sampleIndependentColumns(fitIndependentColumns(train), train.rows, new Rng(seed));
  writeFileSync(path.join(out, `independent-s${seed}.csv`), writeTable(ind));
  const cop = sampleGaussianCopula(fitGaussianCopula(train, new Rng(seed)), train.rows, new Rng(seed + 100));
  writeFileSync(path.join(out, `copula-s${seed}.csv`), writeTable(cop));
  process.stdout.write(`${out}/independent-s${seed}.csv ${out}/copula-s${seed}.csv\n`);
}
