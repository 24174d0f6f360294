// Exponential moving average of weights (Polyak averaging), used for sampling when enabled.
import { tf } from '../engine/tf.js';
import type { NamedTensor } from './optimizers.js';

/** Shadow copies of a fixed list of variables, updated as s ← d·s + (1−d)·v. */
export class WeightEma {
  private shadows: tf.Variable[];

  constructor(private vars: tf.Variable[], private decay: number) {
    this.shadows = vars.map((v) => tf.tidy(() => tf.variable(tf.clone(v), false)));
  }

  /** Moves the shadows one step toward the live weights. */
  update(): void {
    tf.tidy(() => this.shadows.forEach((s, i) => s.assign(tf.add(tf.mul(s, this.decay), tf.mul(this.vars[i], 1 - this.decay)))));
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
    return this.shadows.map((s, i) => ({ name: `ema/${i}`, tensor: tf.clone(s) }));
  }

  setState(state: NamedTensor[]): void {
    if (state.length !== this.shadows.length) throw new Error(`EMA state has ${state.length} tensors, expected ${this.shadows.length}.`);
    state.forEach((s, i) => this.shadows[i].assign(s.tensor));
  }

  dispose(): void {
    this.shadows.forEach((s) => s.dispose());
  }
}
