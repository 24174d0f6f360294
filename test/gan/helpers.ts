// Test helper: builds a GAN from registry presets (stacked, e.g. tiny + a cure) without a session.
import { getSpec } from '../../src/registry.js';
import { deepMerge, resolveConfig } from '../../src/config/resolve.js';
import { Rng } from '../../src/random/rng.js';
import { getRecipe } from '../../src/train/recipes/index.js';
import { toy2dDatasets } from '../../src/data/toy2d.js';
import type { GanConfig } from '../../src/models/gan/spec.js';
import type { Gan } from '../../src/models/gan/gan.js';
import type { Recipe } from '../../src/train/recipe.js';
import type { Dataset, Batch } from '../../src/data/types.js';

/** A built GAN with its recipe and toy training data. */
export interface Built {
  config: GanConfig;
  model: Gan;
  recipe: Recipe;
  data: Dataset;
  batch(step: number): Batch;
  dispose(): void;
}

/** Resolves `id` with presets merged left to right plus overrides, on a toy 2-D set (or `data`). */
export function buildGan(id: string, presets: string[], overrides: string[] = [], data?: { train: Dataset; info: { kind: 'image' | 'vector'; shape: number[]; numClasses?: number } }): Built {
  const spec = getSpec(id);
  const preset = presets.reduce<Record<string, unknown>>((acc, p) => deepMerge(acc, spec.presets[p] as Record<string, unknown>), {});
  const config = resolveConfig(spec.schema, { preset, overrides }) as GanConfig;
  const train = data?.train ?? toy2dDatasets(config.data.name, { trainSize: config.data.trainSize ?? 256, testSize: 16 }).train;
  const info = data?.info ?? { kind: 'vector' as const, shape: [2], numClasses: train.numClasses };
  const root = new Rng(config.seed);
  const model = spec.create(config, root.fork('init'), info) as Gan;
  const recipe = getRecipe(spec.recipe)(model, config, root.fork('recipe'));
  const bs = config.train.batchSize;
  return {
    config, model, recipe, data: train,
    batch: (step) => train.batch(Array.from({ length: bs }, (_, i) => (step * bs + i) % train.size)),
    dispose() {
      recipe.dispose();
      model.dispose();
    },
  };
}

/** Runs `steps` recipe steps from `from`, disposing the batches; returns the last step's losses. */
export function runSteps(b: Built, steps: number, from = 0): Record<string, number>[] {
  const out: Record<string, number>[] = [];
  for (let s = from; s < from + steps; s++) {
    const batch = b.batch(s);
    try {
      out.push(b.recipe.step({ batch, step: s, lr: b.config.train.lr }));
    } finally {
      batch.x.dispose();
      batch.y?.dispose();
    }
  }
  return out;
}

/** Flat copies of a network's weights. */
export function weightsOf(net: { getWeights(): { dataSync(): ArrayLike<number> }[] }): Float32Array[] {
  return net.getWeights().map((w) => Float32Array.from(w.dataSync()));
}

/** True when two weight lists are bitwise equal. */
export function sameWeights(a: Float32Array[], b: Float32Array[]): boolean {
  return a.length === b.length && a.every((w, i) => w.length === b[i].length && w.every((v, j) => Object.is(v, b[i][j])));
}
