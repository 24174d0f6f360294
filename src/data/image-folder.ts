// Image datasets from decoded rasters (browser-safe: RGBA in, ImageDataset out): alpha composited on
// white, grey kept 1-channel, optional bilinear resize (half-pixel centres, as tf.image.resizeBilinear).
import type { RgbaImage } from '../io/png.js';
import { Rng } from '../random/rng.js';
import { ImageDataset } from './image-dataset.js';

/** One decoded image with the file it came from and its class name (sub-folder), if any. */
export interface SourceImage {
  source: string;
  image: RgbaImage;
  className?: string;
}

/** How rasters become a dataset. */
export interface RasterOptions {
  /** 1 or 3; default 1 when every image is grey (R = G = B after compositing), else 3. */
  channels?: 1 | 3;
  /** Resize every image to this size (N or [height, width]); without it all sizes must match. */
  resize?: number | [number, number];
}

/** Composites RGBA on white: c' = c·α + 255·(1 − α), α = a/255. */
export function compositeOnWhite(img: RgbaImage): Uint8Array {
  const n = img.width * img.height;
  const rgb = new Uint8Array(3 * n);
  for (let p = 0; p < n; p++) {
    const a = img.rgba[4 * p + 3] / 255;
    for (let k = 0; k < 3; k++) rgb[3 * p + k] = Math.round(img.rgba[4 * p + k] * a + 255 * (1 - a));
  }
  return rgb;
}

/** Bilinear resize of interleaved uint8 pixels [h, w, c] → [oh, ow, c] with half-pixel centres. */
export function resizeBilinear(px: Uint8Array, h: number, w: number, c: number, oh: number, ow: number): Uint8Array {
  if (h === oh && w === ow) return px;
  const out = new Uint8Array(oh * ow * c);
  for (let y = 0; y < oh; y++) {
    const sy = Math.min(Math.max((y + 0.5) * (h / oh) - 0.5, 0), h - 1);
    const y0 = Math.floor(sy), y1 = Math.min(y0 + 1, h - 1), fy = sy - y0;
    for (let x = 0; x < ow; x++) {
      const sx = Math.min(Math.max((x + 0.5) * (w / ow) - 0.5, 0), w - 1);
      const x0 = Math.floor(sx), x1 = Math.min(x0 + 1, w - 1), fx = sx - x0;
      for (let k = 0; k < c; k++) {
        const top = px[(y0 * w + x0) * c + k] * (1 - fx) + px[(y0 * w + x1) * c + k] * fx;
        const bot = px[(y1 * w + x0) * c + k] * (1 - fx) + px[(y1 * w + x1) * c + k] * fx;
        out[(y * ow + x) * c + k] = Math.round(top * (1 - fy) + bot * fy);
      }
    }
  }
  return out;
}

const isGrey = (rgb: Uint8Array) => {
  for (let i = 0; i < rgb.length; i += 3) if (rgb[i] !== rgb[i + 1] || rgb[i] !== rgb[i + 2]) return false;
  return true;
};

/** 1 when every image is grey after compositing on white (R = G = B everywhere), else 3. */
export function autoChannels(images: SourceImage[]): 1 | 3 {
  return images.every((s) => isGrey(compositeOnWhite(s.image))) ? 1 : 3;
}

/** Checks that all images share one size (unless resizing) and returns it as [height, width]. */
export function commonSize(images: SourceImage[], resize?: number | [number, number]): [number, number] {
  if (resize !== undefined) return typeof resize === 'number' ? [resize, resize] : resize;
  const { width, height } = images[0].image;
  const odd = images.find((s) => s.image.width !== width || s.image.height !== height);
  if (odd) {
    throw new Error(
      `${odd.source} is ${odd.image.width}×${odd.image.height} (width×height), but ${images[0].source} is ${width}×${height}; ` +
        `all images must share one size — resize them or set data.resize=N (or [height, width]).`,
    );
  }
  return [height, width];
}

/** Converts rasters to uint8 pixels [N, H, W, C]: composited on white, grey or RGB, resized; returns the channel count used. */
export function rastersToPixels(images: SourceImage[], opts: RasterOptions = {}): { pixels: Uint8Array; height: number; width: number; channels: 1 | 3 } {
  if (images.length === 0) throw new Error('rastersToPixels: no images.');
  const [height, width] = commonSize(images, opts.resize);
  const rgbs = images.map((s) => compositeOnWhite(s.image));
  const channels = opts.channels ?? (rgbs.every(isGrey) ? 1 : 3);
  const e = height * width * channels;
  const pixels = new Uint8Array(images.length * e); // [N, H, W, C]
  images.forEach((s, i) => {
    let px = resizeBilinear(rgbs[i], s.image.height, s.image.width, 3, height, width);
    if (channels === 1) {
      const grey = new Uint8Array(height * width);
      for (let p = 0; p < grey.length; p++) grey[p] = Math.round(0.299 * px[3 * p] + 0.587 * px[3 * p + 1] + 0.114 * px[3 * p + 2]);
      px = grey;
    }
    pixels.set(px, i * e);
  });
  return { pixels, height, width, channels };
}

/** Class names (sorted) and per-image label codes, when images carry class names; none → undefined. */
export function classLabels(images: { source: string; className?: string }[]): { classNames: string[]; labels: Int32Array } | undefined {
  const named = images.filter((s) => s.className !== undefined);
  if (named.length === 0) return undefined;
  if (named.length < images.length) {
    const bare = images.find((s) => s.className === undefined)!;
    throw new Error(
      `${bare.source} lies directly in the folder while ${named[0].source} is in a class sub-folder; put every file in a ` +
        `sub-folder (its name is the label) or none, or set data.labels=false.`,
    );
  }
  const classNames = [...new Set(named.map((s) => s.className!))].sort();
  const index = new Map(classNames.map((c, i) => [c, i]));
  return { classNames, labels: Int32Array.from(images, (s) => index.get(s.className!)!) };
}

/** A seeded split of 0..n−1 into train and test index lists (test = round(n·testFraction), at least 1). */
export function splitIndices(n: number, testFraction: number, seed: number, what: string): { train: Int32Array; test: Int32Array } {
  const nTest = Math.max(1, Math.round(n * testFraction));
  if (n < 2 || nTest >= n) throw new Error(`${what} has ${n} example(s); a train/test split with testFraction ${testFraction} needs more.`);
  const perm = new Rng(seed).permutation(n);
  return { test: perm.slice(0, nTest).sort(), train: perm.slice(nTest).sort() };
}

/** Options of imageDatasets. */
export interface ImageFolderOptions extends RasterOptions {
  name: string;
  testFraction?: number;
  seed?: number;
  /** Use class names as labels (default true). */
  labels?: boolean;
}

/** Builds seeded train/test ImageDatasets from decoded images (labels from their class names). */
export function imageDatasets(images: SourceImage[], opts: ImageFolderOptions): { train: ImageDataset; test: ImageDataset } {
  const { pixels, height, width, channels } = rastersToPixels(images, opts);
  const cl = opts.labels === false ? undefined : classLabels(images);
  const all = new ImageDataset({
    name: opts.name, pixels, height, width, channels, labels: cl?.labels, numClasses: cl?.classNames.length, classNames: cl?.classNames,
  });
  const { train, test } = splitIndices(images.length, opts.testFraction ?? 0.1, opts.seed ?? 0, opts.name);
  return { train: all.subset(train, `${opts.name}/train`), test: all.subset(test, `${opts.name}/test`) };
}
