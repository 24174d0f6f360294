// Node-only API: engine setup with the bundled wasm binaries, datasets from files, checkpoints, runs.
import './engine.js';
export { initNodeEngine } from './engine.js';
export { loadDataset, DATASET_NAMES, type DataSpec, type LoadedData } from './datasets.js';
export { saveCheckpoint, readCheckpointMeta, loadNetworksInto, loadRecipeState, type CheckpointMeta } from './checkpoint.js';
export { openSession, resolveSessionConfig, type Session, type SessionSource } from './session.js';
export { trainRun, type TrainRunOptions, type TrainRunResult } from './train-run.js';
export { evaluateNll, type NllResult } from './eval-nll.js';
export { writeRunArtifacts, renderSamples, renderInterpolation } from './artifacts.js';
export { saveLayersModel, loadLayersModel, writeNamedTensors, readNamedTensors } from './model-files.js';
export { encodePng, decodePng, writePng, readPngImage } from './png-codec.js';
export { evaluateAnomaly, evaluateMig, renderTraversal, topicReport, evaluateLabelAccuracy } from './session-evals.js';
export { loadExtractor, defaultExtractorFor, BUILTIN_EXTRACTORS, loadGraphModelDir } from './extractors.js';
export { evaluateImages, datasetImages, modelImages, loadFolderImages } from './eval-run.js';
