// The standard normal CDF, quantile and truncated draws in float64, for the Gaussian copula: Φ from
// W. J. Cody's erfc (Math. Comp. 23, 1969, SPECFUN calerf), Φ⁻¹ from Wichura's AS 241 (PPND16, 1988).
import type { Rng } from '../../random/rng.js';

// Cody's rational Chebyshev coefficients: erf on |x| ≤ 0.46875, erfc·e^{x²} on (0.46875, 4], and in 1/x² beyond 4
const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const C = [
  0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.952221241769090,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8,
];
const D = [
  15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942,
];
const P = [0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978];
const Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];
const ONE_OVER_SQRT_PI = 0.56418958354775628695;
/** Beyond this erfc underflows to 0 in float64. */
const ERFC_ZERO = 26.543;

/** erf(x) for |x| ≤ 0.46875 (Cody's first interval). */
function erfSmall(x: number): number {
  const z = x * x;
  let num = A[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]) * z;
    den = (den + B[i]) * z;
  }
  return (x * (num + A[3])) / (den + B[3]);
}

/** erfc(y)·e^{y²} for y > 0.46875 (Cody's second and third intervals); smooth, so rounding in y barely moves it. */
function erfcScaled(y: number): number {
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]) * y;
      den = (den + D[i]) * y;
    }
    return (num + C[7]) / (den + D[7]);
  }
  const z = 1 / (y * y);
  let num = P[5] * z;
  let den = z;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]) * z;
    den = (den + Q[i]) * z;
  }
  return (ONE_OVER_SQRT_PI - (z * (num + P[4])) / (den + Q[4])) / y;
}

/** e^{−c·y²} with y split as s + (y − s), s = y rounded down to 1/16, so that the rounding of y² is not exponentiated. */
function expNegSquare(y: number, c: number): number {
  const s = Math.trunc(y * 16) / 16;
  return Math.exp(-c * s * s) * Math.exp(-c * (y - s) * (y + s));
}

/** erfc(x) = 1 − erf(x), with full relative precision in the upper tail (Cody 1969). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  const r = y >= ERFC_ZERO ? 0 : erfcScaled(y) * expNegSquare(y, 1);
  return x < 0 ? 2 - r : r;
}

/**
 * Φ(z), the standard normal CDF, with relative precision in the lower tail (Φ(−30) ≈ 4.9e-198): the
 * Gaussian factor is e^{−z²/2} computed from z itself, since erfc(|z|/√2) would exponentiate the
 * rounding of |z|/√2 (a 1e-13 relative error at z = −30).
 */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  const y = Math.abs(z) * Math.SQRT1_2;
  if (y <= 0.46875) return 0.5 + 0.5 * erfSmall(z * Math.SQRT1_2);
  const tail = y >= ERFC_ZERO + 1 ? 0 : 0.5 * erfcScaled(y) * expNegSquare(Math.abs(z), 0.5);
  return z < 0 ? tail : 1 - tail;
}

// AS 241 (PPND16) coefficients: central region |p − ½| ≤ 0.425, then r = √(−ln min(p, 1−p)) ≤ 5 and > 5
const AC = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const BC = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
const CC = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const DC = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const EC = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const FC = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

function horner(c: readonly number[], x: number): number {
  let v = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) v = v * x + c[i];
  return v;
}

/** Φ⁻¹(p), the standard normal quantile (±Infinity at 0 and 1; about 1e-16 relative, AS 241). */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`normalQuantile needs p in [0, 1], got ${p}.`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(AC, r)) / horner(BC, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let v: number;
  if (r <= 5) {
    r -= 1.6;
    v = horner(CC, r) / horner(DC, r);
  } else {
    r -= 5;
    v = horner(EC, r) / horner(FC, r);
  }
  return q < 0 ? -v : v;
}

/**
 * A draw of N(mean, sd²) truncated to [lo, hi] (either bound may be infinite), by inverting Φ on the
 * tail nearer to the interval so that far-tail intervals keep their precision.
 */
export function truncatedNormal(rng: Rng, mean: number, sd: number, lo: number, hi: number): number {
  if (!(lo <= hi)) throw new Error(`truncatedNormal needs lo ≤ hi, got [${lo}, ${hi}].`);
  if (!(sd > 0)) return Math.min(Math.max(mean, lo), hi); // a degenerate conditional: all its mass at the mean
  let a = (lo - mean) / sd;
  let b = (hi - mean) / sd;
  if (a === b) return lo;
  // reflect so that the interval lies mostly below 0, where Φ carries relative precision
  const flip = a + b > 0;
  if (flip) [a, b] = [-b, -a];
  const pa = normalCdf(a);
  const pb = normalCdf(b);
  let t: number;
  if (pb > pa) {
    t = normalQuantile(pa + rng.uniform() * (pb - pa));
    t = Math.min(Math.max(t, a), b);
  } else {
    // both bounds past Φ's underflow (|z| ≳ 37): the density falls like e^{b·t} below b
    t = Math.max(a, b + Math.log(1 - rng.uniform()) / Math.abs(b));
  }
  return mean + sd * (flip ? -t : t);
}
