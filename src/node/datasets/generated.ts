// Table rows for datasets drawn, not read: the toy 2-D mixtures (ring-8, grid-25, moons, swiss-roll)
// and the procedural dSprites-like `shapes` (Matthey et al. 2017).
import { datasetEntry, type DatasetEntry } from '../../data/dataset-entry.js';
import { optionsSchema } from '../../data/dataset-options.js';
import { TOY2D_NAMES, toy2dDatasets } from '../../data/toy2d.js';
import { shapesDatasets } from '../../data/shapes.js';

const TOY_TEXT: Record<(typeof TOY2D_NAMES)[number], string> = {
  'ring-8': 'toy 2-D: 8 Gaussians on a ring (Unrolled-GAN / VEEGAN mode-coverage benchmark)',
  'grid-25': 'toy 2-D: 25 Gaussians on a 5×5 grid (mode-coverage benchmark)',
  moons: 'toy 2-D: two interleaving half-moons',
  'swiss-roll': 'toy 2-D: the swiss roll (score-matching toy)',
};

const toyOptions = optionsSchema(['trainSize', 'testSize', 'seed'], {}, {
  trainSize: 'training points (default 10,000)',
  testSize: 'test points (default 2,500)',
  seed: 'seed of the draws',
});

/** The four toy 2-D sets. */
export const toy2d: DatasetEntry[] = TOY2D_NAMES.map((name) =>
  datasetEntry({
    name,
    kind: 'vector',
    description: TOY_TEXT[name],
    options: toyOptions,
    load: async (o) => toy2dDatasets(name, { trainSize: o.trainSize, testSize: o.testSize, seed: o.seed }),
  }),
);

/** shapes: 64×64 binary sprites with known factors (shape, scale, rotation, x, y). */
export const shapes = datasetEntry({
  name: 'shapes',
  kind: 'image',
  description: 'procedural dSprites-like 64×64×1 sprites with known factors (for disentanglement metrics)',
  options: optionsSchema(['trainSize', 'testSize', 'seed']),
  load: async (o) => shapesDatasets({ trainSize: o.trainSize, testSize: o.testSize, seed: o.seed }),
});
