// Autoregressive decoding for token models: temperature, top-k (nanoGPT's sample.py), nucleus/top-p
// (Holtzman et al. 2020) and greedy decoding, with draws from genlab's seeded Rng.
import type { Rng } from '../random/rng.js';

/** How each next token is chosen. */
export interface TokenSamplingOptions {
  /** Softmax temperature; 0 means greedy (argmax). Default 1. */
  temperature?: number;
  /** Keep only the k most likely tokens (ties with the k-th are kept, as nanoGPT). */
  topK?: number;
  /** Keep the smallest set of most likely tokens whose probability reaches p (the first is always kept). */
  topP?: number;
}

/** Last-position logits [B, V] (row-major) of B contexts of length T given as ids [B·T]. */
export type NextTokenLogits = (context: Int32Array, batch: number, length: number) => Float32Array;

/** Checks sampling options up front with errors that say what is valid. */
export function checkSamplingOptions(o: TokenSamplingOptions): void {
  if (o.temperature !== undefined && !(o.temperature >= 0 && Number.isFinite(o.temperature))) throw new Error(`temperature must be a finite number ≥ 0 (0 = greedy), got ${o.temperature}.`);
  if (o.topK !== undefined && !(Number.isInteger(o.topK) && o.topK >= 1)) throw new Error(`top-k must be a positive integer, got ${o.topK}.`);
  if (o.topP !== undefined && !(o.topP > 0 && o.topP <= 1)) throw new Error(`top-p must lie in (0, 1], got ${o.topP}.`);
}

/** Index of the largest value (the first one on ties, as torch.argmax). */
export function argmax(v: ArrayLike<number>, offset = 0, n = v.length - offset): number {
  let best = 0;
  for (let i = 1; i < n; i++) if (v[offset + i] > v[offset + best]) best = i;
  return best;
}

/** The filtered, normalised next-token distribution of one logits row (float64). */
export function nextTokenProbabilities(logits: ArrayLike<number>, o: TokenSamplingOptions = {}, offset = 0, n = logits.length - offset): Float64Array {
  const t = o.temperature ?? 1;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = logits[offset + i] / (t > 0 ? t : 1);
  if (o.topK !== undefined && o.topK < n) {
    const kth = Float64Array.from(z).sort().reverse()[o.topK - 1]; // logits < kth → −∞
    for (let i = 0; i < n; i++) if (z[i] < kth) z[i] = -Infinity;
  }
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, z[i]);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += z[i] = Math.exp(z[i] - max);
  for (let i = 0; i < n; i++) z[i] /= sum;
  if (o.topP !== undefined && o.topP < 1) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => z[b] - z[a] || a - b);
    let cum = 0;
    let kept = 0;
    const keep = new Uint8Array(n);
    for (const i of order) {
      if (kept > 0 && cum >= o.topP) break; // remove tokens once the mass before them reaches p
      keep[i] = 1;
      cum += z[i];
      kept++;
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += keep[i] ? z[i] : (z[i] = 0);
    for (let i = 0; i < n; i++) z[i] /= s;
  }
  return z;
}

/** Draws one token id from a logits row (argmax when temperature is 0). */
export function sampleToken(logits: ArrayLike<number>, o: TokenSamplingOptions, rng: Rng, offset = 0, n = logits.length - offset): number {
  if (o.temperature === 0) return argmax(logits, offset, n);
  const p = nextTokenProbabilities(logits, o, offset, n);
  const u = rng.uniform();
  let cum = 0;
  let last = 0;
  for (let i = 0; i < n; i++) {
    if (p[i] === 0) continue;
    cum += p[i];
    last = i;
    if (u < cum) return i;
  }
  return last; // u ≥ Σp by rounding
}

/**
 * Extends B equal-length prompts by `maxNew` tokens each, feeding the model at most the last
 * `blockSize` tokens (nanoGPT's generate crop); returns prompt + continuation per sequence.
 */
export function generateTokens(
  next: NextTokenLogits,
  prompts: Int32Array[],
  maxNew: number,
  blockSize: number,
  o: TokenSamplingOptions,
  rng: Rng,
): Int32Array[] {
  checkSamplingOptions(o);
  const b = prompts.length;
  if (b === 0) throw new Error('generate: give at least one prompt.');
  const len0 = prompts[0].length;
  if (len0 === 0) throw new Error('generate: a prompt needs at least one token (e.g. a newline).');
  if (prompts.some((p) => p.length !== len0)) throw new Error('generate: all prompts of one batch must have the same length.');
  if (!(Number.isInteger(maxNew) && maxNew >= 0)) throw new Error(`generate: the number of new tokens must be an integer ≥ 0, got ${maxNew}.`);
  const seqs = prompts.map((p) => {
    const s = new Int32Array(len0 + maxNew);
    s.set(p);
    return s;
  });
  for (let len = len0; len < len0 + maxNew; len++) {
    const t = Math.min(len, blockSize);
    const ctx = new Int32Array(b * t);
    seqs.forEach((s, i) => ctx.set(s.subarray(len - t, len), i * t));
    const logits = next(ctx, b, t); // [B, V]
    const v = logits.length / b;
    for (let i = 0; i < b; i++) seqs[i][len] = sampleToken(logits, o, rng, i * v, v);
  }
  return seqs;
}
