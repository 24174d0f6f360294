// CTGAN's mode-specific normalisation of one numeric column (Xu et al. 2019 §4.2; rdt's ClusterBasedNormalizer):
// a variational GMM, a value as α = (x − μ_k)/(4σ_k) with the mode k drawn from its posterior, and back.
import type { Rng } from '../../random/rng.js';
import { distinctCounts, fitVgm, logProbTerms, type VgmOptions, type VgmParams } from './bayesian-gmm.js';

/** Components whose expected weight exceeds this are the column's modes (CTGAN's weight_threshold). */
export const MODE_WEIGHT_THRESHOLD = 0.005;
/** α is (x − μ)/(STD_MULTIPLIER·σ). */
export const STD_MULTIPLIER = 4;
/** Encoded α is clipped to ±this; decoding clips to ±1 first. */
export const ALPHA_CLIP = 0.99;
// rdt adds this to every active posterior before renormalising, so a far-out value still has a mode to draw
const POSTERIOR_FLOOR = 1e-6;

/** The fitted normaliser of one column: the full variational posterior and which components are modes. */
export class ModeNormalizer {
  /** Indices (into the mixture's components) of the modes, in component order. */
  readonly active: readonly number[];
  /** Means and standard deviations of the modes, in mode order. */
  readonly means: Float64Array;
  readonly stds: Float64Array;
  /** The mode of largest weight (where missing cells are put). */
  readonly likeliestMode: number;
  private readonly c: Float64Array;
  private readonly prec: Float64Array;
  private readonly lp: Float64Array;

  constructor(readonly vgm: VgmParams, active: readonly number[]) {
    if (active.length === 0) throw new Error('A mode normaliser needs at least one active component.');
    this.active = [...active];
    this.means = Float64Array.from(active, (k) => vgm.means[k]);
    this.stds = Float64Array.from(active, (k) => Math.sqrt(vgm.covariances[k]));
    let best = 0;
    active.forEach((k, j) => {
      if (vgm.weights[k] > vgm.weights[active[best]]) best = j;
    });
    this.likeliestMode = best;
    ({ c: this.c, prec: this.prec } = logProbTerms(vgm));
    this.lp = new Float64Array(this.c.length);
  }

  /** Number of modes (the width of the column's mode span). */
  get modes(): number {
    return this.active.length;
  }

  /** Posterior over the modes of value x: the full mixture's responsibilities restricted to the modes, floored, renormalised. */
  posterior(x: number, into?: Float64Array): Float64Array {
    const out = into ?? new Float64Array(this.active.length);
    const K = this.c.length;
    let mx = -Infinity;
    const lp = this.lp;
    for (let k = 0; k < K; k++) {
      const y = (x - this.vgm.means[k]) * this.prec[k];
      lp[k] = this.c[k] - 0.5 * y * y;
      if (lp[k] > mx) mx = lp[k];
    }
    let z = 0;
    for (let k = 0; k < K; k++) z += Math.exp(lp[k] - mx);
    let s = 0;
    this.active.forEach((k, j) => {
      out[j] = Math.exp(lp[k] - mx) / z + POSTERIOR_FLOOR;
      s += out[j];
    });
    for (let j = 0; j < out.length; j++) out[j] /= s;
    return out;
  }

  /** α of x under mode j, before clipping. */
  alpha(x: number, mode: number): number {
    return (x - this.means[mode]) / (STD_MULTIPLIER * this.stds[mode]);
  }

  /** Encodes x: a mode drawn from its posterior (one uniform from `rng`) and α clipped to ±0.99. */
  encode(x: number, rng: Rng, scratch?: Float64Array): { alpha: number; mode: number } {
    const p = this.posterior(x, scratch);
    const u = rng.uniform();
    let mode = p.length - 1;
    let acc = 0;
    for (let j = 0; j < p.length; j++) {
      acc += p[j];
      if (u < acc) {
        mode = j;
        break;
      }
    }
    return { alpha: Math.min(ALPHA_CLIP, Math.max(-ALPHA_CLIP, this.alpha(x, mode))), mode };
  }

  /** Decodes α (clipped to ±1) under mode j. */
  decode(alpha: number, mode: number): number {
    const a = Math.min(1, Math.max(-1, alpha));
    return a * STD_MULTIPLIER * this.stds[mode] + this.means[mode];
  }

  /** The saved form; `ModeNormalizer.fromJSON` restores it bit for bit (JSON numbers round-trip doubles). */
  toJSON(): { vgm: VgmParams; active: number[] } {
    return { vgm: this.vgm, active: [...this.active] };
  }

  /** Restores a normaliser from `toJSON()` output (already validated by the caller). */
  static fromJSON(json: { vgm: VgmParams; active: number[] }): ModeNormalizer {
    const K = json.vgm.means.length;
    const v = json.vgm;
    for (const key of ['concentrationA', 'concentrationB', 'meanPrecision', 'dof', 'covariances', 'weights'] as const) {
      if (v[key].length !== K) throw new Error(`Mode normaliser JSON: vgm.${key} has ${v[key].length} entries, expected ${K} (one per component).`);
    }
    if (json.active.some((k) => !Number.isInteger(k) || k < 0 || k >= K)) throw new Error(`Mode normaliser JSON: active components ${JSON.stringify(json.active)} must index 0..${K - 1}.`);
    if (v.covariances.some((c) => !(c > 0))) throw new Error('Mode normaliser JSON: every covariance must be > 0.');
    return new ModeNormalizer(v, json.active);
  }
}

/**
 * Fits the normaliser to a column's present values (NaN already removed): min(n, 10) components as CTGAN,
 * modes = weight > 0.005. A column with a single distinct value gets one mode at that value.
 */
export function fitModeNormalizer(values: Float64Array, rng: Rng, opts: VgmOptions = {}): ModeNormalizer {
  const distinct = distinctCounts(values).values;
  if (distinct.length < 2) {
    const v = distinct.length ? distinct[0] : 0;
    const n = values.length;
    // σ² = reg_covar: a constant column encodes as α = 0 and decodes (then clipped to its range) to itself
    const vgm: VgmParams = { concentrationA: [1 + n], concentrationB: [opts.weightConcentrationPrior ?? 0.001], meanPrecision: [1 + n], means: [v], dof: [1 + n], covariances: [opts.regCovar ?? 1e-6], weights: [1] };
    return new ModeNormalizer(vgm, [0]);
  }
  const components = Math.min(values.length, opts.components ?? 10);
  const fit = fitVgm(values, rng, { ...opts, components });
  const vgm: VgmParams = {
    concentrationA: fit.concentrationA, concentrationB: fit.concentrationB, meanPrecision: fit.meanPrecision,
    means: fit.means, dof: fit.dof, covariances: fit.covariances, weights: fit.weights,
  };
  const active = fit.weights.map((w, k) => (w > MODE_WEIGHT_THRESHOLD ? k : -1)).filter((k) => k >= 0);
  return new ModeNormalizer(vgm, active);
}
