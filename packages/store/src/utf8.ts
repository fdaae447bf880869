// UTF-8 for names in modules and for Memory.readString/writeString: TextEncoder/TextDecoder where the JS
// engine has them, else a small codec of our own (embedded engines such as QuickJS, and fresh realms, have
// no TextDecoder). The lenient functions replace invalid input with U+FFFD, as the WHATWG decoder does.

interface Encoder {
  encode(s: string): Uint8Array;
}
interface Decoder {
  decode(bytes: Uint8Array): string;
}
declare const TextEncoder: (new () => Encoder) | undefined;
declare const TextDecoder: (new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => Decoder) | undefined;

const encoder: Encoder | null = typeof TextEncoder === "function" ? new TextEncoder() : null;
const decoder: Decoder | null = typeof TextDecoder === "function" ? new TextDecoder() : null;
const fatalDecoder: Decoder | null =
  typeof TextDecoder === "function" ? new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }) : null;

export function encodeUtf8(s: string): Uint8Array {
  return encoder !== null ? encoder.encode(s) : encodePortable(s);
}

export function decodeUtf8(bytes: Uint8Array): string {
  return decoder !== null ? decoder.decode(bytes) : decodePortable(bytes);
}

/** The text of UTF-8 `bytes`, or null if they are not valid UTF-8 (names in the binary format). */
export function decodeUtf8Strict(bytes: Uint8Array): string | null {
  if (fatalDecoder !== null) {
    try {
      return fatalDecoder.decode(bytes);
    } catch {
      return null;
    }
  }
  let invalid = false;
  const text = decodePortable(bytes, () => (invalid = true));
  return invalid ? null : text;
}

/** UTF-8 of `s`; a lone surrogate becomes U+FFFD. */
export function encodePortable(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** The text of UTF-8 `bytes`; each maximal invalid subsequence becomes one U+FFFD (WHATWG's rule). */
export function decodePortable(bytes: Uint8Array, onInvalid?: () => void): string {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    // The sequence length and the allowed range of its second byte (no overlongs, no surrogates, <= 10FFFF).
    let need: number, lo = 0x80, hi = 0xbf, c: number;
    if (b >= 0xc2 && b <= 0xdf) (need = 1), (c = b & 0x1f);
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      c = b & 0x0f;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      c = b & 0x07;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else {
      onInvalid?.();
      out += "\ufffd";
      i++;
      continue;
    }
    let j = i + 1;
    for (; j <= i + need; j++) {
      const next = bytes[j];
      if (next === undefined || next < lo || next > hi) break;
      c = (c << 6) | (next & 0x3f);
      lo = 0x80;
      hi = 0xbf;
    }
    if (j <= i + need) {
      onInvalid?.();
      out += "\ufffd"; // truncated or invalid: the bytes read so far are one maximal subpart
      i = j;
      continue;
    }
    out += String.fromCodePoint(c);
    i = j;
  }
  return out;
}
