// The arguments a tabular twin (bench/torch/ctgan_step.py, tvae_step.py) needs to build the same
// networks on the same encoded layout as genlab's run: the fitted transformer's spans, the discrete
// spans of CTGAN's conditional vector, the model section's widths and the optimiser settings.
import type { SpanInfo, DiscreteSpan } from '../../src/data/tabular/transform-types.js';

/** The part of a CTGAN/TVAE model the twin arguments read. */
export interface TableStepModel {
  transformer: { dim: number; spans: readonly SpanInfo[]; discreteSpans: readonly DiscreteSpan[] };
}

/** Spans as `t1,s10,…` (tanh/softmax and width, in row order). */
export const spanCode = (spans: readonly SpanInfo[]): string => spans.map((s) => `${s.activation === 'tanh' ? 't' : 's'}${s.dim}`).join(',');

/** Discrete spans as `offset:size,…` (the conditional vector's blocks, in order). */
export const discreteCode = (spans: readonly DiscreteSpan[]): string => spans.map((s) => `${s.offset}:${s.size}`).join(',');

const value = (v: unknown): string => {
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'number') return String(v);
  throw new Error(`twin argument: expected a number or a list of numbers, got ${JSON.stringify(v)}`);
};

/**
 * `--spans … --discrete … --batch B --rows N` plus `--KEY value` for each listed model and train key
 * (config names, lists comma-joined); the twin's argparse takes exactly these names.
 */
export function tableTwinArgs(
  model: TableStepModel,
  config: { model: Record<string, unknown>; train: Record<string, unknown> },
  keys: { model: string[]; train: string[] },
  rows: number,
): string[] {
  const t = model.transformer;
  const args = ['--spans', spanCode(t.spans), '--discrete', discreteCode(t.discreteSpans), '--rows', String(rows)];
  for (const k of keys.model) args.push(`--${k}`, value(config.model[k]));
  for (const k of keys.train) args.push(`--${k}`, value(config.train[k]));
  return args;
}
