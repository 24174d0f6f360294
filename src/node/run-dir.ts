// Opens a training run's directory: a run never lands on top of another run's (or a user's) files
// unless asked, the default name never collides, and folders are created one level at a time with the
// real reason on failure (Node's recursive mkdir spins forever under /proc and says ENOENT on EROFS).
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** How the run directory may be used. */
export interface RunDirOptions {
  /** The directory continues the run already in it (`--resume DIR` into DIR). */
  resume?: boolean;
  /** Empty a non-empty directory before the run writes to it (`--overwrite`). */
  overwrite?: boolean;
}

async function statOrNull(p: string) {
  return stat(p).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return null;
    throw e;
  });
}

function reasonOf(e: NodeJS.ErrnoException, parent: string): string {
  switch (e.code) {
    case 'EROFS': return `${parent} is on a read-only filesystem`;
    case 'EACCES': case 'EPERM': return `permission denied in ${parent}`;
    case 'ENOSPC': return `the disk holding ${parent} is full`;
    case 'ENOENT': return `${parent} does not allow new folders (a virtual filesystem such as /proc or /sys?)`;
    default: return e.message;
  }
}

/** Creates `dir` and its missing parents, one level at a time, with errors that say why. */
export async function makeDirs(dir: string): Promise<void> {
  const abs = path.resolve(dir);
  const missing: string[] = [];
  let cur = abs;
  for (;;) {
    const s = await statOrNull(cur);
    if (s) {
      if (!s.isDirectory()) throw new Error(`Cannot create the run directory ${dir}: ${cur} is a file, not a folder.`);
      break;
    }
    missing.unshift(cur);
    const up = path.dirname(cur);
    if (up === cur) break;
    cur = up;
  }
  for (const p of missing) {
    try {
      await mkdir(p);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EEXIST') continue;
      throw new Error(`Cannot create the run directory ${dir}: ${reasonOf(err, path.dirname(p))}.`);
    }
  }
}

/** A default run directory `base` that does not exist yet: base, base-2, base-3, … */
export async function freshRunDir(base: string): Promise<string> {
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    if (!(await statOrNull(candidate))) return candidate;
  }
}

/** Makes `dir` ready for a run: refuses a non-empty folder unless resuming into it or told to overwrite. */
export async function prepareRunDir(dir: string, o: RunDirOptions = {}): Promise<void> {
  const s = await statOrNull(dir);
  if (s && !s.isDirectory()) throw new Error(`--out ${dir} is a file, not a folder.`);
  if (s && !o.resume) {
    const entries = (await readdir(dir)).sort();
    if (entries.length > 0 && !o.overwrite) {
      const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? `, … (${entries.length} entries)` : '');
      throw new Error(
        `--out ${dir} already holds files (${shown}); a new run would mix with them. ` +
          `Pass another --out, --resume ${dir} to continue the run in it, or --overwrite to empty it first.`,
      );
    }
    if (entries.length > 0) await Promise.all(entries.map((e) => rm(path.join(dir, e), { recursive: true, force: true })));
  }
  await makeDirs(dir);
}
