// Registry entries of the GAN family. Variants differ only in defaults — of the `model` networks and
// of the adversarial recipe's section (recipeDefaults) — and the cures for mode collapse are presets.
import { z } from 'zod';
import { dataSchema, seedSchema, trainSchema, withDefaults, type TrainConfig } from '../../config/common.js';
import type { DeepPartial } from '../../config/resolve.js';
import type { ModelEntry, WithRecipeSection } from '../entry.js';
import { Gan } from './gan.js';
import { initGanWeights } from './init.js';
import { ganModelSection, type GanNetConfig } from './config.js';

function ganSchema(v: Variant) {
  return z.strictObject({
    seed: seedSchema(),
    model: withDefaults(ganModelSection, v.model ?? {}).prefault({}),
    data: dataSchema(v.data),
    train: trainSchema({ evalEvery: 0, logEvery: 50, ...v.train }),
  });
}

/** GAN config: seed, model, data and train; the `adversarial` section belongs to the adversarial recipe. */
export type GanConfig = z.output<ReturnType<typeof ganSchema>>;

/** A GAN config as presets give it: the model's sections plus keys of the recipe's `adversarial` section. */
type GanPresetConfig = WithRecipeSection<GanConfig, 'adversarial'>;

/** What distinguishes one GAN registry entry from another. */
interface Variant {
  id: string;
  description: string;
  conditional?: boolean;
  model?: Partial<GanNetConfig>;
  data: { name: string };
  train: Partial<TrainConfig>;
  /** Defaults of the adversarial recipe's section (e.g. the WGAN loss). */
  adversarial?: Record<string, unknown>;
  presets: Record<string, DeepPartial<GanPresetConfig>>;
  tiny: DeepPartial<GanPresetConfig>;
  /** The preset a run gets by its data's kind when it names none (see ModelSpec.presetByDataKind). */
  byKind?: ModelEntry['presetByDataKind'];
  image: boolean;
}

function makeSpec(v: Variant): ModelEntry<GanPresetConfig> {
  const schema = ganSchema(v);
  return {
    id: v.id,
    family: 'gan',
    description: v.description,
    schema,
    presets: { tiny: v.tiny, ...v.presets },
    presetByDataKind: v.byKind,
    capabilities: { data: ['vector', 'image'], conditional: Boolean(v.conditional), output: v.image ? 'image' : 'points', latent: false, likelihood: false },
    recipe: 'adversarial',
    recipeDefaults: v.adversarial,
    create(config, rng, data) {
      const gan = new Gan(config.model, data, Boolean(v.conditional));
      initGanWeights(Object.values(gan.networks), rng, config.model.init);
      return gan;
    },
  };
}

// Toy 2-D defaults: data divided by 2.83 (the grid's per-axis std, as in the WGAN-GP authors' toy
// script), batch 128, Adam(1e-3, β1 0.5) with cosine decay — the budget of `genlab bench modes`.
const TOY_TRAIN: Partial<TrainConfig> = { steps: 4000, batchSize: 128, lr: 1e-3, beta1: 0.5, beta2: 0.999, lrSchedule: 'cosine', checkpointEvery: 0 };
const TOY_TINY: DeepPartial<GanPresetConfig> = {
  model: { gHidden: [16, 16], dHidden: [16, 16] },
  data: { trainSize: 256, testSize: 64 },
  train: { steps: 20, batchSize: 16, logEvery: 5 },
};

// The toy recipe of the plain GAN (MLP networks on 2-D / vector data), for the image entries' vector runs.
const TOY_GAN: DeepPartial<GanPresetConfig> = {
  model: { arch: 'auto', latentDim: 2, gNorm: 'none', dNorm: 'none', spectralNorm: false, init: 'glorot' },
  adversarial: { loss: 'non-saturating' },
  train: { ...TOY_TRAIN, ema: 0 },
};

// The dcgan entry's networks and budget (README: FID 61.9 on 64×64 emoji after 954 steps; the MNIST
// recipe): what the vector-first entries train on images.
const DCGAN_NETS: Partial<GanNetConfig> = { arch: 'dcgan', latentDim: 64, gNorm: 'batch', dNorm: 'batch', init: 'dcgan', gFilters: 32, dFilters: 32 };
const DCGAN_TRAIN: Partial<TrainConfig> = { steps: 2500, batchSize: 64, lr: 2e-4, beta1: 0.5, beta2: 0.999, lrSchedule: 'constant', checkpointEvery: 500, ema: 0.995 };

/** The mode-collapse cures, as presets of the plain GAN (benchmarked by `genlab bench modes`). */
const CURES: Record<string, DeepPartial<GanPresetConfig>> = {
  /** Minibatch discrimination, 5 kernels of dimension 3 (Salimans et al. 2016). */
  mbdisc: { model: { minibatchDiscrimination: 5, mbdKernelDim: 3 } },
  /** Minibatch standard deviation, groups of 4 (Karras et al. 2018). */
  mbstd: { model: { minibatchStddev: 4 } },
  /** Feature matching on D's last hidden layer (Salimans et al. 2016). */
  fm: { adversarial: { featureMatching: true } },
  /** PacGAN with two packed samples (Lin et al. 2018). */
  pac2: { model: { pac: 2 } },
  /** Hinge loss with a spectrally normalised discriminator (Miyato et al. 2018). */
  'hinge-sn': { model: { spectralNorm: true }, adversarial: { loss: 'hinge' } },
  /** Two time-scale update rule: D learns 4× faster than G (Heusel et al. 2017). */
  ttur: { adversarial: { lrD: 2e-3, lrG: 5e-4 } },
  /** Exponential moving average of the generator weights for sampling (Yazıcı et al. 2019). */
  ema: { train: { ema: 0.99 } },
  /** Least-squares GAN (Mao et al. 2017). */
  lsgan: { adversarial: { loss: 'least-squares' } },
};

/** Every GAN registry entry (the registry spreads this list). */
export const GAN_SPECS: ModelEntry<GanPresetConfig>[] = [
  makeSpec({
    id: 'gan',
    description: 'GAN (non-saturating; MLP on 2-D / vector data, DCGAN on images); presets add the mode-collapse cures',
    data: { name: 'grid-25' },
    train: TOY_TRAIN,
    image: false,
    tiny: TOY_TINY,
    presets: { ...CURES, images: { model: DCGAN_NETS, train: DCGAN_TRAIN } },
    byKind: { image: 'images' },
  }),
  makeSpec({
    id: 'wgan',
    description: 'Wasserstein GAN with weight clipping (RMSProp 5e-5, n_critic 5, clip 0.01; Arjovsky et al. 2017)',
    data: { name: 'grid-25' },
    train: { ...TOY_TRAIN, steps: 10000, optimizer: 'rmsprop', lr: 5e-5, beta2: 0.99, lrSchedule: 'constant' },
    adversarial: { loss: 'wasserstein', nCritic: 5, clipValue: 0.01 },
    image: false,
    tiny: TOY_TINY,
    // images: the paper's DCGAN critic (with batch norm) and generator, batch 64, the entry's optimizer
    presets: { images: { model: DCGAN_NETS, train: { batchSize: 64, checkpointEvery: 500 } } },
    byKind: { image: 'images' },
  }),
  makeSpec({
    id: 'wgan-gp',
    description: 'Wasserstein GAN with gradient penalty (λ 10, n_critic 5, Adam 1e-4, β (0, 0.9); Gulrajani et al. 2017)',
    data: { name: 'grid-25' },
    train: { ...TOY_TRAIN, steps: 40000, lr: 1e-4, beta1: 0, beta2: 0.9, lrSchedule: 'constant' },
    adversarial: { loss: 'wasserstein', nCritic: 5, gpWeight: 10 },
    image: false,
    tiny: TOY_TINY,
    presets: {
      // the WGAN-GP authors' toy setting (gan_toy.py: λ = 0.1, Adam β = (0.5, 0.9), a 512-wide generator)
      // with a 20× learning rate, cosine decay and a generator EMA, so 30k critic steps (6k generator steps)
      // replace their 500k (20k left the grid at ~80 % high-quality samples, 30k at ~88 %). He init: Glorot starts the generator as a ~0.1-std blob (collapsed before training).
      // Width: what is left after coverage is samples on the ramps between modes (a continuous map of a
      // connected latent); Adam steepens a ramp by ~lr per unit per step, so by ∝ width per step.
      toy: {
        model: { init: 'he', gHidden: [512, 512, 512] },
        train: { steps: 30000, lr: 2e-3, beta1: 0.5, beta2: 0.9, lrSchedule: 'cosine', ema: 0.99 },
        adversarial: { gpWeight: 0.1 },
      },
      // images: the DCGAN networks without the critic's batch norm (the penalty is per example), batch 64
      images: { model: { ...DCGAN_NETS, dNorm: 'none' }, train: { batchSize: 64, checkpointEvery: 500 } },
    },
    byKind: { vector: 'toy', image: 'images' },
  }),
  makeSpec({
    id: 'dcgan',
    description: 'DCGAN (Radford et al. 2016): conv generator/discriminator with batch norm, for 28×28 / 32×32 / 64×64 images',
    model: DCGAN_NETS,
    data: { name: 'mnist' },
    train: DCGAN_TRAIN,
    image: true,
    tiny: { model: { latentDim: 8, gFilters: 4, dFilters: 4 }, data: { trainSize: 64, testSize: 16 }, train: { steps: 20, batchSize: 8, logEvery: 5, checkpointEvery: 0 } },
    presets: { toy: TOY_GAN },
    byKind: { vector: 'toy' },
  }),
  makeSpec({
    id: 'cgan',
    description: 'Conditional DCGAN: label embedding in the generator, projection discriminator (Miyato & Koyama 2018)',
    conditional: true,
    model: { ...DCGAN_NETS, dNorm: 'none', spectralNorm: true },
    data: { name: 'mnist' },
    train: DCGAN_TRAIN,
    adversarial: { loss: 'hinge' },
    image: true,
    tiny: { model: { latentDim: 8, gFilters: 4, dFilters: 4, labelEmbedding: 4 }, data: { trainSize: 64, testSize: 16 }, train: { steps: 20, batchSize: 8, logEvery: 5, checkpointEvery: 0 } },
    // vector data (labelled toy mixtures, CSV rows with a label column): the plain GAN's toy recipe with labels
    presets: { toy: TOY_GAN },
    byKind: { vector: 'toy' },
  }),
];
