// Spectral normalisation (Miyato et al. 2018, Algorithm 1): a layer's kernel is divided by its largest
// singular value σ(W), estimated by power iteration with u and v kept between calls (torch's spectral_norm).
import { tf, tfl } from '../engine/tf.js';

/** Floor of a vector norm before division, as in torch.nn.functional.normalize. */
const NORM_EPS = 1e-12;

/** Identity forward, zero gradient (torch's `with torch.no_grad()` for the power iteration). */
export const stopGradient = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.mul(x, 1), // a fresh buffer (wasm's matmul caches right operands by buffer, whatever their shape)
  gradFunc: (dy: tf.Tensor | tf.Tensor[]) => [tf.zerosLike(dy as tf.Tensor)],
})) as unknown as Parameters<typeof tf.customGrad>[0]) as (x: tf.Tensor) => tf.Tensor;

/** x / max(‖x‖₂, 1e-12) for a vector x [n]. */
export function l2Normalize(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.div(x, tf.maximum(tf.sqrt(tf.sum(tf.square(x))), NORM_EPS)));
}

/** Result of `powerIteration`: the updated vectors and σ ≈ vᵀ W u. */
export interface PowerIterationResult {
  /** Right singular vector estimate [n]. */
  u: tf.Tensor1D;
  /** Left singular vector estimate [m]. */
  v: tf.Tensor1D;
  /** Largest singular value estimate (a scalar that carries W's gradient; u and v do not). */
  sigma: tf.Scalar;
}

/**
 * Runs `iterations` power-iteration steps on W [m, n] from u [n]: v ← W u / ‖W u‖, u ← Wᵀ v / ‖Wᵀ v‖,
 * then σ = vᵀ W u (Miyato et al. 2018, Algorithm 1; u and v are treated as constants for the gradient).
 */
export function powerIteration(w: tf.Tensor2D, u0: tf.Tensor1D, iterations: number): PowerIterationResult {
  if (!(iterations >= 1)) throw new Error(`powerIteration needs at least 1 iteration, got ${iterations}.`);
  return tf.tidy(() => {
    const [m, n] = w.shape;
    const wc = stopGradient(w); // [m, n]
    let u: tf.Tensor = stopGradient(u0);
    let v: tf.Tensor = u;
    for (let i = 0; i < iterations; i++) {
      v = l2Normalize(tf.reshape(tf.matMul(wc, tf.reshape(u, [n, 1])), [m])); // [m]
      u = l2Normalize(tf.reshape(tf.matMul(tf.reshape(v, [1, m]), wc), [n])); // [n] (Wᵀv without transposeA)
    }
    const sigma = spectralSigma(w, u as tf.Tensor1D, v as tf.Tensor1D);
    return { u: u as tf.Tensor1D, v: v as tf.Tensor1D, sigma };
  });
}

/** σ = vᵀ W u for W [m, n], u [n], v [m]; differentiable in W only. */
export function spectralSigma(w: tf.Tensor2D, u: tf.Tensor1D, v: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const [m, n] = w.shape;
    return tf.sum(tf.mul(tf.reshape(tf.matMul(w, tf.reshape(u, [n, 1])), [m]), v)) as tf.Scalar;
  });
}

/** Settings shared by the spectrally normalised layers. */
export interface SpectralArgs {
  /** Power-iteration steps per training call (Miyato et al. use 1, persisting u across steps). */
  powerIterations?: number;
  name?: string;
}

type Kwargs = { training?: boolean };

/** Base of the SN layers: owns u [out] and v [rows = k·k·in] (torch's layout) and the normalised kernel. */
abstract class SpectralLayer extends tfl.layers.Layer {
  protected kernel!: tfl.LayerVariable;
  protected bias!: tfl.LayerVariable;
  protected u!: tfl.LayerVariable;
  protected v!: tfl.LayerVariable;
  readonly powerIterations: number;

  constructor(args: SpectralArgs) {
    super({ name: args.name });
    this.powerIterations = args.powerIterations ?? 1;
  }

  protected addSpectralWeights(kernelShape: number[]): void {
    const out = kernelShape[kernelShape.length - 1];
    const rows = kernelShape.slice(0, -1).reduce((a, b) => a * b, 1);
    this.kernel = this.addWeight('kernel', kernelShape, 'float32', tfl.initializers.glorotUniform({}));
    this.bias = this.addWeight('bias', [out], 'float32', tfl.initializers.zeros());
    // u, v: singular-vector estimates, not trained (spec.create draws them as random unit vectors)
    this.u = this.addWeight('sn_u', [out], 'float32', tfl.initializers.ones(), undefined, false);
    this.v = this.addWeight('sn_v', [rows], 'float32', tfl.initializers.ones(), undefined, false);
  }

  /** Writes random unit vectors into u and v (from explicit normals, so init stays seeded). */
  resetVectors(uNormals: Float32Array, vNormals: Float32Array): void {
    tf.tidy(() => {
      this.u.write(l2Normalize(tf.tensor1d(uNormals)));
      this.v.write(l2Normalize(tf.tensor1d(vNormals)));
    });
  }

  /** Sizes of u and v, for callers drawing their initial values. */
  vectorSizes(): { u: number; v: number } {
    return { u: this.u.shape[0] as number, v: this.v.shape[0] as number };
  }

  /** The largest singular value of the kernel as currently estimated (u, v as stored). */
  sigma(): number {
    const s = tf.tidy(() => {
      const k = this.kernel.read();
      const w = tf.reshape(k, [-1, k.shape[k.shape.length - 1]]) as tf.Tensor2D;
      return spectralSigma(w, this.u.read() as tf.Tensor1D, this.v.read() as tf.Tensor1D);
    });
    const value = s.dataSync()[0];
    s.dispose();
    return value;
  }

  /** W / σ(W); in training, one power-iteration update of u and v first (as torch does per forward). */
  protected normalizedKernel(kwargs: Kwargs): tf.Tensor {
    const k = this.kernel.read(); // [..., out]
    const w = tf.reshape(k, [-1, k.shape[k.shape.length - 1]]) as tf.Tensor2D; // [rows, out]
    let sigma: tf.Scalar;
    if (kwargs.training) {
      const r = powerIteration(w, this.u.read() as tf.Tensor1D, this.powerIterations);
      this.u.write(r.u);
      this.v.write(r.v);
      sigma = r.sigma;
      r.u.dispose();
      r.v.dispose();
    } else {
      sigma = spectralSigma(w, tf.clone(this.u.read()) as tf.Tensor1D, tf.clone(this.v.read()) as tf.Tensor1D);
    }
    return tf.div(k, sigma);
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), powerIterations: this.powerIterations };
  }
}

/** Arguments of SNDense. */
export interface SNDenseArgs extends SpectralArgs {
  units: number;
  useBias?: boolean;
}

/** A dense layer whose kernel is spectrally normalised: x [B, in] → [B, units]. */
export class SNDense extends SpectralLayer {
  static className = 'GenlabSNDense';
  readonly units: number;

  constructor(args: SNDenseArgs) {
    super(args);
    this.units = args.units;
  }

  build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = inputShape as tfl.Shape;
    this.addSpectralWeights([shape[shape.length - 1] as number, this.units]);
    this.built = true;
  }

  computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return [...(inputShape as tfl.Shape).slice(0, -1), this.units];
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs; // [B, in]
      return tf.add(tf.matMul(x, this.normalizedKernel(kwargs)), this.bias.read()); // [B, units]
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units };
  }
}

/** Arguments of SNConv2D. */
export interface SNConv2DArgs extends SpectralArgs {
  filters: number;
  kernelSize: number;
  strides?: number;
  padding?: 'same' | 'valid';
}

/** A 2-D convolution with a spectrally normalised kernel: x [B, H, W, Cin] → [B, H', W', filters]. */
export class SNConv2D extends SpectralLayer {
  static className = 'GenlabSNConv2D';
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly padding: 'same' | 'valid';

  constructor(args: SNConv2DArgs) {
    super(args);
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.strides = args.strides ?? 1;
    this.padding = args.padding ?? 'same';
  }

  build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = inputShape as tfl.Shape;
    const k = this.kernelSize;
    this.addSpectralWeights([k, k, shape[shape.length - 1] as number, this.filters]);
    this.built = true;
  }

  computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const [b, h, w] = inputShape as number[];
    const size = (n: number) => (this.padding === 'same' ? Math.ceil(n / this.strides) : Math.floor((n - this.kernelSize) / this.strides) + 1);
    return [b, size(h), size(w), this.filters];
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D; // [B, H, W, Cin]
      const y = tf.conv2d(x, this.normalizedKernel(kwargs) as tf.Tensor4D, this.strides, this.padding);
      return tf.add(y, this.bias.read()); // [B, H', W', filters]
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, kernelSize: this.kernelSize, strides: this.strides, padding: this.padding };
  }
}

/** True for layers built by this module. */
export function isSpectralLayer(layer: unknown): layer is SNDense | SNConv2D {
  return layer instanceof SNDense || layer instanceof SNConv2D;
}

tf.serialization.registerClass(SNDense);
tf.serialization.registerClass(SNConv2D);
