// `npm run bench -- --vs-torch [NAMES…] [--backend B] [--warmup 5] [--steps 10] [--rounds 1] [--threads N] [--memory-steps N]`:
// each workload runs genlab, PyTorch, genlab, PyTorch… (--rounds pairs, one process each, so the
// machine's load drifts alike over both sides and each peak RSS is the workload's own), then prints
// the ratio table and writes bench/results/latest.json. --memory-steps N adds one more genlab process
// per workload that runs N steps and reports its memory growth (off by default: N steps take long).
// --threads N runs both sides on N BLAS/intra-op threads (GENLAB_NATIVE_THREADS, GENLAB_TWIN_THREADS);
// without it genlab keeps its default and the twins one thread. Each process's 1-minute load average
// at its start goes into its row (the machine may be shared).
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { machineInfo } from './lib/machine.js';
import { formatMemoryTable, formatRatioTable, lastJsonLine, vsTorchReport, workloadRow, type MemoryRecord, type SideRecord } from './lib/report.js';
import { findTorchPython } from './lib/torch-python.js';
import { selectWorkloads } from './lib/workloads.js';

/** Flags taking a value; the other non-flag arguments name workloads. */
const VALUE_FLAGS = ['--backend', '--warmup', '--steps', '--rounds', '--threads', '--memory-steps'];

function parseArgs(argv: string[]) {
  const opts: Record<string, string> = {};
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (VALUE_FLAGS.includes(argv[i])) opts[argv[i].slice(2)] = argv[++i];
    else if (argv[i] === '--vs-torch') continue;
    else if (argv[i].startsWith('--')) throw new Error(`Unknown option ${argv[i]} for --vs-torch; known: ${VALUE_FLAGS.join(', ')}.`);
    else names.push(argv[i]);
  }
  const count = (k: string, d: number) => {
    const v = Number(opts[k] ?? d);
    if (!Number.isInteger(v) || v < 0) throw new Error(`--${k} must be a non-negative integer, got ${opts[k]}.`);
    return v;
  };
  return { names, backend: opts.backend, warmup: count('warmup', 5), steps: count('steps', 10), rounds: Math.max(1, count('rounds', 1)), threads: opts.threads === undefined ? undefined : Math.max(1, count('threads', 1)), memorySteps: count('memory-steps', 0) };
}

function runSide<T = SideRecord>(cmd: string, args: string[], what: string, env: NodeJS.ProcessEnv = process.env): T {
  const load = Number(loadavg()[0].toFixed(2));
  process.stderr.write(`  ${what} (load ${load})…\n`);
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20, env });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status ?? r.signal}): ${cmd} ${args.join(' ')}`);
  return { loadavg1: load, ...lastJsonLine<T>(r.stdout, what) };
}

export function runVsTorch(argv: string[]): void {
  const a = parseArgs(argv);
  if (a.memorySteps === 1) throw new Error('--memory-steps needs at least 2 steps (snapshots after 10 % of them and at the end).');
  // a workload whose data are absent is skipped in the full run, and an error when named
  const workloads = selectWorkloads(a.names).filter((w) => {
    const why = w.missing?.();
    if (why && a.names.length) throw new Error(`Workload ${w.name} cannot run: ${why}.`);
    if (why) process.stderr.write(`skipping ${w.name}: ${why}\n`);
    return !why;
  });
  const python = findTorchPython();
  process.stderr.write(`vs-torch: PyTorch side runs ${python}; genlab backend ${a.backend ?? 'auto'}\n`);
  const env = a.threads === undefined ? process.env : { ...process.env, GENLAB_NATIVE_THREADS: String(a.threads), GENLAB_TWIN_THREADS: String(a.threads) };
  const rows = [];
  let backend = 'js';
  for (const w of workloads) {
    process.stderr.write(`bench ${w.name}\n`);
    const counts = ['--warmup', String(a.warmup), '--steps', String(a.steps)];
    const backendArgs = a.backend ? ['--backend', a.backend] : [];
    const genlab: SideRecord[] = [];
    const torch: SideRecord[] = [];
    for (let round = 0; round < a.rounds; round++) {
      const g = runSide(process.execPath, ['--import', 'tsx', 'bench/genlab-workload.ts', '--workload', w.name, ...counts, ...backendArgs], `genlab ${w.name}`, env);
      genlab.push(g);
      if (g.backend && g.backend !== 'js') backend = g.backend;
      // the twin takes the same step caps and the genlab run's shape arguments (e.g. its vocabulary)
      const twinCounts = ['--warmup', String(Math.min(a.warmup, w.maxWarmup ?? Infinity)), '--steps', String(Math.min(a.steps, w.maxSteps ?? Infinity))];
      torch.push(runSide(python, [w.torchScript, ...twinCounts, ...((g as { twinArgs?: string[] }).twinArgs ?? [])], `torch ${w.name}`, env));
    }
    const row = workloadRow(w.name, genlab, torch);
    if (a.memorySteps > 0) {
      // --expose-gc: the snapshots collect garbage first, so RSS growth means retained memory
      const args = ['--expose-gc', '--import', 'tsx', 'bench/genlab-workload.ts', '--workload', w.name, '--memory-steps', String(a.memorySteps), ...backendArgs];
      row.memory = runSide<MemoryRecord>(process.execPath, args, `genlab ${w.name} memory over ${a.memorySteps} steps`, env).memory;
    }
    rows.push(row);
  }
  const report = vsTorchReport(machineInfo(), backend, rows, { warmup: a.warmup, steps: a.steps, rounds: a.rounds, ...(a.threads ? { threads: a.threads } : {}), ...(a.memorySteps ? { memorySteps: a.memorySteps } : {}), python });
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(path.join('bench/results', 'latest.json'), JSON.stringify(report, null, 2));
  const memory = a.memorySteps > 0 ? `\n\nmemory over ${a.memorySteps} steps (genlab):\n${formatMemoryTable(rows)}` : '';
  process.stdout.write(`${formatRatioTable(rows)}${memory}\n\nbackend ${backend}, load average ${report.machine.loadavg1}; written to bench/results/latest.json\n`);
}
