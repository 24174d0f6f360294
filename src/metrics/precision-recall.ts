// Improved precision and recall (Kynkäänniemi et al. 2019): k-NN balls (k = 3, radius = distance to
// the k-th nearest other sample of the same set), membership by d ≤ r on squared distances.
import { checkComparable, checkFeatures, type Features } from './features.js';
import { rescaled, rescaleExponent } from './scale.js';
import { crossCounts, fraction, knnSquaredRadii } from './neighbours.js';

/** Precision (generated samples inside the real manifold) and recall (real inside generated). */
export interface PrecisionRecallResult {
  precision: number;
  recall: number;
  k: number;
  nReal: number;
  nGenerated: number;
}

/**
 * Precision = fraction of generated samples inside some real sample's k-NN ball; recall =
 * fraction of real samples inside some generated sample's k-NN ball.
 */
export function precisionRecall(
  args: { real: Features; generated: Features },
  opts: { k?: number; simd?: boolean } = {},
): PrecisionRecallResult {
  const { real, generated } = args;
  checkComparable(real, generated);
  // k-NN balls do not change under a power-of-two rescaling, which keeps extreme distances from under/overflowing
  const [x0, y0] = [checkFeatures(real, 'real'), checkFeatures(generated, 'generated')];
  const e = rescaleExponent(x0, y0);
  const [x, y] = [rescaled(x0, e), rescaled(y0, e)];
  const k = opts.k ?? 3;
  const [realPr] = knnSquaredRadii(x, real.n, real.d, [k], opts);
  const [generatedPr] = knnSquaredRadii(y, generated.n, generated.d, [k], opts);
  const counts = crossCounts(x, real.n, y, generated.n, real.d, { realPr, generatedPr }, opts);
  return {
    precision: fraction(counts.inReal!),
    recall: fraction(counts.inGenerated!),
    k,
    nReal: real.n,
    nGenerated: generated.n,
  };
}
