// Feature extractors: a network mapping images to features (penultimate layer) and class
// probabilities (softmax), the role Inception-v3 plays in torch-fidelity, as a small registry.
import type * as tfconv from '@tensorflow/tfjs-converter';
import { tf, tfl } from '../engine/tf.js';
import { makeFeatures, type Features } from './features.js';
import type { ClassProbabilities } from './inception-score.js';

/** Something that turns images [B, H, W, C] in [0, 1] into features and class probabilities. */
export interface FeatureExtractor {
  /** Identifier recorded with every result, e.g. 'mnist-classifier'. */
  id: string;
  /** Expected shape of one image. */
  inputShape: number[];
  featureDim: number;
  /** Number of classes of the probability head (absent when there is none). */
  numClasses?: number;
  /** Features [B, featureDim]. */
  features(x: tf.Tensor): tf.Tensor;
  /** Class probabilities [B, K]. */
  probabilities?(x: tf.Tensor): tf.Tensor;
  dispose(): void;
}

/**
 * Wraps a tfjs layers classifier: features = the output of `featureLayer` (default: the layer
 * before the last), probabilities = softmax of the final output (kept as is when it already is a softmax).
 */
export function extractorFromLayersModel(id: string, model: tfl.LayersModel, featureLayer?: string): FeatureExtractor {
  const layers = model.layers;
  const feat = featureLayer ? model.getLayer(featureLayer) : layers[layers.length - 2];
  if (!feat) throw new Error(`Extractor ${id}: the model has no layer ${featureLayer ?? '(penultimate)'} to take features from.`);
  const featModel = tfl.model({ inputs: model.inputs, outputs: feat.output as tfl.SymbolicTensor });
  const outShape = model.outputs[0].shape;
  const featShape = featModel.outputs[0].shape;
  if (featShape.length !== 2) throw new Error(`Extractor ${id}: layer ${feat.name} gives [${featShape.join(', ')}]; features must be [batch, d].`);
  const last = layers[layers.length - 1].getConfig() as { activation?: string };
  const isSoftmax = last.activation === 'softmax';
  return {
    id,
    inputShape: model.inputs[0].shape.slice(1) as number[],
    featureDim: featShape[1] as number,
    numClasses: outShape.length === 2 ? (outShape[1] as number) : undefined,
    features: (x) => tf.tidy(() => featModel.predict(x) as tf.Tensor),
    probabilities:
      outShape.length === 2 ? (x) => tf.tidy(() => (isSoftmax ? (model.predict(x) as tf.Tensor) : tf.softmax(model.predict(x) as tf.Tensor))) : undefined,
    dispose: () => model.dispose(),
  };
}

/** Checks that images fit the extractor's input, with an error that says what would. */
export function checkExtractorInput(ex: FeatureExtractor, shape: number[], source: string): void {
  const want = ex.inputShape;
  if (shape.length !== want.length || shape.some((d, i) => want[i] !== null && want[i] !== d)) {
    throw new Error(`${source} has images of shape [${shape.join(', ')}], but extractor ${ex.id} takes [${want.join(', ')}].`);
  }
}

/** Runs an extractor over images delivered in batches; returns features and (when available) probabilities. */
export function extractAll(
  ex: FeatureExtractor,
  batches: Iterable<tf.Tensor>,
): { features: Features; probabilities?: ClassProbabilities } {
  const feats: Float32Array[] = [];
  const probs: Float32Array[] = [];
  let n = 0;
  for (const x of batches) {
    const f = ex.features(x);
    feats.push(f.dataSync() as Float32Array);
    f.dispose();
    if (ex.probabilities) {
      const p = ex.probabilities(x);
      probs.push(p.dataSync() as Float32Array);
      p.dispose();
    }
    n += x.shape[0];
  }
  const concat = (parts: Float32Array[], width: number) => {
    const out = new Float64Array(n * width);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  };
  const features = makeFeatures(concat(feats, ex.featureDim), n, ex.featureDim, ex.id);
  const probabilities = ex.probabilities && ex.numClasses ? { data: concat(probs, ex.numClasses), n, classes: ex.numClasses } : undefined;
  return { features, probabilities };
}

/** Wraps a tfjs graph model (e.g. a converted TensorFlow classifier): features = its output or the named node. */
export function extractorFromGraphModel(id: string, model: tfconv.GraphModel, featureNode?: string): FeatureExtractor {
  const inputShape = model.inputs[0]?.shape;
  if (!inputShape || inputShape.length !== 4) throw new Error(`Extractor ${id}: a graph model with one image input [batch, H, W, C] is needed.`);
  const run = (x: tf.Tensor) => (featureNode ? model.execute(x, featureNode) : model.predict(x)) as tf.Tensor;
  const probe = tf.tidy(() => run(tf.zeros([1, ...inputShape.slice(1).map((d) => (d < 0 ? 1 : d))])));
  const featureDim = probe.shape[1] as number;
  const rank = probe.shape.length;
  probe.dispose();
  if (rank !== 2) throw new Error(`Extractor ${id}: ${featureNode ?? 'the output'} is rank ${rank}; features must be [batch, d].`);
  return {
    id,
    inputShape: inputShape.slice(1),
    featureDim,
    features: (x) => tf.tidy(() => run(x)),
    dispose: () => model.dispose(),
  };
}
