// Power-of-two rescaling of feature sets of extreme magnitude (around 1e30, or 1e-200): multiplying by 2^−e
// changes only exponents, so a metric of the rescaled features is the exact one times a known power of two —
// FID 2^2e, KID (with coef0·2^−2e) 2^(2e·degree), k-NN metrics unchanged — without the overflow or underflow.

/** Features whose largest |value| lies within [2^−40, 2^40] are used as they are. */
const SAFE_EXPONENT = 40;

/** The exponent e such that the features × 2^−e have largest |value| in [1, 2); 0 for ordinary magnitudes, all zeros or non-finite data (left to the finiteness checks). */
export function rescaleExponent(...sets: Float64Array[]): number {
  let m = 0;
  for (const x of sets) for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]!));
  if (!Number.isFinite(m) || m === 0) return 0;
  const e = Math.floor(Math.log2(m));
  return Math.abs(e) <= SAFE_EXPONENT ? 0 : e;
}

/** v·2^e for any e (2^e alone overflows past ±1023; two factors of at most 2^±600 do not). */
export function ldexp(v: number, e: number): number {
  const half = Math.trunc(e / 2);
  return v * 2 ** half * 2 ** (e - half);
}

/** A copy of x × 2^−e (x itself when e = 0); exact, as only exponents change. */
export function rescaled(x: Float64Array, e: number): Float64Array {
  if (e === 0) return x;
  const half = Math.trunc(-e / 2);
  const [f1, f2] = [2 ** half, 2 ** (-e - half)];
  return x.map((v) => v * f1 * f2);
}

/**
 * A metric computed on features rescaled by 2^−e, back on the features' own scale (v·2^(power·e), where the metric
 * is homogeneous of degree `power`); throws naming the metric when the true value lies beyond float64.
 */
export function unscale(v: number, power: number, e: number, metric: string): number {
  const out = ldexp(v, power * e);
  if (Number.isFinite(out)) return out;
  const exp10 = Math.round(Math.log10(Math.abs(v)) + power * e * Math.LOG10E * Math.LN2);
  throw new Error(
    `${metric} of these features is about ${v < 0 ? '−' : ''}1e${exp10}, beyond float64's range (±1.8e308): the features reach about 2^${e} ≈ 1e${Math.round(e * Math.LOG10E * Math.LN2)}. ` +
      `Divide both feature sets by one common factor s (${metric} then scales by s^${power}).`,
  );
}
