// Where a run directory's newest checkpoint lives (checkpoints/step-N), for tests that read its files.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The newest published step directory of a run (the one `--resume RUN` loads when it is intact). */
export function latestCheckpoint(runDir: string): string {
  const steps = readdirSync(path.join(runDir, 'checkpoints'))
    .flatMap((n) => (/^step-\d+$/.test(n) ? [Number(n.slice(5))] : []))
    .sort((a, b) => b - a);
  if (!steps.length) throw new Error(`${runDir} has no published checkpoint`);
  return path.join(runDir, 'checkpoints', `step-${steps[0]}`);
}

/** The parsed genlab.json of a run's newest checkpoint. */
export function latestMeta(runDir: string): any {
  return JSON.parse(readFileSync(path.join(latestCheckpoint(runDir), 'genlab.json'), 'utf8'));
}
