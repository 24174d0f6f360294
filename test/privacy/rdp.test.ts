// The RDP accountant against a scipy recomputation of the published formulas (make_rdp_fixture.py):
// per-order RDP of one step, ε of 24 (q, σ, steps, δ) cases under both conversions, log erfc, the
// inverse (σ for a target ε) and the running accountant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_ORDERS, RdpAccountant, epsilonAfter, rdpOfStep, sigmaForEpsilon } from '../../src/privacy/rdp.js';
import { logErfc } from '../../src/privacy/log-math.js';

interface Case { q: number; sigma: number; steps: number; delta: number; epsilon: number; order: number; epsilonClassic: number; orderClassic: number }
const dir = new URL('../fixtures/privacy/', import.meta.url);
const fx = JSON.parse(readFileSync(new URL('rdp_fixture.json', dir), 'utf8')) as { cases: Case[]; perOrder: { q: number; sigma: number; orders: number[]; rdp: number[] } };
const erfcRows = JSON.parse(readFileSync(new URL('log_erfc_fixture.json', dir), 'utf8')) as [number, number][];

test('the order grid is Opacus\'s: 1.1 … 10.9 by 0.1, then 12 … 63', () => {
  assert.equal(DEFAULT_ORDERS.length, 99 + 52);
  assert.deepEqual(DEFAULT_ORDERS, fx.perOrder.orders);
});

test('log erfc matches scipy across the series / continued-fraction regimes', () => {
  for (const [x, want] of erfcRows) {
    const got = logErfc(x);
    assert.ok(Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)), `log erfc(${x}) = ${got}, scipy ${want}`);
  }
});

test('per-order RDP of one step (integer and fractional α) matches the formulas to 1e-10 relative', () => {
  const { q, sigma, orders, rdp } = fx.perOrder;
  orders.forEach((a, k) => {
    const got = rdpOfStep(q, sigma, a);
    assert.ok(Math.abs(got - rdp[k]) <= 1e-10 * rdp[k], `α ${a}: ${got} vs ${rdp[k]}`);
  });
});

test('ε of q 0.004, σ 1.3, 3,750 steps, δ 1e-5: 0.92205 (Opacus 1.x) and 1.15975 (classic) within 1e-3', () => {
  const c = fx.cases[0];
  assert.deepEqual([c.q, c.sigma, c.steps, c.delta], [0.004, 1.3, 3750, 1e-5]);
  const eps = epsilonAfter({ q: 0.004, sigma: 1.3, delta: 1e-5 }, 3750);
  const classic = epsilonAfter({ q: 0.004, sigma: 1.3, delta: 1e-5, conversion: 'classic' }, 3750);
  assert.ok(Math.abs(eps - 0.92204894) < 1e-6 && Math.abs(eps - c.epsilon) < 1e-9, `ε ${eps}`);
  assert.ok(Math.abs(classic - 1.15974940) < 1e-6 && Math.abs(classic - c.epsilonClassic) < 1e-9, `classic ε ${classic}`);
});

test("Opacus's MNIST README \"ε = 1.18 for α = 17.0\" is its run's 240 batches an epoch (q = 1/240) × 15 epochs, classic conversion", () => {
  // 15 epochs of 250 steps at q 0.004 give 1.160, not 1.18; the README's progress bars show 240/240 batches,
  // i.e. sampling rate 1/240, and with it the classic conversion gives 1.1799 at α = 17 (the Python script: 1.17990067)
  const opacus = epsilonAfter({ q: 1 / 240, sigma: 1.3, delta: 1e-5, conversion: 'classic' }, 15 * 240);
  assert.ok(Math.abs(opacus - 1.18) < 1e-3 && Math.abs(opacus - 1.17990067) < 1e-6, `ε ${opacus}`);
});

test('TF-Privacy\'s published MNIST ε (1.19, 3.01, 7.10) come out of the classic conversion', () => {
  const want = [1.19, 3.01, 7.10];
  fx.cases.slice(1, 4).forEach((c, k) => {
    const got = epsilonAfter({ q: c.q, sigma: c.sigma, delta: c.delta, conversion: 'classic' }, c.steps);
    assert.ok(Math.abs(got - want[k]) < 0.005, `σ ${c.sigma}: ${got}`);
  });
});

test('ε of every fixture case within 1e-3 (measured: ≤ 1e-9), both conversions', () => {
  let worst = 0;
  for (const c of fx.cases) {
    const e = epsilonAfter({ q: c.q, sigma: c.sigma, delta: c.delta }, c.steps);
    const ec = epsilonAfter({ q: c.q, sigma: c.sigma, delta: c.delta, conversion: 'classic' }, c.steps);
    worst = Math.max(worst, Math.abs(e - c.epsilon), Math.abs(ec - c.epsilonClassic));
  }
  assert.ok(fx.cases.length >= 24);
  assert.ok(worst < 1e-9, `worst |Δε| ${worst}`);
});

test('sigmaForEpsilon inverts epsilonAfter', () => {
  for (const c of fx.cases.slice(0, 6)) {
    const p = { q: c.q, delta: c.delta };
    const sigma = sigmaForEpsilon(p, c.steps, c.epsilon, 1e-6);
    assert.ok(Math.abs(sigma - c.sigma) < 1e-4, `σ ${sigma} vs ${c.sigma}`);
    assert.ok(epsilonAfter({ ...p, sigma }, c.steps) <= c.epsilon);
  }
});

test('the running accountant: epsilonSoFar equals the batch computation; maxSteps is the last step within budget', () => {
  const acc = new RdpAccountant({ q: 0.004, sigma: 1.3, delta: 1e-5 });
  assert.equal(acc.epsilonSoFar(0), 0);
  for (const s of [1, 250, 3750]) assert.ok(Math.abs(acc.epsilonSoFar(s) - epsilonAfter({ q: 0.004, sigma: 1.3, delta: 1e-5 }, s)) < 1e-12);
  const n = acc.maxSteps(0.5);
  assert.ok(acc.epsilonSoFar(n) <= 0.5 && acc.epsilonSoFar(n + 1) > 0.5, `maxSteps ${n}`);
});

test('edge cases: q = 0 spends nothing, q = 1 is the Gaussian mechanism α/2σ², bad inputs throw', () => {
  assert.equal(rdpOfStep(0, 1, 2), 0);
  assert.equal(rdpOfStep(1, 2, 3), 3 / 8);
  assert.throws(() => rdpOfStep(1.5, 1, 2), /sampling rate/);
  assert.throws(() => epsilonAfter({ q: 0.01, sigma: 1, delta: 0 }, 10), /δ/);
});
