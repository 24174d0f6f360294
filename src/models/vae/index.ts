// Public surface of the VAE variants: β-VAE/capacity annealing (Higgins et al. 2017; Burgess et al. 2018),
// CVAE (Sohn et al. 2015), ProdLDA (Srivastava & Sutton 2017), their datasets and metrics.
export { capacityAt } from './vae.js';
export { vaeSchema } from './spec.js';
export { betaVaeSpec, cvaeSpec, VAE_VARIANT_SPECS } from './variants.js';
export { ProdLda, logisticNormalPrior, gaussianKlToPrior, topWordIds, type ProdLdaModelConfig } from '../topic/prodlda.js';
export { prodLdaSpec, type ProdLdaConfig } from '../topic/spec.js';
export { ShapesDataset, shapesDatasets, drawShapes, renderShape, SHAPE_FACTOR_NAMES, SHAPE_FACTOR_SIZES, SHAPE_NAMES, type ShapesOptions } from '../../data/shapes.js';
export { BowDataset, bowDatasets, contentWords, paragraphs, STOP_WORDS, type BowOptions } from '../../data/bow.js';
export { auroc, auprc } from '../../metrics/auc.js';
export { mutualInformationGap, mutualInformation, entropy, discretize, type MigResult } from '../../metrics/mig.js';
export { topicNpmi, npmiCoherence, randomTopicsNpmi } from '../../metrics/npmi.js';
