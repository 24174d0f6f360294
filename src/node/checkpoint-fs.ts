// The file-system calls the checkpoint store makes, behind one interface, so that the fault-injection
// tests can kill the writer at any call or fail any write with ENOSPC (SQLite's crash-at-every-write test).
import { link, mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { writeFileSynced } from './atomic-write.js';

/** What the checkpoint store needs from a file system; every call is one `await` a crash may cut. */
export interface CheckpointFs {
  mkdir(dir: string): Promise<void>;
  /** Writes the whole file and fsyncs it before resolving. */
  writeFileSynced(file: string, data: string | Uint8Array): Promise<void>;
  /** Fsyncs a directory, so that the names of the files written or renamed in it are durable too. */
  syncDir(dir: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Hard link; the store falls back to a copy where links are not supported. */
  link(existing: string, linkPath: string): Promise<void>;
  rm(target: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  readFile(file: string): Promise<Buffer>;
  isDirectory(target: string): Promise<boolean>;
}

/** The real file system (node:fs/promises). */
export const nodeCheckpointFs: CheckpointFs = {
  async mkdir(dir) {
    await mkdir(dir, { recursive: true });
  },
  writeFileSynced,
  async syncDir(dir) {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } catch (e) {
      // some file systems (and Windows) refuse fsync on a directory; the rename is still atomic there
      if (!['EINVAL', 'EPERM', 'EISDIR', 'EBADF'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  link: (existing, linkPath) => link(existing, linkPath),
  rm: (target) => rm(target, { recursive: true, force: true }),
  readdir: (dir) => readdir(dir),
  readFile: (file) => readFile(file),
  async isDirectory(target) {
    try {
      return (await stat(target)).isDirectory();
    } catch {
      return false;
    }
  },
};
