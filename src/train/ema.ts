// Exponential moving average of weights (Polyak averaging), used for sampling when enabled. The decay
// warms up as diffusers' EMAModel does, d_n = min(d, (1 + n)/(10 + n)) at update n: with a fixed 0.999
// the average still held 0.999^1500 = 22 % of the random initial weights after 1,500 steps, and a DDPM
// sampled from it produced noise where its live weights drew digits.
import { tf } from '../engine/tf.js';
import type { NamedTensor } from './optimizers.js';

/** The state entry holding the number of updates (older checkpoints lack it: no warm-up after resume). */
const UPDATES = 'ema/updates';

/** Shadow copies of a fixed list of variables, updated as s ← d_n·s + (1−d_n)·v. */
export class WeightEma {
  private shadows: tf.Variable[];
  private updates = 0;

  constructor(private vars: tf.Variable[], private decay: number) {
    this.shadows = vars.map((v) => tf.tidy(() => tf.variable(tf.clone(v), false)));
  }

  /** The decay of the next update. */
  currentDecay(): number {
    return Math.min(this.decay, (1 + this.updates) / (10 + this.updates));
  }

  /** Moves the shadows one step toward the live weights. */
  update(): void {
    const d = this.currentDecay();
    this.updates += 1;
    tf.tidy(() => this.shadows.forEach((s, i) => s.assign(tf.add(tf.mul(s, d), tf.mul(this.vars[i], 1 - d)))));
  }

  /** Runs `fn` with the EMA weights swapped into the live variables, then swaps back. */
  withAveraged<T>(fn: () => T): T {
    const saved = this.vars.map((v) => tf.clone(v));
    this.vars.forEach((v, i) => v.assign(this.shadows[i]));
    try {
      return fn();
    } finally {
      this.vars.forEach((v, i) => v.assign(saved[i]));
      saved.forEach((t) => t.dispose());
    }
  }

  /** Copies the EMA weights into the live variables for good (e.g. before export). */
  copyToLive(): void {
    this.vars.forEach((v, i) => v.assign(this.shadows[i]));
  }

  getState(): NamedTensor[] {
    return [...this.shadows.map((s, i) => ({ name: `ema/${i}`, tensor: tf.clone(s) })), { name: UPDATES, tensor: tf.scalar(this.updates, 'int32') }];
  }

  setState(state: NamedTensor[]): void {
    const updates = state.find((s) => s.name === UPDATES);
    const shadows = state.filter((s) => s.name !== UPDATES);
    if (shadows.length !== this.shadows.length) throw new Error(`EMA state has ${shadows.length} tensors, expected ${this.shadows.length}.`);
    shadows.forEach((s, i) => this.shadows[i].assign(s.tensor));
    this.updates = updates ? updates.tensor.dataSync()[0] : Number.MAX_SAFE_INTEGER;
  }

  dispose(): void {
    this.shadows.forEach((s) => s.dispose());
  }
}
