// 128-bit arithmetic of the wide-arithmetic proposal on i64 registers (two 32-bit words each, low first,
// in an Int32Array: see i64.ts). A 128-bit value is two i64 registers, its low and its high half. Every
// helper reads all its inputs before writing: the result registers may be any of the input registers.
// Sums of a few 32-bit words are exact in doubles (below 2^53), which carries use; no BigInt.

import { mulHighU32 } from "./u64-divide.js";

const TWO32 = 4294967296;

/** (dl, dh) = (al, ah) + (bl, bh) mod 2^128. */
export function i64Add128(m: Int32Array, dl: number, dh: number, al: number, ah: number, bl: number, bh: number): void {
  let t = (m[al] >>> 0) + (m[bl] >>> 0);
  const w0 = t | 0;
  t = (m[al + 1] >>> 0) + (m[bl + 1] >>> 0) + (t >= TWO32 ? 1 : 0);
  const w1 = t | 0;
  t = (m[ah] >>> 0) + (m[bh] >>> 0) + (t >= TWO32 ? 1 : 0);
  const w2 = t | 0;
  const w3 = (m[ah + 1] + m[bh + 1] + (t >= TWO32 ? 1 : 0)) | 0;
  m[dl] = w0;
  m[dl + 1] = w1;
  m[dh] = w2;
  m[dh + 1] = w3;
}

/** (dl, dh) = (al, ah) - (bl, bh) mod 2^128. */
export function i64Sub128(m: Int32Array, dl: number, dh: number, al: number, ah: number, bl: number, bh: number): void {
  let t = (m[al] >>> 0) - (m[bl] >>> 0);
  const w0 = t | 0;
  t = (m[al + 1] >>> 0) - (m[bl + 1] >>> 0) - (t < 0 ? 1 : 0);
  const w1 = t | 0;
  t = (m[ah] >>> 0) - (m[bh] >>> 0) - (t < 0 ? 1 : 0);
  const w2 = t | 0;
  const w3 = (m[ah + 1] - m[bh + 1] - (t < 0 ? 1 : 0)) | 0;
  m[dl] = w0;
  m[dl + 1] = w1;
  m[dh] = w2;
  m[dh + 1] = w3;
}

/** (dl, dh) = the full 128-bit product a * b of two i64, unsigned (`signed` false) or signed. */
export function i64MulWide(m: Int32Array, dl: number, dh: number, a: number, b: number, signed: boolean): void {
  const a0 = m[a];
  const a1 = m[a + 1];
  const b0 = m[b];
  const b1 = m[b + 1];
  // schoolbook on 32-bit words: the four partial products, each as a low word and a high word
  const p00h = mulHighU32(a0, b0);
  const p01l = Math.imul(a0, b1) >>> 0;
  const p01h = mulHighU32(a0, b1);
  const p10l = Math.imul(a1, b0) >>> 0;
  const p10h = mulHighU32(a1, b0);
  const p11l = Math.imul(a1, b1) >>> 0;
  const p11h = mulHighU32(a1, b1);
  let t = p00h + p01l + p10l;
  const w1 = t | 0;
  t = p01h + p10h + p11l + Math.floor(t / TWO32);
  let w2 = t | 0;
  let w3 = (p11h + Math.floor(t / TWO32)) | 0;
  if (signed) {
    // as signed numbers, a negative a is a - 2^64 (and so for b): the high half loses b (resp. a)
    if (a1 < 0) {
      const s = (w2 >>> 0) - (b0 >>> 0);
      w3 = (w3 - b1 - (s < 0 ? 1 : 0)) | 0;
      w2 = s | 0;
    }
    if (b1 < 0) {
      const s = (w2 >>> 0) - (a0 >>> 0);
      w3 = (w3 - a1 - (s < 0 ? 1 : 0)) | 0;
      w2 = s | 0;
    }
  }
  m[dl] = Math.imul(a0, b0);
  m[dl + 1] = w1;
  m[dh] = w2;
  m[dh + 1] = w3;
}
