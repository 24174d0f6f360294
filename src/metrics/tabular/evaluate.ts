// One call for `genlab eval tabular`: fidelity (SDMetrics quality), and with a real hold-out, utility
// (train-on-synthetic/test-on-real) and privacy (distance to closest record) of a synthetic table.
import type { TypedTable } from '../../data/tabular/types.js';
import { dcrPrivacy, type DcrResult } from './dcr.js';
import { tabularQuality, type QualityOptions, type TabularQuality } from './quality.js';
import { tstr, type TstrOptions, type TstrResult } from './tstr.js';

/** Options of `evaluateTabular`. */
export interface TabularEvalOptions {
  /** Real rows not used to train the generator: enables utility and the privacy baseline. */
  holdout?: TypedTable;
  /** Utility: the classifier target (a discrete column) and its positive category. */
  target?: string;
  positive?: string;
  quality?: QualityOptions;
  utility?: TstrOptions;
  /** Skip the distance-to-closest-record pass. */
  skipPrivacy?: boolean;
}

/** Everything `renderTabularReport` shows; `seconds` times each part. */
export interface TabularEvaluation {
  quality: TabularQuality;
  utility?: TstrResult;
  privacy?: DcrResult;
  rows: { real: number; synthetic: number; holdout?: number };
  seconds: { quality: number; utility?: number; privacy?: number };
}

/** Scores `synthetic` against `real` (the generator's training rows), with the hold-out where given. */
export function evaluateTabular(real: TypedTable, synthetic: TypedTable, opts: TabularEvalOptions = {}): TabularEvaluation {
  if ((opts.target === undefined) !== (opts.positive === undefined)) {
    throw new Error('evaluateTabular: give both target and positive (the classifier target column and its positive category), or neither.');
  }
  if (opts.target !== undefined && !opts.holdout) throw new Error('evaluateTabular: utility needs a real hold-out table to score the classifiers on.');
  let t0 = performance.now();
  const quality = tabularQuality(real, synthetic, opts.quality);
  const res: TabularEvaluation = {
    quality,
    rows: { real: real.rows, synthetic: synthetic.rows, holdout: opts.holdout?.rows },
    seconds: { quality: (performance.now() - t0) / 1000 },
  };
  if (opts.target !== undefined && opts.positive !== undefined && opts.holdout) {
    t0 = performance.now();
    res.utility = tstr(real, synthetic, opts.holdout, opts.target, opts.positive, opts.utility);
    res.seconds.utility = (performance.now() - t0) / 1000;
  }
  if (!opts.skipPrivacy) {
    t0 = performance.now();
    res.privacy = dcrPrivacy(real, synthetic, opts.holdout);
    res.seconds.privacy = (performance.now() - t0) / 1000;
  }
  return res;
}

/** The headline numbers as a flat JSON-friendly record (NaN → null), e.g. for `--json`. */
export function tabularSummary(e: TabularEvaluation): Record<string, number | null> {
  const v = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : x);
  const out: Record<string, number | null> = {
    quality: v(e.quality.quality),
    qualityThresholded: v(e.quality.qualityThresholded),
    columnShapes: v(e.quality.columnShapes),
    columnPairTrends: v(e.quality.columnPairTrends),
    columnPairTrendsThresholded: v(e.quality.columnPairTrendsThresholded),
  };
  if (e.utility) {
    for (const side of ['synthetic', 'real'] as const) {
      for (const [kind, s] of Object.entries(e.utility[side])) {
        out[`utility.${side}.${kind}.f1`] = v(s.f1);
        out[`utility.${side}.${kind}.accuracy`] = v(s.accuracy);
        out[`utility.${side}.${kind}.auroc`] = v(s.auroc);
      }
    }
  }
  if (e.privacy) {
    out['privacy.synthetic.dcrP5'] = v(e.privacy.synthetic.p5);
    out['privacy.synthetic.dcrMedian'] = v(e.privacy.synthetic.median);
    out['privacy.exactCopyRate'] = v(e.privacy.exactCopyRate);
    if (e.privacy.holdout) {
      out['privacy.holdout.dcrP5'] = v(e.privacy.holdout.p5);
      out['privacy.holdout.dcrMedian'] = v(e.privacy.holdout.median);
      out['privacy.holdoutCopyRate'] = v(e.privacy.holdoutCopyRate);
    }
  }
  return out;
}
