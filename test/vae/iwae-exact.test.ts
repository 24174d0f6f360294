// The IWAE estimator (Burda et al. 2016, eq. 8) against known answers: with k = 1 it is the one-sample
// ELBO on the same noise, and on a linear-Gaussian VAE with its exact posterior it equals log p(x) for any k.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tf } from '../../src/engine/tf.js';
import { Rng } from '../../src/random/rng.js';
import { Vae, type VaeModelConfig } from '../../src/models/vae/vae.js';
import { useBackend } from '../helpers/engine.js';

before(() => useBackend('cpu'));

const LOG_2PI = Math.log(2 * Math.PI);
// x = W z + b + s·ε with z ~ N(0, I₂), W = Q·diag(a), Q's columns orthonormal (so the posterior is diagonal).
const Q = [[1 / 3, 2 / 3, 2 / 3], [2 / 3, 1 / 3, -2 / 3]]; // columns of Q as rows: q_j ∈ R³
const a = [1.5, 0.8], b = [0.1, -0.2, 0.3], s = 0.5;
const D = 3, L = 2;
const cfg: VaeModelConfig = { arch: 'mlp', hidden: [], latentDim: L, decoder: 'gaussian', decoderStd: s, beta: 1, capacity: 0, capacitySteps: 10000, gamma: 1000 };
const info = { kind: 'vector' as const, shape: [D] };

/** A VAE whose decoder is x = Wz + b and whose encoder is the exact posterior q(z|x) = p(z|x). */
function linearGaussianVae(): Vae {
  const vae = new Vae(cfg, info);
  const post = a.map((aj) => 1 / (1 + (aj * aj) / (s * s))); // posterior variances Σ_jj
  const encK = new Float32Array(D * 2 * L); // [D, 2L]: μ_j = Σ_jj a_j q_jᵀ(x − b)/s², log σ²_j constant
  const encB = new Float32Array(2 * L);
  for (let j = 0; j < L; j++) {
    for (let i = 0; i < D; i++) encK[i * 2 * L + j] = (post[j] * a[j] * Q[j][i]) / (s * s);
    encB[j] = -b.reduce((acc, bi, i) => acc + bi * encK[i * 2 * L + j], 0);
    encB[L + j] = Math.log(post[j]);
  }
  const decK = new Float32Array(L * D); // [L, D] = Wᵀ
  for (let j = 0; j < L; j++) for (let i = 0; i < D; i++) decK[j * D + i] = a[j] * Q[j][i];
  vae.networks.encoder.setWeights([tf.tensor2d(encK, [D, 2 * L]), tf.tensor1d(encB)]);
  vae.networks.decoder.setWeights([tf.tensor2d(decK, [L, D]), tf.tensor1d(b)]);
  return vae;
}

/** log N(x; b, WWᵀ + s²I) in float64, by Woodbury: C⁻¹ = (I − Q diag(a²/(a²+s²)) Qᵀ)/s². */
function exactLogMarginal(x: number[]): number {
  const r = x.map((xi, i) => xi - b[i]);
  let quad = r.reduce((acc, ri) => acc + ri * ri, 0);
  let logDet = 2 * (D - L) * Math.log(s);
  for (let j = 0; j < L; j++) {
    const proj = Q[j].reduce((acc, qi, i) => acc + qi * r[i], 0);
    quad -= ((a[j] * a[j]) / (a[j] * a[j] + s * s)) * proj * proj;
    logDet += Math.log(a[j] * a[j] + s * s);
  }
  return -0.5 * (quad / (s * s) + logDet + D * LOG_2PI);
}

const X = [[0.3, -1.2, 0.8], [2.0, 0.5, -0.4], [-0.7, -0.1, 1.9], [0.1, -0.2, 0.3]];

test('IWAE on a linear-Gaussian VAE with its exact posterior equals log p(x) for k = 1, 8 and 64', () => {
  const vae = linearGaussianVae();
  const x = tf.tensor2d(X);
  for (const k of [1, 8, 64]) {
    const ll = vae.logLikelihood(x, k, new Rng(3 + k));
    const got = Array.from(ll.dataSync());
    ll.dispose();
    // every importance weight is p(x) exactly, so only float32 rounding remains (measured ≤ 5.8e-7 nats)
    X.forEach((row, i) => assert.ok(Math.abs(got[i] - exactLogMarginal(row)) < 5e-6,
      `k=${k} example ${i}: IWAE ${got[i]} vs exact log p(x) ${exactLogMarginal(row)}`));
  }
  x.dispose();
  vae.dispose();
});

test('IWAE with k = 1 is the one-sample ELBO on the same noise (the loss draws the same ε)', () => {
  const vae = new Vae({ ...cfg, hidden: [5] }, info); // random weights: q is not the posterior here
  const x = tf.tensor2d(X);
  const iwae = vae.logLikelihood(x, 1, new Rng(21));
  const perExample = Array.from(iwae.dataSync());
  const { loss, parts } = vae.loss({ x }, new Rng(21));
  const recon = parts.recon.dataSync()[0]; // mean −log p(x|z) at z = μ + σ·ε
  const { mu, logvar } = vae.posterior(x);
  const [m, lv] = [mu.dataSync(), logvar.dataSync()];
  const eps = new Rng(21).normalTensor([X.length, L]);
  const e = eps.dataSync();
  // log p(z) − log q(z|x) at the same z, in float64
  let logPriorMinusQ = 0;
  for (let n = 0; n < X.length; n++) for (let j = 0; j < L; j++) {
    const z = m[n * L + j] + Math.exp(0.5 * lv[n * L + j]) * e[n * L + j];
    logPriorMinusQ += (-0.5 * (z * z) + 0.5 * (e[n * L + j] ** 2 + lv[n * L + j])) / X.length;
  }
  const mean = perExample.reduce((p, v) => p + v, 0) / X.length;
  assert.ok(Math.abs(mean - (-recon + logPriorMinusQ)) < 1e-4 * Math.max(1, Math.abs(mean)),
    `IWAE(k=1) ${mean} vs one-sample ELBO ${-recon + logPriorMinusQ}`);
  [iwae, loss, ...Object.values(parts), mu, logvar, eps, x].forEach((t) => t.dispose());
  vae.dispose();
});
