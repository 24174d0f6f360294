// Evaluation metrics, staged features → statistics → score as in torch-fidelity: FID, KID, Inception
// Score, precision/recall (Kynkäänniemi et al. 2019) and density/coverage (Naeem et al. 2020).
export { makeFeatures, checkFeatures, checkComparable, type Features } from './features.js';
export { featureStatistics, frechetDistance, traceSqrtProduct, fid, type FeatureStatistics } from './fid.js';
export { kid, kidSubsets, polynomialMmd2, type KidOptions, type KidResult, type KidSubsets } from './kid.js';
export { inceptionScore, type ClassProbabilities, type InceptionScoreResult } from './inception-score.js';
export { precisionRecall, type PrecisionRecallResult } from './precision-recall.js';
export { densityCoverage, densityCoverageFromCounts, type DensityCoverageResult } from './density-coverage.js';
export { knnSquaredRadii, crossCounts, squaredNorms, type CrossRadii, type CrossCounts } from './neighbours.js';
export {
  evaluateFeatures,
  parseMetricList,
  FEATURE_METRICS,
  type FeatureMetric,
  type EvaluateOptions,
  type EvaluationReport,
} from './evaluate.js';
export { GramWorkspace, wasmSimdAvailable, type GramOptions } from './gram.js';
export { matmulNT, columnMeans, covariance, sqrtPsd } from './linalg.js';
export { setFloat64Kernels, float64Kernels, type Float64Kernels } from '../engine/float64-kernels.js';
export { symmetricEigen } from './eigen.js';
export { modeCoverage, meanStd, type ModeCoverage, type ModeCoverageOptions } from './mode-coverage.js';
export { evaluateImageGenerator, type FeatureClassifier, type ImageSampler, type GeneratorEvaluation, type GeneratorEvaluationOptions } from './classifier-eval.js';
export * from './tabular/index.js';
