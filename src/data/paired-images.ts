// Two-domain image datasets (browser-safe): pix2pix's aligned A|B files (Isola et al. 2017) and
// CycleGAN's unaligned domains A and B (Zhu et al. 2017); a batch carries x and the other image x2.
import type { Batch, Dataset } from './types.js';
import { Rng } from '../random/rng.js';
import { ImageDataset } from './image-dataset.js';
import { autoChannels, rastersToPixels, type RasterOptions, type SourceImage } from './image-folder.js';
import { checkIndices } from './indices.js';

/** Cuts each A|B file (width = 2·height) into its halves; `direction` says which half is the input x. */
export function splitAlignedPairs(images: SourceImage[], direction: 'AtoB' | 'BtoA' = 'AtoB'): { x: SourceImage[]; x2: SourceImage[] } {
  const left: SourceImage[] = [];
  const right: SourceImage[] = [];
  for (const s of images) {
    const { width: w, height: h, rgba } = s.image;
    if (w !== 2 * h) {
      throw new Error(
        `${s.source} is ${w}×${h} (width×height); a paired image holds A and B side by side as two equal squares, ` +
          `so its width must be twice its height (${2 * h}).`,
      );
    }
    const half = (x0: number) => {
      const out = new Uint8Array(h * h * 4);
      for (let y = 0; y < h; y++) out.set(rgba.subarray((y * w + x0) * 4, (y * w + x0 + h) * 4), y * h * 4);
      return { source: s.source, className: s.className, image: { width: h, height: h, rgba: out } };
    };
    left.push(half(0));
    right.push(half(h));
  }
  return direction === 'AtoB' ? { x: left, x2: right } : { x: right, x2: left };
}

function toDataset(name: string, images: SourceImage[], opts: RasterOptions): ImageDataset {
  const { pixels, height, width, channels } = rastersToPixels(images, opts);
  return new ImageDataset({ name, pixels, height, width, channels });
}

/** Aligned pairs: example i is input x = a[i] with its target x2 = b[i] (same shape). */
export class PairedImageDataset implements Dataset {
  readonly kind = 'image' as const;
  readonly shape: number[];
  readonly size: number;

  constructor(readonly name: string, readonly a: ImageDataset, readonly b: ImageDataset) {
    if (a.size !== b.size || a.shape.join() !== b.shape.join()) throw new Error(`${name}: inputs and targets must match in count and shape.`);
    this.shape = a.shape;
    this.size = a.size;
  }

  /** x: inputs [B, H, W, C], x2: their targets [B, H, W, C], both in [0, 1]. */
  batch(indices: ArrayLike<number>): Batch {
    return { x: this.a.batch(indices).x, x2: this.b.batch(indices).x };
  }
}

/** Builds a PairedImageDataset from A|B files; both halves get the same channels (RGB unless all grey). */
export function pairedImageDataset(name: string, images: SourceImage[], opts: RasterOptions & { direction?: 'AtoB' | 'BtoA' } = {}): PairedImageDataset {
  const { x, x2 } = splitAlignedPairs(images, opts.direction);
  const channels = opts.channels ?? autoChannels([...x, ...x2]);
  return new PairedImageDataset(name, toDataset(`${name}/x`, x, { ...opts, channels }), toDataset(`${name}/x2`, x2, { ...opts, channels }));
}

/**
 * Unaligned domains: example i is x = a[i mod |A|] and x2 = b[π(i) mod |B|], π a seeded permutation,
 * over max(|A|, |B|) indices — every image of the larger domain is visited once an epoch.
 */
export class UnpairedImageDataset implements Dataset {
  readonly kind = 'image' as const;
  readonly shape: number[];
  readonly size: number;
  private readonly perm: Int32Array;

  constructor(readonly name: string, readonly a: ImageDataset, readonly b: ImageDataset, seed = 0) {
    if (a.shape.join() !== b.shape.join()) {
      throw new Error(`${name}: domain A images are ${a.shape.join('×')} but domain B images are ${b.shape.join('×')}; set data.resize (and data.channels) so they match.`);
    }
    this.shape = a.shape;
    this.size = Math.max(a.size, b.size);
    this.perm = new Rng(seed).permutation(this.size);
  }

  /** x: domain-A images [B, H, W, C], x2: domain-B images [B, H, W, C], in [0, 1]. */
  batch(indices: ArrayLike<number>): Batch {
    checkIndices(indices, this.size, this.name);
    const ia = Int32Array.from(indices as ArrayLike<number>, (i) => i % this.a.size);
    const ib = Int32Array.from(indices as ArrayLike<number>, (i) => this.perm[i] % this.b.size);
    return { x: this.a.batch(ia).x, x2: this.b.batch(ib).x };
  }
}

/** Builds an UnpairedImageDataset from the images of two domains (same channels for both). */
export function unpairedImageDataset(name: string, a: SourceImage[], b: SourceImage[], opts: RasterOptions & { seed?: number } = {}): UnpairedImageDataset {
  const channels = opts.channels ?? autoChannels([...a, ...b]);
  return new UnpairedImageDataset(name, toDataset(`${name}/A`, a, { ...opts, channels }), toDataset(`${name}/B`, b, { ...opts, channels }), opts.seed);
}
