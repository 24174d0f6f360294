// Rényi-DP accountant of the sampled Gaussian mechanism (Mironov, Talwar & Zhang 2019, §3.3: A_α for
// integer and fractional α, as Opacus's analysis/rdp.py evaluates it) and the conversion to (ε, δ).
import { logErfc } from './log-math.js';

/** Opacus's default orders: 1.1, 1.2, …, 10.9, then 12, 13, …, 63. */
export const DEFAULT_ORDERS: readonly number[] = [
  ...Array.from({ length: 99 }, (_, i) => 1 + (i + 1) / 10),
  ...Array.from({ length: 52 }, (_, i) => 12 + i),
];

/**
 * How RDP becomes (ε, δ): 'balle2020' is Balle et al. 2020, Thm 21 (Opacus 1.x `get_privacy_spent`,
 * TF-Privacy since 2020); 'classic' is Mironov 2017, Prop. 3 (Opacus 0.x; the bound behind the
 * published MNIST ε 1.19 / 3.01 / 7.10).
 */
export type RdpConversion = 'balle2020' | 'classic';

/** log(e^x + e^y) without overflow. */
function logAdd(x: number, y: number): number {
  const a = Math.min(x, y);
  const b = Math.max(x, y);
  if (a === -Infinity) return b;
  return Math.log1p(Math.exp(a - b)) + b;
}

/** log(e^x − e^y) for x ≥ y. */
function logSub(x: number, y: number): number {
  if (x < y) throw new Error('logSub: the result would be negative.');
  if (y === -Infinity) return x;
  if (x === y) return -Infinity;
  const d = Math.expm1(x - y);
  return Number.isFinite(d) ? Math.log(d) + y : x;
}

// A_α for integer α: Σ_i C(α, i) q^i (1−q)^(α−i) exp((i² − i)/(2σ²)) (Mironov et al. 2019, §3.3).
function logAInt(q: number, sigma: number, alpha: number): number {
  let logA = -Infinity;
  let logBinom = 0; // log C(α, i), built up term by term
  for (let i = 0; i <= alpha; i++) {
    if (i > 0) logBinom += Math.log((alpha - i + 1) / i);
    const s = logBinom + i * Math.log(q) + (alpha - i) * Math.log(1 - q) + (i * i - i) / (2 * sigma * sigma);
    logA = logAdd(logA, s);
  }
  return logA;
}

// A_α for fractional α: the two tails split at z0 = σ² log(1/q − 1) + ½, summed until both terms < e^−30.
function logAFrac(q: number, sigma: number, alpha: number): number {
  let a0 = -Infinity;
  let a1 = -Infinity;
  const z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
  let coef = 1; // C(α, i) for real α: alternates in sign once i > α
  for (let i = 0; ; i++) {
    if (i > 0) coef *= (alpha - i + 1) / i;
    const logCoef = Math.log(Math.abs(coef));
    const j = alpha - i;
    const t0 = logCoef + i * Math.log(q) + j * Math.log(1 - q);
    const t1 = logCoef + j * Math.log(q) + i * Math.log(1 - q);
    const e0 = Math.log(0.5) + logErfc((i - z0) / (Math.SQRT2 * sigma));
    const e1 = Math.log(0.5) + logErfc((z0 - j) / (Math.SQRT2 * sigma));
    const s0 = t0 + (i * i - i) / (2 * sigma * sigma) + e0;
    const s1 = t1 + (j * j - j) / (2 * sigma * sigma) + e1;
    if (coef > 0) {
      a0 = logAdd(a0, s0);
      a1 = logAdd(a1, s1);
    } else {
      a0 = logSub(a0, s0);
      a1 = logSub(a1, s1);
    }
    if (Math.max(s0, s1) < -30) break;
    if (i > 100000) throw new Error(`RDP series did not converge (q=${q}, σ=${sigma}, α=${alpha}).`);
  }
  return logAdd(a0, a1);
}

/** RDP at order α of one step of the sampled Gaussian mechanism (sampling rate q, noise multiplier σ). */
export function rdpOfStep(q: number, sigma: number, alpha: number): number {
  if (!(q >= 0 && q <= 1)) throw new Error(`The sampling rate q must be in [0, 1], got ${q}.`);
  if (!(alpha > 1)) throw new Error(`RDP orders must be > 1, got ${alpha}.`);
  if (q === 0) return 0;
  if (!(sigma > 0)) return Infinity;
  if (q === 1) return alpha / (2 * sigma * sigma);
  if (!Number.isFinite(alpha)) return Infinity;
  const logA = Number.isInteger(alpha) ? logAInt(q, sigma, alpha) : logAFrac(q, sigma, alpha);
  return logA / (alpha - 1);
}

/** RDP of `steps` compositions at each order (RDP adds up over steps). */
export function rdpOf(q: number, sigma: number, steps: number, orders: readonly number[] = DEFAULT_ORDERS): number[] {
  return orders.map((a) => steps * rdpOfStep(q, sigma, a));
}

/** The smallest ε over the orders for a target δ, and the order that gives it. */
export function epsilonFromRdp(
  rdp: readonly number[],
  delta: number,
  orders: readonly number[] = DEFAULT_ORDERS,
  conversion: RdpConversion = 'balle2020',
): { epsilon: number; order: number } {
  if (!(delta > 0 && delta < 1)) throw new Error(`δ must be in (0, 1), got ${delta}.`);
  if (rdp.length !== orders.length) throw new Error(`rdp has ${rdp.length} values for ${orders.length} orders.`);
  let best = { epsilon: Infinity, order: NaN };
  orders.forEach((a, k) => {
    const eps = conversion === 'classic'
      ? rdp[k] - Math.log(delta) / (a - 1)
      : rdp[k] - (Math.log(delta) + Math.log(a)) / (a - 1) + Math.log((a - 1) / a);
    if (eps < best.epsilon) best = { epsilon: eps, order: a }; // NaN never wins, as np.nanargmin
  });
  return best;
}

/** What one DP-SGD run spends per step. */
export interface SgmParams {
  /** Probability that an example is in a batch (B/N). */
  q: number;
  /** Noise standard deviation over clipping norm. */
  sigma: number;
  delta: number;
  orders?: readonly number[];
  conversion?: RdpConversion;
}

/** ε after `steps` steps of the sampled Gaussian mechanism. */
export function epsilonAfter(p: SgmParams, steps: number): number {
  if (steps === 0) return 0;
  const orders = p.orders ?? DEFAULT_ORDERS;
  return epsilonFromRdp(rdpOf(p.q, p.sigma, steps, orders), p.delta, orders, p.conversion).epsilon;
}

/**
 * The smallest noise multiplier σ (to `tol` in σ) whose ε after `steps` steps is ≤ `targetEpsilon`,
 * by bisection (ε falls as σ grows); Opacus's get_noise_multiplier does the same to 0.01 in ε.
 */
export function sigmaForEpsilon(p: Omit<SgmParams, 'sigma'>, steps: number, targetEpsilon: number, tol = 1e-4): number {
  if (!(targetEpsilon > 0)) throw new Error(`The target ε must be positive, got ${targetEpsilon}.`);
  let lo = 0;
  let hi = 1;
  while (epsilonAfter({ ...p, sigma: hi }, steps) > targetEpsilon) {
    lo = hi;
    hi *= 2;
    if (hi > 1e4) throw new Error(`No σ ≤ 10⁴ reaches ε ${targetEpsilon} in ${steps} steps at q ${p.q}.`);
  }
  while (hi - lo > tol) {
    const mid = (lo + hi) / 2;
    if (epsilonAfter({ ...p, sigma: mid }, steps) > targetEpsilon) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * A running accountant for one training run: the per-step RDP is computed once, so `epsilonSoFar(step)`
 * (ε after `step` steps) costs one pass over the orders — cheap enough to print every step.
 */
export class RdpAccountant {
  private readonly perStep: number[];
  private readonly orders: readonly number[];

  constructor(private readonly p: SgmParams) {
    this.orders = p.orders ?? DEFAULT_ORDERS;
    this.perStep = rdpOf(p.q, p.sigma, 1, this.orders);
  }

  /** ε after `step` completed steps at δ. */
  epsilonSoFar(step: number): number {
    if (step === 0) return 0;
    return epsilonFromRdp(this.perStep.map((r) => r * step), this.p.delta, this.orders, this.p.conversion).epsilon;
  }

  /** The most steps whose ε stays ≤ `targetEpsilon` (by bisection; ε grows with the step count). */
  maxSteps(targetEpsilon: number, limit = 1e9): number {
    if (this.epsilonSoFar(1) > targetEpsilon) return 0;
    let lo = 1;
    let hi = 2;
    while (hi < limit && this.epsilonSoFar(hi) <= targetEpsilon) {
      lo = hi;
      hi *= 2;
    }
    if (hi >= limit && this.epsilonSoFar(limit) <= targetEpsilon) return limit;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.epsilonSoFar(mid) <= targetEpsilon) lo = mid;
      else hi = mid;
    }
    return lo;
  }
}
