import { decodeUtf8Strict } from "@wasmi-ts/store";
import { DecodeError } from "../errors.js";

/**
 * Reads the primitive encodings of the binary format (bytes, LEB128 integers, floats, names) from one
 * byte array. Like the reference interpreter, reads are bounded by the end of the whole binary, not by
 * the current section: a section or body that overruns its declared size is caught afterwards as a
 * "section size mismatch". Shared by the decoder, the validator and the translator.
 */
export class BinaryReader {
  pos: number;
  readonly end: number;
  /** High 32 bits of the last `s64`/`u64`/`f64Bits` read (low bits are the return value). */
  hi = 0;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    end = bytes.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  fail(reason: string, offset = this.pos): never {
    throw new DecodeError(reason, offset);
  }

  eof(): boolean {
    return this.pos >= this.end;
  }

  private unexpectedEnd(): never {
    throw new DecodeError("unexpected end of section or function", this.end);
  }

  u8(): number {
    if (this.pos >= this.end) this.unexpectedEnd();
    return this.bytes[this.pos++]!;
  }

  peek(): number {
    return this.pos < this.end ? this.bytes[this.pos]! : -1;
  }

  skip(n: number): void {
    if (n < 0 || this.pos + n > this.end) this.unexpectedEnd();
    this.pos += n;
  }

  /** Unsigned LEB128 of at most `bits` bits (bits <= 32), as a non-negative number. */
  uN(bits: number): number {
    // Integer arithmetic only: up to 5 groups of 7 bits, the last one checked against `bits`.
    let result = 0;
    let shift = 0;
    for (let n = bits; ; n -= 7) {
      if (n <= 0) this.fail("integer representation too long");
      const b = this.u8();
      if (n < 7 && (b & 0x7f) >= 1 << n) this.fail("integer too large", this.pos - 1);
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) return result >>> 0;
    }
  }

  u32(): number {
    // Fast path: most indices and counts fit in one byte, nearly all in two.
    const p = this.pos;
    const bytes = this.bytes;
    if (p + 1 < this.end) {
      const b = bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        return b;
      }
      const b1 = bytes[p + 1]!;
      if (b1 < 0x80) {
        this.pos = p + 2;
        return (b & 0x7f) | (b1 << 7);
      }
    }
    return this.uN(32);
  }

  /** Signed LEB128 of at most `bits` bits (bits <= 33), as a number. */
  sN(bits: number): number {
    if (bits > 32) return this.s33Slow(bits);
    // Integer arithmetic only (the value fits in 32 bits).
    let result = 0;
    let shift = 0;
    for (let n = bits; ; n -= 7) {
      if (n <= 0) this.fail("integer representation too long");
      const b = this.u8();
      if (n < 7) {
        const mask = (-1 << (n - 1)) & 0x7f;
        if ((b & mask) !== 0 && (b & mask) !== mask) this.fail("integer too large", this.pos - 1);
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        if (b & 0x40 && shift < 32) result |= -1 << shift;
        return result | 0;
      }
    }
  }

  /** sN for 33 bits (block types), whose values do not fit in an int32. */
  private s33Slow(bits: number): number {
    let result = 0;
    let shift = 0;
    for (let n = bits; ; n -= 7) {
      if (n <= 0) this.fail("integer representation too long");
      const b = this.u8();
      if (n < 7) {
        const mask = (-1 << (n - 1)) & 0x7f;
        if ((b & mask) !== 0 && (b & mask) !== mask) this.fail("integer too large", this.pos - 1);
      }
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        if (b & 0x40) result -= 2 ** shift;
        return result;
      }
    }
  }

  s32(): number {
    // Fast path: one byte, -64..63.
    const p = this.pos;
    if (p < this.end) {
      const b = this.bytes[p]!;
      if (b < 0x80) {
        this.pos = p + 1;
        return (b << 25) >> 25;
      }
    }
    return this.sN(32) | 0;
  }

  s33(): number {
    return this.sN(33);
  }

  /**
   * 64-bit LEB128 (signed or unsigned), without BigInt: returns the low 32 bits (unsigned) and leaves
   * the high 32 bits in `hi`.
   */
  leb64(signed: boolean): number {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    for (let n = 64; ; n -= 7) {
      if (n <= 0) this.fail("integer representation too long");
      const b = this.u8();
      if (n < 7) {
        if (signed) {
          const mask = (-1 << (n - 1)) & 0x7f;
          if ((b & mask) !== 0 && (b & mask) !== mask) this.fail("integer too large", this.pos - 1);
        } else if ((b & 0x7f) >= 1 << n) {
          this.fail("integer too large", this.pos - 1);
        }
      }
      const g = b & 0x7f;
      if (shift < 32) {
        lo |= g << shift;
        if (shift + 7 > 32) hi |= g >>> (32 - shift);
      } else {
        hi |= g << (shift - 32);
      }
      shift += 7;
      if ((b & 0x80) === 0) {
        if (signed && b & 0x40 && shift < 64) {
          if (shift < 32) {
            lo |= -1 << shift;
            hi = -1;
          } else {
            hi |= -1 << (shift - 32);
          }
        }
        this.hi = hi | 0;
        return lo >>> 0;
      }
    }
  }

  /** Unsigned 64-bit LEB128 as a number (exact below 2^53). */
  u64(): number {
    const lo = this.leb64(false);
    return (this.hi >>> 0) * 0x1_0000_0000 + lo;
  }

  /** Little-endian fixed 32 bits (f32 bit pattern), unsigned. */
  fixed32(): number {
    if (this.pos + 4 > this.end) this.unexpectedEnd();
    const b = this.bytes;
    const p = this.pos;
    this.pos = p + 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }

  /** Little-endian fixed 64 bits (f64 bit pattern): returns the low half, leaves the high half in `hi`. */
  fixed64(): number {
    const lo = this.fixed32();
    this.hi = this.fixed32() | 0;
    return lo;
  }

  /** A length or vector count: a u32 that cannot exceed the bytes left in the binary. */
  len32(): number {
    const at = this.pos;
    const n = this.u32();
    // Measured from the start of the length itself, as the reference interpreter does.
    if (n > this.end - at) this.fail("length out of bounds", at);
    return n;
  }

  byteSlice(n: number): Uint8Array {
    const start = this.pos;
    this.skip(n);
    return this.bytes.subarray(start, start + n);
  }

  /** A name: length-prefixed UTF-8, strictly validated. */
  name(): string {
    const at = this.pos;
    const n = this.len32();
    const raw = this.byteSlice(n);
    const text = decodeUtf8Strict(raw);
    return text !== null ? text : this.fail("malformed UTF-8 encoding", at);
  }
}
