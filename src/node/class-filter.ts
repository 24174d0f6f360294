// Keeps only some label classes of a dataset's train split — one-class training for anomaly
// detection (An & Cho 2015: the VAE sees only the normal class; the test split stays whole).
import type { Dataset } from '../data/types.js';
import { ImageDataset } from '../data/image-dataset.js';
import { VectorDataset } from '../data/vector-dataset.js';

/** Returns the examples of `ds` whose label is in `classes` (image and vector datasets with labels). */
export function filterClasses<D extends Dataset>(ds: D, classes: number[]): D | ImageDataset | VectorDataset {
  const labels = (ds as unknown as { labels?: ArrayLike<number> }).labels;
  if (!labels || ds.numClasses === undefined) throw new Error(`data.trainClasses needs a labelled dataset; ${ds.name} has no labels.`);
  const bad = classes.find((c) => !Number.isInteger(c) || c < 0 || c >= ds.numClasses!);
  if (bad !== undefined) throw new Error(`data.trainClasses: ${bad} is not a class of ${ds.name} (0..${ds.numClasses - 1}).`);
  const keep: number[] = [];
  for (let i = 0; i < labels.length; i++) if (classes.includes(labels[i])) keep.push(i);
  if (keep.length === 0) throw new Error(`data.trainClasses [${classes.join(', ')}] leaves no examples in ${ds.name}.`);
  if (ds instanceof ImageDataset) return ds.subset(Int32Array.from(keep));
  if (ds instanceof VectorDataset) {
    const d = ds.shape[0];
    const data = new Float32Array(keep.length * d); // [N', D]
    keep.forEach((r, i) => data.set(ds.data.subarray(r * d, r * d + d), i * d));
    return new VectorDataset({ name: ds.name, data, dim: d, labels: Int32Array.from(keep, (r) => ds.labels![r]), numClasses: ds.numClasses });
  }
  throw new Error(`data.trainClasses is not supported for ${ds.kind} datasets (${ds.name}).`);
}
