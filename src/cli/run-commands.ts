// The commands over a run directory, each declared as data in its own file (RunCommand: options, the
// capability it needs, what it does); main.ts registers them and `genlab list` shows who can run which.
import { sampleCommand } from './commands/sample.js';
import { nllCommand } from './commands/eval.js';
import { accuracyCommand } from './commands/eval-run.js';
import { attentionCommand, generateCommand, infillCommand } from './commands/generate.js';
import { inpaintCommand } from './commands/inpaint.js';
import { upscaleCommand } from './commands/upscale.js';
import { anomalyCommand } from './commands/eval-anomaly.js';
import { migCommand } from './commands/eval-mig.js';
import { traverseCommand } from './commands/traverse.js';
import { topicsCommand } from './commands/topics.js';
import { labelsCommand } from './commands/eval-conditional.js';
import { NEEDS, type ModelSpec } from '../models/types.js';
import type { RunCommand } from './options.js';

/** `genlab NAME DIR`: adding a command over runs is one file plus one entry here. */
export const RUN_COMMANDS: RunCommand[] = [sampleCommand, traverseCommand, topicsCommand, generateCommand, infillCommand, attentionCommand, inpaintCommand, upscaleCommand];

/** `genlab eval NAME DIR`. */
export const EVAL_COMMANDS: RunCommand[] = [nllCommand, accuracyCommand, anomalyCommand, migCommand, labelsCommand];

/** The run commands a spec's capabilities allow (with their default flags), e.g. ['sample', 'inpaint', 'eval nll']. */
export function commandsFor(spec: ModelSpec): string[] {
  const allowed = (c: RunCommand) => (typeof c.needs === 'function' ? c.needs({}) : c.needs).every((n) => NEEDS[n].declared(spec.capabilities));
  return [...RUN_COMMANDS.filter(allowed).map((c) => c.name), ...EVAL_COMMANDS.filter(allowed).map((c) => `eval ${c.name}`)];
}
