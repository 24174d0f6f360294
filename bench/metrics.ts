// Metrics benchmark: FID, KID, precision/recall (and density/coverage) on 10k × 10k 128-d float64
// features; prints one JSON line {name, ms, ...} per metric. Run: npx tsx bench/metrics.ts [--n N] [--d D] [--js]
import { cpus, loadavg } from 'node:os';
import { Rng } from '../src/random/rng.js';
import {
  densityCoverage, evaluateFeatures, fid, kid, precisionRecall, wasmSimdAvailable,
} from '../src/metrics/index.js';
import { gaussianFeatures } from './lib/features.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const n = arg('n', 10000);
const d = arg('d', 128);
const simd = process.argv.includes('--js') ? false : undefined;

// Context for the numbers: other processes on a 2-core box slow the single-threaded kernels down.
console.log(JSON.stringify({ name: 'machine', cores: cpus().length, loadavg1: Number(loadavg()[0].toFixed(2)) }));
const rng = new Rng(1234);
const real = gaussianFeatures(rng, n, d, 0, 1);
const generated = gaussianFeatures(rng, n, d, 0.05, 1.1);

function time<T>(name: string, f: () => T): void {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = f();
  const ms = Math.round(performance.now() - t0);
  const cpuMs = Math.round(process.cpuUsage(c0).user / 1000);
  const kernel = simd === false || !wasmSimdAvailable() ? 'js' : 'wasm-simd';
  console.log(JSON.stringify({ name, ms, cpuMs, n, d, kernel, value }));
}

const tAll = performance.now();
time('fid', () => fid({ real, generated }));
time('kid', () => {
  const r = kid({ real, generated }, { simd });
  return { mean: r.mean, std: r.std };
});
time('precision-recall', () => {
  const r = precisionRecall({ real, generated }, { simd });
  return { precision: r.precision, recall: r.recall };
});
const core = Math.round(performance.now() - tAll);
time('density-coverage', () => {
  const r = densityCoverage({ real, generated }, { simd });
  return { density: r.density, coverage: r.coverage };
});
console.log(JSON.stringify({ name: 'fid+kid+precision-recall (separate calls)', ms: core }));
// The CLI path: one evaluateFeatures call, where KID rides along the k-NN passes.
time('evaluateFeatures(fid,kid,precision,recall)', () => evaluateFeatures(real, generated, ['fid', 'kid', 'precision', 'recall'], { simd }).metrics);
time('evaluateFeatures(all six)', () => evaluateFeatures(real, generated, ['fid', 'kid', 'precision', 'recall', 'density', 'coverage'], { simd }).metrics);
