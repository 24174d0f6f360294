// Group normalisation (Wu & He 2018) over [B, H, W, C] feature maps, as a tfjs layer; groups = C gives
// instance norm, groups = 1 layer norm over (H, W, C). Used by the diffusion UNet's residual blocks.
import { tf, type Tensor } from '../engine/tf.js';
import type { tfl } from '../engine/tf.js';
import { GenlabLayer, registerLayer } from './layer-base.js';
import { canFuseGroupNorm, fusedGroupNorm } from '../engine/fused-group-norm.js';

/** Settings of GroupNorm. */
export interface GroupNormArgs {
  name?: string;
  groups: number;
  epsilon?: number;
}

/** y = γ·(x − μ_g)/√(σ²_g + ε) + β with statistics per example and channel group. */
export class GroupNorm extends GenlabLayer {
  static className = 'GenlabGroupNorm';
  readonly groups: number;
  readonly epsilon: number;
  private gamma!: tfl.LayerVariable;
  private beta!: tfl.LayerVariable;

  constructor(args: GroupNormArgs) {
    super({ name: args.name });
    this.groups = args.groups;
    this.epsilon = args.epsilon ?? 1e-5;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const c = (inputShape as tfl.Shape)[3]!;
    if (c % this.groups !== 0) throw new Error(`${this.name}: ${c} channels are not divisible into ${this.groups} groups.`);
    this.gamma = this.param('gamma', [c], 'ones');
    this.beta = this.param('beta', [c]);
    this.built = true;
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      if (canFuseGroupNorm()) return fusedGroupNorm(x, this.gamma.read(), this.beta.read(), this.groups, this.epsilon); // native: one kernel each way
      const [b, h, w, c] = x.shape;
      const g = this.groups;
      const xg = tf.reshape(x, [b, h * w, g, c / g]); // [B, HW, G, C/G]
      const { mean, variance } = tf.moments(xg, [1, 3], true); // [B, 1, G, 1]
      const normed = tf.reshape(tf.div(tf.sub(xg, mean), tf.sqrt(tf.add(variance, this.epsilon))), [b, h, w, c]);
      return tf.add(tf.mul(normed, this.gamma.read()), this.beta.read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), groups: this.groups, epsilon: this.epsilon };
  }
}
registerLayer(GroupNorm);
