// `genlab train` as a library call: opens a session, runs the Trainer with JSONL logging and
// checkpoints into the run directory, and writes the run's artifacts at the end.
import { appendFile, readFile } from 'node:fs/promises';
import { z } from 'zod';
import path from 'node:path';
import { engineInfo } from '../engine/backend.js';
import type { TrainEvent, TrainListener } from '../train/events.js';
import { runTrainer, type TrainResult } from '../train/trainer.js';
import { makePrepare, makeTrainPrepare } from '../train/prepare.js';
import { saveCheckpoint } from './checkpoint.js';
import { markGood, retireAfter } from './checkpoint-store.js';
import { writeFileAtomic } from './atomic-write.js';
import { writeRunArtifacts } from './artifacts.js';
import { initNodeEngine } from './engine.js';
import { freshRunDir, prepareRunDir } from './run-dir.js';
import { openSession, type Session, type SessionSource } from './session.js';

/** Options of one training run. */
export interface TrainRunOptions extends SessionSource {
  /** Run directory (default runs/<model>-<timestamp>); with `checkpoint`, defaults to it. */
  out?: string;
  backend?: string;
  signal?: AbortSignal;
  onEvent?: TrainListener;
  /** Command line recorded in the report. */
  command?: string[];
  /** Skip samples/interpolation/report (tests). */
  skipArtifacts?: boolean;
  /** Empty a non-empty `out` before training instead of refusing it. */
  overwrite?: boolean;
}

// a resumed run's log continues from the checkpoint: lines of steps after it belong to a history that is gone
async function truncateLog(file: string, step: number): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return;
  }
  const kept = text.split('\n').filter((line) => {
    if (!line.trim()) return false;
    try {
      return (JSON.parse(line) as { step?: number }).step! <= step;
    } catch {
      return false; // a line torn by a crash
    }
  });
  await writeFileAtomic(file, kept.map((l) => l + '\n').join(''));
}

/** What a finished (or interrupted) run left behind. */
export interface TrainRunResult {
  dir: string;
  result: TrainResult;
  session: Session;
  /** Completed steps when this run began (0 for a fresh run; the checkpoint's step on --resume). */
  startStep: number;
  /** Files writeRunArtifacts wrote (previews, metrics.json, report.html), besides log.jsonl and the checkpoint. */
  artifacts: string[];
}

function timestamp(): string {
  return new Date().toISOString().replace(/[-:]/g, '').replace(/\..+/, '').replace('T', '-');
}

/** Trains a model (fresh or resumed) and writes its run directory; the caller disposes `session`. */
export async function trainRun(o: TrainRunOptions): Promise<TrainRunResult> {
  await initNodeEngine(o.backend);
  const session = await openSession(o);
  if (session.step > session.config.train.steps) {
    const at = session.step;
    session.dispose();
    throw new Error(`${o.checkpoint} is at step ${at}; train.steps = ${session.config.train.steps} is below it, so there is nothing to train. Pass --steps N with N > ${at} to continue.`);
  }
  const resumed = o.checkpoint !== undefined ? session.source : null;
  const dir = o.out ?? resumed?.runDir ?? (await freshRunDir(path.join('runs', `${session.spec.id}-${timestamp()}`)));
  const intoSameRun = resumed !== null && path.resolve(dir) === path.resolve(resumed.runDir);
  const startStep = session.step;
  const logFile = path.join(dir, 'log.jsonl');
  try {
    if (resumed && !session.stateRestored) {
      throw new Error(`${resumed.dir} holds no optimizer state (state.json), so it cannot be resumed; sample or evaluate it, or start a new run from its weights with --init ${o.checkpoint}.`);
    }
    await prepareRunDir(dir, { resume: intoSameRun, overwrite: o.overwrite });
    if (intoSameRun) {
      await retireAfter(dir, startStep, 'superseded');
      await truncateLog(logFile, startStep);
    }
  } catch (e) {
    session.dispose();
    throw e;
  }
  // for editors: the config's JSON Schema next to the checkpoints (types, defaults, descriptions)
  await writeFileAtomic(path.join(dir, 'config.schema.json'), JSON.stringify(z.toJSONSchema(session.spec.schema, { io: 'input', unrepresentable: 'any' }), null, 2));
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  // log lines are appended in order through one promise chain, every logEvery steps and at checkpoints
  const log: string[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = () => {
    const text = log.splice(0).join('');
    if (text) writing = writing.then(() => appendFile(logFile, text));
    return writing;
  };
  let lastElapsed = 0;
  const listener: TrainListener = (e: TrainEvent) => {
    if (e.type === 'step') {
      // ms: this step's own time (nanoGPT's per-iteration "time"), not the elapsed total
      log.push(JSON.stringify({ step: e.step, lr: e.lr, ...e.losses, ms: Math.round(10 * (e.elapsedMs - lastElapsed)) / 10 }) + '\n');
      lastElapsed = e.elapsedMs;
    }
    if (e.type === 'eval') log.push(JSON.stringify({ step: e.step, ...e.metrics }) + '\n');
    if (e.type === 'step' && e.step % session.config.train.logEvery === 0) void flush();
    o.onEvent?.(e);
  };
  const result = await runTrainer({
    recipe: session.recipe,
    train: session.config.train,
    seed: session.config.seed,
    trainData: session.data.train,
    testData: session.data.test,
    dataRng: session.dataRng,
    prepare: makeTrainPrepare(session.config.data),
    evalPrepare: makePrepare(session.config.data),
    startStep: session.step,
    signal: o.signal,
    onEvent: listener,
    checkpoint: async (step) => {
      await flush();
      session.step = step;
      try {
        return await saveCheckpoint(dir, {
          modelId: session.spec.id,
          config: session.config,
          model: session.model,
          recipe: session.recipe,
          step,
          dataRng: session.dataRng.state(),
          engine: engineInfo(),
          tokenizer: session.data.tokenizer?.toJSON(),
          tableTransformer: session.data.tableTransformer?.toJSON(),
          preset: session.preset,
        });
      } catch (e) {
        throw new Error(`${(e as Error).message} The run in ${dir} is intact at its previous checkpoint: free space and continue with genlab train --resume ${dir}.`);
      }
    },
    markGood: (step) => markGood(dir, step),
    onDiverged: async (good) => {
      await flush();
      await retireAfter(dir, good ?? -1, 'diverged');
    },
  });
  await flush();
  session.step = result.step;
  const artifacts = o.skipArtifacts
    ? []
    : await writeRunArtifacts(dir, session, {
        metrics: result.lastEval ?? {},
        wallTimeSec: (performance.now() - t0) / 1000,
        command: o.command ?? [],
        startedAt,
        steps: result.step - startStep,
        firstStep: startStep + 1,
      });
  return { dir, result, session, startStep, artifacts };
}
