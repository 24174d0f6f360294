// The likelihood recipe: minimise a model's negative (β-)ELBO or NLL with one optimizer,
// optional global-norm clipping and weight EMA (VAEs now; flows and autoregressive models later).
import { tf } from '../../engine/tf.js';
import type { Batch } from '../../data/types.js';
import type { LikelihoodModel } from '../../models/types.js';
import { Rng } from '../../random/rng.js';
import { createOptimizer } from '../optimizers.js';
import { WeightEma } from '../ema.js';
import { clipByGlobalNorm, lossAndGrads, readScalars, trainableVariables } from '../grads.js';
import type { RecipeFactory } from '../recipe.js';
import { DpSgd } from '../../privacy/dp-sgd.js';

/** Seed of the fixed noise used in held-out evaluation (so evaluations are comparable). */
const EVAL_SEED = 20240601;

/** Builds the likelihood recipe for a model that implements `loss(batch, rng)`. */
export const likelihoodRecipe: RecipeFactory = (genModel, config, rng) => {
  const model = genModel as LikelihoodModel;
  if (typeof model.loss !== 'function') throw new Error('The likelihood recipe needs a model with a loss(batch, rng) method.');
  const vars = trainableVariables(Object.values(model.networks));
  const optimizer = createOptimizer(config.train);
  const ema = config.train.ema > 0 ? new WeightEma(vars, config.train.ema) : null;
  let noise = rng;
  if (config.train.dp && config.train.gradClip > 0) throw new Error('train.gradClip and train.dp are both set: DP-SGD clips each example to train.dp.maxGradNorm; set train.gradClip=0.');
  const dp = config.train.dp ? new DpSgd(Object.values(model.networks), vars, config.train.dp, config.train, rng) : null;

  return {
    step({ batch, lr, step, datasetSize }) {
      optimizer.lr = lr;
      if (dp) {
        const d = dp.step(() => model.loss(batch, noise, 'train', step), batch.x.shape[0], step, datasetSize);
        optimizer.apply(vars, d.grads);
        d.grads.forEach((g) => g.dispose());
        model.afterStep?.();
        ema?.update();
        const out = { ...(d.loss ? { loss: d.loss.dataSync()[0] } : {}), ...readScalars(d.parts), ...d.report };
        d.loss?.dispose();
        return out;
      }
      const r = lossAndGrads(() => model.loss(batch, noise, 'train', step), vars);
      const { grads, norm } = clipByGlobalNorm(r.grads, config.train.gradClip);
      optimizer.apply(vars, grads);
      grads.forEach((g) => g.dispose());
      model.afterStep?.();
      ema?.update();
      const losses: Record<string, number> = { loss: r.loss.dataSync()[0], ...readScalars(r.parts) };
      r.loss.dispose();
      if (config.train.gradClip > 0) losses.gradNorm = norm;
      return losses;
    },

    evaluate(batches: Iterable<Batch>) {
      const evalRng = new Rng(EVAL_SEED);
      const sums: Record<string, number> = {};
      let n = 0;
      const run = () => {
        for (const batch of batches) {
          const b = batch.x.shape[0];
          const parts = tf.tidy(() => {
            const r = model.loss(batch, evalRng, 'eval');
            return { loss: r.loss, ...r.parts };
          });
          for (const [k, v] of Object.entries(readScalars(parts))) sums[k] = (sums[k] ?? 0) + v * b;
          n += b;
        }
      };
      if (ema) ema.withAveraged(run);
      else run();
      return Object.fromEntries(Object.entries(sums).map(([k, v]) => [`eval/${k}`, v / Math.max(1, n)]));
    },

    withSamplingWeights: (fn) => (ema ? ema.withAveraged(fn) : fn()),

    getState() {
      return {
        tensors: [...optimizer.getState().map((t) => ({ ...t, name: `opt/${t.name}` })), ...(ema?.getState() ?? [])],
        json: { rng: noise.state(), ...(dp ? { dpNoise: dp.getState() } : {}) },
      };
    },

    setState(state) {
      optimizer.setState(state.tensors.filter((t) => t.name.startsWith('opt/')).map((t) => ({ ...t, name: t.name.slice(4) })));
      if (ema) ema.setState(state.tensors.filter((t) => t.name.startsWith('ema/')));
      noise = new Rng(state.json.rng as ConstructorParameters<typeof Rng>[0]);
      if (dp && state.json.dpNoise) dp.setState(state.json.dpNoise as ConstructorParameters<typeof Rng>[0] & object);
    },

    dispose() {
      optimizer.dispose();
      ema?.dispose();
    },
  };
};
