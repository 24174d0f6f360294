// Test helper: starts `genlab train … --out DIR` from source in a child process, waits until its first
// log lines are written (training is under way), sends `signal`, and reports how the child ended.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const CLI = path.join(import.meta.dirname, 'cli.ts');

/** Runs `genlab ARGS --out dir`, stops it with `signal` once log.jsonl has lines; resolves to its exit code (or signal) and stderr. */
export async function stopTrainingMidway(dir: string, args: string[], signal: NodeJS.Signals, env: NodeJS.ProcessEnv = { ...process.env, GENLAB_BACKEND: 'wasm' }): Promise<{ code: number | string | null; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args, '--out', dir], { env });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const logFile = path.join(dir, 'log.jsonl');
  for (let waited = 0; waited < 120000; waited += 200) {
    if (existsSync(logFile) && readFileSync(logFile, 'utf8').length > 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill(signal);
  const code = await new Promise<number | string | null>((r) => child.on('exit', (c, sig) => r(c ?? sig)));
  return { code, err };
}
