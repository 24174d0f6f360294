// A small VGG-style convnet for 28×28 digit/fashion images (Simonyan & Zisserman 2015 pattern):
// its penultimate layer gives the features behind FID/KID/precision–recall, its softmax the IS.
import { tfl } from '../../engine/tf.js';
import type { DataInfo } from '../types.js';

/** Classifier architecture settings. */
export interface ClassifierNetConfig {
  /** Filters of the two conv stages (each: two 3×3 convs + 2×2 max-pool). */
  filters: number[];
  /** Width of the penultimate (feature) layer. */
  featureDim: number;
}

/** Name of the penultimate layer whose activations are the extractor's features. */
export const FEATURE_LAYER = 'features';

/** Builds x [B, H, W, C] → logits [B, K]. */
export function buildClassifier(cfg: ClassifierNetConfig, data: DataInfo): tfl.LayersModel {
  const k = data.numClasses;
  if (!k) throw new Error('The classifier needs a labelled dataset (numClasses unknown).');
  const input = tfl.input({ shape: data.shape });
  let h: tfl.SymbolicTensor = input;
  for (const filters of cfg.filters) {
    h = tfl.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(h) as tfl.SymbolicTensor;
    h = tfl.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' }).apply(h) as tfl.SymbolicTensor;
    h = tfl.layers.maxPooling2d({ poolSize: 2 }).apply(h) as tfl.SymbolicTensor; // halves H and W
  }
  h = tfl.layers.flatten().apply(h) as tfl.SymbolicTensor;
  h = tfl.layers.dense({ units: cfg.featureDim, activation: 'relu', name: FEATURE_LAYER }).apply(h) as tfl.SymbolicTensor; // [B, F]
  const logits = tfl.layers.dense({ units: k, name: 'logits' }).apply(h) as tfl.SymbolicTensor; // [B, K]
  return tfl.model({ inputs: input, outputs: logits, name: 'classifier' });
}
