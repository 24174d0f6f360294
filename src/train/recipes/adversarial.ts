// The adversarial recipe: one loop for every GAN variant — n_critic discriminator updates per
// generator update (WGAN, Arjovsky et al. 2017, Algorithm 1; WGAN-GP, Gulrajani et al. 2017, Algorithm 1),
// gradient penalty, weight clipping, feature matching, two learning rates (TTUR) and a generator EMA.
import { tf } from '../../engine/tf.js';
import type { Batch } from '../../data/types.js';
import type { AdversarialModel } from '../../models/gan/types.js';
import { discriminatorLoss, featureMatchingLoss, generatorLoss } from '../../models/gan/losses.js';
import { clipWeights, gradientPenalty } from '../../models/gan/penalty.js';
import { Rng } from '../../random/rng.js';
import { createOptimizer } from '../optimizers.js';
import { WeightEma } from '../ema.js';
import { clipByGlobalNorm, lossAndGrads, readScalars, trainableVariables } from '../grads.js';
import type { RecipeFactory } from '../recipe.js';
import { restoreTwoPlayerState, twoPlayerState } from '../two-player-state.js';
import { readAdversarialOptions } from './adversarial-options.js';

function isAdversarial(m: object): m is AdversarialModel {
  const a = m as Partial<AdversarialModel>;
  return typeof a.generate === 'function' && typeof a.discriminate === 'function' && typeof a.sampleLatent === 'function' && typeof a.toModelSpace === 'function';
}

/**
 * Builds the adversarial recipe. One trainer step = one discriminator update on a fresh real batch;
 * the generator is updated on steps where step % nCritic == 0 (so `train.steps` counts critic updates).
 * Noise (z, penalty α) comes from the recipe's own Rng, whose state is checkpointed.
 */
export const adversarialRecipe: RecipeFactory = (genModel, config, rng) => {
  if (!isAdversarial(genModel)) throw new Error('The adversarial recipe needs a model with generate/discriminate/sampleLatent/toModelSpace (see models/gan/types.ts).');
  const model = genModel;
  const opts = readAdversarialOptions(config);
  const train = config.train;
  const gVars = trainableVariables([model.networks.generator]);
  const dVars = trainableVariables([model.networks.discriminator]);
  const lrD = opts.lrD ?? train.lr;
  const lrG = opts.lrG ?? train.lr;
  const optD = createOptimizer({ ...train, lr: lrD });
  const optG = createOptimizer({ ...train, lr: lrG });
  const ema = train.ema > 0 ? new WeightEma(gVars, train.ema) : null;
  let noise = rng;

  const labelsOf = (batch: Batch): tf.Tensor | undefined => {
    if (!model.conditional) return undefined;
    if (!batch.y) throw new Error('A conditional GAN trains on labelled data; this dataset has no labels.');
    return batch.y;
  };

  // D on real and generated examples; one forward pass of [real; fake] when the model allows it
  const discriminateBoth = (real: tf.Tensor, fake: tf.Tensor, labels: tf.Tensor | undefined): [tf.Tensor, tf.Tensor] => {
    if (!model.batchIndependent) return [model.discriminate(real, labels, true).logits, model.discriminate(fake, labels, true).logits];
    const both = model.discriminate(tf.concat([real, fake], 0), labels && tf.concat([labels, labels], 0), true).logits; // [2B']
    const half = both.shape[0] / 2;
    return [tf.slice(both, 0, half), tf.slice(both, half, half)];
  };

  const update = (opt: typeof optD, vars: tf.Variable[], grads: tf.Tensor[]): number => {
    if (!(train.gradClip > 0)) {
      opt.apply(vars, grads); // no norm readback when clipping is off
      grads.forEach((g) => g.dispose());
      return 0;
    }
    const clipped = clipByGlobalNorm(grads, train.gradClip);
    opt.apply(vars, clipped.grads);
    clipped.grads.forEach((g) => g.dispose());
    return clipped.norm;
  };

  // Algorithm 1 of WGAN-GP, lines 3–9: one critic update on real x, fake G(z), and x̂ between them.
  const discriminatorStep = (real: tf.Tensor, labels: tf.Tensor | undefined): Record<string, number> => {
    const b = real.shape[0];
    const fake = tf.tidy(() => model.generate(model.sampleLatent(b, noise), labels, true)); // [B, ...], no G gradient
    const alpha = opts.gpWeight > 0 ? noise.uniformTensor([b]) : null; // α ~ U[0, 1] per example
    try {
      const r = lossAndGrads((): { loss: tf.Scalar; parts: Record<string, tf.Scalar> } => {
        const [dReal, dFake] = discriminateBoth(real, fake, labels);
        const adv = discriminatorLoss(opts.loss, dReal, dFake, { labelSmoothing: opts.labelSmoothing });
        if (!alpha) return { loss: adv, parts: { lossD: adv } };
        const gp = gradientPenalty((x) => model.discriminate(x, labels, true).logits, real, fake, alpha);
        return { loss: tf.add(adv, tf.mul(gp.penalty, opts.gpWeight)) as tf.Scalar, parts: { lossD: adv, gp: gp.penalty, gradNorm: gp.gradNorm } };
      }, dVars);
      const norm = update(optD, dVars, r.grads);
      if (opts.clipValue > 0) clipWeights(dVars, opts.clipValue);
      const out = readScalars(r.parts); // lossD may be the loss tensor itself: read before disposing
      r.loss.dispose();
      if (train.gradClip > 0) out.gradNormD = norm;
      return out;
    } finally {
      fake.dispose();
      alpha?.dispose();
    }
  };

  // Algorithm 1 of WGAN-GP, lines 11–12 (or Salimans et al.'s feature matching): one generator update.
  const generatorStep = (real: tf.Tensor, labels: tf.Tensor | undefined): Record<string, number> => {
    const b = real.shape[0];
    const z = model.sampleLatent(b, noise); // [B, L]
    const realFeatures = opts.featureMatching ? tf.tidy(() => model.discriminate(real, labels, true).features) : null;
    try {
      const r = lossAndGrads(() => {
        const d = model.discriminate(model.generate(z, labels, true), labels, true);
        return { loss: realFeatures ? featureMatchingLoss(realFeatures, d.features) : generatorLoss(opts.loss, d.logits) };
      }, gVars);
      const norm = update(optG, gVars, r.grads);
      ema?.update();
      const out: Record<string, number> = { lossG: r.loss.dataSync()[0] };
      r.loss.dispose();
      if (train.gradClip > 0) out.gradNormG = norm;
      return out;
    } finally {
      z.dispose();
      realFeatures?.dispose();
    }
  };

  return {
    step({ batch, step, lr }) {
      const scale = lr / train.lr; // the LR schedule scales both players' rates alike
      optD.lr = lrD * scale;
      optG.lr = lrG * scale;
      const b = batch.x.shape[0];
      if (b % model.pac !== 0) throw new Error(`Batch size ${b} is not divisible by the packing degree model.pac=${model.pac}; choose train.batchSize as a multiple of it.`);
      const labels = labelsOf(batch);
      const real = model.toModelSpace(batch.x);
      try {
        const out = discriminatorStep(real, labels);
        if (step % opts.nCritic === 0) Object.assign(out, generatorStep(real, labels));
        return out;
      } finally {
        real.dispose();
      }
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
