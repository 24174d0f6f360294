// Feature-based evaluation in one call: runs the requested metrics (FID, KID, precision/recall,
// density/coverage) on real and generated features; the k-NN metrics and KID share full-set passes.
import { densityCoverageFromCounts } from './density-coverage.js';
import { checkComparable, checkFeatures, type Features } from './features.js';
import { fid } from './fid.js';
import { kid, kidAccumulator, kidResult, kidSubsets, unscaleKid, type KidOptions } from './kid.js';
import { crossCounts, fraction, knnSquaredRadii, type CrossRadii } from './neighbours.js';
import { symmetricPass } from './passes.js';
import { ldexp, rescaled, rescaleExponent, unscale } from './scale.js';

/** Metric names evaluateFeatures understands. */
export const FEATURE_METRICS = ['fid', 'kid', 'precision', 'recall', 'density', 'coverage'] as const;

/** One of FEATURE_METRICS. */
export type FeatureMetric = (typeof FEATURE_METRICS)[number];

/** Parses a comma-separated metric list, rejecting unknown names with the list of valid ones. */
export function parseMetricList(list: string): FeatureMetric[] {
  const names = list.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0);
  if (names.length === 0) throw new Error(`No metrics given; choose from: ${FEATURE_METRICS.join(', ')}.`);
  const bad = names.filter((s) => !(FEATURE_METRICS as readonly string[]).includes(s));
  if (bad.length > 0) {
    throw new Error(`Unknown metric${bad.length > 1 ? 's' : ''} ${bad.map((b) => `'${b}'`).join(', ')}; valid metrics: ${FEATURE_METRICS.join(', ')}.`);
  }
  return [...new Set(names)] as FeatureMetric[];
}

/** Options for evaluateFeatures: KID subsets/seed and the k of each neighbourhood metric. */
export interface EvaluateOptions {
  seed?: number;
  kid?: Omit<KidOptions, 'seed' | 'simd' | 'strategy'>;
  /** k for precision/recall (Kynkäänniemi: 3). */
  prK?: number;
  /** k for density/coverage (Naeem: 5). */
  dcK?: number;
  simd?: boolean;
}

/** Results keyed by metric, with the sample counts and feature dimension they were computed on. */
export interface EvaluationReport {
  extractor: string;
  featureDim: number;
  nReal: number;
  nGenerated: number;
  metrics: {
    fid?: { value: number };
    kid?: { mean: number; std: number; ddof: 0; subsets: number; subsetSize: number; seed: number };
    precision?: { value: number; k: number };
    recall?: { value: number; k: number };
    density?: { value: number; k: number };
    coverage?: { value: number; k: number };
  };
}

/** Runs the requested metrics on (real, generated) features; errors name the offending input. */
export function evaluateFeatures(
  real: Features,
  generated: Features,
  metrics: FeatureMetric[],
  opts: EvaluateOptions = {},
): EvaluationReport {
  const unknown = metrics.filter((m) => !(FEATURE_METRICS as readonly string[]).includes(m));
  if (unknown.length > 0) parseMetricList(unknown.join(','));
  checkComparable(real, generated);
  // Features of extreme magnitude are rescaled by one power of two (exact): FID and KID are scaled back
  // below, the k-NN metrics do not change.
  const [x0, y0] = [checkFeatures(real, 'real'), checkFeatures(generated, 'generated')];
  const e = rescaleExponent(x0, y0);
  const [x, y] = [rescaled(x0, e), rescaled(y0, e)];
  // Validated float64 copies, so each metric skips re-checking.
  const r64: Features = { ...real, data: x };
  const g64: Features = { ...generated, data: y };
  const want = new Set(metrics);
  const report: EvaluationReport = {
    extractor: real.extractor,
    featureDim: real.d,
    nReal: real.n,
    nGenerated: generated.n,
    metrics: {},
  };
  const found: EvaluationReport['metrics'] = {};
  if (want.has('fid')) found.fid = { value: unscale(fid({ real: r64, generated: g64 }), 2, e, 'FID') };

  const prK = opts.prK ?? 3;
  const dcK = opts.dcK ?? 5;
  const wantPrec = want.has('precision');
  const wantRec = want.has('recall');
  const wantDc = want.has('density') || want.has('coverage');
  const wantNn = wantPrec || wantRec || wantDc;
  const seed = opts.seed ?? 0;
  const degree = opts.kid?.degree ?? 3;
  // KID shares the k-NN passes unless the features were scaled up (e < 0): coef0·2^−2e would overflow, so
  // kid() then runs on the features as given.
  const kidOpts = { ...opts.kid, coef0: ldexp(opts.kid?.coef0 ?? 1, -2 * Math.max(e, 0)), seed, simd: opts.simd };
  let kidAcc: ReturnType<typeof kidAccumulator> | null = null;
  let kidM = 0;
  if (want.has('kid') && e < 0) {
    const k = kid({ real: { ...real, data: x0 }, generated: { ...generated, data: y0 } }, { ...kidOpts, coef0: opts.kid?.coef0 });
    found.kid = { mean: k.mean, std: k.std, ddof: 0, subsets: k.subsets, subsetSize: k.subsetSize, seed };
  } else if (want.has('kid') && !wantNn) {
    const k = unscaleKid(kid({ real: r64, generated: g64 }, kidOpts), e, degree);
    found.kid = { mean: k.mean, std: k.std, ddof: 0, subsets: k.subsets, subsetSize: k.subsetSize, seed };
  } else if (want.has('kid')) {
    // KID rides along the full-set passes the k-NN metrics make anyway (same subsets as kid()).
    const subsets = kidSubsets(real.n, generated.n, kidOpts);
    kidM = subsets.subsetSize;
    kidAcc = kidAccumulator(subsets, real.n, generated.n, kidOpts.gamma ?? 1 / real.d, kidOpts.coef0, kidOpts.degree);
  }

  if (wantNn) {
    // Statistics: real radii for every k needed in one pass, generated radii only for recall.
    const realKs = [...(wantPrec ? [prK] : []), ...(wantDc ? [dcK] : [])];
    const radii: CrossRadii = {};
    const extraReal = kidAcc ? [kidAcc.real] : [];
    if (realKs.length > 0) {
      const realRadii = knnSquaredRadii(x, real.n, real.d, realKs, { simd: opts.simd, extra: extraReal });
      if (wantPrec) radii.realPr = realRadii[0];
      if (wantDc) radii.realDc = realRadii[realKs.length - 1];
    } else if (kidAcc) {
      symmetricPass(x, real.n, real.d, extraReal, opts);
    }
    const extraGen = kidAcc ? [kidAcc.generated] : [];
    if (wantRec) [radii.generatedPr] = knnSquaredRadii(y, generated.n, generated.d, [prK], { simd: opts.simd, extra: extraGen });
    else if (kidAcc) symmetricPass(y, generated.n, generated.d, extraGen, opts);
    const extraCross = kidAcc ? [kidAcc.cross] : [];
    const counts = crossCounts(x, real.n, y, generated.n, real.d, radii, { simd: opts.simd, extra: extraCross });

    // Scores.
    if (kidAcc) {
      const k = unscaleKid(kidResult(kidAcc.values(), kidM, seed), e, degree);
      found.kid = { mean: k.mean, std: k.std, ddof: 0, subsets: k.subsets, subsetSize: k.subsetSize, seed };
    }
    if (wantPrec) found.precision = { value: fraction(counts.inReal!), k: prK };
    if (wantRec) found.recall = { value: fraction(counts.inGenerated!), k: prK };
    if (wantDc) {
      const dc = densityCoverageFromCounts(counts.density!, counts.covered!, dcK);
      if (want.has('density')) found.density = { value: dc.density, k: dcK };
      if (want.has('coverage')) found.coverage = { value: dc.coverage, k: dcK };
    }
  }
  // Report in the canonical metric order.
  for (const m of FEATURE_METRICS) if (found[m]) (report.metrics as Record<string, unknown>)[m] = found[m];
  return report;
}
