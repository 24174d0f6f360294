// Analytic FLOP counts of training steps (a multiply-add = 2 FLOPs), for achieved GFLOP/s. Only the
// matrix products are counted; a training step is taken as 3× the forward pass (backward computes the
// input and the weight gradient, each as costly as the forward), the usual estimate (Kaplan et al. 2020).

/** Forward FLOPs of dense layers [in → out] on a batch. */
export function denseFlops(batch: number, layers: Array<[number, number]>): number {
  return layers.reduce((sum, [i, o]) => sum + 2 * batch * i * o, 0);
}

/** MLP VAE training step: encoder in → hidden… → 2·latent, decoder latent → …hidden → in. */
export function mlpVaeStepFlops(a: { batch: number; input: number; hidden: number[]; latent: number }): number {
  const enc = [a.input, ...a.hidden, 2 * a.latent];
  const dec = [a.latent, ...[...a.hidden].reverse(), a.input];
  const pairs = (w: number[]) => w.slice(1).map((o, k): [number, number] => [w[k], o]);
  return 3 * denseFlops(a.batch, [...pairs(enc), ...pairs(dec)]);
}

/**
 * GPT training step, nanoGPT's estimate_mfu: 6·N + 12·L·C·T FLOPs per token, N the parameters
 * in the blocks (12·C² per layer, biases and norms neglected) plus the tied token embedding / head
 * (V·C; the position table costs no FLOPs).
 */
export function gptStepFlops(a: { batch: number; block: number; nLayer: number; nEmbd: number; vocab: number }): number {
  const n = 12 * a.nLayer * a.nEmbd ** 2 + a.vocab * a.nEmbd;
  return a.batch * a.block * (6 * n + 12 * a.nLayer * a.nEmbd * a.block);
}

/** Achieved GFLOP/s of `flops` done in `ms`. */
export function gflops(flops: number, ms: number): number {
  return Number((flops / ms / 1e6).toFixed(2));
}
