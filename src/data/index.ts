// Public surface of genlab's data layer (browser-safe: parsers and datasets take bytes, strings or
// decoded rasters; file reading and the dataset table live in src/node/datasets/).
export type { Batch, DataKind, Dataset } from './types.js';
export { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdxImages, parseIdxLabels, checkIdxPair } from './idx.js';
export type { IdxImages, IdxLabels } from './idx.js';
export { ImageDataset, imageDatasetFromIdx } from './image-dataset.js';
export type { ImageDatasetOptions } from './image-dataset.js';
export { VectorDataset } from './vector-dataset.js';
export type { VectorDatasetOptions } from './vector-dataset.js';
export {
  TOY2D_NAMES, RING8, GRID25, MOONS_NOISE, SWISS_ROLL_NOISE, sampleToy2d, toy2dMixture, toy2dDatasets, checkToy2dName,
} from './toy2d.js';
export type { Toy2dName, GaussianMixture2d, Toy2dSample, Toy2dOptions } from './toy2d.js';
export { decodeText, findInvalidUtf8 } from './utf8.js';
export type { TextEncodingName } from './utf8.js';
export { CharTokenizer } from './tokenizer.js';
export type { CharTokenizerJSON } from './tokenizer.js';
export { DEFAULT_BLOCK_SIZE, TextDataset, splitTrainVal, textDatasets, isTextDataset } from './text.js';
export type { TextDatasetOptions } from './text.js';
export { DEFAULT_MISSING, parseCsv, getColumn } from './csv.js';
export type { CsvTable, CsvColumn, NumericColumn, CategoricalColumn, CsvOptions } from './csv.js';
export { StandardizedDataset, tableDatasets, numericColumnNames, destandardize } from './table-dataset.js';
export type { Standardization, TableDatasetOptions } from './table-dataset.js';
export { epochOrder, stepsPerEpoch, batchIndicesAt, batchAt } from './batcher.js';
export { BINARIZED_TEST_SEED, binarize, binarizePixels, binarizedCopy } from './binarize.js';
export { DATA_OPTIONS, optionsSchema } from './dataset-options.js';
export type { DataOptionName, DataOptionValues } from './dataset-options.js';
export { datasetEntry } from './dataset-entry.js';
export type { DatasetEntry, LoadedData } from './dataset-entry.js';
export { imageDatasets, rastersToPixels, compositeOnWhite, resizeBilinear, classLabels, splitIndices, autoChannels } from './image-folder.js';
export type { SourceImage, RasterOptions, ImageFolderOptions } from './image-folder.js';
export { PairedImageDataset, UnpairedImageDataset, pairedImageDataset, unpairedImageDataset, splitAlignedPairs } from './paired-images.js';
export { parseWav, resample, fitLength } from './wav.js';
export type { WavAudio } from './wav.js';
export { AudioDataset } from './audio-dataset.js';
export type { AudioDatasetOptions } from './audio-dataset.js';
export { parseInteractions, sequenceDatasets, SequenceDataset } from './interactions.js';
export type { Interaction, SequenceOptions } from './interactions.js';
export { DEFAULT_MISSING_TOKENS, columnsSpecSchema, parseColumnsSpec, columnsSpecOf, readTable, readTableFile } from './tabular/read-table.js';
export type { ColumnsSpec, ReadTableOptions, ReadTableFileOptions } from './tabular/read-table.js';
export { buildColumn, cellParser, decimalsOf } from './tabular/infer-columns.js';
export type { ColumnDecl } from './tabular/infer-columns.js';
export { writeTable, cellWriter, quoteField } from './tabular/write-table.js';
export type { WriteTableOptions } from './tabular/write-table.js';
export { readArff } from './tabular/arff.js';
export { ARFF_DEFAULT_DATE_FORMAT, compileDatetimeFormat, detectIsoFormat } from './tabular/datetime-format.js';
export type { DatetimeFormat } from './tabular/datetime-format.js';
export {
  TABLE_SCHEMA_VERSION, columnSchemaSchema, tableSchemaJSONSchema, schemaToJSON, schemaFromJSON, tableFromRows, tableRows,
} from './tabular/table-schema-json.js';
export type { TableSchemaJSON, Cell, TableRowsOptions } from './tabular/table-schema-json.js';
export { splitTable, selectRows, downsampleCategory } from './tabular/split-table.js';
export type { SplitOptions, TableSplit } from './tabular/split-table.js';
