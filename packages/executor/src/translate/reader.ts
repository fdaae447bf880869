// Reads the immediates of a function body. The module is validated, so no bounds or range checks.

export class BodyReader {
  /** The second word of the last `i64()` (high 32 bits). */
  hi = 0;
  /** Width in bits and last byte of the last 64-bit LEB128 (for sign extension). */
  private lebShift = 0;
  private lebLast = 0;

  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
  ) {}

  u8(): number {
    return this.bytes[this.pos++]!;
  }

  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = this.bytes[this.pos++]!;
      result |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result >>> 0;
      shift += 7;
    }
  }

  /** Unsigned LEB128 64-bit: returns the low 32 bits (as uint32), the high 32 bits go to `hi`. */
  u64(): number {
    const lo = this.leb64();
    this.hi >>>= 0;
    return lo >>> 0;
  }

  /** Signed LEB128 64-bit: returns the low 32 bits, the high 32 bits go to `hi`. */
  i64(): number {
    let lo = this.leb64();
    let hi = this.hi;
    const shift = this.lebShift;
    if (this.lebLast & 0x40 && shift < 64) {
      // sign-extend from bit `shift`
      if (shift < 32) {
        lo |= -1 << shift;
        hi = -1;
      } else {
        hi |= -1 << (shift - 32);
      }
    }
    this.hi = hi | 0;
    return lo | 0;
  }

  /** The bits of a 64-bit LEB128: low 32 returned, high 32 in `hi`; its last byte and width for signing. */
  private leb64(): number {
    let lo = 0;
    let hi = 0;
    let shift = 0;
    let b: number;
    do {
      b = this.bytes[this.pos++]!;
      const v = b & 0x7f;
      if (shift < 32) {
        lo |= v << shift;
        if (shift > 25) hi |= v >>> (32 - shift);
      } else {
        hi |= v << (shift - 32);
      }
      shift += 7;
    } while (b & 0x80);
    this.hi = hi;
    this.lebShift = shift;
    this.lebLast = b;
    return lo;
  }
  /** Signed LEB128 up to 33 bits (i32.const, block types); returned as a double. */
  s33(): number {
    let result = 0;
    let mul = 1;
    let b: number;
    do {
      b = this.bytes[this.pos++]!;
      result += (b & 0x7f) * mul;
      mul *= 128;
    } while (b & 0x80);
    if (b & 0x40) result -= mul;
    return result;
  }

  s32(): number {
    return this.s33() | 0;
  }

  /** Four little-endian bytes as an int32 (f32 bits, or half of f64 bits). */
  word(): number {
    const p = this.pos;
    const bs = this.bytes;
    this.pos = p + 4;
    return bs[p]! | (bs[p + 1]! << 8) | (bs[p + 2]! << 16) | (bs[p + 3]! << 24);
  }
}
