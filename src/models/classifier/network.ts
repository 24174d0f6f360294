// A small all-convolutional net for 28×28 digit/fashion images (strided convs instead of pooling,
// Springenberg et al. 2015): penultimate layer = features for FID/KID/precision–recall, softmax = IS.
import { tfl } from '../../engine/tf.js';
import type { DataInfo } from '../types.js';
import type { ClassifierNetConfig } from './config.js';

/** Classifier architecture settings (inferred from the schema in config.ts). */
export type { ClassifierNetConfig };

/** Name of the penultimate layer whose activations are the extractor's features. */
export const FEATURE_LAYER = 'features';

/** Builds x [B, H, W, C] → logits [B, K]. */
export function buildClassifier(cfg: ClassifierNetConfig, data: DataInfo): tfl.LayersModel {
  const k = data.numClasses;
  if (!k) throw new Error('The classifier needs a labelled dataset (numClasses unknown).');
  const input = tfl.input({ shape: data.shape });
  let h: tfl.SymbolicTensor = input;
  for (const filters of cfg.filters) {
    // 5×5 stride-2 convs cost a tenth of VGG-style 3×3 pairs + pooling on wasm, at MNIST accuracy ≥ 99 %
    h = tfl.layers.conv2d({ filters, kernelSize: 5, strides: 2, padding: 'same', activation: 'relu' }).apply(h) as tfl.SymbolicTensor; // [B, H/2, W/2, filters]
  }
  h = tfl.layers.flatten().apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.dense({ units: cfg.featureDim, activation: 'relu', name: FEATURE_LAYER }).apply(h) as tfl.SymbolicTensor; // [B, F]
  const logits = tfl.layers.dense({ units: k, name: 'logits' }).apply(h) as tfl.SymbolicTensor; // [B, K]
  return tfl.model({ inputs: input, outputs: logits, name: 'classifier' });
}
