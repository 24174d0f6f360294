// Tabular synthetic-data metrics: SDMetrics' quality report (column shapes, column-pair trends),
// train-on-synthetic/test-on-real utility and distance-to-closest-record privacy.
export { ksStatistic, ksComplement, tvComplement, columnShapes, checkSameSchema, nanMean, round14, rintEven, type ColumnShape } from './column-shapes.js';
export {
  histogramBinEdges, digitize, pearson, correlationSimilarity, cramersV, contingencySimilarity, columnPairTrends,
  type PairBinning, type PairTrend, type PairTrendOptions,
} from './pair-trends.js';
export { tabularQuality, DEFAULT_CORRELATION_THRESHOLD, DEFAULT_ASSOCIATION_THRESHOLD, type QualityOptions, type TabularQuality } from './quality.js';
export { distanceToClosestRecord, exactCopyRate, percentile, dcrPrivacy, type DcrResult, type DcrSummary } from './dcr.js';
export { fitFeatureEncoder, binaryLabels, type FeatureEncoder, type FeatureColumn } from './features.js';
export { trainClassifier, binaryScores, type ClassifierKind, type ClassifierOptions, type BinaryClassifier, type ClassifierScores } from './classifiers.js';
export { tstr, trainAndScore, type TstrOptions, type TstrResult } from './tstr.js';
export { evaluateTabular, tabularSummary, type TabularEvalOptions, type TabularEvaluation } from './evaluate.js';
export { renderTabularReport } from './report-html.js';
export { histogramSvg, categoryBarsSvg, heatmapSvg, scoreColor } from './charts.js';
