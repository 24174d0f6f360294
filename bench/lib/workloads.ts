// The workloads of `npm run bench -- --vs-torch`: each runs through genlab's own model and recipe
// (or metric) and names its PyTorch/numpy twin in bench/torch/, which has the same shapes.
import { existsSync } from 'node:fs';
import { fid, kid, precisionRecall, type Features } from '../../src/metrics/index.js';
import { Rng } from '../../src/random/rng.js';
import { openDdimStep } from './ddim-step.js';
import { gaussianFeatures } from './features.js';
import { gptStepFlops, mlpVaeStepFlops } from './flops.js';
import { openRecipeStep, type StepSource } from './recipe-step.js';
import { tableTwinArgs, type TableStepModel } from './table-twin.js';

type TableTwinConfig = Parameters<typeof tableTwinArgs>[1];
/** The optimiser settings a tabular twin copies (Adam with L2 weight decay: torch decays every parameter, genlab matrices only — the same cost). */
const TWIN_TRAIN_KEYS = ['batchSize', 'lr', 'beta1', 'beta2', 'eps', 'weightDecay'];

/** A workload opened on the genlab side, ready to time. */
export interface OpenWorkload {
  /** Input of step i, built outside the timed region (e.g. the batch). */
  prepare(i: number): unknown;
  step(i: number, input: unknown): void;
  /** Analytic FLOPs of one step; null leaves them to the profiled count (engine workloads). */
  flops: number | null;
  /** Samples one step produces, for sampling workloads (reported as samples/s). */
  samplesPerStep?: number;
  /** Extra arguments for the twin so its shapes follow this run (e.g. the vocabulary size). */
  twinArgs: string[];
  dispose(): void;
}

export interface Workload {
  name: string;
  /** The twin script, relative to the repository root. */
  torchScript: string;
  /** Whether the genlab side steps tensors on the engine (the metrics are plain float64 arrays). */
  usesEngine: boolean;
  /** Start the engine anyway: on 'native' the metrics' float64 algebra runs on OpenBLAS/LAPACK (src/engine/float64-kernels.ts). */
  followsBackend?: boolean;
  /** Upper bounds on warm-up / timed steps, for workloads of a second or more per call. */
  maxWarmup?: number;
  maxSteps?: number;
  /** Why the workload cannot run here (e.g. its data file is absent); null when it can. */
  missing?(): string | null;
  open(): Promise<OpenWorkload>;
}

/** A registry model's recipe step; `count` derives FLOPs and twin arguments from the resolved run. */
function recipeWorkload(name: string, torchScript: string, src: StepSource, count?: (model: any, data: { shape: number[]; vocab?: number }, batch: number) => { flops: number; twinArgs?: string[] }): Workload {
  return {
    name,
    torchScript,
    usesEngine: true,
    async open() {
      const r = await openRecipeStep(src);
      const s = r.session;
      const c = count?.(s.config.model, { shape: s.data.train.shape, vocab: s.data.tokenizer?.vocabSize }, s.config.train.batchSize);
      return {
        prepare: r.batch,
        step: (i, batch) => r.step(i, batch as ReturnType<typeof r.batch>),
        flops: c?.flops ?? null,
        twinArgs: c?.twinArgs ?? [],
        dispose: () => s.dispose(),
      };
    },
  };
}

/** The table the tabular workloads train on: $GENLAB_BENCH_TABLE, else UCI Adult beside the checkout (the issue-18 reference). */
export const benchTablePath = (env: Record<string, string | undefined> = process.env): string => env.GENLAB_BENCH_TABLE || '../shared/data/adult.csv';

/**
 * A tabular model's recipe step on a real CSV at its registry defaults (batch 500; CTGAN pac 10); the
 * twin gets the fitted transformer's span layout, so its encoded width and conditional vector match.
 */
function tableWorkload(name: string, torchScript: string, model: 'ctgan' | 'tvae', modelKeys: string[]): Workload {
  const missing = () => (existsSync(benchTablePath()) ? null : `it trains on a table: ${benchTablePath()} not found (UCI Adult's adult.csv; set GENLAB_BENCH_TABLE=FILE.csv)`);
  return {
    name,
    torchScript,
    usesEngine: true,
    missing,
    async open() {
      const file = benchTablePath();
      if (missing()) throw new Error(`Workload ${name}: ${missing()}.`);
      const r = await openRecipeStep({ model, overrides: [`data.path=${file}`] });
      const s = r.session;
      return {
        prepare: r.batch,
        step: (i, batch) => r.step(i, batch as ReturnType<typeof r.batch>),
        flops: null,
        twinArgs: tableTwinArgs(s.model as unknown as TableStepModel, s.config as unknown as TableTwinConfig, { model: modelKeys, train: TWIN_TRAIN_KEYS }, s.data.train.size),
        dispose: () => s.dispose(),
      };
    },
  };
}

/**
 * A float64 metric on 10k × 10k 128-d Gaussian features (real N(0, 1), generated 0.05 + 1.1·N(0, 1),
 * as bench/metrics.ts and the numpy twins); a second or more per call, so few calls.
 */
function metricWorkload(name: string, torchScript: string, run: (args: { real: Features; generated: Features }) => void): Workload {
  return {
    name,
    torchScript,
    usesEngine: false,
    followsBackend: true,
    maxWarmup: 1,
    maxSteps: 3,
    async open() {
      const rng = new Rng(1234);
      const real = gaussianFeatures(rng, 10000, 128, 0, 1);
      const generated = gaussianFeatures(rng, 10000, 128, 0.05, 1.1);
      return { prepare: () => null, step: () => run({ real, generated }), flops: null, twinArgs: [], dispose() {} };
    },
  };
}

// The DCGAN networks of the `dcgan` entry, for WGAN-GP too (its registry default is the toy MLP); the
// critic has no batch norm, as WGAN-GP requires.
const DCGAN_NETS = ['model.arch=dcgan', 'data.name=mnist', 'model.latentDim=64', 'model.gFilters=32', 'model.dFilters=32', 'model.gNorm=batch', 'model.init=dcgan', 'train.batchSize=64'];

export const WORKLOADS: Workload[] = [
  recipeWorkload('vae-mlp', 'bench/torch/vae.py', { model: 'vae', preset: 'quickstart', overrides: ['train.batchSize=128'] }, (m, d, batch) => ({
    flops: mlpVaeStepFlops({ batch, input: d.shape.reduce((a, b) => a * b, 1), hidden: m.hidden, latent: m.latentDim }),
  })),
  // train.ema=0: the twin has no EMA (an EMA is a per-step weight lerp, not the engine's speed)
  recipeWorkload('dcgan', 'bench/torch/dcgan.py', { model: 'dcgan', overrides: ['train.ema=0'] }),
  // a huge nCritic: every timed step is a critic step with penalty (step 0, a warm-up, also updates G)
  recipeWorkload('wgan-gp', 'bench/torch/wgan_gp.py', { model: 'wgan-gp', overrides: [...DCGAN_NETS, 'model.dNorm=none', 'adversarial.nCritic=1000000000'] }),
  recipeWorkload('gpt-baby', 'bench/torch/gpt_baby.py', { model: 'gpt', preset: 'baby', overrides: [] }, (m, d, batch) => ({
    flops: gptStepFlops({ batch, block: d.shape[0], nLayer: m.nLayer, nEmbd: m.nEmbd, vocab: d.vocab! }),
    twinArgs: ['--vocab', String(d.vocab), '--block', String(d.shape[0]), '--batch', String(batch)],
  })),
  recipeWorkload('ddpm-unet', 'bench/torch/ddpm_unet.py', { model: 'ddpm', preset: 'fast', overrides: ['train.ema=0'] }),
  // sampling throughput: one DDIM step of the same UNet on 64 noise images (samples/s in the report)
  {
    name: 'sample-ddpm',
    torchScript: 'bench/torch/ddpm_sample.py',
    usesEngine: true,
    open: () => openDdimStep({ model: 'ddpm', preset: 'fast', batch: 64 }),
  },
  // issue 18: one CTGAN step (critic with WGAN-GP on packed rows + generator with the conditional
  // cross-entropy) and one TVAE step on UCI Adult (encoded width 157, conditional vector 104, batch 500)
  tableWorkload('ctgan-step', 'bench/torch/ctgan_step.py', 'ctgan', ['embeddingDim', 'generatorDims', 'discriminatorDims', 'pac', 'tau', 'gpLambda', 'dropout', 'leak']),
  tableWorkload('tvae-step', 'bench/torch/tvae_step.py', 'tvae', ['embeddingDim', 'compressDims', 'decompressDims', 'lossFactor', 'initialSigma']),
  metricWorkload('fid', 'bench/torch/fid.py', (args) => void fid(args)),
  // torch-fidelity's defaults (100 subsets of 1000, (x·y/d + 1)³) and Kynkäänniemi's k = 3 are the
  // functions' own defaults, so the twins take none of them from here
  metricWorkload('kid', 'bench/torch/kid.py', (args) => void kid(args)),
  metricWorkload('precision-recall', 'bench/torch/precision_recall.py', (args) => void precisionRecall(args)),
];

/** The named workloads (all when none), with an error listing the known names. */
export function selectWorkloads(names: string[]): Workload[] {
  for (const n of names) if (!WORKLOADS.some((w) => w.name === n)) throw new Error(`Unknown --vs-torch workload "${n}". Known: ${WORKLOADS.map((w) => w.name).join(', ')}.`);
  return names.length ? WORKLOADS.filter((w) => names.includes(w.name)) : WORKLOADS;
}
