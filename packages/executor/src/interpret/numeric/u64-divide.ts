// Unsigned 64-bit division on 32-bit halves, without BigInt and without allocation: the quotient and
// remainder are left in module-level registers (read them right after the call).
//
// Exactness argument used throughout: for integers x < 2^53 and 0 < v, Math.floor(x / v) is the true
// floor or one more (rounding is monotonic and the true floor is representable), so one correction
// step after computing r = x - q*v (exact, since q*v < 2^53 in every use below) gives the exact result.

export let divQuotientLo = 0;
export let divQuotientHi = 0;
export let divRemainderLo = 0;
export let divRemainderHi = 0;

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

// Scratch for one 16-bit long-division step.
let stepQuotient = 0;
let stepRemainder = 0;

/** Divides x (< 2^53 - 2^32) by v (1 <= v < 2^32) exactly. */
function divStep(x: number, v: number): void {
  let q = Math.floor(x / v);
  let r = x - q * v;
  if (r < 0) {
    q -= 1;
    r += v;
  }
  stepQuotient = q;
  stepRemainder = r;
}

/**
 * Divides (hi < v) * 2^32 + lo by the u32 v. The quotient fits in 32 bits; it is computed in two
 * 16-bit digits so every intermediate stays below 2^48.
 */
function divLowWord(hi: number, lo: number, v: number): number {
  divStep(hi * 65536 + (lo >>> 16), v);
  const q1 = stepQuotient;
  divStep(stepRemainder * 65536 + (lo & 0xffff), v);
  return q1 * 65536 + stepQuotient;
}

/**
 * Unsigned 64-bit division of (ah:al) by (bh:bl), all i32 bit patterns; the divisor must not be zero.
 * Results go to divQuotientLo/Hi and divRemainderLo/Hi as i32 bit patterns.
 */
export function divModU64(ah: number, al: number, bh: number, bl: number): void {
  const ahu = ah >>> 0;
  const alu = al >>> 0;
  const bhu = bh >>> 0;
  const blu = bl >>> 0;

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
    divQuotientHi = qh | 0;
    divQuotientLo = (q - qh * TWO32) | 0;
    divRemainderHi = rh | 0;
    divRemainderLo = (r - rh * TWO32) | 0;
    return;
  }

  if (bhu === 0) {
    // 32-bit divisor: schoolbook division of the high word, then of the low word with its carry.
    const qh = Math.floor(ahu / blu);
    const carry = ahu - qh * blu;
    const ql = divLowWord(carry, alu, blu);
    divQuotientHi = qh | 0;
    divQuotientLo = ql | 0;
    divRemainderHi = 0;
    divRemainderLo = stepRemainder | 0;
    return;
  }

  // Divisor >= 2^32, so the quotient fits in 32 bits (Hacker's Delight, divlu64 "divdu"):
  // normalize the divisor to its top 32 bits, divide a/2 by that, undo the scaling; the estimate is
  // the true quotient or one less.
  const n = Math.clz32(bhu);
  const vTop = n === 0 ? bhu : ((bhu << n) | (blu >>> (32 - n))) >>> 0;
  const uHalfHi = ahu >>> 1;
  const uHalfLo = ((ahu << 31) | (alu >>> 1)) >>> 0;
  const q1 = divLowWord(uHalfHi, uHalfLo, vTop);
  let q0 = Math.floor(q1 / ((1 << (31 - n)) >>> 0)); // (q1 << n) >> 31, exact: power-of-two divide
  if (q0 !== 0) q0 -= 1;
  // r = a - q0 * b; q0 * b <= a, so the low 64 bits are the whole product.
  const pl = Math.imul(q0, blu);
  const ph = (mulHighU32(q0, blu) + Math.imul(q0, bhu)) | 0;
  let rl = (alu - (pl >>> 0)) | 0;
  let rh = (ahu - (ph >>> 0) - (alu < pl >>> 0 ? 1 : 0)) | 0;
  // One more divisor fits when r >= b (unsigned).
  const rhu = rh >>> 0;
  if (rhu > bhu || (rhu === bhu && rl >>> 0 >= blu)) {
    q0 += 1;
    const nl = (rl - bl) | 0;
    rh = (rh - bh - ((rl >>> 0) < blu ? 1 : 0)) | 0;
    rl = nl;
  }
  divQuotientHi = 0;
  divQuotientLo = q0 | 0;
  divRemainderHi = rh;
  divRemainderLo = rl;
}
