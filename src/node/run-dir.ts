// Opens a training run's directory: a run never lands on top of another run's (or a user's) files
// unless asked, the default name never collides, and folders are created one level at a time with the
// real reason on failure (Node's recursive mkdir spins forever under /proc and says ENOENT on EROFS).
import { constants } from 'node:fs';
import { access, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
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
    case 'EROFS': return `${parent} is on a read-only file system`;
    case 'EACCES': case 'EPERM': return `permission denied in ${parent}`;
    case 'EISDIR': return `${parent} is a folder`;
    case 'ENOSPC': return `the disk holding ${parent} is full`;
    case 'ENOENT': return `${parent} does not allow new folders or files (a virtual file system such as /proc or /sys?)`;
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
  // An existing empty folder on a read-only mount (or without write permission) passes makeDirs; say so
  // now rather than as a raw EROFS from the first checkpoint file.
  await access(dir, constants.W_OK).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`Cannot write the run directory ${dir}: ${reasonOf(e, dir)}.`);
  });
}

/**
 * Checks before any work that `file` can be written (`--out` of sample, generate, …): its folder exists,
 * is a folder and is writable. Node's own errors say ENOENT for a folder under /proc and name no cause.
 */
export async function checkOutputFile(file: string, flag = '--out'): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const d = await statOrNull(dir);
  if (!d) throw new Error(`Cannot write ${flag} ${file}: the folder ${dir} does not exist.`);
  if (!d.isDirectory()) throw new Error(`Cannot write ${flag} ${file}: ${dir} is a file, not a folder.`);
  const f = await statOrNull(file);
  if (f?.isDirectory()) throw new Error(`Cannot write ${flag} ${file}: it is a folder; give a file name.`);
  await access(dir, constants.W_OK).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`Cannot write ${flag} ${file}: ${reasonOf(e, dir)}.`);
  });
}

/** writeFile whose error names the file and the cause (read-only file system, permission, full disk, /proc). */
export async function writeOutput(file: string, data: string | Uint8Array, flag = '--out'): Promise<void> {
  await writeFile(file, data).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`Cannot write ${flag} ${file}: ${reasonOf(e, path.dirname(path.resolve(file)))}.`);
  });
}
