// First-order optimizers with explicit, serialisable state: Adam (Kingma & Ba 2015), AdamW
// (Loshchilov & Hutter 2019, decay on matrices only as in nanoGPT), RMSProp (as in PyTorch) and SGD.
// genlab owns these rather than using tf.train.* so that resume is bit-identical: tfjs' Adam
// recomputes β^t with pow() on setWeights, which differs in the last bit from its running product.
import { tf } from '../engine/tf.js';
import { fusedAdam, hasFusedAdam } from '../engine/fused-adam.js';
import type { TrainConfig } from '../config/common.js';

/** A tensor with a stable name, as stored in checkpoints. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** An optimizer over a fixed, ordered list of variables. */
export interface Optimizer {
  /** Current learning rate (set by the LR schedule before each step). */
  lr: number;
  /** Applies one update; `grads[i]` belongs to `vars[i]`. */
  apply(vars: tf.Variable[], grads: tf.Tensor[]): void;
  /** Number of updates applied so far. */
  readonly stepCount: number;
  /** State tensors (copies) for checkpoints. */
  getState(): NamedTensor[];
  /** Restores state saved by getState (takes ownership of nothing; copies values). */
  setState(state: NamedTensor[]): void;
  dispose(): void;
}

type Kind = TrainConfig['optimizer'];

class FirstOrderOptimizer implements Optimizer {
  private slots: tf.Variable[][] = []; // per variable: [m, v] for adam, [v] for rmsprop
  private t = 0;

  constructor(
    private kind: Kind,
    public lr: number,
    private beta1: number,
    private beta2: number,
    private eps: number,
    private weightDecay: number,
  ) {}

  get stepCount(): number {
    return this.t;
  }

  private slotCount(): number {
    return this.kind === 'sgd' ? (this.beta1 > 0 ? 1 : 0) : this.kind === 'rmsprop' ? 1 : 2;
  }

  private ensureSlots(vars: tf.Variable[]): void {
    if (this.slots.length === vars.length) return;
    if (this.slots.length !== 0) throw new Error(`Optimizer was built for ${this.slots.length} variables, got ${vars.length}.`);
    this.slots = vars.map((v) => Array.from({ length: this.slotCount() }, () => tf.tidy(() => tf.variable(tf.zerosLike(v), false))));
  }

  apply(vars: tf.Variable[], grads: tf.Tensor[]): void {
    this.ensureSlots(vars);
    this.t += 1;
    const { beta1: b1, beta2: b2, eps, lr, weightDecay: wd, kind } = this;
    // bias corrections in float64 on the host, so they are the same on every backend and resume
    const bc1 = 1 - Math.pow(b1, this.t);
    const bc2 = 1 - Math.pow(b2, this.t);
    const fused = (kind === 'adam' || kind === 'adamw') && hasFusedAdam();
    tf.tidy(() => {
      vars.forEach((v, i) => {
        let g = grads[i];
        const decays = wd > 0 && v.shape.length >= 2; // matrices/kernels only, never biases or norms
        if (fused) {
          const [m, s] = this.slots[i];
          const l2 = decays && kind === 'adam' ? wd : 0, decoupled = decays && kind === 'adamw' ? lr * wd : 0;
          const [next, m1, s1] = fusedAdam(v, g, m, s, { beta1: b1, beta2: b2, eps, lr, biasCorrection1: bc1, biasCorrection2: bc2, l2, decoupled });
          m.assign(m1);
          s.assign(s1);
          v.assign(next);
          return;
        }
        if (decays && kind !== 'adamw') g = tf.add(g, tf.mul(v, wd));
        let update: tf.Tensor;
        if (kind === 'adam' || kind === 'adamw') {
          const [m, s] = this.slots[i];
          m.assign(tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1)));
          s.assign(tf.add(tf.mul(s, b2), tf.mul(tf.square(g), 1 - b2)));
          // Adam eq. (Algorithm 1): θ ← θ − α · m̂ / (√v̂ + ε)
          update = tf.div(tf.div(m, bc1), tf.add(tf.sqrt(tf.div(s, bc2)), eps));
        } else if (kind === 'rmsprop') {
          const [s] = this.slots[i];
          s.assign(tf.add(tf.mul(s, b2), tf.mul(tf.square(g), 1 - b2)));
          update = tf.div(g, tf.add(tf.sqrt(s), eps));
        } else if (this.slots[i]?.length) {
          const [m] = this.slots[i];
          m.assign(tf.add(tf.mul(m, b1), g));
          update = m;
        } else {
          update = g;
        }
        let next = tf.sub(v, tf.mul(update, lr));
        if (decays && kind === 'adamw') next = tf.sub(next, tf.mul(v, lr * wd));
        v.assign(next);
      });
    });
  }

  getState(): NamedTensor[] {
    const out: NamedTensor[] = [{ name: 'step', tensor: tf.scalar(this.t, 'int32') }];
    this.slots.forEach((slot, i) => slot.forEach((s, j) => out.push({ name: `slot/${i}/${j}`, tensor: tf.clone(s) })));
    return out;
  }

  setState(state: NamedTensor[]): void {
    const step = state.find((s) => s.name === 'step');
    if (!step) throw new Error('Optimizer state has no "step" entry.');
    this.t = step.tensor.dataSync()[0];
    this.slots.forEach((slot) => slot.forEach((s) => s.dispose()));
    const bySlot = new Map(state.filter((s) => s.name.startsWith('slot/')).map((s) => [s.name, s.tensor]));
    const n = bySlot.size / Math.max(1, this.slotCount());
    this.slots = Array.from({ length: n }, (_, i) =>
      Array.from({ length: this.slotCount() }, (_, j) => {
        const t = bySlot.get(`slot/${i}/${j}`);
        if (!t) throw new Error(`Optimizer state lacks slot/${i}/${j}.`);
        return tf.variable(t, false);
      }),
    );
  }

  dispose(): void {
    this.slots.forEach((slot) => slot.forEach((s) => s.dispose()));
    this.slots = [];
  }
}

/** Builds the optimizer a training config asks for. */
export function createOptimizer(cfg: Pick<TrainConfig, 'optimizer' | 'lr' | 'beta1' | 'beta2' | 'eps' | 'weightDecay'>): Optimizer {
  return new FirstOrderOptimizer(cfg.optimizer, cfg.lr, cfg.beta1, cfg.beta2, cfg.eps, cfg.weightDecay);
}
