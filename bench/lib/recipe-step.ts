// One training step of any registry model through its own recipe (forward, backward, optimizer) on
// its own data, ready to time: shared by bench/train-step.ts and the --vs-torch workloads.
import { openSession, type Session } from '../../src/node/session.js';
import { batchIndicesAt } from '../../src/data/batcher.js';
import type { Batch } from '../../src/data/types.js';

/** Which model to step: registry id, optional preset, dotted overrides. */
export interface StepSource {
  model: string;
  preset?: string;
  overrides: string[];
}

/** An open session, the batch of step i (seeded order) and the step itself (which disposes the batch). */
export interface RecipeStep {
  session: Session;
  batch(i: number): Batch;
  step(i: number, batch: Batch): void;
}

export async function openRecipeStep(src: StepSource): Promise<RecipeStep> {
  const session = await openSession({ modelId: src.model, preset: src.preset, overrides: src.overrides });
  const { train } = session.data;
  const { batchSize, lr } = session.config.train;
  return {
    session,
    batch: (i) => train.batch(batchIndicesAt(i, batchSize, train.size, session.config.seed)),
    step(i, batch) {
      try {
        session.recipe.step({ batch, step: i, lr, datasetSize: train.size });
      } finally {
        batch.x.dispose();
        batch.y?.dispose();
      }
    },
  };
}
