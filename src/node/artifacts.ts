// Run artifacts written after training (and by `genlab sample`): the output kind's preview (sample grid,
// scatter or text), latent interpolations, metrics.json and the self-contained report.html.
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';
import path from 'node:path';
import { tf } from '../engine/tf.js';
import { engineInfo } from '../engine/backend.js';
import { imageGrid, scatterPlot, type RgbaImage } from '../io/png.js';
import { renderReport, type LogRow } from '../io/report.js';
import { writeTable } from '../data/tabular/write-table.js';
import { isTableModel, type Capabilities, type LatentModel, type TableModel } from '../models/types.js';
import { Rng } from '../random/rng.js';
import { interpolateLatents, type Interpolation } from '../samplers/latent-walk.js';
import { encodePng } from './png-codec.js';
import type { Session } from './session.js';

/** Seed of the fixed noise behind a run's preview grids (same run → same pictures). */
export const PREVIEW_SEED = 1234;

/** Renders n samples of a session's model as an image grid or 2-D scatter. */
export function renderSamples(s: Session, n: number, seed = PREVIEW_SEED): RgbaImage {
  if (s.spec.capabilities.output === 'text') throw new Error(`Model "${s.spec.id}" generates text, not images; use \`genlab generate DIR\` (or \`genlab infill DIR\`).`);
  const rng = new Rng(seed);
  const x = s.recipe.withSamplingWeights(() => s.model.sample(n, rng));
  try {
    if (x.shape.length === 4) {
      const [, h, w, c] = x.shape;
      return imageGrid(x, n, h, w, c, { cols: Math.ceil(Math.sqrt(n)) });
    }
    return scatterPlot(x.dataSync() as Float32Array, {});
  } finally {
    x.dispose();
  }
}

/** Decodes n token samples of a text model (`length` tokens each) with the run's tokenizer, separated by rules. */
export function renderTextSamples(s: Session, n: number, length: number, seed = PREVIEW_SEED): string | null {
  const tok = s.data.tokenizer;
  if (!tok) return null;
  const x = s.recipe.withSamplingWeights(() => s.model.sample(n, new Rng(seed), { length }));
  try {
    const ids = x.dataSync();
    const t = x.shape[1]!;
    return Array.from({ length: n }, (_, i) => tok.decode(ids.subarray(i * t, (i + 1) * t))).join('\n' + '-'.repeat(40) + '\n') + '\n';
  } finally {
    x.dispose();
  }
}

/** Decodes interpolations between pairs of test examples' latent codes, one row per pair. */
export function renderInterpolation(s: Session, pairs = 8, steps = 10, method: Interpolation = 'lerp'): RgbaImage | null {
  const model = s.model as Partial<LatentModel>;
  if (!s.spec.capabilities.latent || !model.encode || !model.decode || s.data.test.kind !== 'image') return null;
  const n = Math.min(2 * pairs, s.data.test.size);
  const p = Math.floor(n / 2);
  const batch = s.data.test.batch(Array.from({ length: 2 * p }, (_, i) => i));
  try {
    const grid = s.recipe.withSamplingWeights(() =>
      tf.tidy(() => {
        const z = model.encode!(batch.x); // [2p, L]
        const [a, b] = tf.split(z, [p, p], 0);
        return model.decode!(interpolateLatents(a, b, steps, method)); // [p·steps, H, W, C]
      }),
    );
    const [, h, w, c] = grid.shape;
    const img = imageGrid(grid, p * steps, h, w, c, { cols: steps });
    grid.dispose();
    return img;
  } finally {
    batch.x.dispose();
    batch.y?.dispose();
  }
}

/** Reads log.jsonl rows (step events only) for the report's curves. */
export async function readLog(file: string): Promise<LogRow[]> {
  let text = '';
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => typeof v === 'number')) as LogRow)
    .filter((r) => typeof r.step === 'number');
}

/** One file a run writes for people to look at: a PNG (shown in the report's images) or text (its text samples). */
export interface Artifact {
  file: string;
  caption: string;
  png?: Uint8Array;
  text?: string;
}

function sampleImage(s: Session): Artifact {
  return { file: 'samples.png', png: encodePng(renderSamples(s, 64)), caption: `64 samples (seed ${PREVIEW_SEED})` };
}

/** n sampled rows of a table model as CSV in the training table's columns and formats. */
export function renderTableSamples(m: TableModel, n: number, seed = PREVIEW_SEED): string {
  return writeTable(m.sampleTable(n, new Rng(seed)));
}

/** The preview each output kind writes (none for classifiers); a new output kind adds one line here. */
export const PREVIEWS: Record<Capabilities['output'], ((s: Session) => Artifact | null) | null> = {
  image: sampleImage,
  points: sampleImage,
  table: (s) => (isTableModel(s.model) ? { file: 'samples.csv', text: s.recipe.withSamplingWeights(() => renderTableSamples(s.model as TableModel, 100)), caption: `100 sampled rows (seed ${PREVIEW_SEED})` } : sampleImage(s)),
  text: (s) => {
    const text = renderTextSamples(s, 4, 500);
    return text === null ? null : { file: 'samples.txt', text, caption: `4 samples of 500 tokens (seed ${PREVIEW_SEED})` };
  },
  labels: null,
};

/** The previews of a run: its output kind's samples, and latent interpolations where the model has a latent space. */
export function runPreviews(s: Session): Artifact[] {
  const out: Artifact[] = [];
  const preview = PREVIEWS[s.spec.capabilities.output]?.(s);
  if (preview) out.push(preview);
  const interp = renderInterpolation(s);
  if (interp) out.push({ file: 'interpolation.png', png: encodePng(interp), caption: 'Linear interpolation between the posterior means of test-image pairs' });
  return out;
}

/** Writes the run's previews, metrics.json and report.html into `dir`; returns the names of the files written, in order. */
export async function writeRunArtifacts(
  dir: string,
  s: Session,
  extra: { metrics: Record<string, number>; wallTimeSec: number; command: string[]; startedAt: string; steps?: number; firstStep?: number },
): Promise<string[]> {
  const previews = runPreviews(s);
  for (const a of previews) await writeFileAtomic(path.join(dir, a.file), a.png ?? a.text ?? '');
  const metrics = { step: s.step, wallTimeSec: extra.wallTimeSec, ...extra.metrics };
  await writeFileAtomic(path.join(dir, 'metrics.json'), JSON.stringify(metrics, null, 2));
  const html = renderReport({
    title: `genlab ${s.spec.id} run`,
    modelId: s.spec.id,
    engine: engineInfo() ?? undefined,
    timing: { wallTimeSec: extra.wallTimeSec, steps: extra.steps ?? s.step, firstStep: extra.firstStep, startedAt: extra.startedAt },
    metrics,
    log: await readLog(path.join(dir, 'log.jsonl')),
    images: previews.filter((a) => a.png).map((a) => ({ name: a.file, png: a.png!, caption: a.caption })),
    texts: previews.filter((a) => a.text !== undefined).map((a) => ({ name: a.file, text: a.text!, caption: a.caption })),
    config: s.config,
    command: extra.command,
  });
  await writeFileAtomic(path.join(dir, 'report.html'), html);
  return [...previews.map((a) => a.file), 'metrics.json', 'report.html'];
}
