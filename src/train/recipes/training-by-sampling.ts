// CTGAN's training loop (Xu et al. 2019, §4.3 "training-by-sampling"; the ctgan package's CTGAN.fit):
// a conditional vector picks a discrete column uniformly and a category ∝ log(1 + count), the critic
// sees real rows holding that category, and the generator pays a cross-entropy for missing it.
import { tf } from '../../engine/tf.js';
import { Rng } from '../../random/rng.js';
import type { Dataset } from '../../data/types.js';
import { isEncodedTableDataset, type EncodedTableDataset } from '../../data/tabular/encoded-dataset.js';
import { isConditionalTableGan } from '../../models/tabular/types.js';
import { gradientPenalty } from '../../models/gan/penalty.js';
import { createOptimizer } from '../optimizers.js';
import { WeightEma } from '../ema.js';
import { lossAndGrads, readScalars, trainableVariables } from '../grads.js';
import type { RecipeFactory } from '../recipe.js';
import { restoreTwoPlayerState, twoPlayerState } from '../two-player-state.js';

/** Conditional vectors of one batch: one-hots [B, C], the column mask [B, S], and each row's (span, category). */
export interface CondBatch {
  cond: Float32Array;
  mask: Float32Array;
  span: Int32Array;
  category: Int32Array;
}

/** Per discrete span, the probability of each category: ∝ log(1 + count) (CTGAN's default) or ∝ count. */
export function categoryProbabilities(data: EncodedTableDataset, logFrequency: boolean): Float64Array[] {
  return data.transformer.discreteSpans.map((s, j) => {
    const w = Float64Array.from({ length: s.size }, (_, k) => {
      const count = data.rowsWith(j, k).length;
      return logFrequency ? Math.log(count + 1) : count;
    });
    const total = w.reduce((a, v) => a + v, 0);
    return w.map((v) => v / total);
  });
}

/** CTGAN's `sample_condvec`: per row a span uniformly, then a category from that span's probabilities. */
export function sampleCondVectors(b: number, probs: Float64Array[], offsets: readonly number[], condDim: number, rng: Rng): CondBatch {
  const s = probs.length;
  const out: CondBatch = { cond: new Float32Array(b * condDim), mask: new Float32Array(b * s), span: new Int32Array(b), category: new Int32Array(b) };
  for (let i = 0; i < b; i++) {
    const j = rng.int(s);
    let u = rng.uniform();
    let k = 0;
    while (k < probs[j].length - 1 && u >= probs[j][k]) u -= probs[j][k++];
    out.span[i] = j;
    out.category[i] = k;
    out.mask[i * s + j] = 1;
    out.cond[i * condDim + offsets[j] + k] = 1;
  }
  return out;
}

/**
 * The ctgan package's `sample_data` on a shuffled copy of the conditions: for row i, a random training
 * row holding the category of condition perm[i]; returns those rows' indices and the permuted one-hots.
 */
export function realRowsFor(data: EncodedTableDataset, c: CondBatch, perm: Int32Array, condDim: number, rng: Rng): { indices: Int32Array; cond: Float32Array } {
  const indices = Int32Array.from(perm, (p) => {
    const rows = data.rowsWith(c.span[p], c.category[p]);
    return rows[rng.int(rows.length)];
  });
  const cond = new Float32Array(perm.length * condDim);
  perm.forEach((p, i) => cond.set(c.cond.subarray(p * condDim, (p + 1) * condDim), i * condDim));
  return { indices, cond };
}

function needTable(data: Dataset | undefined): EncodedTableDataset {
  if (!isEncodedTableDataset(data)) throw new Error('Training-by-sampling draws rows by category from the training table: it needs a table dataset (data.name=table).');
  return data;
}

/** Builds CTGAN's recipe: one critic update (WGAN-GP on packed rows) and one generator update per step. */
export const trainingBySamplingRecipe: RecipeFactory = (genModel, config, rng, dataset) => {
  if (!isConditionalTableGan(genModel)) throw new Error('The training-by-sampling recipe trains conditional table GANs (generate/discriminate/condLoss; models/tabular/types.ts), e.g. ctgan.');
  const model = genModel;
  const data = needTable(dataset);
  const train = config.train;
  const probs = categoryProbabilities(data, model.logFrequency);
  const counts = new Float32Array(Math.max(1, model.condDim));
  data.transformer.discreteSpans.forEach((s, j) => {
    for (let k = 0; k < s.size; k++) counts[model.condOffsets[j] + k] = data.rowsWith(j, k).length;
  });
  model.setCategoryCounts(counts);
  const gVars = trainableVariables([model.networks.generator]);
  const dVars = trainableVariables([model.networks.discriminator]);
  const optD = createOptimizer(train);
  const optG = createOptimizer(train);
  const ema = train.ema > 0 ? new WeightEma(gVars, train.ema) : null;
  const S = probs.length;
  let noise = rng;

  const withCond = (rows: tf.Tensor, cond: tf.Tensor) => (model.condDim > 0 ? tf.concat([rows, cond], 1) : rows);
  const noiseAndCond = (b: number, c: CondBatch) =>
    tf.tidy(() => {
      const z = noise.normalTensor([b, model.latentDim]); // [B, E]
      return model.condDim > 0 ? tf.concat([z, tf.tensor2d(c.cond, [b, model.condDim])], 1) : z; // [B, E + C]
    });

  const criticStep = (batchX: tf.Tensor): Record<string, number> => {
    const b = batchX.shape[0];
    const c1 = S > 0 ? sampleCondVectors(b, probs, model.condOffsets, model.condDim, noise) : null;
    // real rows holding the categories of a shuffled copy of the conditions (the ctgan package's perm)
    const tensors: tf.Tensor[] = [];
    try {
      let realCat: tf.Tensor;
      let cond1 = tf.zeros([b, 0]);
      tensors.push(cond1);
      if (c1) {
        const { indices, cond: c2 } = realRowsFor(data, c1, noise.permutation(b), model.condDim, noise);
        const real = data.batch(indices).x;
        cond1 = tf.tensor2d(c1.cond, [b, model.condDim]);
        const cond2 = tf.tensor2d(c2, [b, model.condDim]);
        realCat = tf.concat([real, cond2], 1);
        tensors.push(real, cond1, cond2, realCat);
      } else {
        realCat = batchX;
      }
      const zc = c1 ? noiseAndCond(b, c1) : noise.normalTensor([b, model.latentDim]);
      const fakeCat = tf.tidy(() => withCond(model.generate(zc, true, noise).rows, cond1)); // no generator gradient here
      const groups = b / model.pac;
      const alphaGroups = noise.uniformArray(groups); // one α per packed group, as the reference's calc_gradient_penalty
      const alpha = tf.tensor1d(Float32Array.from({ length: b }, (_, i) => alphaGroups[Math.floor(i / model.pac)]));
      tensors.push(zc, fakeCat, alpha);
      const r = lossAndGrads(() => {
        const lossD = tf.sub(tf.mean(model.discriminate(fakeCat, noise)), tf.mean(model.discriminate(realCat, noise))) as tf.Scalar;
        const gp = gradientPenalty((x) => model.discriminate(x, noise), realCat, fakeCat, alpha);
        return { loss: tf.add(lossD, tf.mul(gp.penalty, model.gpLambda)) as tf.Scalar, parts: { lossD, gp: gp.penalty } };
      }, dVars);
      optD.apply(dVars, r.grads);
      r.grads.forEach((g) => g.dispose());
      const out = readScalars(r.parts);
      r.loss.dispose();
      return out;
    } finally {
      tensors.forEach((t) => t.dispose());
    }
  };

  const generatorStep = (b: number): Record<string, number> => {
    const c = S > 0 ? sampleCondVectors(b, probs, model.condOffsets, model.condDim, noise) : null;
    const zc = c ? noiseAndCond(b, c) : noise.normalTensor([b, model.latentDim]);
    const cond = c ? tf.tensor2d(c.cond, [b, model.condDim]) : tf.zeros([b, 0]);
    const mask = c ? tf.tensor2d(c.mask, [b, S]) : null;
    try {
      const r = lossAndGrads(() => {
        const { raw, rows } = model.generate(zc, true, noise);
        const adv = tf.neg(tf.mean(model.discriminate(withCond(rows, cond), noise))) as tf.Scalar;
        const ce = mask ? model.condLoss(raw, cond, mask) : (tf.scalar(0) as tf.Scalar);
        return { loss: tf.add(adv, ce) as tf.Scalar, parts: { lossG: adv, condCE: ce } };
      }, gVars);
      optG.apply(gVars, r.grads);
      r.grads.forEach((g) => g.dispose());
      ema?.update();
      const out = readScalars(r.parts);
      r.loss.dispose();
      return out;
    } finally {
      zc.dispose();
      cond.dispose();
      mask?.dispose();
    }
  };

  return {
    step({ batch, lr }) {
      optD.lr = lr;
      optG.lr = lr;
      const b = batch.x.shape[0];
      if (b % model.pac !== 0) throw new Error(`Batch size ${b} is not divisible by model.pac=${model.pac}; choose train.batchSize as a multiple of it.`);
      return { ...criticStep(batch.x), ...generatorStep(b) };
    },

    withSamplingWeights: (fn) => (ema ? ema.withAveraged(fn) : fn()),

    getState: () => twoPlayerState(optD, optG, ema, noise),

    setState(state) {
      noise = restoreTwoPlayerState(state, optD, optG, ema);
    },

    dispose() {
      optD.dispose();
      optG.dispose();
      ema?.dispose();
    },
  };
};
