// Batched per-example gradient clipping (Goodfellow 2015, "Efficient per-example gradient computations"):
// zero probes on each layer's pre-activation give every δ_i in one backward pass; taps.ts does the per-layer maths.
import { tf, tfl } from '../engine/tf.js';
import { TAPS, type Tap } from './taps.js';

function leafLayers(layer: tfl.layers.Layer): tfl.layers.Layer[] {
  const inner = (layer as unknown as { layers?: tfl.layers.Layer[] }).layers;
  return Array.isArray(inner) ? inner.flatMap(leafLayers) : [layer];
}

/**
 * The taps covering `vars` (the recipe's trainable variables, in order). A trainable variable of a layer
 * with no tap (see TAPS: Dense, Conv2D) is an error naming its layer.
 */
export function layerTaps(networks: tfl.LayersModel[], vars: tf.Variable[]): Tap[] {
  const owner = new Map<string, tfl.layers.Layer>();
  for (const layer of networks.flatMap(leafLayers)) {
    for (const w of layer.trainableWeights) owner.set((w.read() as tf.Variable).name, layer);
  }
  const taps = new Map<tfl.layers.Layer, Tap>();
  for (const v of vars) {
    const layer = owner.get(v.name);
    if (!layer) throw new Error(`DP-SGD: variable ${v.name} belongs to no layer of the model's networks.`);
    if (taps.has(layer)) continue;
    const make = TAPS[layer.getClassName()];
    if (!make) {
      throw new Error(
        `DP-SGD per-example clipping supports ${Object.keys(TAPS).join(' and ')} layers only; layer '${layer.name}' (${layer.getClassName()}) has trainable weights. ` +
          'Use a network built from those layers or freeze that one.',
      );
    }
    taps.set(layer, make(layer));
  }
  return [...taps.values()];
}

/** Settings of one private gradient: clipping norm C, noise multiplier σ and the divisor of the sum. */
export interface DpGradOptions {
  maxGradNorm: number;
  noiseMultiplier: number;
  /** The sum of clipped gradients is divided by this: q·N under Poisson sampling, B for fixed batches. */
  denominator: number;
  /** Standard normals for the noise, [n] → tensor (the seeded Rng's normalTensor). */
  normal?: (shape: number[]) => tf.Tensor;
}

/** A private gradient: noisy clipped mean gradients aligned with `vars`, per-example norms [B], the loss. */
export interface DpGrads {
  grads: tf.Tensor[];
  /** Unclipped per-example gradient norms ‖g_i‖ (over all taps). */
  norms: Float32Array;
  loss: tf.Scalar;
  parts: Record<string, tf.Scalar>;
}

/**
 * Runs `lossFn` (a batch MEAN of per-example losses over `batchSize` examples; no batch statistics) with a
 * zero probe added to each tapped pre-activation (Dense z = aW + b, Conv2D z = a ⊛ W + b), so one backward
 * pass gives δ_i = ∂ℓ_i/∂z_i for every layer; then clips each example's gradient to `maxGradNorm`, sums,
 * adds N(0, σ²C²) and divides.
 */
export function dpGradients(
  lossFn: () => { loss: tf.Scalar; parts?: Record<string, tf.Scalar> },
  taps: Tap[],
  vars: tf.Variable[],
  batchSize: number,
  o: DpGradOptions,
): DpGrads {
  const inputs: (tf.Tensor | null)[] = taps.map(() => null);
  let parts: Record<string, tf.Scalar> = {};
  type Callable = { call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor | tf.Tensor[] };
  const ownCall = taps.map((t) => Object.prototype.hasOwnProperty.call(t.layer, 'call'));
  const originals = taps.map((t) => (t.layer as unknown as Callable).call);
  if (o.noiseMultiplier > 0 && !o.normal) throw new Error('DP-SGD: noise needs a source of standard normals (options.normal).');
  const run = (...probes: tf.Tensor[]): tf.Scalar => {
    taps.forEach((t, k) => {
      (t.layer as unknown as Callable).call = (x) => {
        const a = Array.isArray(x) ? x[0] : x; // [B, ...]
        if (a.shape[0] !== batchSize) throw new Error(`DP-SGD: layer '${t.layer.name}' got a batch of ${a.shape[0]}, expected ${batchSize}.`);
        if (inputs[k]) throw new Error(`DP-SGD: layer '${t.layer.name}' is applied twice in one loss (shared weights are not supported).`);
        inputs[k] = tf.keep(tf.clone(a)); // a clone: the first layer's input is the caller's batch
        return t.forward(a, probes[k]);
      };
    });
    const r = lossFn();
    parts = Object.fromEntries(Object.entries(r.parts ?? {}).map(([k, v]) => [k, tf.keep(v)]));
    return tf.mul(r.loss, batchSize) as tf.Scalar; // Σ_i ℓ_i, so the probe gradients are per-example δ_i
  };
  let value: tf.Scalar;
  let deltas: tf.Tensor[];
  try {
    const probes = taps.map((t) => tf.zeros(t.probeShape(batchSize))); // the pre-activation's shape
    const r = tf.valueAndGrads(run)(probes);
    probes.forEach((p) => p.dispose());
    value = r.value;
    deltas = r.grads; // each shaped like its probe
  } catch (e) {
    inputs.forEach((a) => a?.dispose());
    Object.values(parts).forEach((v) => v.dispose());
    throw e;
  } finally {
    taps.forEach((t, k) => {
      if (ownCall[k]) (t.layer as unknown as Callable).call = originals[k];
      else delete (t.layer as unknown as Partial<Callable>).call; // back to the prototype's
    });
  }
  const missing = taps.findIndex((_, k) => !inputs[k]);
  if (missing >= 0) {
    inputs.forEach((a) => a?.dispose());
    deltas.forEach((d) => d.dispose());
    throw new Error(`DP-SGD: layer '${taps[missing].layer.name}' was not used by the loss.`);
  }
  const { grads, norms } = clipAndNoise(inputs as tf.Tensor[], deltas, taps, vars, o);
  inputs.forEach((a) => a!.dispose());
  deltas.forEach((d) => d.dispose());
  const loss = tf.tidy(() => tf.div(value, batchSize)) as tf.Scalar;
  value.dispose();
  return { grads, norms, loss, parts };
}

// Per-example norms from the layer inputs a [B, in] and output gradients δ [B, out], then Σ c_i g_i + noise.
function clipAndNoise(inputs: tf.Tensor[], deltas: tf.Tensor[], taps: Tap[], vars: tf.Variable[], o: DpGradOptions) {
  const byVar = new Map<string, tf.Tensor>();
  let norms!: Float32Array;
  const kept = tf.tidy(() => {
    const per = taps.map((t, k) => t.grads(inputs[k], deltas[k]));
    const norm = tf.sqrt(tf.addN(per.map((p) => p.sqNorms))); // [B]
    const c = tf.minimum(tf.div(o.maxGradNorm, tf.add(norm, 1e-6)), 1); // [B], Opacus's C/(‖g‖ + 1e-6)
    const out: tf.Tensor[] = [norm];
    per.forEach((p) => {
      const sums = p.clippedSums(c);
      out.push(sums.kernel);
      if (sums.bias) out.push(sums.bias);
    });
    return out;
  });
  norms = kept[0].dataSync() as Float32Array;
  kept[0].dispose();
  let i = 1;
  for (const t of taps) {
    byVar.set(t.kernel.name, kept[i++]);
    if (t.bias) byVar.set(t.bias.name, kept[i++]);
  }
  const std = o.noiseMultiplier * o.maxGradNorm;
  const grads = vars.map((v) => {
    const sum = byVar.get(v.name);
    if (!sum) throw new Error(`DP-SGD: variable ${v.name} has no tap.`);
    const g = tf.tidy(() => {
      const noisy = std > 0 ? tf.add(sum, tf.mul(o.normal!(sum.shape), std)) : sum;
      return tf.div(noisy, o.denominator);
    });
    sum.dispose();
    return g;
  });
  return { grads, norms };
}
