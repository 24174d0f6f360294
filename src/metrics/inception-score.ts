// Inception Score (Salimans et al. 2016) from class probabilities as the original improved-gan code
// and torch-fidelity's ISC: per split exp(mean_x KL(p(y|x) ‖ p(y))), mean and std (ddof 0) over splits.

/** Row-major [n, classes] class probabilities p(y|x), each row summing to 1. */
export interface ClassProbabilities {
  data: Float64Array | Float32Array;
  n: number;
  classes: number;
}

/** Inception Score mean and population standard deviation (ddof 0) over the splits. */
export interface InceptionScoreResult {
  mean: number;
  std: number;
  ddof: 0;
  splits: number;
  scores: number[];
}

function checkProbabilities(p: ClassProbabilities): void {
  const { data, n, classes } = p;
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(classes) || classes < 2) {
    throw new Error(`Inception Score needs n ≥ 1 samples and ≥ 2 classes, got n=${n}, classes=${classes}.`);
  }
  if (data.length !== n * classes) {
    throw new Error(`Probabilities have ${data.length} values but n × classes = ${n * classes}.`);
  }
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const v = data[i * classes + c];
      if (!(v >= 0 && v <= 1)) {
        throw new Error(`Probability [${i}, ${c}] is ${v}; expected values in [0, 1] (apply softmax to logits first).`);
      }
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-3) {
      throw new Error(`Row ${i} of the probabilities sums to ${sum}, not 1; pass softmax outputs, not logits.`);
    }
  }
}

/**
 * Inception Score over `splits` consecutive chunks (rows ⌊i·n/splits⌋ … ⌊(i+1)·n/splits⌋−1, no
 * shuffling), with 0·log 0 taken as 0.
 */
export function inceptionScore(probs: ClassProbabilities, opts: { splits?: number } = {}): InceptionScoreResult {
  checkProbabilities(probs);
  const splits = opts.splits ?? 10;
  const { data, n, classes: k } = probs;
  if (!Number.isInteger(splits) || splits < 1 || splits > n) {
    throw new Error(`Inception Score splits must be an integer in [1, n=${n}], got ${splits}.`);
  }
  const scores = new Float64Array(splits);
  const logMarginal = new Float64Array(k);
  for (let s = 0; s < splits; s++) {
    const lo = Math.floor((s * n) / splits);
    const hi = Math.floor(((s + 1) * n) / splits);
    // p(y) over this split, then its log.
    logMarginal.fill(0);
    for (let i = lo; i < hi; i++) for (let c = 0; c < k; c++) logMarginal[c] += data[i * k + c];
    for (let c = 0; c < k; c++) logMarginal[c] = Math.log(logMarginal[c] / (hi - lo));
    // mean over rows of KL(p(y|x) ‖ p(y)) = Σ_c p (log p − log p(y)).
    let klSum = 0;
    for (let i = lo; i < hi; i++) {
      let kl = 0;
      for (let c = 0; c < k; c++) {
        const p = data[i * k + c];
        if (p > 0) kl += p * (Math.log(p) - logMarginal[c]);
      }
      klSum += kl;
    }
    scores[s] = Math.exp(klSum / (hi - lo));
  }
  let mean = 0;
  for (const v of scores) mean += v;
  mean /= splits;
  let varSum = 0;
  for (const v of scores) varSum += (v - mean) * (v - mean);
  return { mean, std: Math.sqrt(varSum / splits), ddof: 0, splits, scores: Array.from(scores) };
}
