// Typed training events: the library emits them, the CLI draws progress bars and JSONL from them,
// the studio plots them. Library code never prints.

/** Everything the trainer reports while it runs. */
export type TrainEvent =
  | { type: 'start'; step: number; totalSteps: number }
  | { type: 'step'; step: number; totalSteps: number; losses: Record<string, number>; lr: number; elapsedMs: number }
  | { type: 'eval'; step: number; metrics: Record<string, number> }
  | { type: 'checkpoint'; step: number; path: string; reason: CheckpointReason }
  | { type: 'end'; step: number; reason: 'completed' | 'interrupted'; elapsedMs: number; stopped?: string };

/** Why a checkpoint was written. */
export type CheckpointReason = 'cadence' | 'interrupt' | 'final';

/** A listener for training events. */
export type TrainListener = (event: TrainEvent) => void;

/** Training stopped because a loss became NaN or infinite. */
export class NonFiniteLossError extends Error {
  constructor(
    /** 1-based number of the step whose loss was not finite. */
    readonly step: number,
    readonly lossName: string,
    readonly value: number,
    /** The newest checkpoint judged good (finite weights, no loss jump after it), or null. */
    readonly lastGood: { path: string; step: number } | null,
  ) {
    super(
      `Loss '${lossName}' became ${value} at step ${step}; training stopped. ` +
        (lastGood
          ? `The last good checkpoint is ${lastGood.path} (step ${lastGood.step}); later ones were set aside. Resume from it with a lower learning rate or gradient clipping (--set train.lr=… or train.gradClip=…).`
          : 'No good checkpoint was written before it (the loss diverged from the start); lower train.lr or set train.gradClip and start again.'),
    );
    this.name = 'NonFiniteLossError';
  }
}

/** Thrown by a recipe's step to end the run early but cleanly (e.g. a privacy budget is spent): the
 * trainer evaluates, writes the final checkpoint and ends with the message in `stopped`. */
export class StopTraining extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StopTraining';
  }
}
