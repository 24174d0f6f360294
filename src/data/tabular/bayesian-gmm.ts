// A one-dimensional variational Bayesian Gaussian mixture with a truncated Dirichlet-process (stick-
// breaking) weight prior: Bishop 2006 §10.2 / Blei & Jordan 2006, as scikit-learn's BayesianGaussianMixture.
import type { Rng } from '../../random/rng.js';
import { kmeans1d, type Weights } from './kmeans-1d.js';

/** Options; the defaults are CTGAN's (n_components 10, weight_concentration_prior 0.001) and sklearn's. */
export interface VgmOptions {
  components?: number;
  weightConcentrationPrior?: number;
  maxIter?: number;
  tol?: number;
  regCovar?: number;
}

/** The fitted variational posterior, per component (everything a posterior needs; saved as JSON). */
export interface VgmParams {
  /** Stick-breaking Beta posteriors Beta(a_k, b_k). */
  concentrationA: number[];
  concentrationB: number[];
  /** Gaussian–Wishart posteriors: mean precision β_k, mean m_k, degrees of freedom ν_k, covariance W_k⁻¹/ν_k. */
  meanPrecision: number[];
  means: number[];
  dof: number[];
  covariances: number[];
  /** Expected weights under the stick-breaking posterior (sklearn's weights_). */
  weights: number[];
}

/** A fit: the parameters plus how the optimisation ended. */
export interface VgmFit extends VgmParams {
  iterations: number;
  converged: boolean;
  lowerBound: number;
}

const EPS10 = 10 * 2.220446049250313e-16;
const LOG_2PI = Math.log(2 * Math.PI);
const HALF_LOG_2PI = 0.5 * LOG_2PI;

/** log Γ(x) for x > 0: upward recurrence to x ≥ 10, then Stirling's series (error < 1e-14). */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new Error(`logGamma needs x > 0, got ${x}.`);
  let shift = 0;
  while (x < 10) {
    shift += Math.log(x);
    x += 1;
  }
  const r = 1 / x;
  const r2 = r * r;
  const series = r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 / 1188))));
  return (x - 0.5) * Math.log(x) - x + HALF_LOG_2PI + series - shift;
}

/** ψ(x) = d/dx log Γ(x) for x > 0: recurrence to x ≥ 10, then the asymptotic series. */
export function digamma(x: number): number {
  if (!(x > 0)) throw new Error(`digamma needs x > 0, got ${x}.`);
  let acc = 0;
  while (x < 10) {
    acc -= 1 / x;
    x += 1;
  }
  const r2 = 1 / (x * x);
  const series = r2 * (1 / 12 - r2 * (1 / 120 - r2 * (1 / 252 - r2 * (1 / 240 - r2 / 132))));
  return acc + Math.log(x) - 0.5 / x - series;
}

/** Expected log stick-breaking weights E[log π_k] (sklearn's _estimate_log_weights). */
export function expectedLogWeights(a: readonly number[], b: readonly number[]): Float64Array {
  const out = new Float64Array(a.length);
  let stick = 0;
  for (let k = 0; k < a.length; k++) {
    const dsum = digamma(a[k] + b[k]);
    out[k] = digamma(a[k]) - dsum + stick;
    stick += digamma(b[k]) - dsum;
  }
  return out;
}

/**
 * Per component k, the part of the E-step's log r_nk that does not depend on x (`c`) and the precision
 * scale (`prec`): log r_nk = c_k − ½((x − m_k)·prec_k)² − log-normaliser.
 */
export function logProbTerms(p: VgmParams): { c: Float64Array; prec: Float64Array } {
  const K = p.means.length;
  const c = new Float64Array(K);
  const prec = new Float64Array(K);
  const logW = expectedLogWeights(p.concentrationA, p.concentrationB);
  for (let k = 0; k < K; k++) {
    const chol = 1 / Math.sqrt(p.covariances[k]);
    prec[k] = chol;
    // log|L| − ½ log ν (the precision is normalised by ν) + ½(E log|Λ| − d/β) + E log π_k
    const logLambda = Math.LN2 + digamma(0.5 * p.dof[k]);
    c[k] = -0.5 * LOG_2PI + Math.log(chol) - 0.5 * Math.log(p.dof[k]) + 0.5 * (logLambda - 1 / p.meanPrecision[k]) + logW[k];
  }
  return { c, prec };
}

/**
 * Log responsibilities log r_nk (row-major [n, K]) and the per-point log normaliser: the variational E-step,
 * i.e. log of sklearn's predict_proba.
 */
export function logResponsibilities(p: VgmParams, x: Float64Array, out?: Float64Array, respOut?: Float64Array): { logResp: Float64Array; logNorm: Float64Array } {
  const K = p.means.length;
  const n = x.length;
  const logResp = out ?? new Float64Array(n * K);
  const logNorm = new Float64Array(n);
  const { c, prec } = logProbTerms(p);
  for (let i = 0; i < n; i++) {
    const o = i * K;
    let mx = -Infinity;
    for (let k = 0; k < K; k++) {
      const y = (x[i] - p.means[k]) * prec[k];
      const v = c[k] - 0.5 * y * y;
      logResp[o + k] = v;
      if (v > mx) mx = v;
    }
    let s = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(logResp[o + k] - mx);
      if (respOut) respOut[o + k] = e;
      s += e;
    }
    const lse = mx + Math.log(s);
    logNorm[i] = lse;
    for (let k = 0; k < K; k++) logResp[o + k] -= lse;
    if (respOut) for (let k = 0; k < K; k++) respOut[o + k] /= s;
  }
  return { logResp, logNorm };
}

interface Priors {
  meanPrior: number;
  meanPrecisionPrior: number;
  dofPrior: number;
  covariancePrior: number;
  gamma: number;
  regCovar: number;
}

/** The variational M-step from responsibilities r (row-major [n, K]), in place of `p`. */
function mStep(p: VgmParams, x: Float64Array, w: Weights, resp: Float64Array, K: number, pr: Priors): void {
  const n = x.length;
  const nk = new Float64Array(K);
  const sx = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const o = i * K;
    const wi = w ? w[i] : 1;
    for (let k = 0; k < K; k++) {
      const r = wi * resp[o + k];
      nk[k] += r;
      sx[k] += r * x[i];
    }
  }
  for (let k = 0; k < K; k++) nk[k] += EPS10;
  const xk = Float64Array.from(sx, (s, k) => s / nk[k]);
  const sk = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    const o = i * K;
    const wi = w ? w[i] : 1;
    for (let k = 0; k < K; k++) {
      const d = x[i] - xk[k];
      sk[k] += wi * resp[o + k] * d * d;
    }
  }
  let tail = 0;
  for (let k = K - 1; k >= 0; k--) {
    // stick-breaking: a_k = 1 + N_k, b_k = γ + Σ_{j>k} N_j
    p.concentrationA[k] = 1 + nk[k];
    p.concentrationB[k] = pr.gamma + tail;
    tail += nk[k];
  }
  for (let k = 0; k < K; k++) {
    const s = sk[k] / nk[k] + pr.regCovar;
    const beta = pr.meanPrecisionPrior + nk[k];
    p.meanPrecision[k] = beta;
    p.means[k] = (pr.meanPrecisionPrior * pr.meanPrior + nk[k] * xk[k]) / beta;
    p.dof[k] = pr.dofPrior + nk[k];
    const diff = xk[k] - pr.meanPrior;
    p.covariances[k] = (pr.covariancePrior + nk[k] * s + ((nk[k] * pr.meanPrecisionPrior) / beta) * diff * diff) / p.dof[k];
  }
}

/** The evidence lower bound up to constants, as sklearn's _compute_lower_bound (d = 1). */
function lowerBound(p: VgmParams, w: Weights, resp: Float64Array, logResp: Float64Array): number {
  const K = p.means.length;
  let entropy = 0;
  for (let i = 0; i < logResp.length; i++) entropy -= (w ? w[(i / K) | 0] : 1) * resp[i] * logResp[i];
  let logWishart = 0;
  let logNormWeight = 0;
  let logBeta = 0;
  for (let k = 0; k < p.means.length; k++) {
    const nu = p.dof[k];
    const logDetChol = -0.5 * Math.log(p.covariances[k]) - 0.5 * Math.log(nu);
    logWishart -= nu * logDetChol + nu * 0.5 * Math.LN2 + logGamma(0.5 * nu);
    const a = p.concentrationA[k];
    const b = p.concentrationB[k];
    logNormWeight -= logGamma(a) + logGamma(b) - logGamma(a + b);
    logBeta += Math.log(p.meanPrecision[k]);
  }
  return entropy - logWishart - logNormWeight - 0.5 * logBeta;
}

/** Expected weights of the stick-breaking posterior, normalised (sklearn's weights_). */
export function stickWeights(a: readonly number[], b: readonly number[]): number[] {
  const w: number[] = [];
  let rest = 1;
  for (let k = 0; k < a.length; k++) {
    w.push((a[k] / (a[k] + b[k])) * rest);
    rest *= b[k] / (a[k] + b[k]);
  }
  const s = w.reduce((u, v) => u + v, 0);
  return w.map((v) => v / s);
}

/**
 * Fits the mixture to `x` from hard initial labels (sklearn's kmeans start, one label in [0, K) per point):
 * variational EM until the lower bound changes by < tol or maxIter iterations. Optional weights `w` count
 * repeated values, so a column of a few distinct values costs that few.
 */
export function fitVgmFromLabels(x: Float64Array, labels: Int32Array, opts: VgmOptions = {}, w?: Weights): VgmFit {
  const n = x.length;
  const K = opts.components ?? 10;
  if (labels.length !== n) throw new Error(`fitVgmFromLabels: ${labels.length} labels for ${n} values.`);
  let total = 0;
  let m0 = 0;
  for (let i = 0; i < n; i++) {
    total += w ? w[i] : 1;
    m0 += (w ? w[i] : 1) * x[i];
  }
  if (total < 2) throw new Error(`The variational GMM needs at least 2 values, got ${total}.`);
  m0 /= total;
  let v0 = 0;
  for (let i = 0; i < n; i++) v0 += (w ? w[i] : 1) * (x[i] - m0) ** 2;
  const pr: Priors = {
    meanPrior: m0,
    meanPrecisionPrior: 1,
    dofPrior: 1,
    covariancePrior: v0 / (total - 1),
    gamma: opts.weightConcentrationPrior ?? 0.001,
    regCovar: opts.regCovar ?? 1e-6,
  };
  const maxIter = opts.maxIter ?? 100;
  const tol = opts.tol ?? 1e-3;
  const zeros = () => new Array<number>(K).fill(0);
  const p: VgmParams = { concentrationA: zeros(), concentrationB: zeros(), meanPrecision: zeros(), means: zeros(), dof: zeros(), covariances: zeros(), weights: [] };
  const resp = new Float64Array(n * K);
  const logResp = new Float64Array(n * K);
  for (let i = 0; i < n; i++) resp[i * K + labels[i]] = 1;
  mStep(p, x, w, resp, K, pr);
  let bound = -Infinity;
  let converged = false;
  let it = 0;
  for (it = 1; it <= maxIter; it++) {
    const prev = bound;
    logResponsibilities(p, x, logResp, resp);
    mStep(p, x, w, resp, K, pr);
    // as sklearn: the E-step's responsibilities with the M-step's parameters
    bound = lowerBound(p, w, resp, logResp);
    if (Math.abs(bound - prev) < tol) {
      converged = true;
      break;
    }
  }
  p.weights = stickWeights(p.concentrationA, p.concentrationB);
  return { ...p, iterations: Math.min(it, maxIter), converged, lowerBound: bound };
}

/** Fits the mixture as sklearn's BayesianGaussianMixture(init_params='kmeans', n_init=1), seeded by `rng`. */
export function fitVgm(x: Float64Array, rng: Rng, opts: VgmOptions = {}): VgmFit {
  const K = opts.components ?? 10;
  if (x.length < K) throw new Error(`The variational GMM needs at least ${K} values (one per component), got ${x.length}.`);
  const bad = x.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`The variational GMM needs finite values; value ${bad} is ${x[bad]} (drop missing cells first).`);
  const { values, counts } = distinctCounts(x);
  return fitVgmFromLabels(values, kmeans1d(values, K, rng, {}, counts).labels, opts, counts);
}

/** Sorted distinct values and how often each occurs (the weighted form every fit runs on). */
export function distinctCounts(x: Float64Array): { values: Float64Array; counts: Float64Array } {
  const sorted = Float64Array.from(x).sort();
  const values: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) counts[counts.length - 1]++;
    else {
      values.push(sorted[i]);
      counts.push(1);
    }
  }
  return { values: Float64Array.from(values), counts: Float64Array.from(counts) };
}
