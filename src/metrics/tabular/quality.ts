// SDMetrics' single-table QualityReport: the mean of the Column Shapes and Column Pair Trends scores,
// given both as before SDMetrics 0.27 (all pairs; the issue calls it "pre-0.29") and with its real-data thresholds (|ρ| > 0.5, V > 0.3).
import type { TypedTable } from '../../data/tabular/types.js';
import { columnShapes, nanMean, type ColumnShape } from './column-shapes.js';
import { columnPairTrends, type PairBinning, type PairTrend } from './pair-trends.js';

/** SDMetrics' DEFAULT_REAL_CORRELATION_THRESHOLD and DEFAULT_REAL_ASSOCIATION_THRESHOLD (QualityReport since v0.27.0, HISTORY.md #815–#817). */
export const DEFAULT_CORRELATION_THRESHOLD = 0.5;
export const DEFAULT_ASSOCIATION_THRESHOLD = 0.3;

/** Options of `tabularQuality`. */
export interface QualityOptions {
  binning?: PairBinning;
  correlationThreshold?: number;
  associationThreshold?: number;
}

/** Fidelity scores of a synthetic table against the real one. */
export interface TabularQuality {
  /** Mean KSComplement / TVComplement over columns. */
  columnShapes: number;
  /** Mean pair score over all pairs (SDMetrics before 0.27). */
  columnPairTrends: number;
  /** Mean over the pairs whose real association meets the thresholds (NaN when none does). */
  columnPairTrendsThresholded: number;
  /** mean(columnShapes, columnPairTrends): the pre-0.27 overall score. */
  quality: number;
  /** nanmean(columnShapes, columnPairTrendsThresholded): the ≥ 0.27 overall score. */
  qualityThresholded: number;
  shapes: ColumnShape[];
  /** All pairs, scored without thresholds. */
  pairs: PairTrend[];
  /** The same pairs under the thresholds: `meetsThreshold` marks the ones that count. */
  thresholdedPairs: PairTrend[];
  binning: PairBinning;
  thresholds: { correlation: number; association: number };
}

/** Column shapes, pair trends and quality of `synthetic` against `real` (same schema). */
export function tabularQuality(real: TypedTable, synthetic: TypedTable, opts: QualityOptions = {}): TabularQuality {
  const binning = opts.binning ?? 'real-edges';
  const correlation = opts.correlationThreshold ?? DEFAULT_CORRELATION_THRESHOLD;
  const association = opts.associationThreshold ?? DEFAULT_ASSOCIATION_THRESHOLD;
  const shapes = columnShapes(real, synthetic);
  const pairs = columnPairTrends(real, synthetic, { binning });
  const thresholdedPairs = columnPairTrends(real, synthetic, { binning, correlationThreshold: correlation, associationThreshold: association });
  const shapeScore = nanMean(shapes.map((s) => s.score));
  const trendScore = nanMean(pairs.map((p) => p.score));
  const thresholdScore = nanMean(thresholdedPairs.filter((p) => p.meetsThreshold).map((p) => p.score));
  return {
    columnShapes: shapeScore,
    columnPairTrends: trendScore,
    columnPairTrendsThresholded: thresholdScore,
    quality: nanMean([shapeScore, trendScore]),
    qualityThresholded: nanMean([shapeScore, thresholdScore]),
    shapes,
    pairs,
    thresholdedPairs,
    binning,
    thresholds: { correlation, association },
  };
}
