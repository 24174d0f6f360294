// `genlab eval tabular`: SDMetrics-style fidelity (column shapes, pair trends, quality), privacy (distance
// to closest record, exact copies) and train-on-synthetic/test-on-real utility of a synthetic CSV.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readTableFile } from '../../data/tabular/read-table.js';
import { splitTable } from '../../data/tabular/split-table.js';
import type { TypedTable, TableSchema } from '../../data/tabular/types.js';
import { evaluateTabular, renderTabularReport, tabularSummary } from '../../metrics/tabular/index.js';
import { writeOutput } from '../../node/run-dir.js';
import { DEFAULT_TEST_FRACTION } from '../../node/datasets/typed-tables.js';
import { printResult, seedOption, withEngine } from '../options.js';

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
    .requiredOption('--real <file>', 'the real table the generator trained on (CSV/TSV/ARFF); with --split, its train part')
    .requiredOption('--synthetic <file>', 'the synthetic table (same columns)')
    .option('--holdout <file>', 'real rows the model never saw (privacy baseline, utility test set)')
    .option('--split <fraction>', `split --real as training does (data.testFraction, default ${DEFAULT_TEST_FRACTION}) into its train rows and a hold-out`)
    .option('--split-seed <s>', 'seed of that split (data.seed)', '0')
    .option('--target <column>', 'utility: the classifier target (a discrete column)')
    .option('--positive <category>', 'utility: the positive category of --target (F1 and AUROC)')
    .option('--report <file>', 'write the HTML report (per-column charts, pair-trend heat-map) here')
    .option('--json', 'print one JSON object')
    .action((o, cmd: Command) => withEngine(cmd, async () => {
      let real = await readTableAt(o.real, 'real');
      let holdout = o.holdout ? await readTableAt(o.holdout, 'hold-out', real.schema) : undefined;
      if (o.split !== undefined) {
        if (holdout) throw new Error('Pass either --holdout FILE or --split FRACTION, not both.');
        const f = Number(o.split);
        if (!(f > 0 && f < 1)) throw new Error(`--split must be a fraction in (0, 1), got ${JSON.stringify(o.split)}.`);
        ({ train: real, test: holdout } = splitTable(real, f, seedOption(o.splitSeed, 'split-seed')));
      }
      if ((o.target === undefined) !== (o.positive === undefined)) throw new Error('Pass --target COLUMN and --positive CATEGORY together (the utility classifier and its positive class).');
      if (o.target !== undefined && !holdout) throw new Error('Utility (--target) is scored on real rows the generator never saw: pass --holdout FILE or --split FRACTION.');
      const synthetic = await readTableAt(o.synthetic, 'synthetic', real.schema);
      const e = evaluateTabular(real, synthetic, { holdout, target: o.target, positive: o.positive });
      if (o.report) await writeOutput(o.report, renderTabularReport(e, real, synthetic), 'tabular report');
      const sum = tabularSummary(e);
      const lines = [
        `quality ${pct(e.quality.quality)} (column shapes ${pct(e.quality.columnShapes)}, pair trends ${pct(e.quality.columnPairTrends)}); thresholded ${pct(e.quality.qualityThresholded)} (pair trends ${pct(e.quality.columnPairTrendsThresholded)})`,
      ];
      if (e.utility) {
        for (const [kind, s] of Object.entries(e.utility.synthetic)) {
          const r = (e.utility.real as Record<string, { f1: number; accuracy: number; auroc: number }>)[kind];
          lines.push(`utility ${kind}: synthetic-trained F1 ${pct(s.f1)} AUROC ${pct(s.auroc)} | real-trained F1 ${pct(r.f1)} AUROC ${pct(r.auroc)}`);
        }
      }
      if (e.privacy) {
        const p = e.privacy;
        lines.push(`DCR synthetic→train p5 ${p.synthetic.p5.toFixed(4)} median ${p.synthetic.median.toFixed(4)}` + (p.holdout ? `; hold-out→train p5 ${p.holdout.p5.toFixed(4)} median ${p.holdout.median.toFixed(4)}` : ''));
        lines.push(`exact copies ${(100 * p.exactCopyRate).toFixed(2)} %` + (p.holdoutCopyRate !== undefined ? ` (hold-out ${(100 * p.holdoutCopyRate).toFixed(2)} %)` : ''));
      }
      if (o.report) lines.push(`report ${o.report}`);
      printResult(o, { real: o.real, synthetic: o.synthetic, rows: e.rows, ...sum, seconds: e.seconds }, lines.join('\n') + '\n');
    }));
}
