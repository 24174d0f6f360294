// Option helpers shared by the CLI commands, the capability check, and the one way a command opens a
// run (engine start, capability check, session, dispose).
import type { Command } from 'commander';
import { initNodeEngine } from '../node/engine.js';
import { openSession, type Session } from '../node/session.js';
import { readCheckpointMeta } from '../node/checkpoint.js';
import { getSpec, MODEL_SPECS } from '../registry.js';
import { countOption } from './limits.js';
import { NEEDS, type Capabilities, type GenModel, type ModelSpec, type Need } from '../models/types.js';

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

/** The command line as the user typed it (`genlab train …`), not node's script path. */
export function commandLine(): string[] {
  return ['genlab', ...process.argv.slice(2)];
}

/** Parses a positive integer flag with a clear error (a safe integer: 1e300 is refused, not allocated). */
export function intOption(name: string, value: string | undefined, fallback: number): number {
  return countOption(name, value, fallback);
}

/** Parses an integer --seed (any sign). */
export function seedOption(value: string | undefined, name = 'seed'): number {
  const seed = Number(value);
  if (!Number.isInteger(seed)) throw new Error(`--${name} must be an integer, got "${value}".`);
  return seed;
}

/**
 * A command's options, including those a parent command consumed from the command line (`eval` declares
 * --n, --seed and --json too, and commander hands a flag to the first command that knows it).
 */
export function subcommandOptions(cmd: Command): Record<string, unknown> {
  const out: Record<string, unknown> = { ...cmd.opts() };
  const parent = cmd.parent;
  if (!parent) return out;
  const local = new Set(cmd.options.map((opt) => opt.attributeName()));
  for (const [k, v] of Object.entries(parent.opts())) if (local.has(k) && parent.getOptionValueSource(k) === 'cli') out[k] = v;
  return out;
}

/** The ids of the registered models whose spec declares a need. */
export function modelsThatCan(need: Need): string[] {
  return MODEL_SPECS.filter((s) => NEEDS[need].declared(s.capabilities)).map((s) => s.id);
}

/** Per need, what a model without it lacks, read from its capabilities (the reason in a refusal). */
export const LACKS: Record<Need, (c: Capabilities) => string> = {
  sample: (c) => `it outputs ${c.output}, not images, points or tables`,
  images: (c) => `it outputs ${c.output}, not images`,
  classify: (c) => `it outputs ${c.output}, not class labels`,
  conditional: () => 'it was not trained with class labels as a condition',
  sampler: () => 'it draws its samples in one pass, with no iterative sampler to choose',
  steps: () => 'it draws its samples in one pass, with no sampling steps to set',
  eta: (c) => (c.sampling ? `its samplers (${c.sampling.samplers.join(', ') || 'its own'}) take no η` : 'it draws its samples in one pass, with no DDIM η to set'),
  latent: () => 'it has no encoder into a latent space',
  likelihood: () => 'it has no likelihood bound to estimate',
  generate: () => 'it is not an autoregressive text model',
  infill: () => 'it is not a masked language model',
  attention: () => 'it has no attention layers',
  inpaint: (c) => {
    if (c.output !== 'image') return `it outputs ${c.output}, and inpainting fills image pixels`;
    if (c.tasks?.includes('upscale')) return 'its denoiser is conditioned on a low-resolution image, which inpainting does not supply';
    return "it has no denoiser that RePaint's steps can steer towards the known pixels";
  },
  upscale: (c) => (c.output === 'image' ? 'it was not trained with a low-resolution copy of each image as its condition' : `it outputs ${c.output}, and upscaling makes images`),
  energy: () => 'it has no energy function over 2-D points',
  topics: () => 'it has no topic–word matrix',
  translate: () => 'it has no paired source-to-target networks',
  table: () => 'it does not model tables',
};

/** The reason sentence of a refusal: what the model lacks. */
export function lacksSentence(spec: ModelSpec, need: Need): string {
  const why = LACKS[need](spec.capabilities);
  return `${why[0]!.toUpperCase()}${why.slice(1)}.`;
}

/** Throws the one refusal message when a spec does not declare a need: the model, the models that can, and what it lacks. */
export function requireCapability(spec: ModelSpec, need: Need): void {
  if (NEEDS[need].declared(spec.capabilities)) return;
  const can = modelsThatCan(need);
  throw new Error(`Model "${spec.id}" cannot ${NEEDS[need].verb}; models that can: ${can.length ? can.join(', ') : 'none registered'}. ${lacksSentence(spec, need)}`);
}

/** Starts the engine on the command's backend (commands that open no run). */
export async function withEngine<T>(cmd: Command, fn: () => Promise<T> | T): Promise<T> {
  await initNodeEngine(globalBackend(cmd));
  return fn();
}

/**
 * Opens a run directory for a command: checks the needs against the run's spec before anything is built,
 * starts the engine, opens the session, checks the built model has the declared methods, runs `fn`, disposes.
 */
export async function withRunSession<T>(dir: string, cmd: Command, needs: Need[], fn: (s: Session) => Promise<T> | T): Promise<T> {
  const spec = getSpec((await readCheckpointMeta(dir)).modelId);
  needs.forEach((n) => requireCapability(spec, n));
  await initNodeEngine(globalBackend(cmd));
  const s = await openSession({ checkpoint: dir, onNotice: (n) => process.stderr.write(`genlab: ${n}\n`) });
  try {
    for (const n of needs) {
      const guard = NEEDS[n].guard;
      if (guard && !guard(s.model)) throw new Error(`Model "${spec.id}" declares that it can ${NEEDS[n].verb}, but its model lacks the methods (a registry bug).`);
    }
    return await fn(s);
  } finally {
    s.dispose();
  }
}

/** The session's model as the ability's interface (withRunSession has checked the guard already). */
export function modelAs<M extends GenModel>(s: Session, is: (m: GenModel) => m is M): M {
  if (!is(s.model)) throw new Error(`Model "${s.spec.id}" lacks the methods this command calls.`);
  return s.model;
}

/** One option of a table-declared command: flags, description and default. */
export type OptionRow = [flags: string, description: string, fallback?: string];

/** The `--json` row shared by the commands that print results. */
export const JSON_ROW: OptionRow = ['--json', 'print one JSON object'];

/** The --seed row with its default. */
export const seedRow = (fallback: string, what = 'sampling seed'): OptionRow => ['--seed <n>', what, fallback];

/** The -o/--out row, naming the file written when it is not given. */
export const outRow = (file: string, what = 'output PNG'): OptionRow => ['-o, --out <file>', `${what} (default ${file})`];

/** The -n/--n row: how many samples (or completions, …) to draw. */
export const countRow = (what: string, fallback: string): OptionRow => ['-n, --n <count>', `number of ${what}`, fallback];

/** A command over a run directory, declared as data: its options, the capabilities it needs, and what it does. */
export interface RunCommand {
  name: string;
  description: string;
  /** Description of the `<dir>` argument. */
  dir: string;
  /** What the model must be able to do; a function where the flags decide. */
  needs: Need[] | ((o: Record<string, any>) => Need[]);
  options?: OptionRow[];
  required?: OptionRow[];
  /** Adds more flags (e.g. the sampler flags) after the rows. */
  extend?: (c: Command) => void;
  /** Checks the flags before the run is opened. */
  check?: (o: Record<string, any>) => void;
  run(s: Session, o: Record<string, any>, dir: string): Promise<void> | void;
}

/** Registers a table-declared run command on `parent` (the program or `eval`). */
export function addRunCommand(parent: Command, def: RunCommand): Command {
  const c = parent.command(def.name).description(def.description).argument('<dir>', def.dir);
  for (const [flags, text, fallback] of def.required ?? []) c.requiredOption(flags, text, fallback);
  for (const [flags, text, fallback] of def.options ?? []) c.option(flags, text, fallback);
  def.extend?.(c);
  const needs = typeof def.needs === 'function' ? def.needs({}) : def.needs;
  const can = MODEL_SPECS.filter((spec) => needs.every((n) => NEEDS[n].declared(spec.capabilities))).map((spec) => spec.id);
  c.addHelpText('after', `\nModels that can: ${can.join(', ') || 'none registered'}.`);
  c.action(async (dir: string, _o, cmd: Command) => {
    const o = subcommandOptions(cmd) as Record<string, any>;
    def.check?.(o);
    const needs = typeof def.needs === 'function' ? def.needs(o) : def.needs;
    await withRunSession(dir, cmd, needs, (s) => def.run(s, o, dir));
  });
  return c;
}

/** Prints `json` as one line with --json, else the human text. */
export function printResult(o: { json?: boolean }, json: unknown, human: string): void {
  process.stdout.write(o.json ? JSON.stringify(json) + '\n' : human);
}
