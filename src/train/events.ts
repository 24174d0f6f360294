// Typed training events: the library emits them, the CLI draws progress bars and JSONL from them,
// the studio plots them. Library code never prints.

/** Everything the trainer reports while it runs. */
export type TrainEvent =
  | { type: 'start'; step: number; totalSteps: number }
  | { type: 'step'; step: number; totalSteps: number; losses: Record<string, number>; lr: number; elapsedMs: number }
  | { type: 'eval'; step: number; metrics: Record<string, number> }
  | { type: 'checkpoint'; step: number; path: string; reason: CheckpointReason }
  | { type: 'end'; step: number; reason: 'completed' | 'interrupted'; elapsedMs: number };

/** Why a checkpoint was written. */
export type CheckpointReason = 'cadence' | 'interrupt' | 'final';

/** A listener for training events. */
export type TrainListener = (event: TrainEvent) => void;

/** Training stopped because a loss became NaN or infinite. */
export class NonFiniteLossError extends Error {
  constructor(
    readonly step: number,
    readonly lossName: string,
    readonly value: number,
    readonly lastCheckpoint: { path: string; step: number } | null,
  ) {
    super(
      `Loss '${lossName}' became ${value} at step ${step}; training stopped. ` +
        (lastCheckpoint
          ? `The last good checkpoint is ${lastCheckpoint.path} (step ${lastCheckpoint.step}); resume from it with a lower learning rate or gradient clipping (train.gradClip).`
          : 'No checkpoint was written before it; lower train.lr or set train.gradClip and start again.'),
    );
    this.name = 'NonFiniteLossError';
  }
}
