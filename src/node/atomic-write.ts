// Whole-or-nothing file writes (temporary file, fsync, rename) and fs errors as sentences that name the
// file: a full disk leaves the previous report or grid in place, never a truncated one.
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EIO: 'an I/O error',
};

/** An fs error as a sentence naming the file and the reason (Node's ENOSPC text names neither); keeps `code`. */
export function fileError(e: unknown, action: string, file: string): Error {
  const code = (e as NodeJS.ErrnoException).code;
  const err = new Error(`Could not ${action} ${file}: ${(code && REASONS[code]) || (e as Error).message}${code ? ` (${code})` : ''}.`);
  (err as NodeJS.ErrnoException).code = code;
  return err;
}

/** Writes the whole file and fsyncs it before resolving (its data is on disk, not only in the page cache). */
export async function writeFileSynced(file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `file` through a temporary file in the same folder, fsynced, then renamed over it. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  try {
    await writeFileSynced(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => {});
    throw fileError(e, 'write', file);
  }
}
