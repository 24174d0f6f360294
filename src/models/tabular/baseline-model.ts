// The closed-form table baselines as registry models: independent columns (each column from its own
// marginal; SDGym's IndependentSynthesizer) and the Gaussian copula (SDV's GaussianCopulaSynthesizer).
// Their fitted parameters live in one frozen weight, so runs save, load and sample like any other.
import { tf, tfl } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';
import type { TypedTable } from '../../data/tabular/types.js';
import type { TableTransformer } from '../../data/tabular/transform-types.js';
import type { DataInfo, TableSampleOptions } from '../types.js';
import type { ClosedFormTableModel } from './types.js';
import { baselineParamCount, flattenBaseline, unflattenBaseline, type BaselineKind, type BaselineParams } from './baseline-params.js';
import { fitIndependentColumns, sampleIndependentColumns } from './independent-columns.js';
import { fitGaussianCopula, sampleGaussianCopula } from './gaussian-copula.js';
import { rejectionSample, resolveConditions } from './conditions.js';
import { tableOf } from './tvae.js';

/** A closed-form baseline over a table's schema. */
export class BaselineTableModel implements ClosedFormTableModel {
  readonly networks: { params: tfl.LayersModel };
  readonly transformer: TableTransformer;
  private cache: { version: Float32Array; params: BaselineParams | null } | null = null;

  constructor(readonly kind: BaselineKind, data: DataInfo) {
    this.transformer = tableOf(data, kind === 'gaussian-copula' ? 'The Gaussian copula' : 'The independent-columns baseline');
    const unit = tfl.input({ shape: [1] });
    const units = baselineParamCount(kind, this.transformer.schema);
    const out = tfl.layers.dense({ units, useBias: false, trainable: false, kernelInitializer: 'zeros', name: 'fitted_parameters' }).apply(unit) as tfl.SymbolicTensor;
    this.networks = { params: tfl.model({ inputs: unit, outputs: out, name: 'params' }) };
  }

  /** Fits the baseline to the training table (closed form) and stores the result in its weight. */
  fit(table: TypedTable, rng: Rng): void {
    const p = this.kind === 'gaussian-copula' ? fitGaussianCopula(table, rng) : fitIndependentColumns(table);
    const w = tf.tensor2d(flattenBaseline(p), [1, baselineParamCount(this.kind, this.transformer.schema)]);
    this.networks.params.getLayer('fitted_parameters').setWeights([w]);
    w.dispose();
    this.cache = null;
  }

  /** The fitted parameters (read back from the weight); throws before a fit. */
  params(): BaselineParams {
    const [w] = this.networks.params.getLayer('fitted_parameters').getWeights();
    const v = w.dataSync() as Float32Array;
    if (!this.cache || this.cache.version.length !== v.length || this.cache.version.some((x, i) => x !== v[i])) {
      this.cache = { version: v.slice(), params: unflattenBaseline(this.kind, this.transformer.schema, v) };
    }
    if (!this.cache.params) throw new Error(`The ${this.kind} model has not been fitted: train it on a table first (genlab train ${this.kind === 'gaussian-copula' ? 'copula' : 'independent'} --data FILE.csv).`);
    return this.cache.params;
  }

  sampleTable(n: number, rng: Rng, opts: TableSampleOptions = {}): TypedTable {
    const p = this.params();
    if (p.kind === 'gaussian-copula') {
      resolveConditions(this.transformer.schema, opts.condition); // the same refusals as the other table models
      return sampleGaussianCopula(p, n, rng, { condition: opts.condition });
    }
    const conds = resolveConditions(this.transformer.schema, opts.condition);
    return rejectionSample(n, conds, this.transformer.schema, (k) => sampleIndependentColumns(p, k, rng));
  }

  /** Sampled rows in the shared encoding [n, D] (what `sample` returns for every table model). */
  sample(n: number, rng: Rng): tf.Tensor {
    const t = this.sampleTable(n, rng);
    return tf.tensor2d(this.transformer.transform(t, rng), [n, this.transformer.dim]);
  }

  dispose(): void {
    this.networks.params.dispose();
  }
}
