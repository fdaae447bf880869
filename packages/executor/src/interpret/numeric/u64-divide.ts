// Unsigned 64-bit division on 32-bit halves, without BigInt and without allocation: quotient and
// remainder are left in the `divResult` scratch array (read it right after the call). A typed array
// rather than module-level `let`s keeps the hot path free of binding/TDZ checks.
//
// Exactness argument used throughout: for integers x < 2^53 and 0 < v, Math.floor(x / v) is the true
// floor or one more (rounding is monotonic and the true floor is representable), so one correction
// step after computing r = x - q*v (exact, since q*v < 2^53 in every use below) gives the exact result.

/** [quotient lo, quotient hi, remainder lo, remainder hi] of the last divModU64, as i32 bit patterns. */
export const divResult = new Int32Array(4);

const TWO32 = 4294967296;

/** High 32 bits (as a non-negative number) of the unsigned 64-bit product of two u32 bit patterns. */
export function mulHighU32(x: number, y: number): number {
  const x0 = x & 0xffff;
  const x1 = x >>> 16;
  const y0 = y & 0xffff;
  const y1 = y >>> 16;
  const p00 = x0 * y0;
  const p01 = x0 * y1;
  const p10 = x1 * y0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return x1 * y1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
}

/**
 * Divides hi * 2^32 + lo by the u32 v, where hi < v, so the quotient fits in 32 bits. Two 16-bit
 * long-division digits keep every intermediate below 2^49. Returns the quotient; the remainder is
 * lo-word-sized and written to divResult[2] (remainder hi is left to the caller).
 */
function divLowWord(hi: number, lo: number, v: number): number {
  const x1 = hi * 65536 + (lo >>> 16);
  let q1 = Math.floor(x1 / v);
  let r1 = x1 - q1 * v;
  if (r1 < 0) {
    q1 -= 1;
    r1 += v;
  }
  const x2 = r1 * 65536 + (lo & 0xffff);
  let q2 = Math.floor(x2 / v);
  let r2 = x2 - q2 * v;
  if (r2 < 0) {
    q2 -= 1;
    r2 += v;
  }
  divResult[2] = r2;
  return q1 * 65536 + q2;
}

/**
 * Unsigned 64-bit division of (ah:al) by (bh:bl), all i32 bit patterns; the divisor must not be zero.
 * Results go to divResult.
 */
export function divModU64(ah: number, al: number, bh: number, bl: number): void {
  const ahu = ah >>> 0;
  const alu = al >>> 0;
  const bhu = bh >>> 0;
  const blu = bl >>> 0;
  const out = divResult;

  if (ahu < 0x100000 && bhu < 0x100000) {
    // Both below 2^52: a double holds them exactly, and q*b <= a + b < 2^53 stays exact.
    const x = ahu * TWO32 + alu;
    const v = bhu * TWO32 + blu;
    let q = Math.floor(x / v);
    let r = x - q * v;
    if (r < 0) {
      q -= 1;
      r += v;
    }
    const qh = Math.floor(q / TWO32);
    const rh = Math.floor(r / TWO32);
    out[0] = q - qh * TWO32;
    out[1] = qh;
    out[2] = r - rh * TWO32;
    out[3] = rh;
    return;
  }

  if (bhu === 0) {
    // 32-bit divisor: divide the high word, then the low word with the high word's remainder.
    const qh = Math.floor(ahu / blu);
    out[0] = divLowWord(ahu - qh * blu, alu, blu);
    out[1] = qh;
    out[3] = 0;
    return;
  }

  // Divisor >= 2^32, so the quotient q fits in 32 bits. The double quotient of the rounded operands is
  // within 3 * 2^-53 relative of a/b < 2^32, i.e. off by less than 2^-19, so its floor is q - 1, q or
  // q + 1. Starting one below it gives q0 <= q (no overflow in q0 * b) and at most two corrections.
  let q0 = Math.floor((ahu * TWO32 + alu) / (bhu * TWO32 + blu));
  if (q0 !== 0) q0 -= 1;
  // r = a - q0 * b; q0 * b <= a, so the low 64 bits are the whole product.
  const pl = Math.imul(q0, blu) >>> 0;
  const ph = (mulHighU32(q0, blu) + Math.imul(q0, bhu)) >>> 0;
  let rl = (alu - pl) | 0;
  let rh = (ahu - ph - (alu < pl ? 1 : 0)) | 0;
  // Take out the divisor while r >= b (unsigned): at most twice.
  while (rh >>> 0 > bhu || (rh >>> 0 === bhu && rl >>> 0 >= blu)) {
    q0 += 1;
    rh = (rh - bh - (rl >>> 0 < blu ? 1 : 0)) | 0;
    rl = (rl - bl) | 0;
  }
  out[0] = q0;
  out[1] = 0;
  out[2] = rl;
  out[3] = rh;
}
