// A growable byte buffer with the primitive encodings of the WebAssembly binary format.

export class ByteWriter {
  private buf = new Uint8Array(64);
  private len = 0;

  get length(): number {
    return this.len;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  byte(b: number): this {
    this.reserve(1);
    this.buf[this.len++] = b & 0xff;
    return this;
  }

  bytes(bs: ArrayLike<number>): this {
    this.reserve(bs.length);
    this.buf.set(bs, this.len);
    this.len += bs.length;
    return this;
  }

  /** Unsigned LEB128 of a value below 2^32. */
  u32(v: number): this {
    v = v >>> 0;
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v !== 0) b |= 0x80;
      this.byte(b);
    } while (v !== 0);
    return this;
  }

  /** Unsigned LEB128 of a value below 2^64. */
  u64(v: bigint): this {
    v = BigInt.asUintN(64, v);
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) b |= 0x80;
      this.byte(b);
    } while (v !== 0n);
    return this;
  }

  /** Signed LEB128 (s32, s33 or s64: the value decides the length). */
  sleb(v: bigint | number): this {
    let x = BigInt(v);
    for (;;) {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      const done = (x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0);
      this.byte(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  /** Little-endian fixed-width integer of `n` bytes. */
  fixed(v: bigint, n: number): this {
    let x = BigInt.asUintN(n * 8, v);
    for (let i = 0; i < n; i++) {
      this.byte(Number(x & 0xffn));
      x >>= 8n;
    }
    return this;
  }

  /** A name or byte string: length then bytes. */
  name(bs: Uint8Array): this {
    return this.u32(bs.length).bytes(bs);
  }

  /** Appends another writer's bytes prefixed by their length (a section or sub-section body). */
  sized(w: ByteWriter): this {
    return this.u32(w.length).bytes(w.finish());
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

const encoder = new TextEncoder();
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}
