// The pure parts of `npm run bench -- --vs-torch` (no torch, no timed runs): FLOP counts, step-time
// summaries, the ratio rows / table / JSON assembly from fake records, and the torch-python search.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { denseFlops, gflops, gptStepFlops, mlpVaeStepFlops } from '../../bench/lib/flops.js';
import { summarize, timeSteps } from '../../bench/lib/step-timer.js';
import { formatMemoryTable, formatRatioTable, lastJsonLine, vsTorchReport, workloadRow, type SideRecord } from '../../bench/lib/report.js';
import { earlyStep, trackMemory } from '../../bench/lib/memory-growth.js';
import { findTorchPython, torchPythonCandidates } from '../../bench/lib/torch-python.js';
import { benchTablePath, selectWorkloads, WORKLOADS } from '../../bench/lib/workloads.js';
import { discreteCode, spanCode, tableTwinArgs } from '../../bench/lib/table-twin.js';

test('MLP VAE 784-400-20 step FLOPs: 3 × 2·B·Σ in·out over 784→400→40 and 20→400→784', () => {
  assert.equal(denseFlops(2, [[3, 4]]), 48);
  const forward = 2 * 128 * (784 * 400 + 400 * 40 + 20 * 400 + 400 * 784);
  assert.equal(mlpVaeStepFlops({ batch: 128, input: 784, hidden: [400], latent: 20 }), 3 * forward);
  assert.equal(mlpVaeStepFlops({ batch: 128, input: 784, hidden: [400], latent: 20 }), 500121600);
});

test('GPT step FLOPs follow nanoGPT estimate_mfu (6N + 12·L·C·T per token)', () => {
  const [L, C, T, V, B] = [4, 128, 64, 65, 12];
  const n = 12 * L * C * C + V * C;
  assert.equal(gptStepFlops({ batch: B, block: T, nLayer: L, nEmbd: C, vocab: V }), B * T * (6 * n + 12 * L * C * T));
  assert.equal(gflops(2e9, 1000), 2); // 2 GFLOP in one second
});

test('summarize: min / true median / max; timeSteps times only run, after the warm-up', () => {
  assert.deepEqual(summarize([4, 1, 3, 2]), { min: 1, median: 2.5, max: 4 });
  assert.deepEqual(summarize([5, 1, 3]), { min: 1, median: 3, max: 5 });
  assert.throws(() => summarize([]), /--steps/);
  const seen: number[] = [];
  const prepared: number[] = [];
  timeSteps((i, x: number) => seen.push(i + x), 2, 3, (i) => (prepared.push(i), 100));
  assert.deepEqual(prepared, [0, 1, 2, 3, 4]);
  assert.deepEqual(seen, [100, 101, 102, 103, 104]);
});

const rec = (name: string, median: number, rss: number, flops?: number | null): SideRecord => ({ name, ms: { min: median - 1, median, max: median + 1 }, steps: 10, peakRssMb: rss, flops });

test('workloadRow: median over rounds, ratio genlab/torch, GFLOP/s from the genlab median, largest RSS', () => {
  const row = workloadRow('vae-mlp', [rec('vae-mlp', 30, 200, 6e8), rec('vae-mlp', 50, 260, 6e8), rec('vae-mlp', 40, 210, 6e8)], [rec('vae-mlp', 10, 250), rec('vae-mlp', 20, 240), rec('vae-mlp', 12, 255)]);
  assert.deepEqual(row, { name: 'vae-mlp', genlabMs: 40, torchMs: 12, ratio: 3.33, gflops: 15, peakRssMb: 260, torchPeakRssMb: 255 });
  assert.equal(workloadRow('fid', [rec('fid', 100, 1)], [rec('fid', 50, 1)]).gflops, null);
  assert.throws(() => workloadRow('dcgan', [rec('dcgan', 1, 1)], []), /both sides/);
});

test('latest.json has machine, backend and workload rows with the issue-8 fields; the table lists every row', () => {
  const rows = [workloadRow('vae-mlp', [rec('vae-mlp', 22, 300, 5e8)], [rec('vae-mlp', 11, 250)]), workloadRow('fid', [rec('fid', 120, 250)], [rec('fid', 40, 76)])];
  const report = JSON.parse(JSON.stringify(vsTorchReport({ cores: 2 }, 'native', rows, { steps: 10 })));
  assert.equal(report.backend, 'native');
  assert.deepEqual(report.machine, { cores: 2 });
  for (const key of ['name', 'genlabMs', 'torchMs', 'ratio', 'gflops', 'peakRssMb']) assert.ok(key in report.workloads[0], key);
  assert.equal(report.workloads[1].ratio, 3);
  const table = formatRatioTable(rows).split('\n');
  assert.equal(table.length, 4);
  assert.match(table[2], /^\| vae-mlp +\| +22\.0 \| +11\.0 \| +2\.00 \| +22\.7 \| +300 \| +250 \|$/);
  assert.match(table[3], /\| fid .*\| +- \|/);
});

test('lastJsonLine takes the final record and names the process when there is none', () => {
  assert.equal(lastJsonLine('noise\n{"name":"a"}\n{"name":"b"}\n', 'x').name, 'b');
  assert.throws(() => lastJsonLine('Traceback …', 'torch dcgan'), /torch dcgan printed no JSON record/);
});

test('findTorchPython probes the candidates in order and says how to install torch when none has it', () => {
  assert.deepEqual(torchPythonCandidates({ GENLAB_TORCH_PYTHON: '/opt/py' }), ['/opt/py', 'python3', '/usr/bin/python3']);
  assert.deepEqual(torchPythonCandidates({}), ['python3', '/usr/bin/python3']);
  assert.equal(findTorchPython(['python3', '/usr/bin/python3'], (p) => p === '/usr/bin/python3'), '/usr/bin/python3');
  assert.throws(() => findTorchPython(['python3'], () => false), /apt install python3-torch.*tried: python3|tried: python3.*apt install python3-torch/s);
});

test('every workload has its twin script; unknown names fail with the known list', () => {
  assert.deepEqual(WORKLOADS.map((w) => w.name), ['vae-mlp', 'dcgan', 'wgan-gp', 'gpt-baby', 'ddpm-unet', 'sample-ddpm', 'ctgan-step', 'tvae-step', 'fid', 'kid', 'precision-recall']);
  for (const w of WORKLOADS) assert.ok(existsSync(w.torchScript), w.torchScript);
  assert.deepEqual(selectWorkloads(['fid', 'vae-mlp']).map((w) => w.name), ['vae-mlp', 'fid']);
  assert.throws(() => selectWorkloads(['vae']), /Unknown --vs-torch workload "vae". Known: vae-mlp, dcgan/);
});

test('sampling rows carry samples/s of both sides (batch / median s) into the table; FLOP source kept', () => {
  const g = { ...rec('sample-ddpm', 200, 300, 4e9), samplesPerStep: 64, flopsSource: 'profiled' as const };
  const t = { ...rec('sample-ddpm', 100, 250), samplesPerStep: 64 };
  const row = workloadRow('sample-ddpm', [g], [t]);
  assert.equal(row.samplesPerS, 320);
  assert.equal(row.torchSamplesPerS, 640);
  assert.equal(row.flopsSource, 'profiled');
  assert.equal(row.gflops, 20);
  const table = formatRatioTable([row, workloadRow('fid', [rec('fid', 120, 250)], [rec('fid', 40, 76)])]).split('\n');
  assert.match(table[0], /\| samples\/s \| torch samples\/s \|$/);
  assert.match(table[2], /\| +320\.0 \| +640\.0 \|$/);
  assert.match(table[3], /\| +- \| +- \|$/);
});

test('memory growth: snapshots after 10 % of the steps and at the end, growth between them', () => {
  assert.equal(earlyStep(1000), 100);
  assert.equal(earlyStep(5), 1);
  const ran: number[] = [];
  // a fake leak: one tensor of 4 bytes and 0.5 MiB of RSS per step
  const m = trackMemory(20, (i) => ran.push(i), (step) => ({ step, rssMb: 100 + step / 2, numTensors: 10 + step, numBytes: 4 * step }));
  assert.deepEqual(ran, [...Array(20).keys()]);
  assert.deepEqual(m.early, { step: 2, rssMb: 101, numTensors: 12, numBytes: 8 });
  assert.deepEqual(m.growth, { steps: 18, rssMb: 9, numTensors: 18, numBytes: 72 });
  assert.throws(() => trackMemory(1, () => {}, () => m.end), /--memory-steps must be an integer ≥ 2/);
  const row = { ...workloadRow('vae-mlp', [rec('vae-mlp', 22, 300)], [rec('vae-mlp', 11, 250)]), memory: m };
  assert.match(formatMemoryTable([row]).split('\n')[2], /^\| vae-mlp +\| +2→20 \| +101\.0 \| +110\.0 \| +9\.0 \| +12→30 \| +0\.00 \|$/);
});

test('tabular twins get the fitted layout (spans, conditional blocks), the listed model keys and Adam settings', () => {
  const spans = [
    { activation: 'tanh' as const, dim: 1, column: 0, role: 'value' as const },
    { activation: 'softmax' as const, dim: 3, column: 0, role: 'mode' as const },
    { activation: 'softmax' as const, dim: 2, column: 1, role: 'category' as const },
  ];
  const model = { transformer: { dim: 6, spans, discreteSpans: [{ column: 1, offset: 4, size: 2 }] } };
  assert.equal(spanCode(spans), 't1,s3,s2');
  assert.equal(discreteCode(model.transformer.discreteSpans), '4:2');
  const config = { model: { embeddingDim: 128, generatorDims: [256, 256], pac: 10, tau: 0.2 }, train: { batchSize: 500, lr: 2e-4 } };
  assert.deepEqual(tableTwinArgs(model, config, { model: ['generatorDims', 'pac', 'tau'], train: ['batchSize', 'lr'] }, 26049), [
    '--spans', 't1,s3,s2', '--discrete', '4:2', '--rows', '26049', '--generatorDims', '256,256', '--pac', '10', '--tau', '0.2', '--batchSize', '500', '--lr', '0.0002',
  ]);
  assert.throws(() => tableTwinArgs(model, config, { model: ['missing'], train: [] }, 1), /expected a number/);
  assert.equal(benchTablePath({}), '../shared/data/adult.csv');
  const [ctgan] = selectWorkloads(['ctgan-step']);
  const saved = process.env.GENLAB_BENCH_TABLE;
  process.env.GENLAB_BENCH_TABLE = '/no/such/table.csv';
  try {
    assert.match(ctgan.missing?.() ?? '', /\/no\/such\/table\.csv not found.*GENLAB_BENCH_TABLE/);
    assert.equal(selectWorkloads(['fid'])[0].missing, undefined);
  } finally {
    if (saved === undefined) delete process.env.GENLAB_BENCH_TABLE;
    else process.env.GENLAB_BENCH_TABLE = saved;
  }
  assert.equal(benchTablePath({ GENLAB_BENCH_TABLE: '/data/t.csv' }), '/data/t.csv');
});

test('rows keep every round’s times and load averages; the table then shows the load range', () => {
  const g = [{ ...rec('ctgan-step', 200, 300), loadavg1: 3.5 }, { ...rec('ctgan-step', 220, 300), loadavg1: 4.25 }];
  const t = [{ ...rec('ctgan-step', 100, 250), loadavg1: 3.1 }, { ...rec('ctgan-step', 110, 250), loadavg1: 4 }];
  const row = workloadRow('ctgan-step', g, t);
  assert.deepEqual(row.rounds, [
    { genlabMs: 200, torchMs: 100, genlabLoad: 3.5, torchLoad: 3.1 },
    { genlabMs: 220, torchMs: 110, genlabLoad: 4.25, torchLoad: 4 },
  ]);
  assert.equal(row.ratio, 2);
  const table = formatRatioTable([row, workloadRow('fid', [rec('fid', 120, 250)], [rec('fid', 40, 76)])]).split('\n');
  assert.match(table[0], /\| +load avg \|$/);
  assert.match(table[2], /\| 3\.10–4\.25 \|$/);
  assert.match(table[3], /\| +- \|$/);
  assert.equal(workloadRow('fid', [rec('fid', 120, 250)], [rec('fid', 40, 76)]).rounds, undefined);
});
