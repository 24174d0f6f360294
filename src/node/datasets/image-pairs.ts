// Table rows for two-domain image folders: pix2pix's aligned A|B files (`paired-images`) and
// CycleGAN's trainA/ trainB/ testA/ testB/ layout (`unpaired-images`).
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { datasetEntry } from '../../data/dataset-entry.js';
import { optionsSchema } from '../../data/dataset-options.js';
import { autoChannels, splitIndices, type SourceImage } from '../../data/image-folder.js';
import { pairedImageDataset, splitAlignedPairs, unpairedImageDataset } from '../../data/paired-images.js';
import { readImageFolder, requireFolder } from './image-files.js';

const isDir = async (p: string) => (await stat(p).catch(() => null))?.isDirectory() ?? false;

const PAIRED_LAYOUT = 'a folder of A|B images (each file holds A and B side by side, width = 2 × height), optionally split into train/ and test/ (or val/) sub-folders';
const UNPAIRED_LAYOUT = 'CycleGAN\'s layout: DIR/trainA/, DIR/trainB/, DIR/testA/, DIR/testB/, each a folder of PNG/JPEG images (any count per domain)';

/** paired-images: pix2pix's aligned layout; x is the input half, x2 the target half. */
export const pairedImages = datasetEntry({
  name: 'paired-images',
  kind: 'image',
  description: "pix2pix aligned pairs: each file is A|B side by side (width = 2·height); train/ + test/ (or val/) or one folder split by testFraction",
  options: optionsSchema(['path', 'direction', 'channels', 'resize', 'testFraction', 'seed'], { direction: 'AtoB', testFraction: 0.1, seed: 0 }),
  load: async (o) => {
    if (!o.path) throw new Error(`Dataset 'paired-images' needs a folder: pass --data.path DIR (${PAIRED_LAYOUT}).`);
    await requireFolder(o.path, 'paired images', `expected ${PAIRED_LAYOUT}`);
    const read = (dir: string) => readImageFolder(dir, { what: 'paired images', hint: `expected ${PAIRED_LAYOUT}`, labels: false });
    let trainFiles: SourceImage[];
    let testFiles: SourceImage[];
    if (await isDir(path.join(o.path, 'train'))) {
      const testDir = ['test', 'val'].map((d) => path.join(o.path!, d));
      const found = (await Promise.all(testDir.map(isDir))).indexOf(true);
      if (found < 0) throw new Error(`${o.path} has a train/ folder but no test/ or val/ folder; expected ${PAIRED_LAYOUT}.`);
      trainFiles = await read(path.join(o.path, 'train'));
      testFiles = await read(testDir[found]);
    } else {
      const all = await read(o.path);
      const split = splitIndices(all.length, o.testFraction!, o.seed!, `paired images in ${o.path}`);
      trainFiles = Array.from(split.train, (i) => all[i]);
      testFiles = Array.from(split.test, (i) => all[i]);
    }
    const { x, x2 } = splitAlignedPairs([...trainFiles, ...testFiles]); // checks every file before any decoding work
    const channels = o.channels ?? autoChannels([...x, ...x2]);
    const name = `paired-images:${path.basename(path.resolve(o.path))}`;
    const opts = { direction: o.direction, resize: o.resize, channels };
    return { train: pairedImageDataset(`${name}/train`, trainFiles, opts), test: pairedImageDataset(`${name}/test`, testFiles, opts) };
  },
});

/** unpaired-images: two domains without alignment; x is from A, x2 from B. */
export const unpairedImages = datasetEntry({
  name: 'unpaired-images',
  kind: 'image',
  description: "CycleGAN unpaired domains: trainA/ trainB/ testA/ testB/ folders of PNG/JPEG, any count per domain",
  options: optionsSchema(['path', 'channels', 'resize', 'seed'], { seed: 0 }),
  load: async (o) => {
    if (!o.path) throw new Error(`Dataset 'unpaired-images' needs a folder: pass --data.path DIR (${UNPAIRED_LAYOUT}).`);
    await requireFolder(o.path, 'unpaired images', `expected ${UNPAIRED_LAYOUT}`);
    const parts = ['trainA', 'trainB', 'testA', 'testB'];
    for (const p of parts) {
      if (!(await isDir(path.join(o.path, p)))) throw new Error(`${o.path} has no ${p}/ folder; expected ${UNPAIRED_LAYOUT}.`);
    }
    const [trA, trB, teA, teB] = await Promise.all(
      parts.map((p) => readImageFolder(path.join(o.path!, p), { what: `domain images (${p})`, hint: `expected ${UNPAIRED_LAYOUT}`, labels: false })),
    );
    const channels = o.channels ?? autoChannels([...trA, ...trB, ...teA, ...teB]);
    const name = `unpaired-images:${path.basename(path.resolve(o.path))}`;
    const opts = { resize: o.resize, channels, seed: o.seed };
    return { train: unpairedImageDataset(`${name}/train`, trA, trB, opts), test: unpairedImageDataset(`${name}/test`, teA, teB, opts) };
  },
});
