// Test helper: runs `genlab ARGS…` from source in a child process and returns its exit code and output.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const CLI = path.join(import.meta.dirname, 'cli.ts');

/** Runs the CLI synchronously (backend from GENLAB_BACKEND, default `backend`). */
export function genlab(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { GENLAB_BACKEND: 'cpu', ...process.env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs the CLI in this process (for flag checks that happen before any run is opened, so no child is needed). */
export async function genlabHere(...args: string[]): Promise<{ code: number; err: string }> {
  const { main } = await import('../../src/cli/main.js');
  const write = process.stderr.write;
  let err = '';
  process.stderr.write = ((s: string | Uint8Array) => ((err += String(s)), true)) as typeof process.stderr.write;
  const saved = process.exitCode;
  process.exitCode = undefined;
  try {
    await main(['node', 'genlab', ...args]);
  } finally {
    process.stderr.write = write;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = saved;
  return { code, err };
}
