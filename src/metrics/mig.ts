// Mutual information gap (Chen et al. 2018, "Isolating Sources of Disentanglement in VAEs", eq. 4),
// estimated as in disentanglement_lib: latent means discretised into equal-width bins, discrete MI.

/** Discretises column j of latents [N, L] into `bins` equal-width bins over its range: codes [N]. */
export function discretize(latents: ArrayLike<number>, n: number, l: number, j: number, bins: number): Int32Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = latents[i * l + j];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const out = new Int32Array(n);
  const width = (hi - lo) / bins;
  if (!(width > 0)) return out; // a constant latent carries no information
  for (let i = 0; i < n; i++) out[i] = Math.min(bins - 1, Math.floor((latents[i * l + j] - lo) / width));
  return out;
}

/** Entropy (nats) of discrete codes [N] taking values 0..k−1. */
export function entropy(codes: ArrayLike<number>, k: number): number {
  const counts = new Float64Array(k);
  for (let i = 0; i < codes.length; i++) counts[codes[i]]++;
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / codes.length) * Math.log(c / codes.length);
  return h;
}

/** Mutual information (nats) of two discrete code vectors with ka and kb values. */
export function mutualInformation(a: ArrayLike<number>, ka: number, b: ArrayLike<number>, kb: number): number {
  const n = a.length;
  const joint = new Float64Array(ka * kb);
  const pa = new Float64Array(ka);
  const pb = new Float64Array(kb);
  for (let i = 0; i < n; i++) {
    joint[a[i] * kb + b[i]]++;
    pa[a[i]]++;
    pb[b[i]]++;
  }
  let mi = 0;
  for (let x = 0; x < ka; x++) {
    for (let y = 0; y < kb; y++) {
      const c = joint[x * kb + y];
      if (c > 0) mi += (c / n) * Math.log((c * n) / (pa[x] * pb[y]));
    }
  }
  return mi;
}

/** MIG result: the mean gap and, per factor, the normalised gap and the best latent dimension. */
export interface MigResult {
  mig: number;
  perFactor: { gap: number; bestLatent: number; entropy: number }[];
  /** MI matrix [L, K] in nats. */
  mi: number[][];
}

/**
 * MIG = (1/K) Σ_k (I(z_{j⁽¹⁾}; v_k) − I(z_{j⁽²⁾}; v_k)) / H(v_k), j⁽¹⁾, j⁽²⁾ the latents with the largest MI
 * with factor k. latents: [N, L] row-major means; factors: [N, K] integer indices with K sizes.
 * Factors that are constant in the sample (H = 0) are skipped.
 */
export function mutualInformationGap(
  latents: ArrayLike<number>,
  factors: ArrayLike<number>,
  factorSizes: readonly number[],
  opts: { bins?: number } = {},
): MigResult {
  const k = factorSizes.length;
  const n = factors.length / k;
  if (!Number.isInteger(n) || n < 2) throw new Error(`MIG: factors must be [N, ${k}] with N ≥ 2; got ${factors.length} values.`);
  const l = latents.length / n;
  if (!Number.isInteger(l) || l < 2) throw new Error(`MIG needs latents [${n}, L] with L ≥ 2; got ${latents.length} values.`);
  const bins = opts.bins ?? 20;
  const codes = Array.from({ length: l }, (_, j) => discretize(latents, n, l, j, bins));
  const mi: number[][] = codes.map(() => new Array<number>(k).fill(0));
  const perFactor: MigResult['perFactor'] = [];
  for (let f = 0; f < k; f++) {
    const v = Int32Array.from({ length: n }, (_, i) => factors[i * k + f]);
    const h = entropy(v, factorSizes[f]);
    for (let j = 0; j < l; j++) mi[j][f] = mutualInformation(codes[j], bins, v, factorSizes[f]);
    if (h <= 0) continue;
    const order = Array.from({ length: l }, (_, j) => j).sort((a, b) => mi[b][f] - mi[a][f]);
    perFactor.push({ gap: (mi[order[0]][f] - mi[order[1]][f]) / h, bestLatent: order[0], entropy: h });
  }
  if (perFactor.length === 0) throw new Error('MIG: every factor is constant in this sample.');
  return { mig: perFactor.reduce((s, p) => s + p.gap, 0) / perFactor.length, perFactor, mi };
}
