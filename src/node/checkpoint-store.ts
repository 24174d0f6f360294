// Checkpoints as one unit (PyTorch Lightning's consistent checkpoint, SQLite's all-or-nothing commit):
// every file of step N goes into checkpoints/step-N.tmp/, is fsynced, a manifest with each file's
// sha256 is written last, and one rename publishes the directory. The reader takes only a complete,
// hash-verified step directory and falls back to the one before with a notice.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { nodeCheckpointFs, type CheckpointFs } from './checkpoint-fs.js';
import { fileError } from './atomic-write.js';

/** Folder of a run directory that holds its step directories. */
export const CHECKPOINTS_DIR = 'checkpoints';
/** Per-step file listing every other file with its size and sha256; written last. */
export const MANIFEST_FILE = 'manifest.json';
/** Names the newest checkpoint the trainer has judged good (finite weights, no loss jump after it). */
export const GOOD_FILE = 'good.json';

/** One file of a checkpoint, in memory until the commit. */
export interface CheckpointFile {
  name: string;
  data: string | Uint8Array;
}

const plainName = z.string().regex(/^[A-Za-z0-9._-]+$/).refine((n) => n !== '.' && n !== '..' && n !== MANIFEST_FILE);
const manifestSchema = z.strictObject({
  format: z.literal('genlab-checkpoint-manifest'),
  version: z.literal(1),
  step: z.number().int().min(0),
  files: z.array(z.strictObject({ name: plainName, bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })).min(1),
});
type Manifest = z.output<typeof manifestSchema>;

/** A step directory's name; `.replaced` marks the older copy of a step being rewritten. */
const STEP_DIR = /^step-(\d+)(\.replaced)?$/;
export const stepDirName = (step: number): string => `step-${step}`;

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

async function guarded<T>(action: string, file: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw fileError(e, action, file);
  }
}

/** The step directories under `root`, newest first; a plain one before the `.replaced` copy of its step. */
async function stepDirs(root: string, fs: CheckpointFs): Promise<{ name: string; step: number }[]> {
  const names = await fs.readdir(root).catch(() => [] as string[]);
  return names
    .flatMap((name) => {
      const m = STEP_DIR.exec(name);
      return m ? [{ name, step: Number(m[1]), replaced: m[2] !== undefined }] : [];
    })
    .sort((a, b) => b.step - a.step || Number(a.replaced) - Number(b.replaced))
    .map(({ name, step }) => ({ name, step }));
}

/** What the trainer asks of the store besides writing: how many to keep and where a copy of the primary network goes. */
export interface CommitOptions {
  /** Complete checkpoints kept (the good one is kept besides). */
  keep: number;
  /** Files copied (hard-linked) to the run directory's top level after the commit, for stock tfjs loaders. */
  mirror?: string[];
  fs?: CheckpointFs;
}

/** Writes step `step` of the run in `runDir` as one unit; returns the published step directory. */
export async function commitCheckpoint(runDir: string, step: number, files: CheckpointFile[], o: CommitOptions): Promise<string> {
  const fs = o.fs ?? nodeCheckpointFs;
  const tmp = `${path.join(runDir, CHECKPOINTS_DIR, stepDirName(step))}.tmp`;
  try {
    return await commitSteps(runDir, step, files, o, fs, tmp);
  } catch (e) {
    // a full disk: free what the unfinished step took (a crashed process leaves it to the next commit)
    await fs.rm(tmp).catch(() => {});
    throw e;
  }
}

async function commitSteps(runDir: string, step: number, files: CheckpointFile[], o: CommitOptions, fs: CheckpointFs, tmp: string): Promise<string> {
  const root = path.join(runDir, CHECKPOINTS_DIR);
  const final = path.join(root, stepDirName(step)); // tmp, a leftover from a crash, is never loaded: its name does not match STEP_DIR
  await guarded('create', root, () => fs.mkdir(root));
  await guarded('remove', tmp, () => fs.rm(tmp));
  await guarded('create', tmp, () => fs.mkdir(tmp));
  const listed: Manifest['files'] = [];
  for (const f of files) {
    const file = path.join(tmp, f.name);
    await guarded('write', file, () => fs.writeFileSynced(file, f.data));
    listed.push({ name: f.name, bytes: typeof f.data === 'string' ? Buffer.byteLength(f.data) : f.data.byteLength, sha256: sha256(f.data) });
  }
  const manifest: Manifest = { format: 'genlab-checkpoint-manifest', version: 1, step, files: listed };
  const manifestFile = path.join(tmp, MANIFEST_FILE);
  await guarded('write', manifestFile, () => fs.writeFileSynced(manifestFile, JSON.stringify(manifest, null, 1)));
  await guarded('sync', tmp, () => fs.syncDir(tmp));
  if (await fs.isDirectory(final)) {
    // the step is being written again (an interrupt right after a cadence checkpoint): the old copy
    // stays loadable as step-N.replaced until the new one is in place
    const old = `${final}.replaced`;
    await guarded('remove', old, () => fs.rm(old));
    await guarded('rename', final, () => fs.rename(final, old));
    await guarded('publish', final, () => fs.rename(tmp, final));
    await guarded('remove', old, () => fs.rm(old));
  } else {
    await guarded('publish', final, () => fs.rename(tmp, final));
  }
  await guarded('sync', root, () => fs.syncDir(root));
  await pruneCheckpoints(runDir, o.keep, fs);
  for (const name of o.mirror ?? []) await mirrorFile(path.join(final, name), path.join(runDir, name), fs);
  return final;
}

// a hard link costs no disk; replaced by rename so a reader of the top-level copy sees old or new, never half
async function mirrorFile(from: string, to: string, fs: CheckpointFs): Promise<void> {
  const tmp = path.join(path.dirname(to), `.${path.basename(to)}.tmp`);
  await guarded('remove', tmp, () => fs.rm(tmp));
  try {
    await fs.link(from, tmp);
  } catch {
    await guarded('write', tmp, async () => fs.writeFileSynced(tmp, await fs.readFile(from)));
  }
  await guarded('replace', to, () => fs.rename(tmp, to));
}

/** The step the trainer last judged good, or null. */
export async function readGoodStep(runDir: string, fs: CheckpointFs = nodeCheckpointFs): Promise<number | null> {
  try {
    const v = JSON.parse((await fs.readFile(path.join(runDir, CHECKPOINTS_DIR, GOOD_FILE))).toString('utf8'));
    return Number.isInteger(v?.step) && v.step >= 0 ? v.step : null;
  } catch {
    return null;
  }
}

/** Records step `step` as the last known good checkpoint (atomically). */
export async function markGood(runDir: string, step: number, fs: CheckpointFs = nodeCheckpointFs): Promise<void> {
  const file = path.join(runDir, CHECKPOINTS_DIR, GOOD_FILE);
  const tmp = `${file}.tmp`;
  await guarded('write', tmp, () => fs.writeFileSynced(tmp, JSON.stringify({ step })));
  await guarded('replace', file, () => fs.rename(tmp, file));
}

/** Keeps the newest `keep` step directories and the good one; removes the rest and stale temporaries. */
export async function pruneCheckpoints(runDir: string, keep: number, fs: CheckpointFs = nodeCheckpointFs): Promise<void> {
  const root = path.join(runDir, CHECKPOINTS_DIR);
  const good = await readGoodStep(runDir, fs);
  const dirs = (await stepDirs(root, fs)).filter((d) => !d.name.endsWith('.replaced'));
  const drop = dirs.slice(Math.max(1, keep)).filter((d) => d.step !== good);
  for (const d of drop) await guarded('remove', path.join(root, d.name), () => fs.rm(path.join(root, d.name)));
  for (const name of await fs.readdir(root).catch(() => [] as string[])) {
    if (name.endsWith('.tmp') && name.startsWith('step-')) await guarded('remove', path.join(root, name), () => fs.rm(path.join(root, name)));
  }
}

/**
 * Takes the checkpoints after `step` out of the resume path (renamed step-N.<why>, kept for inspection):
 * after a divergence (they are not good) or when a run is resumed from an earlier step (a new history).
 */
export async function retireAfter(runDir: string, step: number, why: 'diverged' | 'superseded', fs: CheckpointFs = nodeCheckpointFs): Promise<string[]> {
  const root = path.join(runDir, CHECKPOINTS_DIR);
  const retired: string[] = [];
  for (const d of await stepDirs(root, fs)) {
    if (d.step <= step) continue;
    const to = path.join(root, `${d.name.replace(/\.replaced$/, '')}.${why}`);
    await guarded('remove', to, () => fs.rm(to));
    await guarded('rename', path.join(root, d.name), () => fs.rename(path.join(root, d.name), to));
    retired.push(to);
  }
  return retired;
}

/** Checks a step directory against its manifest; returns the reason it cannot be loaded, or null. */
export async function verifyStepDir(dir: string, fs: CheckpointFs = nodeCheckpointFs): Promise<string | null> {
  let manifest: Manifest;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse((await fs.readFile(path.join(dir, MANIFEST_FILE))).toString('utf8')));
    if (!parsed.success) return `${MANIFEST_FILE} is damaged (${parsed.error.issues[0].path.join('.') || 'root'}: ${parsed.error.issues[0].message})`;
    manifest = parsed.data;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? `${MANIFEST_FILE} is missing (the write did not finish)` : `${MANIFEST_FILE} is unreadable (${(e as Error).message})`;
  }
  for (const f of manifest.files) {
    let data: Buffer;
    try {
      data = await fs.readFile(path.join(dir, f.name));
    } catch {
      return `${f.name} is missing`;
    }
    if (data.byteLength !== f.bytes) return `${f.name} holds ${data.byteLength} bytes, the manifest says ${f.bytes}`;
    if (sha256(data) !== f.sha256) return `${f.name} does not match its sha256 in the manifest (the file was changed or damaged)`;
  }
  if (!manifest.files.some((f) => f.name === 'genlab.json')) return 'the manifest lists no genlab.json';
  try {
    const metaStep = JSON.parse((await fs.readFile(path.join(dir, 'genlab.json'))).toString('utf8')).step;
    if (metaStep !== manifest.step) return `genlab.json says step ${String(metaStep)}, the manifest step ${manifest.step} (files from two steps)`;
  } catch (e) {
    return `genlab.json is not valid JSON (${(e as Error).message})`;
  }
  return null;
}

/** Where a checkpoint path led: the step directory to read, the run it belongs to, and what was skipped. */
export interface ResolvedCheckpoint {
  /** Directory holding genlab.json, the networks and the state. */
  dir: string;
  /** The run directory new checkpoints, logs and artifacts of a resumed run go to. */
  runDir: string;
  /** Checkpoints passed over on the way (newest first), each with why. */
  notices: string[];
}

/**
 * Finds the checkpoint to load from a run directory (its newest complete, verified step), a step
 * directory itself, or a legacy directory with genlab.json at its top (weights/ and older runs).
 */
export async function resolveCheckpoint(dir: string, fs: CheckpointFs = nodeCheckpointFs): Promise<ResolvedCheckpoint> {
  const root = path.join(dir, CHECKPOINTS_DIR);
  if (await fs.isDirectory(root)) {
    const skipped: string[] = [];
    for (const d of await stepDirs(root, fs)) {
      const candidate = path.join(root, d.name);
      const why = await verifyStepDir(candidate, fs);
      if (why === null) {
        const notices = skipped.length ? [`${skipped.join('; ')} — loading ${candidate} (step ${d.step}) instead.`] : [];
        return { dir: candidate, runDir: dir, notices };
      }
      skipped.push(`${candidate} cannot be loaded: ${why}`);
    }
    throw new Error(`${dir} holds no complete checkpoint${skipped.length ? `: ${skipped.join('; ')}` : ` (no published step-N directory in ${root}; diverged or superseded ones are set aside)`}. Start a new run.`);
  }
  const inRun = path.basename(path.dirname(path.resolve(dir))) === CHECKPOINTS_DIR;
  let hasManifest = true;
  await fs.readFile(path.join(dir, MANIFEST_FILE)).catch(() => (hasManifest = false));
  if (hasManifest || inRun) {
    const why = await verifyStepDir(dir, fs);
    if (why !== null) throw new Error(`${dir} cannot be loaded: ${why}. Pass its run directory to load the newest complete checkpoint.`);
    return { dir, runDir: inRun ? path.dirname(path.dirname(path.resolve(dir))) : dir, notices: [] };
  }
  return { dir, runDir: dir, notices: [] };
}
