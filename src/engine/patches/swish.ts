// tfjs-layers' 'swish' activation computes σ(x·α)·x, with a multiply by α = 1 and a composed
// gradient; genlab re-registers the name so models built with activation 'swish' (the diffusion UNet)
// run silu(x) — the fused kernel on native (src/engine/fused-activations.ts), x·σ(x) elsewhere. Saved models
// keep the class name 'swish', so they load with or without genlab.
import { tf } from '../tf.js';
import { silu } from '../fused-activations.js';

/** The swish activation, as tfjs-layers' class of the same name. */
class GenlabSwish extends tf.serialization.Serializable {
  static className = 'swish';

  apply(x: tf.Tensor, alpha = 1): tf.Tensor {
    return alpha === 1 ? silu(x) : tf.tidy(() => tf.mul(tf.sigmoid(tf.mul(x, alpha)), x));
  }

  getConfig(): tf.serialization.ConfigDict {
    return {};
  }
}

/** Makes 'swish' in layer configs resolve to GenlabSwish (idempotent). */
export function patchLayersSwish(): void {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap.swish;
  if (entry?.[0] === GenlabSwish) return;
  tf.serialization.registerClass(GenlabSwish);
}
