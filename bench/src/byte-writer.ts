// A growable byte buffer with the binary format's encodings (LEB128, f64, names), for generating modules.

const UTF8 = new TextEncoder();

export class ByteWriter {
  private buf = new Uint8Array(1024);
  length = 0;

  reset(): void {
    this.length = 0;
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    bigger.set(this.buf.subarray(0, this.length));
    this.buf = bigger;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }

  bytes(bs: ArrayLike<number>): void {
    this.room(bs.length);
    for (let i = 0; i < bs.length; i++) this.buf[this.length++] = bs[i]!;
  }

  append(bs: Uint8Array): void {
    this.room(bs.length);
    this.buf.set(bs, this.length);
    this.length += bs.length;
  }

  /** Unsigned LEB128 of a u32. */
  u32(n: number): void {
    let v = n >>> 0;
    do {
      const b = v & 0x7f;
      v >>>= 7;
      this.byte(v === 0 ? b : b | 0x80);
    } while (v !== 0);
  }

  /** Signed LEB128 of an s32 (also a valid s64 encoding of the same value). */
  s32(n: number): void {
    let v = n | 0;
    for (;;) {
      const b = v & 0x7f;
      v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
        this.byte(b);
        return;
      }
      this.byte(b | 0x80);
    }
  }

  f64(x: number): void {
    this.room(8);
    new DataView(this.buf.buffer, this.buf.byteOffset + this.length, 8).setFloat64(0, x, true);
    this.length += 8;
  }

  name(s: string): void {
    const encoded = UTF8.encode(s);
    this.u32(encoded.length);
    this.append(encoded);
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
