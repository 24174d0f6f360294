// Public API of the diffusion, score-based and energy-based families, their schedulers and samplers.
export { DiffusionModel, type DiffusionModelConfig, type DiffusionSampleOptions } from './diffusion.js';
export { DIFFUSION_SPECS, type DiffusionConfig } from './spec.js';
export { buildUNet, type UNetConfig } from './unet.js';
export { buildMlpDenoiser, type MlpDenoiserConfig } from './mlp-denoiser.js';
export { ScoreModel, geometricSigmas, type ScoreModelConfig } from '../score/score-model.js';
export { scoreSpec, type ScoreConfig } from '../score/spec.js';
export { EnergyModel, type EbmModelConfig } from '../ebm/ebm.js';
export { ebmSpec, type EbmConfig } from '../ebm/spec.js';
export * from '../../schedulers/index.js';
export { makeScheduler, reverseDiffusion, sampleDiffusion, type DenoiseFn, type SamplerName, type ReverseOptions } from '../../samplers/diffusion.js';
export { guidedDenoise, type LabelledDenoiseFn } from '../../samplers/guidance.js';
export { inpaint, type InpaintOptions } from '../../samplers/inpaint.js';
export { samplePipeline, inpaintPipeline, upscalePipeline, type DataSpace, type LowresSpace, type InpaintPipelineOptions } from '../../samplers/diffusion-pipelines.js';
export { annealedLangevin, sgld, type AnnealedLangevinOptions, type SgldOptions } from '../../samplers/langevin.js';
export { timestepEmbedding } from '../../nn/timestep-embedding.js';
export { GroupNorm } from '../../nn/group-norm.js';
export { residualBlock, spatialAttentionBlock } from '../../nn/residual-block.js';
