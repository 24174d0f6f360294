// Random Fourier features γ(x) = [sin(2π·xB), cos(2π·xB)] with a fixed Gaussian B (Tancik et al. 2020),
// letting small MLPs fit sharp low-dimensional functions (e.g. energies of tight mixtures).
import { tf, tfl, type Tensor } from '../engine/tf.js';
import type { Rng } from '../random/rng.js';
import { GenlabLayer, registerLayer } from './layer-base.js';

/** Settings of FourierFeatures. */
export interface FourierFeaturesArgs {
  name?: string;
  /** Number of frequencies m (output width 2m). */
  features: number;
}

/** [B, D] → [B, 2m]; the frequencies `freqs` [D, m] are a non-trainable weight (saved with the model). */
export class FourierFeatures extends GenlabLayer {
  static className = 'GenlabFourierFeatures';
  readonly features: number;
  private freqs!: tfl.LayerVariable;

  constructor(args: FourierFeaturesArgs) {
    super({ name: args.name });
    this.features = args.features;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const d = (inputShape as tfl.Shape)[1]!;
    this.freqs = this.addWeight('freqs', [d, this.features], 'float32', tfl.initializers.zeros(), undefined, false);
    this.built = true;
  }

  /** Draws B ~ N(0, scale²) from `rng` (call after the generic initialiser). */
  initFrequencies(rng: Rng, scale: number): void {
    const [d, m] = this.freqs.shape as number[];
    const t = tf.tidy(() => tf.mul(rng.normalTensor([d, m]), scale)); // the unscaled draw is freed too
    this.freqs.write(t);
    t.dispose();
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return [(inputShape as tfl.Shape)[0], 2 * this.features];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const p = tf.mul(tf.matMul(x, this.freqs.read()), 2 * Math.PI); // [B, m]
      return tf.concat([tf.sin(p), tf.cos(p)], 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), features: this.features };
  }
}
registerLayer(FourierFeatures);
