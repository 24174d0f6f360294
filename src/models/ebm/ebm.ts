// An energy-based model p(x) ∝ exp(−E_θ(x)) (Du & Mordatch 2019): an MLP or small conv energy
// network, sampled by short-run SGLD from uniform noise; trained by the contrastive-divergence recipe.
import { tf, tfl } from '../../engine/tf.js';
import type { Rng } from '../../random/rng.js';
import type { DataInfo, GenModel, SampleOptions } from '../types.js';
import { sgld, type SgldOptions } from '../../samplers/langevin.js';
import { heatmap, type RgbaImage } from '../../io/png.js';
import { FourierFeatures } from '../../nn/fourier-features.js';
import { EBM_SAMPLERS, type EbmModelConfig, type EbmSampler } from './config.js';

type Sym = tfl.SymbolicTensor;

/** EBM settings (the `model` section; inferred from the schema in config.ts). */
export type { EbmModelConfig, EbmSampler };
export { EBM_SAMPLERS };

function buildEnergy(cfg: EbmModelConfig, data: DataInfo): tfl.LayersModel {
  const input = tfl.input({ shape: data.shape });
  let h: Sym = input;
  const conv = cfg.arch === 'conv' || (cfg.arch === 'auto' && data.kind === 'image');
  if (conv) {
    if (data.shape.length !== 3) throw new Error(`The conv energy network needs images [H, W, C]; got [${data.shape.join(', ')}].`);
    for (const [i, m] of [1, 2, 4].entries()) {
      h = tfl.layers.conv2d({ filters: cfg.filters * m, kernelSize: 3, strides: i === 0 ? 1 : 2, padding: 'same', activation: 'swish' }).apply(h) as Sym; // [B, H/2^i, W/2^i, ·]
    }
  }
  if (data.shape.length > 1) h = tfl.layers.flatten().apply(h) as Sym;
  if (!conv && cfg.fourierFeatures > 0) h = new FourierFeatures({ features: cfg.fourierFeatures, name: 'fourier' }).apply(h) as Sym; // [B, 2m]
  for (const units of cfg.hidden) h = tfl.layers.dense({ units, activation: 'swish' }).apply(h) as Sym;
  const out = tfl.layers.dense({ units: 1 }).apply(h) as Sym; // [B, 1]
  return tfl.model({ inputs: input, outputs: out, name: 'energy' }); // reshaped to [B] by energy()
}

/** The EBM: `energy(x)` [B] and SGLD sampling. */
export class EnergyModel implements GenModel {
  readonly networks: { energy: tfl.LayersModel };
  readonly shape: number[];

  constructor(readonly cfg: EbmModelConfig, data: DataInfo) {
    if (!(cfg.box[1] > cfg.box[0])) throw new Error(`model.box must be [lo, hi] with lo < hi; got [${cfg.box.join(', ')}].`);
    this.shape = data.shape;
    this.networks = { energy: buildEnergy(cfg, data) };
  }

  /** Draws the fixed Fourier frequencies (when used) from `rng`; call after the weight initialiser. */
  initFourier(rng: Rng): void {
    const layer = this.networks.energy.layers.find((l) => l instanceof FourierFeatures) as FourierFeatures | undefined;
    layer?.initFrequencies(rng, this.cfg.fourierScale);
  }

  /** E_θ(x) for x [B, …] → [B]. */
  energy(x: tf.Tensor, training = false): tf.Tensor {
    return tf.reshape(this.networks.energy.apply(x, { training }) as tf.Tensor, [x.shape[0]]);
  }

  /** n chain starts drawn uniformly from the box [n, …]. */
  initChains(n: number, rng: Rng): tf.Tensor {
    return rng.uniformTensor([n, ...this.shape], this.cfg.box[0], this.cfg.box[1]);
  }

  /** SGLD settings for `steps` steps (noise σ defaults to the training one). */
  sgldOptions(steps: number, noise = this.cfg.noise): SgldOptions {
    return { steps, stepSize: this.cfg.stepSize, noise, gradClip: this.cfg.gradClip, clamp: this.cfg.box };
  }

  /** Runs SGLD from `x` (ownership taken) for `steps` steps. */
  langevin(x: tf.Tensor, steps: number, rng: Rng, noise?: number): tf.Tensor {
    return sgld((y) => this.energy(y), x, rng, this.sgldOptions(steps, noise));
  }

  /** n samples by SGLD from uniform noise with the opts.sampler (default cfg.sampler) settings; opts.steps overrides K. */
  sample(n: number, rng: Rng, opts: SampleOptions = {}): tf.Tensor {
    const sampler = opts.sampler ?? this.cfg.sampler;
    if (!(EBM_SAMPLERS as readonly string[]).includes(sampler)) throw new Error(`Unknown EBM sampler "${sampler}"; use ${EBM_SAMPLERS.join(' or ')}.`);
    const shortRun = sampler === 'short-run';
    const steps = opts.steps ?? (shortRun ? this.cfg.trainSteps : this.cfg.sampleSteps);
    return this.langevin(this.initChains(n, rng), steps, rng, shortRun ? this.cfg.noise : this.cfg.sampleNoise);
  }

  /** Energies on a res×res grid over [lo, hi]² (row 0 at the top = highest y), 2-D models only. */
  energyGrid(res: number, range: [number, number]): Float32Array {
    if (this.shape.length !== 1 || this.shape[0] !== 2) throw new Error('An energy landscape needs a 2-D model.');
    const [lo, hi] = range;
    const pts = new Float32Array(res * res * 2);
    for (let r = 0; r < res; r++) {
      for (let c = 0; c < res; c++) {
        pts[2 * (r * res + c)] = lo + ((hi - lo) * (c + 0.5)) / res;
        pts[2 * (r * res + c) + 1] = hi - ((hi - lo) * (r + 0.5)) / res;
      }
    }
    const e = tf.tidy(() => this.energy(tf.tensor2d(pts, [res * res, 2])));
    const v = (e.dataSync() as Float32Array).slice();
    e.dispose();
    return v;
  }

  /** The energy landscape as a viridis heatmap PNG raster (bright = high density, i.e. low energy). */
  energyLandscape(res = 128, range: [number, number] = this.cfg.box, scale = 2): RgbaImage {
    const e = this.energyGrid(res, range);
    return heatmap(e.map((v) => -v), res, res, { scale });
  }

  dispose(): void {
    this.networks.energy.dispose();
  }
}
