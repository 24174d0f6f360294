// The one generic training loop: seeded resumable batches → recipe step → events, with LR
// schedule, eval cadence, checkpoint cadence, NaN/Inf stop and abort (Ctrl-C) handling.
import type { Batch, Dataset } from '../data/types.js';
import type { TrainConfig } from '../config/common.js';
import { Rng } from '../random/rng.js';
import { batchIndicesAt } from '../data/batcher.js';
import { learningRateAt } from './lr-schedule.js';
import type { Recipe } from './recipe.js';
import { NonFiniteLossError, StopTraining, type CheckpointReason, type TrainListener } from './events.js';
import { batchOrEmpty, poissonIndicesAt } from '../privacy/poisson.js';

/** Turns a raw batch into what the model trains on (e.g. dynamic binarisation); owns disposal of its input. */
export type PrepareBatch = (batch: Batch, rng: Rng) => Batch;

/** Everything one training run needs. */
export interface TrainOptions {
  recipe: Recipe;
  train: TrainConfig;
  /** Seed of the batch order (config.seed). */
  seed: number;
  trainData: Dataset;
  testData?: Dataset;
  /** Drives data-side noise (binarisation); its state is checkpointed by the caller. */
  dataRng: Rng;
  prepare?: PrepareBatch;
  /** Transform of held-out batches (default: `prepare`); augmentation belongs only to `prepare`. */
  evalPrepare?: PrepareBatch;
  /** First step to run (a resumed run starts where its checkpoint ended). */
  startStep?: number;
  /** Aborting (e.g. on SIGINT) writes a checkpoint and ends with reason 'interrupted'. */
  signal?: AbortSignal;
  onEvent?: TrainListener;
  /** Persists the full training state after `step` completed steps; returns where (and whether its weights are finite). */
  checkpoint?: (step: number, reason: CheckpointReason) => Promise<string | { path: string; weightsFinite: boolean }>;
  /** Records a checkpoint as good: finite weights, and the loss at them finite with no jump (train.lossJumpFactor). */
  markGood?: (step: number) => Promise<void>;
  /** Called before the NaN stop is thrown, with the last good step (null: none), to set later checkpoints aside. */
  onDiverged?: (lastGoodStep: number | null) => Promise<void>;
  /** Most examples used by each held-out evaluation. */
  evalExamples?: number;
  /** Injected clock (ms) so tests can be deterministic. */
  now?: () => number;
}

/** How a run ended. */
export interface TrainResult {
  step: number;
  reason: 'completed' | 'interrupted';
  lastEval: Record<string, number> | null;
  elapsedMs: number;
  /** Why a recipe ended the run before train.steps (StopTraining), if it did. */
  stopped?: string;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Yields prepared evaluation batches from the first `limit` test examples, in order. */
export function* evalBatches(data: Dataset, batchSize: number, limit: number, prepare: PrepareBatch | undefined, rng: Rng): Generator<Batch> {
  const order = data.evalIndices?.(limit); // e.g. non-overlapping text windows
  const n = order ? order.length : Math.min(limit, data.size);
  for (let start = 0; start < n; start += batchSize) {
    const idx = Array.from({ length: Math.min(batchSize, n - start) }, (_, i) => (order ? order[start + i] : start + i));
    const raw = data.batch(idx);
    const batch = prepare ? prepare(raw, rng) : raw;
    try {
      yield batch;
    } finally {
      batch.x.dispose();
      batch.y?.dispose();
    }
  }
}

/** Runs training from `startStep` to `train.steps`. */
export async function runTrainer(o: TrainOptions): Promise<TrainResult> {
  const now = o.now ?? (() => performance.now());
  const t0 = now();
  const total = o.train.steps;
  let step = o.startStep ?? 0;
  // a cadence checkpoint is judged by the loss of the next step, the first computed at its weights
  let pending = null as { path: string; step: number; ref: number } | null;
  let lastGood = null as { path: string; step: number } | null;
  let smallestLoss = Infinity; // Σ|losses| of a step; a diverging run's losses climb from it
  const jump = o.train.lossJumpFactor ?? 0;
  let lastEval: Record<string, number> | null = null;
  let lastYield = t0;
  const emit = o.onEvent ?? (() => {});
  const save = async (s: number, reason: CheckpointReason) => {
    if (!o.checkpoint) return;
    const saved = await o.checkpoint(s, reason);
    const { path, weightsFinite } = typeof saved === 'string' ? { path: saved, weightsFinite: true } : saved;
    if (!weightsFinite) pending = null;
    else if (reason === 'cadence') pending = { path, step: s, ref: smallestLoss };
    else {
      // nothing is trained after a final or interrupt checkpoint; finite weights are all there is to judge
      await o.markGood?.(s);
      lastGood = { path, step: s };
    }
    emit({ type: 'checkpoint', step: s, path, reason });
  };
  const evaluate = async () => {
    if (!o.testData || !o.recipe.evaluate) return;
    const batches = evalBatches(o.testData, 250, o.evalExamples ?? 2000, 'evalPrepare' in o ? o.evalPrepare : o.prepare, new Rng(7));
    lastEval = o.recipe.evaluate(batches);
    emit({ type: 'eval', step, metrics: lastEval });
  };

  let stopped: string | undefined;
  emit({ type: 'start', step, totalSteps: total });
  for (; step < total; step++) {
    if (o.signal?.aborted) {
      await save(step, 'interrupt');
      emit({ type: 'end', step, reason: 'interrupted', elapsedMs: now() - t0 });
      return { step, reason: 'interrupted', lastEval, elapsedMs: now() - t0 };
    }
    // DP-SGD's accountant assumes Poisson batches: each example joins with probability batchSize / size
    const poisson = o.train.dp?.sampling === 'poisson';
    const idx = poisson
      ? poissonIndicesAt(step, Math.min(1, o.train.batchSize / o.trainData.size), o.trainData.size, o.seed)
      : batchIndicesAt(step, o.train.batchSize, o.trainData.size, o.seed);
    const raw = poisson ? batchOrEmpty(o.trainData, idx) : o.trainData.batch(idx);
    const batch = o.prepare ? o.prepare(raw, o.dataRng) : raw;
    const lr = learningRateAt(step, o.train);
    let losses: Record<string, number>;
    try {
      losses = o.recipe.step({ batch, step, lr, datasetSize: o.trainData.size });
    } catch (e) {
      if (!(e instanceof StopTraining)) throw e;
      stopped = e.message;
      break;
    } finally {
      batch.x.dispose();
      batch.y?.dispose();
    }
    for (const [name, value] of Object.entries(losses)) {
      if (Number.isFinite(value)) continue;
      await o.onDiverged?.(lastGood?.step ?? null);
      throw new NonFiniteLossError(step + 1, name, value, lastGood);
    }
    const size = Object.values(losses).reduce((a, v) => a + Math.abs(v), 0);
    if (pending) {
      if (jump <= 0 || size <= jump * Math.max(pending.ref, 1e-3)) {
        await o.markGood?.(pending.step);
        lastGood = { path: pending.path, step: pending.step };
      }
      pending = null;
    }
    smallestLoss = Math.min(smallestLoss, size);
    emit({ type: 'step', step: step + 1, totalSteps: total, losses, lr, elapsedMs: now() - t0 });
    const done = step + 1;
    if (o.train.evalEvery > 0 && done % o.train.evalEvery === 0 && done < total) await evaluate();
    if (o.train.checkpointEvery > 0 && done % o.train.checkpointEvery === 0 && done < total) await save(done, 'cadence');
    if (now() - lastYield > 50) {
      await yieldToEventLoop(); // lets SIGINT handlers and progress rendering run
      lastYield = now();
    }
  }
  await evaluate();
  await save(step, 'final');
  emit({ type: 'end', step, reason: 'completed', elapsedMs: now() - t0, ...(stopped ? { stopped } : {}) });
  return { step, reason: 'completed', lastEval, elapsedMs: now() - t0, ...(stopped ? { stopped } : {}) };
}
