// Contrastive divergence with short-run SGLD negatives and a replay buffer (Du & Mordatch 2019, §3.1,
// Algorithm 1): L = E(x⁺) − E(x⁻) + α·(E(x⁺)² + E(x⁻)²); 95 % of chains restart from the buffer.
import { z } from 'zod';
import { tf } from '../../engine/tf.js';
import { withDefaults } from '../../config/common.js';
import { ConfigError, validateConfig } from '../../config/resolve.js';
import type { EnergyModel } from '../../models/ebm/ebm.js';
import { Rng } from '../../random/rng.js';
import { createOptimizer } from '../optimizers.js';
import { WeightEma } from '../ema.js';
import { clipByGlobalNorm, lossAndGrads, trainableVariables } from '../grads.js';
import type { RecipeFactory } from '../recipe.js';

/** The `cd` config section, owned by this recipe, with the defaults of Du & Mordatch 2019. */
export const cdSection = z.strictObject({
  bufferSize: z.number().int().positive().default(10000).describe('Replay-buffer capacity (examples).'),
  reinit: z.number().min(0).max(1).default(0.05).describe('Probability that a chain restarts from uniform noise instead of the buffer.'),
  alpha: z.number().min(0).default(1).describe('Weight α of the energy-magnitude regulariser α·(E(x⁺)² + E(x⁻)²).'),
});

/** CD settings read from the config's `cd` section. */
export type CdOptions = z.output<typeof cdSection>;

/** Defaults of Du & Mordatch 2019 (buffer 10,000, 5 % restarts, α = 1). */
export const CD_DEFAULTS: CdOptions = cdSection.parse({});

/** Schema of the `cd` section, with a model's own defaults. */
export function cdSchema(defaults: Partial<CdOptions> = {}) {
  return withDefaults(cdSection, defaults).prefault({});
}

/** Builds the CD recipe for an EnergyModel; the buffer and its Rng are part of the checkpointed state. */
export const contrastiveDivergenceRecipe: RecipeFactory = (genModel, config, rng) => {
  const model = genModel as EnergyModel;
  if (typeof model.energy !== 'function' || typeof model.langevin !== 'function') throw new Error('The contrastive-divergence recipe needs an energy model.');
  const section = (config as { cd?: unknown }).cd;
  if (section === undefined) throw new ConfigError("The contrastive-divergence recipe reads the config's `cd` section, which is missing: resolve the config with the registry's spec.");
  const cd = validateConfig(z.strictObject({ cd: cdSchema() }), { cd: section }).cd;
  const vars = trainableVariables(Object.values(model.networks));
  const optimizer = createOptimizer(config.train);
  const ema = config.train.ema > 0 ? new WeightEma(vars, config.train.ema) : null;
  let noise = rng;
  let buffer: tf.Variable = tf.tidy(() => tf.variable(model.initChains(cd.bufferSize, noise.fork('buffer')), false)); // [N, …]

  return {
    step({ batch, lr }) {
      optimizer.lr = lr;
      const b = batch.x.shape[0];
      // 1. chain starts: buffer entries, or (prob. `reinit`) fresh uniform noise
      const idx = Array.from({ length: b }, () => noise.int(cd.bufferSize));
      const fresh = idx.map(() => noise.uniform() < cd.reinit);
      const start = tf.tidy(() => {
        const fromBuf = tf.gather(buffer, tf.tensor1d(idx, 'int32'));
        const mask = tf.reshape(tf.tensor1d(fresh.map((f) => (f ? 1 : 0))), [b, ...model.shape.map(() => 1)]);
        return tf.add(tf.mul(mask, model.initChains(b, noise)), tf.mul(tf.sub(1, mask), fromBuf));
      });
      // 2. K SGLD steps (eq. 2) on the current energy; negatives are constants for the update
      const neg = model.langevin(start, model.cfg.trainSteps, noise);
      // 3. write the chains back into the buffer
      tf.tidy(() => {
        const flat = tf.reshape(buffer, [cd.bufferSize, -1]);
        const upd = tf.scatterND(tf.tensor2d(idx, [b, 1], 'int32'), tf.reshape(neg, [b, -1]), flat.shape as [number, number]);
        const hit = tf.scatterND(tf.tensor2d(idx, [b, 1], 'int32'), tf.ones([b, 1]), [cd.bufferSize, 1]);
        const keep = tf.cast(tf.equal(hit, 0), 'float32');
        // duplicate indices sum in scatterND; divide by the hit count so the entry stays a valid point
        buffer.assign(tf.reshape(tf.add(tf.mul(flat, keep), tf.div(upd, tf.maximum(hit, 1))), buffer.shape));
      });
      // 4. L = mean E(x⁺) − mean E(x⁻) + α·(mean E(x⁺)² + mean E(x⁻)²)
      const r = lossAndGrads(() => {
        const ePos = model.energy(batch.x, true);
        const eNeg = model.energy(neg, true);
        const cdTerm = tf.sub(tf.mean(ePos), tf.mean(eNeg)) as tf.Scalar;
        const reg = tf.add(tf.mean(tf.square(ePos)), tf.mean(tf.square(eNeg))) as tf.Scalar;
        return { loss: tf.add(cdTerm, tf.mul(reg, cd.alpha)) as tf.Scalar, parts: { cd: cdTerm, reg } };
      }, vars);
      neg.dispose();
      const { grads, norm } = clipByGlobalNorm(r.grads, config.train.gradClip);
      optimizer.apply(vars, grads);
      grads.forEach((g) => g.dispose());
      ema?.update();
      const out: Record<string, number> = { loss: r.loss.dataSync()[0] };
      for (const [k, v] of Object.entries(r.parts)) {
        out[k] = v.dataSync()[0];
        v.dispose();
      }
      r.loss.dispose();
      if (config.train.gradClip > 0) out.gradNorm = norm;
      return out;
    },

    withSamplingWeights: (fn) => (ema ? ema.withAveraged(fn) : fn()),

    getState() {
      return {
        tensors: [...optimizer.getState().map((t) => ({ ...t, name: `opt/${t.name}` })), ...(ema?.getState() ?? []), { name: 'cd/buffer', tensor: tf.clone(buffer) }],
        json: { rng: noise.state() },
      };
    },

    setState(state) {
      optimizer.setState(state.tensors.filter((t) => t.name.startsWith('opt/')).map((t) => ({ ...t, name: t.name.slice(4) })));
      if (ema) ema.setState(state.tensors.filter((t) => t.name.startsWith('ema/')));
      const buf = state.tensors.find((t) => t.name === 'cd/buffer');
      if (!buf) throw new Error('Checkpoint lacks the contrastive-divergence replay buffer (cd/buffer).');
      buffer.assign(buf.tensor);
      noise = new Rng(state.json.rng as ConstructorParameters<typeof Rng>[0]);
    },

    dispose() {
      optimizer.dispose();
      ema?.dispose();
      buffer.dispose();
    },
  };
};
