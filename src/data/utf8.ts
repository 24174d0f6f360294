// Strict text decoding: UTF-8 with fatal errors (WHATWG Encoding), reporting the byte offset of the
// first invalid sequence (validated after RFC 3629 §4), or Latin-1 when the caller says so.

/** Text encodings accepted by decodeText. */
export type TextEncodingName = 'utf-8' | 'latin1';

/** Byte offset of the first invalid UTF-8 sequence in `bytes`, or -1 when it is valid UTF-8. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number, lo = 0x80, hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0; // no overlongs
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f; // ≤ U+10FFFF
    } else return i;
    if (i + len > n) return i;
    if (bytes[i + 1] < lo || bytes[i + 1] > hi) return i;
    for (let k = 2; k < len; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return -1;
}

/** Decodes `bytes` as text (strict UTF-8 by default); throws naming the first bad byte and its offset. */
export function decodeText(bytes: Uint8Array, source = 'text', encoding: TextEncodingName = 'utf-8'): string {
  if (encoding === 'latin1') return new TextDecoder('latin1').decode(bytes);
  if (encoding !== 'utf-8') throw new Error(`${source}: unknown text encoding '${encoding}'; use 'utf-8' or 'latin1'.`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = findInvalidUtf8(bytes);
    const where = at >= 0 ? ` at byte offset ${at} (0x${bytes[at].toString(16).padStart(2, '0')})` : '';
    throw new Error(
      `${source} is not valid UTF-8${where}; the file must be UTF-8 encoded ` +
        `(convert it, e.g. iconv -f latin1 -t utf-8, or declare the encoding as latin1).`,
    );
  }
}
