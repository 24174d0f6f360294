// `genlab eval tabular`: SDMetrics-style fidelity (column shapes, pair trends, quality), privacy (distance
// to closest record, exact copies) and train-on-synthetic/test-on-real utility of a synthetic CSV.
import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readTableFile } from '../../data/tabular/read-table.js';
import { splitTable } from '../../data/tabular/split-table.js';
import type { TypedTable, TableSchema } from '../../data/tabular/types.js';
import { tabularQuality, dcrPrivacy } from '../../metrics/tabular/index.js';
import { DEFAULT_TEST_FRACTION } from '../../node/datasets/typed-tables.js';
import { printResult, seedOption } from '../options.js';

async function readTableAt(file: string, what: string, schema?: TableSchema): Promise<TypedTable> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new Error(e.code === 'ENOENT' ? `${what} file not found: ${file}` : `Cannot read the ${what} file ${file}: ${e.message}`);
  });
  return readTableFile(text, file, schema ? { schema } : {});
}

const pct = (v: number) => v.toFixed(4);

/** Registers `genlab eval tabular`. */
export function registerEvalTabular(evalCmd: Command): void {
  evalCmd
    .command('tabular')
    .description('Score a synthetic table against the real one: fidelity (SDMetrics quality), privacy (DCR) and, with --target, utility (TSTR)')
    .requiredOption('--real <file>', 'the real table (CSV/TSV/ARFF); with --split, its train part is the reference')
    .requiredOption('--synthetic <file>', 'the synthetic table (same columns)')
    .option('--holdout <file>', 'real rows the model never saw (privacy baseline, utility test set)')
    .option('--split <fraction>', `split --real as training does (data.testFraction, default ${DEFAULT_TEST_FRACTION}) into reference and hold-out rows`)
    .option('--split-seed <s>', 'seed of that split (data.seed)', '0')
    .option('--json', 'print one JSON object')
    .action(async (o) => {
      let real = await readTableAt(o.real, 'real');
      let holdout = o.holdout ? await readTableAt(o.holdout, 'hold-out', real.schema) : undefined;
      if (o.split !== undefined) {
        if (holdout) throw new Error('Pass either --holdout FILE or --split FRACTION, not both.');
        const f = Number(o.split);
        ({ train: real, test: holdout } = splitTable(real, f, seedOption(o.splitSeed, 'split-seed')));
      }
      const synthetic = await readTableAt(o.synthetic, 'synthetic', real.schema);
      const q = tabularQuality(real, synthetic);
      const privacy = dcrPrivacy(real, synthetic, holdout);
      const json = {
        real: o.real, synthetic: o.synthetic, rows: { real: real.rows, synthetic: synthetic.rows, holdout: holdout?.rows ?? 0 },
        quality: q.quality, qualityThresholded: q.qualityThresholded, columnShapes: q.columnShapes, columnPairTrends: q.columnPairTrends, columnPairTrendsThresholded: q.columnPairTrendsThresholded,
        shapes: q.shapes, privacy: { synthetic: privacy.synthetic, holdout: privacy.holdout, exactCopyRate: privacy.exactCopyRate, holdoutCopyRate: privacy.holdoutCopyRate },
      };
      const human = [
        `quality ${pct(q.quality)} (column shapes ${pct(q.columnShapes)}, pair trends ${pct(q.columnPairTrends)}; thresholded ${pct(q.qualityThresholded)})`,
        `DCR synthetic→real p5 ${privacy.synthetic.p5.toFixed(4)} median ${privacy.synthetic.median.toFixed(4)}` + (privacy.holdout ? `; hold-out→real p5 ${privacy.holdout.p5.toFixed(4)} median ${privacy.holdout.median.toFixed(4)}` : ''),
        `exact copies ${(100 * privacy.exactCopyRate).toFixed(2)} %` + (privacy.holdoutCopyRate !== undefined ? ` (hold-out ${(100 * privacy.holdoutCopyRate).toFixed(2)} %)` : ''),
      ].join('\n') + '\n';
      printResult(o, json, human);
    });
}
