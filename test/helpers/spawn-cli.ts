// Test helper: runs `genlab ARGS…` from source in a child process and returns its exit code and output.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const CLI = path.join(import.meta.dirname, 'cli.ts');

/** Runs the CLI synchronously (backend from GENLAB_BACKEND, default `backend`). */
export function genlab(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { GENLAB_BACKEND: 'cpu', ...process.env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
