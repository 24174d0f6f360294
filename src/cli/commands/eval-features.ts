// `genlab eval features`: FID, KID, precision/recall and density/coverage between two .npy feature
// files ([N, d] each), printed as one JSON object (torch-fidelity's fidelity CLI, for saved features).
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { npyToFloat64, parseNpy } from '../../io/npy.js';
import {
  evaluateFeatures,
  FEATURE_METRICS,
  parseMetricList,
  type EvaluationReport,
  type Features,
} from '../../metrics/index.js';

/** Where the command writes its result (tests pass their own). */
export interface EvalFeaturesIo {
  write(text: string): void;
}

/** Reads an [N, d] .npy feature file, with errors that name the flag and the file. */
export function readFeatureFile(path: string, flag: string): Features {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new Error(`${flag}: cannot read '${path}': ${why}.`);
  }
  try {
    const arr = parseNpy(bytes, { rank: 2 });
    const [n, d] = arr.shape;
    return { data: arr.data instanceof Float32Array ? arr.data : npyToFloat64(arr), n, d, extractor: 'npy' };
  } catch (e) {
    throw new Error(`${flag} '${path}': ${(e as Error).message}`);
  }
}

/** Options of `eval features` after commander has parsed them. */
export interface EvalFeaturesOptions {
  real: string;
  fake: string;
  metrics: string;
  json?: boolean;
  seed: string;
  kidSubsets: string;
  kidSubsetSize: string;
  prK: string;
  dcK: string;
}

function int(flag: string, v: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} must be an integer ≥ ${min}, got '${v}'.`);
  return n;
}

/** Runs the evaluation described by parsed options and returns the report. */
export function runEvalFeatures(o: EvalFeaturesOptions): EvaluationReport {
  const metrics = parseMetricList(o.metrics);
  const opts = {
    seed: int('--seed', o.seed, 0),
    kid: { subsets: int('--kid-subsets', o.kidSubsets, 1), subsetSize: int('--kid-subset-size', o.kidSubsetSize, 2) },
    prK: int('--pr-k', o.prK, 1),
    dcK: int('--dc-k', o.dcK, 1),
  };
  const real = readFeatureFile(o.real, '--real');
  const fake = readFeatureFile(o.fake, '--fake');
  return evaluateFeatures(real, fake, metrics, opts);
}

function human(r: EvaluationReport): string {
  const lines = [`features: ${r.extractor}, d=${r.featureDim}, real N=${r.nReal}, generated N=${r.nGenerated}`];
  const m = r.metrics;
  if (m.fid) lines.push(`fid        ${m.fid.value}`);
  if (m.kid) lines.push(`kid        ${m.kid.mean} ± ${m.kid.std} (${m.kid.subsets} subsets of ${m.kid.subsetSize}, seed ${m.kid.seed})`);
  for (const key of ['precision', 'recall', 'density', 'coverage'] as const) {
    const v = m[key];
    if (v) lines.push(`${key.padEnd(10)} ${v.value} (k=${v.k})`);
  }
  return lines.join('\n') + '\n';
}

/** Adds `features` to the `eval` command: metrics between two .npy feature files. */
export function registerEvalFeatures(evalCmd: Command, io: EvalFeaturesIo = { write: (s) => process.stdout.write(s) }): Command {
  return evalCmd
    .command('features')
    .description('Compare real and generated features saved as [N, d] .npy files (FID, KID, precision/recall, density/coverage).')
    .requiredOption('--real <file>', 'real features, .npy [N, d] (float32/float64)')
    .requiredOption('--fake <file>', 'generated features, .npy [M, d]')
    .option('--metrics <list>', `comma-separated subset of: ${FEATURE_METRICS.join(', ')}`, FEATURE_METRICS.join(','))
    .option('--json', 'print one JSON object instead of a table')
    .option('--seed <n>', 'seed for the KID subsets', '0')
    .option('--kid-subsets <n>', 'number of KID subsets', '100')
    .option('--kid-subset-size <n>', 'KID subset size (capped at the smaller set)', '1000')
    .option('--pr-k <n>', 'k for precision/recall', '3')
    .option('--dc-k <n>', 'k for density/coverage', '5')
    .action((o: EvalFeaturesOptions) => {
      const report = runEvalFeatures(o);
      io.write(o.json ? JSON.stringify(report) + '\n' : human(report));
    });
}
