// i64 operations on 32-bit halves stored in an Int32Array: an i64 at word index w has its low 32 bits in
// m[w] and its high 32 bits in m[w + 1]. Binary operations write m[d], m[d + 1] and read all inputs
// first, so d may equal a or b. No BigInt and no allocation outside the API boundary helpers at the end.
import { divModU64, divResult, mulHighU32 } from "./u64-divide.js";
import { trapDivideByZero, trapIntegerOverflow, trapInvalidConversion } from "./trap.js";
import { i32Ctz, i32Popcnt } from "./i32.js";

const TWO32 = 4294967296;
const TWO63 = 9223372036854775808;
const TWO64 = 18446744073709551616;

// ---- arithmetic ----

export function i64Add(m: Int32Array, d: number, a: number, b: number): void {
  const al = m[a];
  const bl = m[b];
  const lo = (al + bl) | 0;
  m[d + 1] = (m[a + 1] + m[b + 1] + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
  m[d] = lo;
}

export function i64Sub(m: Int32Array, d: number, a: number, b: number): void {
  const al = m[a];
  const bl = m[b];
  m[d + 1] = (m[a + 1] - m[b + 1] - (al >>> 0 < bl >>> 0 ? 1 : 0)) | 0;
  m[d] = (al - bl) | 0;
}

export function i64Mul(m: Int32Array, d: number, a: number, b: number): void {
  const al = m[a];
  const ah = m[a + 1];
  const bl = m[b];
  const bh = m[b + 1];
  // Low 64 bits of the product: al*bl in full, plus the cross terms' low halves in the high word.
  m[d + 1] = (mulHighU32(al, bl) + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
  m[d] = Math.imul(al, bl);
}

export function i64DivU(m: Int32Array, d: number, a: number, b: number): void {
  const bl = m[b];
  const bh = m[b + 1];
  if ((bl | bh) === 0) trapDivideByZero();
  divModU64(m[a + 1], m[a], bh, bl);
  m[d] = divResult[0];
  m[d + 1] = divResult[1];
}

export function i64RemU(m: Int32Array, d: number, a: number, b: number): void {
  const bl = m[b];
  const bh = m[b + 1];
  if ((bl | bh) === 0) trapDivideByZero();
  divModU64(m[a + 1], m[a], bh, bl);
  m[d] = divResult[2];
  m[d + 1] = divResult[3];
}

export function i64DivS(m: Int32Array, d: number, a: number, b: number): void {
  let al = m[a];
  let ah = m[a + 1];
  let bl = m[b];
  let bh = m[b + 1];
  if ((bl | bh) === 0) trapDivideByZero();
  if (bl === -1 && bh === -1 && al === 0 && ah === -0x80000000) trapIntegerOverflow();
  const negative = (ah ^ bh) < 0;
  // Divide magnitudes; -2^63 negates to itself, which reads correctly as the unsigned 2^63.
  if (ah < 0) {
    ah = (~ah + (al === 0 ? 1 : 0)) | 0;
    al = -al | 0;
  }
  if (bh < 0) {
    bh = (~bh + (bl === 0 ? 1 : 0)) | 0;
    bl = -bl | 0;
  }
  divModU64(ah, al, bh, bl);
  const ql = divResult[0];
  const qh = divResult[1];
  if (negative) {
    m[d + 1] = (~qh + (ql === 0 ? 1 : 0)) | 0;
    m[d] = -ql | 0;
  } else {
    m[d] = ql;
    m[d + 1] = qh;
  }
}

export function i64RemS(m: Int32Array, d: number, a: number, b: number): void {
  let al = m[a];
  let ah = m[a + 1];
  let bl = m[b];
  let bh = m[b + 1];
  if ((bl | bh) === 0) trapDivideByZero();
  // The remainder takes the dividend's sign; MIN rem -1 is 0 (no trap), which the magnitudes give.
  const negative = ah < 0;
  if (negative) {
    ah = (~ah + (al === 0 ? 1 : 0)) | 0;
    al = -al | 0;
  }
  if (bh < 0) {
    bh = (~bh + (bl === 0 ? 1 : 0)) | 0;
    bl = -bl | 0;
  }
  divModU64(ah, al, bh, bl);
  const rl = divResult[2];
  const rh = divResult[3];
  if (negative) {
    m[d + 1] = (~rh + (rl === 0 ? 1 : 0)) | 0;
    m[d] = -rl | 0;
  } else {
    m[d] = rl;
    m[d + 1] = rh;
  }
}

// ---- bitwise ----

export function i64And(m: Int32Array, d: number, a: number, b: number): void {
  m[d] = m[a] & m[b];
  m[d + 1] = m[a + 1] & m[b + 1];
}

export function i64Or(m: Int32Array, d: number, a: number, b: number): void {
  m[d] = m[a] | m[b];
  m[d + 1] = m[a + 1] | m[b + 1];
}

export function i64Xor(m: Int32Array, d: number, a: number, b: number): void {
  m[d] = m[a] ^ m[b];
  m[d + 1] = m[a + 1] ^ m[b + 1];
}

// Shift counts are taken modulo 64 from the low word. JS masks 32-bit shift counts to 5 bits, so
// k == 0 and k >= 32 need their own branches.

export function i64Shl(m: Int32Array, d: number, a: number, b: number): void {
  const k = m[b] & 63;
  const al = m[a];
  const ah = m[a + 1];
  if (k === 0) {
    m[d] = al;
    m[d + 1] = ah;
  } else if (k < 32) {
    m[d + 1] = (ah << k) | (al >>> (32 - k));
    m[d] = al << k;
  } else {
    m[d + 1] = al << (k - 32);
    m[d] = 0;
  }
}

export function i64ShrS(m: Int32Array, d: number, a: number, b: number): void {
  const k = m[b] & 63;
  const al = m[a];
  const ah = m[a + 1];
  if (k === 0) {
    m[d] = al;
    m[d + 1] = ah;
  } else if (k < 32) {
    m[d] = (al >>> k) | (ah << (32 - k));
    m[d + 1] = ah >> k;
  } else {
    m[d] = ah >> (k - 32);
    m[d + 1] = ah >> 31;
  }
}

export function i64ShrU(m: Int32Array, d: number, a: number, b: number): void {
  const k = m[b] & 63;
  const al = m[a];
  const ah = m[a + 1];
  if (k === 0) {
    m[d] = al;
    m[d + 1] = ah;
  } else if (k < 32) {
    m[d] = (al >>> k) | (ah << (32 - k));
    m[d + 1] = ah >>> k;
  } else {
    m[d] = ah >>> (k - 32);
    m[d + 1] = 0;
  }
}

/** Rotates (hi:lo) left by k in [0, 64) into m[d], m[d + 1]. */
function rotateLeft(m: Int32Array, d: number, lo: number, hi: number, k: number): void {
  if (k >= 32) {
    const t = lo;
    lo = hi;
    hi = t;
    k -= 32;
  }
  if (k === 0) {
    m[d] = lo;
    m[d + 1] = hi;
  } else {
    m[d] = (lo << k) | (hi >>> (32 - k));
    m[d + 1] = (hi << k) | (lo >>> (32 - k));
  }
}

export function i64Rotl(m: Int32Array, d: number, a: number, b: number): void {
  rotateLeft(m, d, m[a], m[a + 1], m[b] & 63);
}

export function i64Rotr(m: Int32Array, d: number, a: number, b: number): void {
  rotateLeft(m, d, m[a], m[a + 1], (64 - (m[b] & 63)) & 63);
}

// ---- unary ----

export function i64Clz(m: Int32Array, d: number, a: number): void {
  const ah = m[a + 1];
  m[d] = ah !== 0 ? Math.clz32(ah) : 32 + Math.clz32(m[a]);
  m[d + 1] = 0;
}

export function i64Ctz(m: Int32Array, d: number, a: number): void {
  const al = m[a];
  m[d] = al !== 0 ? i32Ctz(al) : 32 + i32Ctz(m[a + 1]);
  m[d + 1] = 0;
}

export function i64Popcnt(m: Int32Array, d: number, a: number): void {
  m[d] = i32Popcnt(m[a]) + i32Popcnt(m[a + 1]);
  m[d + 1] = 0;
}

export function i64Extend8S(m: Int32Array, d: number, a: number): void {
  const lo = (m[a] << 24) >> 24;
  m[d] = lo;
  m[d + 1] = lo >> 31;
}

export function i64Extend16S(m: Int32Array, d: number, a: number): void {
  const lo = (m[a] << 16) >> 16;
  m[d] = lo;
  m[d + 1] = lo >> 31;
}

export function i64Extend32S(m: Int32Array, d: number, a: number): void {
  const lo = m[a];
  m[d] = lo;
  m[d + 1] = lo >> 31;
}

// ---- predicates (return 0 or 1) ----

export function i64Eqz(m: Int32Array, a: number): number {
  return (m[a] | m[a + 1]) === 0 ? 1 : 0;
}

export function i64Eq(m: Int32Array, a: number, b: number): number {
  return m[a] === m[b] && m[a + 1] === m[b + 1] ? 1 : 0;
}

export function i64Ne(m: Int32Array, a: number, b: number): number {
  return m[a] !== m[b] || m[a + 1] !== m[b + 1] ? 1 : 0;
}

export function i64LtS(m: Int32Array, a: number, b: number): number {
  const ah = m[a + 1];
  const bh = m[b + 1];
  return ah < bh || (ah === bh && m[a] >>> 0 < m[b] >>> 0) ? 1 : 0;
}

export function i64LtU(m: Int32Array, a: number, b: number): number {
  const ah = m[a + 1] >>> 0;
  const bh = m[b + 1] >>> 0;
  return ah < bh || (ah === bh && m[a] >>> 0 < m[b] >>> 0) ? 1 : 0;
}

export function i64GtS(m: Int32Array, a: number, b: number): number {
  return i64LtS(m, b, a);
}

export function i64GtU(m: Int32Array, a: number, b: number): number {
  return i64LtU(m, b, a);
}

export function i64LeS(m: Int32Array, a: number, b: number): number {
  return 1 - i64LtS(m, b, a);
}

export function i64LeU(m: Int32Array, a: number, b: number): number {
  return 1 - i64LtU(m, b, a);
}

export function i64GeS(m: Int32Array, a: number, b: number): number {
  return 1 - i64LtS(m, a, b);
}

export function i64GeU(m: Int32Array, a: number, b: number): number {
  return 1 - i64LtU(m, a, b);
}

// ---- conversions from i32 ----

export function i64ExtendI32S(m: Int32Array, d: number, x: number): void {
  m[d] = x;
  m[d + 1] = x >> 31;
}

export function i64ExtendI32U(m: Int32Array, d: number, x: number): void {
  m[d] = x;
  m[d + 1] = 0;
}

// ---- float -> i64 ----

/** Stores trunc(x), an integer with |x| < 2^64, as its 64-bit two's complement pattern. */
function storeTruncated(m: Int32Array, d: number, x: number): void {
  const t = Math.trunc(x);
  // Division by 2^32 is exact, so floor gives the (signed) high word; the low word is what is left.
  const hi = Math.floor(t / TWO32);
  m[d] = (t - hi * TWO32) | 0;
  m[d + 1] = hi | 0;
}

// An f32 input is an exact double, so the f32 and f64 variants share bounds: the truncated value
// must lie in the target range (-2^63 is the only double in (-2^63 - 1, -2^63]).

export function i64TruncF64S(m: Int32Array, d: number, x: number): void {
  if (x >= -TWO63 && x < TWO63) storeTruncated(m, d, x);
  else if (x !== x) trapInvalidConversion();
  else trapIntegerOverflow();
}

export function i64TruncF64U(m: Int32Array, d: number, x: number): void {
  if (x > -1 && x < TWO64) storeTruncated(m, d, x);
  else if (x !== x) trapInvalidConversion();
  else trapIntegerOverflow();
}

export function i64TruncF32S(m: Int32Array, d: number, x: number): void {
  i64TruncF64S(m, d, x);
}

export function i64TruncF32U(m: Int32Array, d: number, x: number): void {
  i64TruncF64U(m, d, x);
}

export function i64TruncSatF64S(m: Int32Array, d: number, x: number): void {
  if (x >= -TWO63 && x < TWO63) {
    storeTruncated(m, d, x);
  } else if (x !== x) {
    m[d] = 0;
    m[d + 1] = 0;
  } else if (x < 0) {
    m[d] = 0;
    m[d + 1] = -0x80000000;
  } else {
    m[d] = -1;
    m[d + 1] = 0x7fffffff;
  }
}

export function i64TruncSatF64U(m: Int32Array, d: number, x: number): void {
  if (x > -1 && x < TWO64) {
    storeTruncated(m, d, x);
  } else if (x > 0) {
    m[d] = -1;
    m[d + 1] = -1;
  } else {
    m[d] = 0; // NaN or <= -1
    m[d + 1] = 0;
  }
}

export function i64TruncSatF32S(m: Int32Array, d: number, x: number): void {
  i64TruncSatF64S(m, d, x);
}

export function i64TruncSatF32U(m: Int32Array, d: number, x: number): void {
  i64TruncSatF64U(m, d, x);
}

// ---- i64 -> float ----

// hi * 2^32 is exact and the one addition rounds once (to nearest, ties to even), so these are
// correctly rounded.

export function f64ConvertI64S(m: Int32Array, a: number): number {
  return m[a + 1] * TWO32 + (m[a] >>> 0);
}

export function f64ConvertI64U(m: Int32Array, a: number): number {
  return (m[a + 1] >>> 0) * TWO32 + (m[a] >>> 0);
}

/**
 * Correctly rounded u64 (hi:lo, as unsigned numbers) -> f32. Below 2^53 the double is exact and
 * fround rounds once. Above, the f32 rounding point is at bit 30 or higher, so low-word bits 0..28
 * only matter as a sticky bit: folding them into bit 28 makes the double exact (bits 63..28 span
 * 36 bits) without changing the f32 rounding.
 */
function f32FromU64(hi: number, lo: number): number {
  if (hi < 0x200000) return Math.fround(hi * TWO32 + lo);
  const sticky = (lo & 0x1fffffff) !== 0 ? 0x10000000 : 0;
  return Math.fround(hi * TWO32 + (((lo & 0xe0000000) | sticky) >>> 0));
}

export function f32ConvertI64U(m: Int32Array, a: number): number {
  return f32FromU64(m[a + 1] >>> 0, m[a] >>> 0);
}

export function f32ConvertI64S(m: Int32Array, a: number): number {
  const lo = m[a];
  const hi = m[a + 1];
  if (hi >= 0) return f32FromU64(hi, lo >>> 0);
  // Round the magnitude: round-to-nearest-even is symmetric. -2^63 negates to the unsigned 2^63.
  const nhi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
  return -f32FromU64(nhi, -lo >>> 0);
}

// ---- API boundary (BigInt allowed only here; never on the hot path) ----

/** Reads the i64 at word index a as a signed BigInt. */
export function i64ToBigInt(m: Int32Array, a: number): bigint {
  return (BigInt(m[a + 1]) << 32n) | BigInt(m[a] >>> 0);
}

/** Writes v (taken modulo 2^64) to word index d. */
export function i64FromBigInt(m: Int32Array, d: number, v: bigint): void {
  const u = BigInt.asUintN(64, v);
  m[d] = Number(u & 0xffffffffn) | 0;
  m[d + 1] = Number(u >> 32n) | 0;
}
