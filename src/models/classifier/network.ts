// A small all-convolutional net for 28×28 digit/fashion images (strided convs instead of pooling,
// Springenberg et al. 2015): penultimate layer = features for FID/KID/precision–recall, softmax = IS.
import { tfl } from '../../engine/tf.js';
import type { DataInfo } from '../types.js';
import type { ClassifierNetConfig } from './config.js';

/** Classifier architecture settings (inferred from the schema in config.ts). */
export type { ClassifierNetConfig };

/** Name of the penultimate layer whose activations are the extractor's features. */
export const FEATURE_LAYER = 'features';

function stridedStages(x: tfl.SymbolicTensor, filters: number[]): tfl.SymbolicTensor {
  let h = x;
  for (const f of filters) {
    // 5×5 stride-2 convs cost a tenth of VGG-style 3×3 pairs + pooling on wasm, at MNIST accuracy ≥ 99 %
    h = tfl.layers.conv2d({ filters: f, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu' }).apply(h) as tfl.SymbolicTensor; // [B, H/2, W/2, f]
  }
  return h;
}

/** Opacus's MNIST example net, whose DP-SGD accuracies the README quotes (28×28 → 14 → 13 → 5 → 4). */
function sampleConvNetStages(x: tfl.SymbolicTensor, filters: number[]): tfl.SymbolicTensor {
  if (filters.length !== 2) throw new Error(`model.net 'sample-convnet' has two conv stages: model.filters needs 2 entries, got [${filters}].`);
  const pool = () => tfl.layers.maxPooling2d({ poolSize: 2, strides: 1 });
  let h = tfl.layers.zeroPadding2d({ padding: 3 }).apply(x) as tfl.SymbolicTensor;
  h = tfl.layers.conv2d({ filters: filters[0], kernelSize: 8, strides: 2, padding: 'valid', activation: 'relu' }).apply(h) as tfl.SymbolicTensor;
  h = pool().apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.conv2d({ filters: filters[1], kernelSize: 4, strides: 2, padding: 'valid', activation: 'relu' }).apply(h) as tfl.SymbolicTensor;
  return pool().apply(h) as tfl.SymbolicTensor;
}

/** Builds x [B, H, W, C] → logits [B, K]. */
export function buildClassifier(cfg: ClassifierNetConfig, data: DataInfo): tfl.LayersModel {
  const k = data.numClasses;
  if (!k) throw new Error('The classifier needs a labelled dataset (numClasses unknown).');
  const input = tfl.input({ shape: data.shape });
  let h: tfl.SymbolicTensor = input;
  if (cfg.inputNorm) {
    const [mean, std] = cfg.inputNorm;
    h = tfl.layers.rescaling({ scale: 1 / std, offset: -mean / std }).apply(h) as tfl.SymbolicTensor;
  }
  h = cfg.net === 'sample-convnet' ? sampleConvNetStages(h, cfg.filters) : stridedStages(h, cfg.filters);
  h = tfl.layers.flatten().apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.dense({ units: cfg.featureDim, activation: 'relu', name: FEATURE_LAYER }).apply(h) as tfl.SymbolicTensor; // [B, F]
  const logits = tfl.layers.dense({ units: k, name: 'logits' }).apply(h) as tfl.SymbolicTensor; // [B, K]
  return tfl.model({ inputs: input, outputs: logits, name: 'classifier' });
}
