// WAV parsing (PCM 8/16/24-bit, float32, stereo → mono), windowed-sinc resampling and the `audio`
// folder dataset (fixed-length clips, sub-folder labels); WAVs are built in memory here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseWav, resample, fitLength } from '../../src/data/wav.js';
import { loadDataset } from '../../src/node/datasets.js';
import type { AudioDataset } from '../../src/data/audio-dataset.js';
import { tempDir } from '../helpers/tmp.js';

/** A RIFF/WAVE file: `frames[f][c]` in [−1, 1], written as PCM (format 1) or float (3). */
function wav(frames: number[][], rate: number, bits: 8 | 16 | 24 | 32, float = false): Uint8Array {
  const ch = frames[0].length;
  const bps = bits / 8;
  const dataBytes = frames.length * ch * bps;
  const b = new Uint8Array(44 + dataBytes);
  const v = new DataView(b.buffer);
  const str = (o: number, s: string) => [...s].forEach((c, i) => (b[o + i] = c.charCodeAt(0)));
  str(0, 'RIFF');
  v.setUint32(4, 36 + dataBytes, true);
  str(8, 'WAVE');
  str(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, float ? 3 : 1, true);
  v.setUint16(22, ch, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * ch * bps, true);
  v.setUint16(32, ch * bps, true);
  v.setUint16(34, bits, true);
  str(36, 'data');
  v.setUint32(40, dataBytes, true);
  let o = 44;
  for (const fr of frames) {
    for (const s of fr) {
      if (float) v.setFloat32(o, s, true);
      else if (bits === 8) b[o] = Math.round(s * 128) + 128;
      else if (bits === 16) v.setInt16(o, Math.round(s * 32767), true);
      else if (bits === 24) {
        const q = Math.round(s * 8388607);
        b[o] = q & 255; b[o + 1] = (q >> 8) & 255; b[o + 2] = (q >> 16) & 255;
      } else v.setInt32(o, Math.round(s * 2147483647), true);
      o += bps;
    }
  }
  return b;
}

test('parseWav reads PCM 8/16/24-bit and float32; stereo is averaged to mono', () => {
  const frames = [[0.5], [-0.25], [0], [0.75]];
  for (const [bits, tol] of [[8, 1 / 128], [16, 1 / 32767], [24, 1 / 8388607], [32, 1e-9]] as const) {
    const w = parseWav(wav(frames, 8000, bits), `x${bits}.wav`);
    assert.equal(w.sampleRate, 8000);
    assert.equal(w.bits, bits);
    frames.forEach(([s], i) => assert.ok(Math.abs(w.samples[i] - s) <= tol, `${bits}-bit sample ${i}: ${w.samples[i]}`));
  }
  const f = parseWav(wav([[0.1, 0.3], [-1, 1]], 44100, 32, true));
  assert.equal(f.channels, 2);
  assert.ok(Math.abs(f.samples[0] - 0.2) < 1e-7 && f.samples[1] === 0);
  const st = parseWav(wav([[0.5, -0.5], [0.5, 0.25]], 16000, 24));
  assert.ok(Math.abs(st.samples[1] - 0.375) < 1e-6);
});

test('parseWav errors name the file: not RIFF, truncated, unsupported format', () => {
  assert.throws(() => parseWav(new TextEncoder().encode('ID3 this is an mp3'), 'song.wav'), /^Error: song\.wav is not a WAV file \(no RIFF\/WAVE header\)/);
  const good = wav([[0.1], [0.2], [0.3]], 8000, 16);
  assert.throws(() => parseWav(good.subarray(0, 46), 'cut.wav'), /cut\.wav is truncated: its data chunk says 6 bytes, but only 2 follow/);
  const alaw = good.slice();
  new DataView(alaw.buffer).setUint16(20, 6, true);
  assert.throws(() => parseWav(alaw, 'a.wav'), /a\.wav holds format 0x6 16-bit audio; supported are PCM 8\/16\/24\/32-bit and float/);
  assert.throws(() => parseWav(good.subarray(0, 36), 'h.wav'), /h\.wav has no data chunk/);
  assert.throws(() => parseWav(good.subarray(0, 12), 'r.wav'), /r\.wav has no fmt chunk/);
});

test('resample: a 1 kHz tone survives 44.1 → 16 kHz; a 12 kHz tone (above the new Nyquist) is filtered, not aliased', () => {
  const tone = (hz: number, rate: number, n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate));
  const y = resample(tone(1000, 44100, 44100), 44100, 16000);
  assert.equal(y.length, 16000);
  let err = 0;
  for (let j = 1000; j < 15000; j++) err = Math.max(err, Math.abs(y[j] - Math.sin((2 * Math.PI * 1000 * j) / 16000)));
  assert.ok(err < 2e-3, `max error ${err}`);
  // linear interpolation would alias 12 kHz to 4 kHz at amplitude ~0.3; the band-limited kernel leaves < 1 %
  const hi = resample(tone(12000, 48000, 48000), 48000, 16000);
  let rms = 0;
  for (let j = 1000; j < 15000; j++) rms += hi[j] * hi[j];
  assert.ok(Math.sqrt(rms / 14000) < 0.01, `rms ${Math.sqrt(rms / 14000)}`);
  const up = resample(Float32Array.from([1, 1, 1, 1]), 8000, 16000);
  assert.ok(up.every((v) => Math.abs(v - 1) < 1e-6)); // DC passes exactly
  assert.deepEqual(Array.from(fitLength(Float32Array.from([1, 2, 3]), 5)), [1, 2, 3, 0, 0]);
  assert.deepEqual(Array.from(fitLength(Float32Array.from([1, 2, 3]), 2)), [1, 2]);
});

test('audio: a folder of WAVs → fixed-length mono clips at sampleRate, labels from sub-folders, seeded split', async () => {
  const dir = tempDir();
  const put = (rel: string, bytes: Uint8Array) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), bytes);
  };
  const dc = (v: number, n: number, ch = 1) => Array.from({ length: n }, () => Array<number>(ch).fill(v));
  put('yes/a.wav', wav(dc(0.5, 800), 8000, 16)); // 0.1 s at 8 kHz
  put('yes/b.wav', wav(dc(0.25, 4000, 2), 8000, 24)); // 0.5 s stereo: cropped to 0.2 s
  put('no/c.wav', wav(dc(-0.5, 1600), 16000, 32, true)); // 0.1 s at 16 kHz
  put('no/d.wav', wav(dc(0.125, 400), 4000, 8));
  const d = await loadDataset({ name: 'audio', path: dir, sampleRate: 4000, clipSeconds: 0.2, testFraction: 0.25 });
  const all = [d.train, d.test] as AudioDataset[];
  assert.deepEqual(all[0].shape, [800, 1]);
  assert.deepEqual(all[0].classNames, ['no', 'yes']);
  assert.equal(all[0].size + all[1].size, 4);
  const seen = new Map<number, { label: number; tail: number; mid: number }>();
  for (const s of all) {
    for (let i = 0; i < s.size; i++) {
      const clip = s.data.subarray(i * 800, i * 800 + 800);
      seen.set(Math.round(clip[100] * 1000), { label: s.labels![i], mid: clip[200], tail: clip[799] });
    }
  }
  // the DC level of each clip survives resampling; 0.1 s clips are zero-padded after 400 samples
  assert.deepEqual([...seen.keys()].sort((a, b) => a - b), [-500, 125, 250, 500]);
  assert.equal(seen.get(500)!.label, 1);
  assert.equal(seen.get(-500)!.label, 0);
  assert.equal(seen.get(500)!.tail, 0);
  assert.ok(Math.abs(seen.get(250)!.tail - 0.25) < 1e-3, 'the 0.5 s clip is cropped, not padded');
  const b = d.train.batch([0]);
  assert.deepEqual(b.x.shape, [1, 800, 1]);
  b.x.dispose();
  b.y?.dispose();
  put('no/bad.wav', new TextEncoder().encode('RIFF....WAVEjunk'));
  await assert.rejects(loadDataset({ name: 'audio', path: dir }), (e: Error) => e.message.includes(path.join(dir, 'no', 'bad.wav')));
  await assert.rejects(loadDataset({ name: 'audio', path: tempDir() }), /holds no \.wav files/);
});
