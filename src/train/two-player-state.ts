// Checkpoint state shared by the two-network recipes (adversarial, training-by-sampling): both
// optimizers under optD/ and optG/ prefixes, the generator EMA under ema/, and the recipe's noise Rng.
import { Rng } from '../random/rng.js';
import type { Optimizer, NamedTensor } from './optimizers.js';
import type { WeightEma } from './ema.js';

/** The state to save: named tensors and the noise stream's position. */
export function twoPlayerState(optD: Optimizer, optG: Optimizer, ema: WeightEma | null, noise: Rng): { tensors: NamedTensor[]; json: Record<string, unknown> } {
  const prefixed = (p: string, list: NamedTensor[]) => list.map((t) => ({ ...t, name: `${p}/${t.name}` }));
  return { tensors: [...prefixed('optD', optD.getState()), ...prefixed('optG', optG.getState()), ...(ema?.getState() ?? [])], json: { rng: noise.state() } };
}

/** Restores what twoPlayerState saved; returns the noise Rng to continue with. */
export function restoreTwoPlayerState(state: { tensors: NamedTensor[]; json: Record<string, unknown> }, optD: Optimizer, optG: Optimizer, ema: WeightEma | null): Rng {
  const strip = (p: string) => state.tensors.filter((t) => t.name.startsWith(`${p}/`)).map((t) => ({ ...t, name: t.name.slice(p.length + 1) }));
  optD.setState(strip('optD'));
  optG.setState(strip('optG'));
  if (ema) ema.setState(state.tensors.filter((t) => t.name.startsWith('ema/')));
  return new Rng(state.json.rng as ConstructorParameters<typeof Rng>[0]);
}
