// Fuzzes the WAV reader (src/data/wav.ts) and the `audio` folder loader: PCM 8–32-bit, float 32/64,
// extensible headers and odd chunks round-trip; damaged files fail naming the file; no NaN, no 16000-fold blow-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseWav, resample, fitLength, resampleFit } from '../../src/data/wav.js';
import { loadDataset } from '../../src/node/datasets.js';
import { tempDir } from '../helpers/tmp.js';
import { CaseCounter, editsArb, mutate, outcome, outcomeAsync, rejects } from './fuzz.js';

const cases = new CaseCounter();
const SRC = 'fuzz/clip.wav';

interface WavSpec {
  format: 1 | 3;
  bits: number;
  channels: number;
  rate: number;
  /** Integer codes (PCM) or float values, interleaved [frames, channels]. */
  values: number[];
  extensible: boolean;
  /** An odd-sized LIST chunk (with its pad byte) before or after fmt. */
  list: 'none' | 'before' | 'after';
}

function encode(s: WavSpec): Uint8Array {
  const bps = s.bits / 8;
  const data = new Uint8Array(s.values.length * bps);
  const dv = new DataView(data.buffer);
  s.values.forEach((v, i) => {
    const o = i * bps;
    if (s.format === 3) s.bits === 32 ? dv.setFloat32(o, v, true) : dv.setFloat64(o, v, true);
    else if (s.bits === 8) data[o] = v + 128;
    else if (s.bits === 16) dv.setInt16(o, v, true);
    else if (s.bits === 24) data.set([v & 255, (v >> 8) & 255, (v >> 16) & 255], o);
    else dv.setInt32(o, v, true);
  });
  const fmt = new Uint8Array(s.extensible ? 40 : 16);
  const fv = new DataView(fmt.buffer);
  fv.setUint16(0, s.extensible ? 0xfffe : s.format, true);
  fv.setUint16(2, s.channels, true);
  fv.setUint32(4, s.rate, true);
  fv.setUint32(8, s.rate * s.channels * bps, true);
  fv.setUint16(12, s.channels * bps, true);
  fv.setUint16(14, s.bits, true);
  if (s.extensible) {
    fv.setUint16(16, 22, true);
    fv.setUint16(24, s.format, true); // the sub-format GUID starts with the format code
  }
  const chunk = (id: string, body: Uint8Array) => {
    const out = new Uint8Array(8 + body.length + (body.length & 1));
    for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
    new DataView(out.buffer).setUint32(4, body.length, true);
    out.set(body, 8);
    return out;
  };
  const list = chunk('LIST', new TextEncoder().encode('INFOabc'));
  const parts = [...(s.list === 'before' ? [list] : []), chunk('fmt ', fmt), ...(s.list === 'after' ? [list] : []), chunk('data', data)];
  const body = new Uint8Array(4 + parts.reduce((n, p) => n + p.length, 0));
  body.set([0x57, 0x41, 0x56, 0x45]);
  let o = 4;
  for (const p of parts) {
    body.set(p, o);
    o += p.length;
  }
  const out = new Uint8Array(8 + body.length);
  out.set([0x52, 0x49, 0x46, 0x46]);
  new DataView(out.buffer).setUint32(4, body.length, true);
  out.set(body, 8);
  return out;
}

/** What each frame decodes to: the channels' mean of code / 2^(bits−1) (PCM) or the float itself. */
function expected(s: WavSpec): number[] {
  const scale = s.format === 3 ? 1 : 2 ** (s.bits - 1);
  const out: number[] = [];
  for (let f = 0; f < s.values.length / s.channels; f++) {
    let sum = 0;
    for (let c = 0; c < s.channels; c++) sum += s.values[f * s.channels + c] / scale;
    out.push(Math.fround(sum / s.channels));
  }
  return out;
}

const specArb: fc.Arbitrary<WavSpec> = fc
  .record({
    kind: fc.constantFrom<[1 | 3, number]>([1, 8], [1, 16], [1, 24], [1, 32], [3, 32], [3, 64]),
    channels: fc.integer({ min: 1, max: 3 }),
    rate: fc.constantFrom(8000, 16000, 22050, 44100),
    frames: fc.integer({ min: 1, max: 40 }),
    extensible: fc.boolean(),
    list: fc.constantFrom<'none' | 'before' | 'after'>('none', 'before', 'after'),
  })
  .chain(({ kind: [format, bits], channels, rate, frames, extensible, list }) => {
    const half = 2 ** (bits - 1);
    const v = format === 3 ? fc.float({ min: -1, max: 1, noNaN: true }).map((x) => (bits === 32 ? x : x / 3)) : fc.integer({ min: -half, max: half - 1 });
    return fc.array(v, { minLength: frames * channels, maxLength: frames * channels }).map((values) => ({ format, bits, channels, rate, values, extensible, list }));
  });

test('PCM 8/16/24/32-bit and float 32/64 WAVs (plain or extensible, with odd chunks) decode to the channel mean', () => {
  cases.check('round-trip', 200, fc.property(specArb, (s) => {
    const w = parseWav(encode(s), SRC);
    assert.deepEqual([w.sampleRate, w.channels, w.bits], [s.rate, s.channels, s.bits]);
    const want = expected(s);
    assert.equal(w.samples.length, want.length);
    want.forEach((v, i) => assert.ok(Math.abs(w.samples[i] - v) <= 1e-7 * Math.max(1, Math.abs(v)), `sample ${i}: ${w.samples[i]} vs ${v}`));
  }));
});

test('a float WAV holding NaN or ±Inf is an error naming the file and the sample, not NaN audio', () => {
  cases.check('non-finite floats', 100, fc.property(specArb.filter((s) => s.format === 3), fc.nat(), fc.constantFrom(NaN, Infinity, -Infinity), (s, at, bad) => {
    s.values[at % s.values.length] = bad;
    rejects(() => parseWav(encode(s), SRC), SRC, /sample \d+ .* must hold finite samples/);
  }));
});

test('mutated WAVs fail naming the file, or decode to finite samples of the declared format', () => {
  cases.check('mutations', 300, fc.property(specArb, editsArb, (s, edits) => {
    const bad = mutate(encode(s), edits, 44);
    outcome(() => parseWav(bad, SRC), SRC, (w) => {
      assert.ok(w.samples.length > 0 && w.samples.every(Number.isFinite));
      if (w.bits !== 32 && w.bits !== 64) assert.ok(w.samples.every((v) => v >= -1 && v <= 1));
    });
  }));
});

test('random bytes behind a RIFF/WAVE header never hang and never decode silently to garbage sizes', () => {
  const head = Uint8Array.of(0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45);
  cases.check('random bytes', 200, fc.property(fc.uint8Array({ maxLength: 120 }), (b) => {
    outcome(() => parseWav(Uint8Array.from([...head, ...b]), SRC), SRC, (w) => assert.ok(w.samples.every(Number.isFinite)));
  }));
});

test('resampleFit equals resample + fitLength, and a clip claiming 1 Hz does not expand 16000-fold', () => {
  cases.check('resampleFit', 60, fc.property(fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 300 }), fc.constantFrom(4000, 8000, 11025, 16000, 44100), fc.integer({ min: 1, max: 200 }), (xs, from, len) => {
    const x = Float32Array.from(xs);
    assert.deepEqual(Array.from(resampleFit(x, from, 16000, len)), Array.from(fitLength(resample(x, from, 16000), len)));
  }));
  const t0 = performance.now();
  const out = resampleFit(new Float32Array(200_000).fill(0.5), 1, 16000, 16000);
  assert.ok(performance.now() - t0 < 1000, `1 Hz clip took ${(performance.now() - t0).toFixed(0)} ms`);
  assert.ok(Math.abs(out[8000] - 0.5) < 1e-6);
  cases.add('resampleFit', 1);
});

test('the audio folder loader names the damaged file', async () => {
  await cases.check('audio loader (path named)', 20, fc.asyncProperty(specArb, editsArb, async (s, edits) => {
    const dir = tempDir('genlab-fuzz-wav-');
    mkdirSync(path.join(dir, 'a'));
    mkdirSync(path.join(dir, 'b'));
    for (let i = 0; i < 2; i++) writeFileSync(path.join(dir, 'a', `ok${i}.wav`), encode(s));
    const file = path.join(dir, 'b', 'bad.wav');
    writeFileSync(file, mutate(encode(s), edits, 44));
    await outcomeAsync(() => loadDataset({ name: 'audio', path: dir, clipSeconds: 0.01, testFraction: 0.34 }), file, (d) => assert.equal(d.train.size + d.test.size, 3));
  }));
});

test('report', (t) => cases.report(t, 'wav'));
