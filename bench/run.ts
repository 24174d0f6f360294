// `npm run bench [-- NAME…]`: runs the benchmark scripts (each prints JSON lines), collects their
// records and writes bench/results/latest.json. Speed targets live here, never in timed tests.
// `npm run bench -- --vs-torch [NAMES…]` runs the side-by-side PyTorch comparison instead (vs-torch.ts).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { machineInfo } from './lib/machine.js';
import { runVsTorch } from './vs-torch.js';

/** Benchmarks `npm run bench` knows, in run order. */
const BENCHES: Record<string, string> = {
  metrics: 'bench/metrics.ts',
  'engine-matmul': 'bench/engine-matmul.ts',
  'engine-conv': 'bench/engine-conv.ts',
  'gpt-speed': 'bench/gpt-speed.ts',
};

if (process.argv.includes('--vs-torch')) {
  runVsTorch(process.argv.slice(2));
  process.exit(0);
}

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('--'));
for (const w of wanted) if (!BENCHES[w]) throw new Error(`Unknown benchmark "${w}". Known: ${Object.keys(BENCHES).join(', ')}.`);
const names = wanted.length ? wanted : Object.keys(BENCHES);
const results: Record<string, unknown[]> = {};
for (const name of names) {
  process.stderr.write(`bench ${name}…\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', BENCHES[name]], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`benchmark ${name} failed with exit code ${r.status}`);
  results[name] = r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
}
const report = {
  machine: machineInfo(),
  date: new Date().toISOString(),
  results,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync(path.join('bench/results', 'latest.json'), JSON.stringify(report, null, 2));
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
