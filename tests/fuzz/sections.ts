// The top-level layout of a module binary: the 8-byte header, then sections (id byte, u32 LEB128 size,
// payload). Just enough for mutations to work on whole sections.

export interface SectionSpan {
  id: number;
  /** Offset of the id byte. */
  start: number;
  /** Offset of the payload. */
  payload: number;
  /** Offset after the payload. */
  end: number;
}

/** The sections of `bytes` as far as they are well formed (a mutant may end in garbage). */
export function splitSections(bytes: Uint8Array): SectionSpan[] {
  const spans: SectionSpan[] = [];
  let pos = 8;
  while (pos < bytes.length) {
    const leb = readU32Leb(bytes, pos + 1);
    if (leb === null) break;
    const end = leb.next + leb.value;
    if (end > bytes.length) break;
    spans.push({ id: bytes[pos]!, start: pos, payload: leb.next, end });
    pos = end;
  }
  return spans;
}

export function readU32Leb(bytes: Uint8Array, pos: number): { value: number; next: number } | null {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const byte = bytes[pos + i];
    if (byte === undefined) return null;
    value += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return { value, next: pos + i + 1 };
  }
  return null;
}

export function writeU32Leb(value: number, minBytes = 1): number[] {
  const out: number[] = [];
  do {
    const byte = value & 0x7f;
    value = Math.floor(value / 128);
    out.push(byte);
  } while (value > 0 || out.length < minBytes);
  for (let i = 0; i < out.length - 1; i++) out[i]! |= 0x80;
  return out;
}

export function concat(parts: readonly (Uint8Array | readonly number[])[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
