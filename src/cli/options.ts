// Option helpers shared by the CLI commands.
import type { Command } from 'commander';
import { initNodeEngine } from '../node/engine.js';
import { openSession, type Session } from '../node/session.js';

/** Commander reducer for repeatable options. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The global --backend option (or GENLAB_BACKEND), read from any subcommand. */
export function globalBackend(cmd: Command): string | undefined {
  let c: Command | null = cmd;
  while (c) {
    const b = c.opts().backend;
    if (b) return b;
    c = c.parent;
  }
  return process.env.GENLAB_BACKEND;
}

/** Parses a positive integer flag with a clear error. */
export function intOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${value}".`);
  return n;
}

/** Starts the engine on the command's backend, opens a run directory, runs `fn`, and disposes the session. */
export async function withRunSession<T>(dir: string, cmd: Command, fn: (s: Session) => Promise<T> | T): Promise<T> {
  await initNodeEngine(globalBackend(cmd));
  const s = await openSession({ checkpoint: dir });
  try {
    return await fn(s);
  } finally {
    s.dispose();
  }
}
