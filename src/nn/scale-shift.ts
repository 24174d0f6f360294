// Scale-shift conditioning ("AdaGN", Nichol & Dhariwal 2021; diffusers' time_embedding_norm =
// "scale_shift"): h·(1 + s) + b after a normalisation, with [s, b] from the embedding. Adding the
// embedding before GroupNorm instead (the DDPM default) lets the norm subtract most of it when groups
// hold few channels: a 16/32-channel MNIST UNet trained that way ignored its class label.
import { tf, type Tensor } from '../engine/tf.js';
import type { tfl } from '../engine/tf.js';
import { GenlabLayer, registerLayer } from './layer-base.js';

/** [h [B,H,W,C], e [B,1,1,2C]] → h·(1 + e[…, :C]) + e[…, C:]. */
export class ScaleShift extends GenlabLayer {
  static className = 'GenlabScaleShift';

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return (inputShape as tfl.Shape[])[0];
  }

  override call(inputs: Tensor | Tensor[]): Tensor {
    return tf.tidy(() => {
      const [h, e] = inputs as Tensor[];
      const c = h.shape[h.rank - 1];
      const [scale, shift] = tf.split(e, [c, c], e.rank - 1);
      return tf.add(tf.mul(h, tf.add(scale, 1)), shift);
    });
  }
}
registerLayer(ScaleShift);
