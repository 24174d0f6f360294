// A small RIFF/WAVE reader (browser-safe, bytes in): PCM 8/16/24/32-bit integer and 32/64-bit float,
// WAVE_FORMAT_EXTENSIBLE, any channel count mixed down to mono by averaging.

/** A decoded clip: mono samples in [−1, 1] at `sampleRate` Hz. */
export interface WavAudio {
  sampleRate: number;
  /** Channels in the file (the samples are their mean). */
  channels: number;
  /** Bits per sample in the file. */
  bits: number;
  samples: Float32Array;
}

const tag = (b: Uint8Array, o: number) => String.fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3]);

/** Parses WAV bytes; `source` names the file in errors (format, truncation, missing chunks). */
export function parseWav(bytes: Uint8Array, source = 'WAV input'): WavAudio {
  if (bytes.length < 12 || tag(bytes, 0) !== 'RIFF' || tag(bytes, 8) !== 'WAVE') {
    throw new Error(`${source} is not a WAV file (no RIFF/WAVE header).`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: { format: number; channels: number; sampleRate: number; bits: number; blockAlign: number } | null = null;
  let data: Uint8Array | null = null;
  let o = 12;
  while (o + 8 <= bytes.length) {
    const id = tag(bytes, o);
    let size = view.getUint32(o + 4, true);
    const body = o + 8;
    if (body + size > bytes.length) {
      if (id !== 'data') throw new Error(`${source} is truncated: its '${id}' chunk says ${size} bytes, but only ${bytes.length - body} follow.`);
      if (size !== 0xffffffff && size !== 0) throw new Error(`${source} is truncated: its data chunk says ${size} bytes, but only ${bytes.length - body} follow.`);
      size = bytes.length - body; // streaming writers leave the size unset
    }
    if (id === 'fmt ') {
      if (size < 16) throw new Error(`${source}: its fmt chunk is ${size} bytes, expected at least 16.`);
      let format = view.getUint16(body, true);
      if (format === 0xfffe && size >= 26) format = view.getUint16(body + 24, true); // extensible: the sub-format GUID starts with the code
      fmt = {
        format, channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true),
        blockAlign: view.getUint16(body + 12, true), bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      data = bytes.subarray(body, body + size);
    }
    o = body + size + (size & 1);
  }
  if (!fmt) throw new Error(`${source} has no fmt chunk; it is not a valid WAV file.`);
  if (!data) throw new Error(`${source} has no data chunk (no audio samples).`);
  const { format, channels, sampleRate, bits } = fmt;
  const ok = (format === 1 && [8, 16, 24, 32].includes(bits)) || (format === 3 && (bits === 32 || bits === 64));
  if (!ok) {
    throw new Error(`${source} holds ${format === 1 ? 'PCM' : format === 3 ? 'float' : `format 0x${format.toString(16)}`} ${bits}-bit audio; supported are PCM 8/16/24/32-bit and float 32/64-bit.`);
  }
  if (channels < 1 || sampleRate < 1) throw new Error(`${source}: fmt chunk says ${channels} channels at ${sampleRate} Hz.`);
  const bps = bits / 8;
  const frames = Math.floor(data.length / (bps * channels));
  if (frames === 0) throw new Error(`${source}: its data chunk holds ${data.length} bytes, not one whole ${channels}-channel ${bits}-bit sample frame (an empty clip).`);
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const read = (p: number): number => {
    if (format === 3) return bits === 32 ? dv.getFloat32(p, true) : dv.getFloat64(p, true);
    if (bits === 8) return (data![p] - 128) / 128;
    if (bits === 16) return dv.getInt16(p, true) / 32768;
    if (bits === 24) return (((data![p] | (data![p + 1] << 8) | (data![p + 2] << 16)) << 8) >> 8) / 8388608;
    return dv.getInt32(p, true) / 2147483648;
  };
  const samples = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let s = 0;
    for (let c = 0; c < channels; c++) s += read((f * channels + c) * bps);
    samples[f] = s / channels;
    if (!Number.isFinite(samples[f])) {
      throw new Error(`${source}: sample ${f} (at ${(f / sampleRate).toFixed(3)} s) holds ${s / channels}; a float WAV must hold finite samples (the file is damaged or not audio).`);
    }
  }
  return { sampleRate, channels, bits, samples };
}

/** Hann-windowed sinc resampling (band-limited: cutoff at the lower Nyquist), `zeros` zero crossings each side. */
export function resample(x: Float32Array, fromRate: number, toRate: number, zeros = 16): Float32Array {
  if (fromRate === toRate) return x;
  const r = toRate / fromRate;
  const fc = Math.min(1, r); // cutoff as a fraction of the input Nyquist
  const half = zeros / fc; // kernel half-width in input samples
  const n = Math.floor(x.length * r);
  const y = new Float32Array(n);
  for (let j = 0; j < n; j++) {
    const t = j / r;
    const k0 = Math.max(0, Math.ceil(t - half));
    const k1 = Math.min(x.length - 1, Math.floor(t + half));
    let acc = 0;
    let wsum = 0;
    for (let k = k0; k <= k1; k++) {
      const u = t - k;
      const a = Math.PI * fc * u;
      const sinc = a === 0 ? 1 : Math.sin(a) / a;
      const w = fc * sinc * 0.5 * (1 + Math.cos((Math.PI * u) / half));
      acc += x[k] * w;
      wsum += w;
    }
    y[j] = wsum !== 0 ? acc / wsum : 0; // normalised: DC passes exactly, edges are not darkened
  }
  return y;
}

/**
 * The first `length` samples of `x` resampled to `toRate`, zero-padded when shorter; only the input that
 * those samples read is resampled, so a clip that claims 1 Hz does not expand 16000-fold first.
 */
export function resampleFit(x: Float32Array, fromRate: number, toRate: number, length: number, zeros = 16): Float32Array {
  const r = toRate / fromRate;
  const keep = Math.min(x.length, Math.ceil((length - 1) / r + zeros / Math.min(1, r)) + 2);
  return fitLength(resample(x.subarray(0, keep), fromRate, toRate, zeros), length);
}

/** The first `length` samples of `x`, zero-padded at the end when shorter. */
export function fitLength(x: Float32Array, length: number): Float32Array {
  if (x.length === length) return x;
  const out = new Float32Array(length);
  out.set(x.subarray(0, Math.min(length, x.length)));
  return out;
}
