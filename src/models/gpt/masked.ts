// The bidirectional masked-LM variant (BERT, Devlin et al. 2019, §3.1): 15 % of positions selected,
// of those 80 % → [MASK], 10 % → a random token, 10 % kept; cross-entropy on the selected ones only.
// Gaps are filled most-confident-first, one token per pass (as in mask-predict, Ghazvininejad et al. 2019).
import { tf, type Tensor } from '../../engine/tf.js';
import type { Batch } from '../../data/types.js';
import { Rng } from '../../random/rng.js';
import { argmax, nextTokenProbabilities, sampleToken, type TokenSamplingOptions } from '../../samplers/autoregressive.js';
import type { LossMode, SampleOptions } from '../types.js';
import { crossEntropy, Gpt } from './gpt.js';
import type { MaskedGptModelConfig } from './config.js';

/** Masked-LM model settings (the `model` section; inferred from the schema in config.ts). */
export type { MaskedGptModelConfig };

/** A corrupted batch: the network's input ids and per-position weights. */
export interface Corruption {
  input: Int32Array;
  /** 1 where the position is predicted (selected), else 0. */
  selected: Float32Array;
  /** 1 where the input holds [MASK] (the infilling positions), else 0. */
  masked: Float32Array;
}

/** A bidirectional transformer encoder over ids plus a [MASK] token (id = tokenizer vocab size). */
export class MaskedGpt extends Gpt {
  /** Id of the [MASK] token. */
  readonly maskId: number;

  constructor(readonly mcfg: MaskedGptModelConfig, dataVocab: number, blockSize: number) {
    super(mcfg, dataVocab + 1, blockSize, false);
    this.maskId = dataVocab;
  }

  /** BERT's corruption of clean ids (rate = model.maskRate); at least one position is always selected. */
  corrupt(ids: Int32Array, rng: Rng): Corruption {
    const n = ids.length;
    const input = ids.slice();
    const selected = new Float32Array(n);
    const masked = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      if (rng.uniform() >= this.mcfg.maskRate) continue;
      selected[i] = 1;
      const r = rng.uniform();
      if (r < 0.8) {
        input[i] = this.maskId;
        masked[i] = 1;
      } else if (r < 0.9) input[i] = rng.int(this.maskId);
    }
    if (!selected.some((s) => s > 0)) {
      const i = rng.int(n);
      selected[i] = masked[i] = 1;
      input[i] = this.maskId;
    }
    return { input, selected, masked };
  }

  /** Cross-entropy (nats) on the selected positions of a corrupted batch, plus accuracy on its [MASK] positions. */
  override loss(batch: Batch, rng?: Rng, mode: LossMode = 'train'): { loss: tf.Scalar; parts: Record<string, tf.Scalar> } {
    const [b, t] = batch.x.shape;
    const clean = batch.x.dataSync() as Int32Array;
    const c = this.corrupt(Int32Array.from(clean), rng ?? new Rng(0));
    const targets = tf.tensor1d(Int32Array.from(clean), 'int32'); // [B·T]
    const logits = this.project(this.hidden2d(tf.tensor2d(c.input, [b, t], 'int32'), mode === 'train' ? rng : undefined)); // [B·T, V+1]
    const loss = crossEntropy(logits, targets, tf.tensor1d(c.selected));
    const masked = tf.tensor1d(c.masked);
    const guess = tf.argMax(tf.slice(logits, [0, 0], [b * t, this.maskId]), 1); // never predicts [MASK]
    const hits = tf.sum(tf.mul(tf.cast(tf.equal(guess, targets), 'float32'), masked));
    const maskedAccuracy = tf.div(hits, tf.maximum(tf.sum(masked), 1)) as tf.Scalar;
    return { loss, parts: { maskedAccuracy } };
  }

  /** Token logits [G, V] (without [MASK]) at `positions[g]` of window `g` of `windows` ids [G·T]. */
  private positionLogits(windows: Int32Array, g: number, t: number, positions: number[]): Float32Array {
    const out = tf.tidy(() => {
      const h = this.hidden2d(tf.tensor2d(windows, [g, t], 'int32')); // [G·T, C]
      const rows = tf.gather(h, tf.tensor1d(positions.map((p, i) => i * t + p), 'int32')); // [G, C]
      return tf.slice(this.project(rows), [0, 0], [g, this.maskId]); // [G, V]
    });
    const v = out.dataSync() as Float32Array;
    out.dispose();
    return v;
  }

  /**
   * Fills every [MASK] (id maskId) of `ids`, one per pass: each gap is predicted in a window of up to
   * blockSize tokens centred on it, and the most confident gap is fixed first (greedy at temperature 0).
   */
  infill(ids: Int32Array, opts: TokenSamplingOptions = { temperature: 0 }, rng: Rng = new Rng(0)): Int32Array {
    const out = ids.slice();
    const v = this.maskId;
    for (;;) {
      const gaps: number[] = [];
      out.forEach((id, i) => id === this.maskId && gaps.push(i));
      if (gaps.length === 0) return out;
      const t = Math.min(out.length, this.blockSize);
      const windows = new Int32Array(gaps.length * t);
      const positions = gaps.map((gap, k) => {
        const start = Math.max(0, Math.min(gap - (t >> 1), out.length - t));
        windows.set(out.subarray(start, start + t), k * t);
        return gap - start;
      });
      const logits = this.positionLogits(windows, gaps.length, t, positions);
      let best = 0;
      let bestP = -1;
      gaps.forEach((_, k) => {
        const p = nextTokenProbabilities(logits, {}, k * v, v);
        const m = p[argmax(p)];
        if (m > bestP) [best, bestP] = [k, m];
      });
      out[gaps[best]] = sampleToken(logits, opts, rng, best * v, v);
    }
  }

  /** n sequences of blockSize tokens: start all-[MASK], reveal positions in a random order by sampling. */
  override sample(n: number, rng: Rng, opts: SampleOptions = {}): Tensor {
    const t = this.blockSize;
    const seqs = new Int32Array(n * t).fill(this.maskId);
    const orders = Array.from({ length: n }, () => rng.permutation(t));
    const v = this.maskId;
    for (let step = 0; step < t; step++) {
      const positions = orders.map((o) => o[step]);
      const logits = this.positionLogits(seqs, n, t, positions);
      positions.forEach((p, i) => (seqs[i * t + p] = sampleToken(logits, { temperature: opts.temperature ?? 1 }, rng, i * v, v)));
    }
    return tf.tensor2d(seqs, [n, t], 'int32');
  }

  /** Accuracy of single-pass predictions at a `rate` fraction of [MASK]ed positions in non-overlapping windows of `tokens`. */
  infillAccuracy(tokens: Int32Array, o: { rate?: number; seed?: number; maxWindows?: number; batchSize?: number } = {}): { accuracy: number; masked: number } {
    const t = this.blockSize;
    const rate = o.rate ?? 0.15;
    const rng = new Rng(o.seed ?? 0);
    const windows = Math.min(Math.floor(tokens.length / t), o.maxWindows ?? Infinity);
    const bs = o.batchSize ?? 64;
    let hits = 0;
    let total = 0;
    for (let w0 = 0; w0 < windows; w0 += bs) {
      const g = Math.min(bs, windows - w0);
      const clean = tokens.subarray(w0 * t, (w0 + g) * t);
      const input = clean.slice();
      const where: number[] = [];
      for (let i = 0; i < input.length; i++) if (rng.uniform() < rate) (input[i] = this.maskId), where.push(i);
      if (where.length === 0) continue;
      const guess = tf.tidy(() => {
        const h = this.hidden2d(tf.tensor2d(input, [g, t], 'int32')); // [G·T, C]
        const rows = tf.gather(h, tf.tensor1d(where, 'int32'));
        return tf.argMax(tf.slice(this.project(rows), [0, 0], [where.length, this.maskId]), 1);
      });
      const ids = guess.dataSync();
      guess.dispose();
      where.forEach((i, k) => (hits += ids[k] === clean[i] ? 1 : 0));
      total += where.length;
    }
    return { accuracy: hits / Math.max(1, total), masked: total };
  }
}
