// β schedules and the derived ᾱ products: linear (Ho et al. 2020, §4) and cosine (Nichol &
// Dhariwal 2021, eq. 17), as in diffusers' scheduling_ddpm `betas_for_alpha_bar`.

/** Names of the β schedules. */
export type BetaScheduleName = 'linear' | 'cosine';

/** Settings shared by every schedule. */
export interface BetaScheduleConfig {
  numTrainTimesteps: number;
  schedule: BetaScheduleName;
  /** Linear schedule endpoints (defaults 1e-4 and 0.02). */
  betaStart?: number;
  betaEnd?: number;
}

/** β_t for t = 0..T−1, in float64. */
export function makeBetas(cfg: BetaScheduleConfig): Float64Array {
  const T = cfg.numTrainTimesteps;
  if (!Number.isInteger(T) || T < 1) throw new Error(`numTrainTimesteps must be a positive integer, got ${T}.`);
  const betas = new Float64Array(T);
  if (cfg.schedule === 'linear') {
    const a = cfg.betaStart ?? 1e-4;
    const b = cfg.betaEnd ?? 0.02;
    for (let i = 0; i < T; i++) betas[i] = T === 1 ? a : a + ((b - a) * i) / (T - 1); // torch.linspace
  } else if (cfg.schedule === 'cosine') {
    // eq. 17: ᾱ(t) = f(t)/f(0), f(t) = cos²((t/T + s)/(1 + s) · π/2), s = 0.008; β_t = 1 − ᾱ(t+1)/ᾱ(t) ≤ 0.999
    const f = (u: number) => Math.cos(((u + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
    for (let i = 0; i < T; i++) betas[i] = Math.min(1 - f((i + 1) / T) / f(i / T), 0.999);
  } else {
    throw new Error(`Unknown beta schedule "${cfg.schedule as string}"; use linear or cosine.`);
  }
  return betas;
}

/** ᾱ_t = Π_{s≤t} (1 − β_s), in float64. */
export function cumprodAlphas(betas: Float64Array): Float64Array {
  const out = new Float64Array(betas.length);
  let p = 1;
  for (let i = 0; i < betas.length; i++) {
    p *= 1 - betas[i];
    out[i] = p;
  }
  return out;
}

/** "Leading" spacing of diffusers: t_i = i·⌊T/n⌋ for i = n−1..0 (descending). */
export function leadingTimesteps(numTrain: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 1 || n > numTrain) throw new Error(`Number of inference steps must be an integer in 1..${numTrain}, got ${n}.`);
  const ratio = Math.floor(numTrain / n);
  return Array.from({ length: n }, (_, i) => (n - 1 - i) * ratio);
}
