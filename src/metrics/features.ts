// Feature matrices for evaluation metrics: row-major [N, d] samples plus the id of the extractor
// that produced them (torch-fidelity's "features" stage), with the up-front checks every metric shares.

/** Row-major [n, d] feature matrix and the id of the extractor that produced it. */
export interface Features {
  data: Float64Array | Float32Array;
  n: number;
  d: number;
  extractor: string;
}

/** Wraps a row-major buffer as Features after checking its shape. */
export function makeFeatures(
  data: Float64Array | Float32Array,
  n: number,
  d: number,
  extractor: string,
): Features {
  const f = { data, n, d, extractor };
  checkShape(f, 'features');
  return f;
}

function checkShape(f: Features, name: string): void {
  if (!Number.isInteger(f.n) || f.n < 1 || !Number.isInteger(f.d) || f.d < 1) {
    throw new Error(`${name}: n and d must be positive integers, got n=${f.n}, d=${f.d}.`);
  }
  if (!(f.data instanceof Float64Array || f.data instanceof Float32Array)) {
    throw new Error(`${name}: data must be a Float64Array or Float32Array.`);
  }
  if (f.data.length !== f.n * f.d) {
    throw new Error(
      `${name}: data has ${f.data.length} values but n × d = ${f.n} × ${f.d} = ${f.n * f.d}.`,
    );
  }
}

/** Checks shape and finiteness (naming the first bad row and column) and returns float64 data. */
export function checkFeatures(f: Features, name: string): Float64Array {
  checkShape(f, name);
  throwIfNotFinite(f, name);
  return f.data instanceof Float64Array ? f.data : Float64Array.from(f.data);
}

/**
 * Checks the shape only and returns float64 data, for metrics that learn of non-finite values from a
 * reduction they compute anyway (a NaN or ±Inf entry makes its column's sum non-finite) and then call
 * `throwIfNotFinite` — one pass over the features fewer.
 */
export function featureData(f: Features, name: string): Float64Array {
  checkShape(f, name);
  return f.data instanceof Float64Array ? f.data : Float64Array.from(f.data);
}

/** Throws naming the first non-finite entry (row and column) of the features, if any. */
export function throwIfNotFinite(f: Features, name: string): void {
  const { data, d } = f;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new Error(
        `${name}: feature [${Math.floor(i / d)}, ${i % d}] is ${data[i]}; ` +
          'features must be finite (check the extractor or the generator output for NaN/Inf).',
      );
    }
  }
}

/** Checks that two feature sets can be compared: same dimension and same extractor. */
export function checkComparable(real: Features, fake: Features): void {
  if (real.d !== fake.d) {
    throw new Error(
      `Feature dimensions differ: real has d=${real.d}, generated has d=${fake.d}; ` +
        'both sets must come from the same extractor layer.',
    );
  }
  if (real.extractor !== fake.extractor) {
    throw new Error(
      `Feature extractors differ: real from '${real.extractor}', generated from '${fake.extractor}'; ` +
        'scores are only meaningful for features of the same extractor.',
    );
  }
}
