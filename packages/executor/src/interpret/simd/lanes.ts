// Lane-wise SIMD computations on a scratch area: the interpreter copies the operand vectors into A, B
// and C, calls `simdCompute`, and copies R out. Scratch layout (64 bytes): A = bytes 0-15, B = 16-31,
// C = 32-47, R = 48-63; the typed views below address lanes of each shape. i64 lanes use the i64
// helpers on 32-bit halves (word index 4k for operand k).

import {
  f32Max, f32Min, f32Nearest, f64Max, f64Min, f64Nearest, i32TruncSatF32S, i32TruncSatF32U, i32TruncSatF64S,
  i32TruncSatF64U, i64GeS, i64GtS, i64LeS, i64LtS, i64Mul, i64Shl, i64ShrS, i64ShrU,
} from "../numeric/index.js";

const scratch = new ArrayBuffer(64);
export const SCRATCH_I32 = new Int32Array(scratch);
const I8 = new Int8Array(scratch);
const U8 = new Uint8Array(scratch);
const I16 = new Int16Array(scratch);
const U16 = new Uint16Array(scratch);
const I32 = SCRATCH_I32;
const U32 = new Uint32Array(scratch);
const F32 = new Float32Array(scratch);
const F64 = new Float64Array(scratch);

// word index of operand k's first word
const A = 0;
const B = 4;
const C = 8;
const R = 12;

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

function popcnt8(x: number): number {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
}

/** f64 rounding keeps a NaN operand's bits; Wasm wants a quiet NaN. */
function quiet(x: number): number {
  return x === x ? x : NaN;
}

/** Integer lane-wise operations of the 8-, 16- and 32-bit shapes; `op` is the sub-opcode's offset
 * from the shape's base (96, 128, 160). */
function intLanes(bits: 8 | 16 | 32, op: number): void {
  const n = 128 / bits;
  const S = bits === 8 ? I8 : bits === 16 ? I16 : I32;
  const U = bits === 8 ? U8 : bits === 16 ? U16 : U32;
  const smin = bits === 32 ? -0x80000000 : -(1 << (bits - 1));
  const smax = bits === 32 ? 0x7fffffff : (1 << (bits - 1)) - 1;
  const umax = bits === 32 ? 0xffffffff : (1 << bits) - 1;
  const b = n;
  const r = 3 * n;
  switch (op) {
    case 0: for (let j = 0; j < n; j++) S[r + j] = Math.abs(S[j]!); return;
    case 1: for (let j = 0; j < n; j++) S[r + j] = -S[j]!; return;
    case 2: // i8x16.popcnt, i16x8.q15mulr_sat_s
      if (bits === 8) for (let j = 0; j < n; j++) U[r + j] = popcnt8(U[j]!);
      else for (let j = 0; j < n; j++) S[r + j] = clamp((S[j]! * S[b + j]! + 0x4000) >> 15, smin, smax);
      return;
    case 5: case 6: { // narrow from the double-width shape, signed or unsigned saturation
      const W = bits === 8 ? I16 : I32;
      const lo = op === 5 ? smin : 0;
      const hi = op === 5 ? smax : umax;
      // the wide lanes of A are at W[0..n/2), those of B at W[n/2..n) (B starts 16 bytes in)
      for (let j = 0; j < n; j++) {
        const v = clamp(W[j]!, lo, hi);
        if (op === 5) S[r + j] = v;
        else U[r + j] = v;
      }
      return;
    }
    case 7: case 8: case 9: case 10: { // extend low/high, signed/unsigned, from the half-width shape
      const half = bits === 16 ? (op <= 8 ? I8 : U8) : (op <= 8 ? I16 : U16);
      const start = op === 8 || op === 10 ? n : 0;
      for (let j = 0; j < n; j++) S[r + j] = half[start + j]!;
      return;
    }
    case 11: { const k = I32[B]! & (bits - 1); for (let j = 0; j < n; j++) S[r + j] = S[j]! << k; return; }
    case 12: { const k = I32[B]! & (bits - 1); for (let j = 0; j < n; j++) S[r + j] = S[j]! >> k; return; }
    case 13: { const k = I32[B]! & (bits - 1); for (let j = 0; j < n; j++) U[r + j] = U[j]! >>> k; return; }
    case 14: for (let j = 0; j < n; j++) S[r + j] = S[j]! + S[b + j]!; return;
    case 15: for (let j = 0; j < n; j++) S[r + j] = clamp(S[j]! + S[b + j]!, smin, smax); return;
    case 16: for (let j = 0; j < n; j++) U[r + j] = clamp(U[j]! + U[b + j]!, 0, umax); return;
    case 17: for (let j = 0; j < n; j++) S[r + j] = S[j]! - S[b + j]!; return;
    case 18: for (let j = 0; j < n; j++) S[r + j] = clamp(S[j]! - S[b + j]!, smin, smax); return;
    case 19: for (let j = 0; j < n; j++) U[r + j] = clamp(U[j]! - U[b + j]!, 0, umax); return;
    case 21: for (let j = 0; j < n; j++) S[r + j] = Math.imul(S[j]!, S[b + j]!); return;
    case 22: for (let j = 0; j < n; j++) S[r + j] = Math.min(S[j]!, S[b + j]!); return;
    case 23: for (let j = 0; j < n; j++) U[r + j] = Math.min(U[j]!, U[b + j]!); return;
    case 24: for (let j = 0; j < n; j++) S[r + j] = Math.max(S[j]!, S[b + j]!); return;
    case 25: for (let j = 0; j < n; j++) U[r + j] = Math.max(U[j]!, U[b + j]!); return;
    case 26: // i32x4.dot_i16x8_s
      for (let j = 0; j < 4; j++) I32[R + j] = I16[2 * j]! * I16[8 + 2 * j]! + I16[2 * j + 1]! * I16[8 + 2 * j + 1]!;
      return;
    case 27: for (let j = 0; j < n; j++) U[r + j] = (U[j]! + U[b + j]! + 1) >>> 1; return;
    case 28: case 29: case 30: case 31: { // extmul low/high, signed/unsigned
      const half = bits === 16 ? (op <= 29 ? I8 : U8) : (op <= 29 ? I16 : U16);
      const start = op === 29 || op === 31 ? n : 0;
      const hb = 2 * n; // B's first half-width lane
      for (let j = 0; j < n; j++) S[r + j] = half[start + j]! * half[hb + start + j]!;
      return;
    }
    default: throw new Error(`bad SIMD integer op ${bits}:${op}`);
  }
}

/** Comparisons of the 8-, 16-, 32-bit shapes: `op` 0..9 = eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u. */
function intCompare(bits: 8 | 16 | 32, op: number): void {
  const n = 128 / bits;
  const S = bits === 8 ? I8 : bits === 16 ? I16 : I32;
  const U = bits === 8 ? U8 : bits === 16 ? U16 : U32;
  const b = n;
  const r = 3 * n;
  for (let j = 0; j < n; j++) {
    const sa = S[j]!, sb = S[b + j]!, ua = U[j]!, ub = U[b + j]!;
    let t: boolean;
    switch (op) {
      case 0: t = sa === sb; break;
      case 1: t = sa !== sb; break;
      case 2: t = sa < sb; break;
      case 3: t = ua < ub; break;
      case 4: t = sa > sb; break;
      case 5: t = ua > ub; break;
      case 6: t = sa <= sb; break;
      case 7: t = ua <= ub; break;
      case 8: t = sa >= sb; break;
      default: t = ua >= ub; break;
    }
    S[r + j] = t ? -1 : 0;
  }
}

/** Float comparisons: `op` 0..5 = eq ne lt gt le ge. */
function floatCompare(is64: boolean, op: number): void {
  const n = is64 ? 2 : 4;
  for (let j = 0; j < n; j++) {
    const a = is64 ? F64[j]! : F32[j]!;
    const b = is64 ? F64[2 + j]! : F32[4 + j]!;
    let t: boolean;
    switch (op) {
      case 0: t = a === b; break;
      case 1: t = a !== b; break;
      case 2: t = a < b; break;
      case 3: t = a > b; break;
      case 4: t = a <= b; break;
      default: t = a >= b; break;
    }
    const m = t ? -1 : 0;
    if (is64) { I32[R + 2 * j] = m; I32[R + 2 * j + 1] = m; } else I32[R + j] = m;
  }
}

/** f32x4 (base 224) and f64x2 (base 236) arithmetic: `op` = offset from the base. */
function floatLanes(is64: boolean, op: number): void {
  if (is64) {
    for (let j = 0; j < 2; j++) {
      const a = F64[j]!, b = F64[2 + j]!;
      const lo = 2 * j, hi = 2 * j + 1;
      switch (op) {
        case 0: I32[R + lo] = I32[lo]!; I32[R + hi] = I32[hi]! & 0x7fffffff; break;
        case 1: I32[R + lo] = I32[lo]!; I32[R + hi] = I32[hi]! ^ -0x80000000; break;
        case 3: F64[6 + j] = Math.sqrt(a); break;
        case 4: F64[6 + j] = a + b; break;
        case 5: F64[6 + j] = a - b; break;
        case 6: F64[6 + j] = a * b; break;
        case 7: F64[6 + j] = a / b; break;
        case 8: F64[6 + j] = f64Min(a, b); break;
        case 9: F64[6 + j] = f64Max(a, b); break;
        case 10: F64[6 + j] = b < a ? b : a; break; // pmin: exact bits of the chosen operand
        case 11: F64[6 + j] = a < b ? b : a; break;
        default: throw new Error(`bad f64x2 op ${op}`);
      }
      if (op === 10) { const s = b < a ? B : A; I32[R + lo] = I32[s + lo]!; I32[R + hi] = I32[s + hi]!; }
      if (op === 11) { const s = a < b ? B : A; I32[R + lo] = I32[s + lo]!; I32[R + hi] = I32[s + hi]!; }
    }
    return;
  }
  for (let j = 0; j < 4; j++) {
    const a = F32[j]!, b = F32[4 + j]!;
    switch (op) {
      case 0: I32[R + j] = I32[j]! & 0x7fffffff; break;
      case 1: I32[R + j] = I32[j]! ^ -0x80000000; break;
      case 3: F32[12 + j] = Math.sqrt(a); break;
      case 4: F32[12 + j] = a + b; break;
      case 5: F32[12 + j] = a - b; break;
      case 6: F32[12 + j] = a * b; break;
      case 7: F32[12 + j] = a / b; break;
      case 8: F32[12 + j] = f32Min(a, b); break;
      case 9: F32[12 + j] = f32Max(a, b); break;
      case 10: I32[R + j] = b < a ? I32[B + j]! : I32[j]!; break;
      case 11: I32[R + j] = a < b ? I32[B + j]! : I32[j]!; break;
      default: throw new Error(`bad f32x4 op ${op}`);
    }
  }
}

function f32Round(fn: (x: number) => number): void {
  for (let j = 0; j < 4; j++) F32[12 + j] = fn(F32[j]!);
}

function f64Round(fn: (x: number) => number): void {
  for (let j = 0; j < 2; j++) F64[6 + j] = quiet(fn(F64[j]!));
}

/** i64x2 lane-wise operations (sub-opcodes 192..223 and the splat/extend helpers). */
function i64Lanes(sub: number): void {
  switch (sub) {
    case 192: case 193: // abs, neg
      for (let j = 0; j < 2; j++) {
        const lo = I32[2 * j]!, hi = I32[2 * j + 1]!;
        if (sub === 192 && hi >= 0) { I32[R + 2 * j] = lo; I32[R + 2 * j + 1] = hi; continue; }
        I32[R + 2 * j] = -lo | 0;
        I32[R + 2 * j + 1] = (~hi + (lo === 0 ? 1 : 0)) | 0;
      }
      return;
    case 199: case 200: case 201: case 202: { // extend low/high i32x4, signed/unsigned
      const start = sub === 200 || sub === 202 ? 2 : 0;
      for (let j = 0; j < 2; j++) {
        const v = I32[start + j]!;
        I32[R + 2 * j] = v;
        I32[R + 2 * j + 1] = sub <= 200 ? v >> 31 : 0;
      }
      return;
    }
    case 203: case 204: case 205: { // shifts: the count as an i64 in C
      I32[C] = I32[B]! & 63;
      I32[C + 1] = 0;
      for (let j = 0; j < 2; j++) {
        const f = sub === 203 ? i64Shl : sub === 204 ? i64ShrS : i64ShrU;
        f(I32, R + 2 * j, 2 * j, C);
      }
      return;
    }
    case 206: case 209: // add, sub
      for (let j = 0; j < 2; j++) {
        const al = I32[2 * j]!, bl = I32[B + 2 * j]!;
        if (sub === 206) {
          const lo = (al + bl) | 0;
          I32[R + 2 * j + 1] = (I32[2 * j + 1]! + I32[B + 2 * j + 1]! + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0;
          I32[R + 2 * j] = lo;
        } else {
          I32[R + 2 * j + 1] = (I32[2 * j + 1]! - I32[B + 2 * j + 1]! - ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0;
          I32[R + 2 * j] = (al - bl) | 0;
        }
      }
      return;
    case 213: for (let j = 0; j < 2; j++) i64Mul(I32, R + 2 * j, 2 * j, B + 2 * j); return;
    case 214: case 215: case 216: case 217: case 218: case 219: // eq ne lt_s gt_s le_s ge_s
      for (let j = 0; j < 2; j++) {
        const a = 2 * j, b = B + 2 * j;
        let t: number;
        switch (sub) {
          case 214: t = I32[a] === I32[b] && I32[a + 1] === I32[b + 1] ? 1 : 0; break;
          case 215: t = I32[a] !== I32[b] || I32[a + 1] !== I32[b + 1] ? 1 : 0; break;
          case 216: t = i64LtS(I32, a, b); break;
          case 217: t = i64GtS(I32, a, b); break;
          case 218: t = i64LeS(I32, a, b); break;
          default: t = i64GeS(I32, a, b); break;
        }
        I32[R + 2 * j] = I32[R + 2 * j + 1] = t ? -1 : 0;
      }
      return;
    case 220: case 221: case 222: case 223: { // extmul low/high i32x4, signed/unsigned
      const start = sub === 221 || sub === 223 ? 2 : 0;
      const signed = sub <= 221;
      // widen both operands' lanes to i64 (a into C, b into B), then multiply into R
      const x0 = I32[start]!, x1 = I32[start + 1]!, y0 = I32[B + start]!, y1 = I32[B + start + 1]!;
      I32[C] = x0;
      I32[C + 1] = signed ? x0 >> 31 : 0;
      I32[C + 2] = x1;
      I32[C + 3] = signed ? x1 >> 31 : 0;
      I32[B] = y0;
      I32[B + 1] = signed ? y0 >> 31 : 0;
      I32[B + 2] = y1;
      I32[B + 3] = signed ? y1 >> 31 : 0;
      for (let j = 0; j < 2; j++) i64Mul(I32, R + 2 * j, C + 2 * j, B + 2 * j);
      return;
    }
    default: throw new Error(`bad i64x2 op ${sub}`);
  }
}

function allTrue(bits: 8 | 16 | 32 | 64): number {
  const n = 128 / bits;
  for (let j = 0; j < n; j++) {
    const v = bits === 8 ? I8[j] : bits === 16 ? I16[j] : bits === 32 ? I32[j] : I32[2 * j]! | I32[2 * j + 1]!;
    if (v === 0) return 0;
  }
  return 1;
}

function bitmask(bits: 8 | 16 | 32 | 64): number {
  const n = 128 / bits;
  let m = 0;
  for (let j = 0; j < n; j++) {
    const v = bits === 8 ? I8[j]! : bits === 16 ? I16[j]! : bits === 32 ? I32[j]! : I32[2 * j + 1]!;
    if (v < 0) m |= 1 << j;
  }
  return m;
}

/** Relaxed SIMD (sub-opcodes 256..275), each computed as one of the results the spec allows, the same
 * on every run (the choices: the executor's README). */
function relaxed(sub: number): void {
  switch (sub) {
    case 256: simdCompute(14, 0); return; // relaxed_swizzle = swizzle
    case 257: simdCompute(248, 0); return; // relaxed_trunc = trunc_sat
    case 258: simdCompute(249, 0); return;
    case 259: simdCompute(252, 0); return;
    case 260: simdCompute(253, 0); return;
    case 261: case 262: // f32x4.relaxed_madd, nmadd: unfused, the product rounded to f32 before the sum
      for (let j = 0; j < 4; j++) {
        const p = Math.fround(F32[j]! * F32[4 + j]!);
        F32[12 + j] = (sub === 261 ? p : -p) + F32[8 + j]!;
      }
      return;
    case 263: case 264: // f64x2.relaxed_madd, nmadd: unfused
      for (let j = 0; j < 2; j++) {
        const p = F64[j]! * F64[2 + j]!;
        F64[6 + j] = (sub === 263 ? p : -p) + F64[4 + j]!;
      }
      return;
    case 265: case 266: case 267: case 268: simdCompute(82, 0); return; // relaxed_laneselect = bitselect
    case 269: floatLanes(false, 8); return; // relaxed_min, max = min, max
    case 270: floatLanes(false, 9); return;
    case 271: floatLanes(true, 8); return;
    case 272: floatLanes(true, 9); return;
    case 273: intLanes(16, 2); return; // relaxed_q15mulr_s = q15mulr_sat_s
    case 274: // i16x8.relaxed_dot_i8x16_i7x16_s: b signed, the pair sums saturated
      for (let j = 0; j < 8; j++) I16[24 + j] = dotPair(j);
      return;
    case 275: // i32x4.relaxed_dot_i8x16_i7x16_add_s: the i16x8 dot, pairs added, plus c
      for (let j = 0; j < 4; j++) I32[R + j] = (dotPair(2 * j) + dotPair(2 * j + 1) + I32[C + j]!) | 0;
      return;
    default: throw new Error(`unsupported SIMD instruction ${sub}`);
  }
}

/** Lane j of i16x8.relaxed_dot_i8x16_i7x16_s: a's and b's bytes 2j, 2j+1 as signed, sum saturated. */
function dotPair(j: number): number {
  return clamp(I8[2 * j]! * I8[16 + 2 * j]! + I8[2 * j + 1]! * I8[16 + 2 * j + 1]!, -0x8000, 0x7fff);
}

/** Computes SIMD sub-opcode `sub` (not a memory access) from A, B, C into R. */
export function simdCompute(sub: number, lane: number): void {
  if (sub >= 256) { relaxed(sub); return; }
  if (sub >= 35 && sub <= 64) { intCompare(sub < 45 ? 8 : sub < 55 ? 16 : 32, (sub - 35) % 10); return; }
  if (sub >= 65 && sub <= 76) { floatCompare(sub >= 71, (sub - 65) % 6); return; }
  switch (sub) {
    case 14: // i8x16.swizzle
      for (let j = 0; j < 16; j++) { const k = U8[16 + j]!; U8[48 + j] = k < 16 ? U8[k]! : 0; }
      return;
    case 15: for (let j = 0; j < 16; j++) I8[48 + j] = I32[0]!; return;
    case 16: for (let j = 0; j < 8; j++) I16[24 + j] = I32[0]!; return;
    case 17: case 19: for (let j = 0; j < 4; j++) I32[R + j] = I32[0]!; return;
    case 18: case 20: for (let j = 0; j < 2; j++) { I32[R + 2 * j] = I32[0]!; I32[R + 2 * j + 1] = I32[1]!; } return;
    case 21: I32[R] = I8[lane]!; return;
    case 22: I32[R] = U8[lane]!; return;
    case 24: I32[R] = I16[lane]!; return;
    case 25: I32[R] = U16[lane]!; return;
    case 27: case 31: I32[R] = I32[lane]!; return;
    case 29: case 33: I32[R] = I32[2 * lane]!; I32[R + 1] = I32[2 * lane + 1]!; return;
    case 23: case 26: case 28: case 30: case 32: case 34:
      for (let w = 0; w < 4; w++) I32[R + w] = I32[w]!;
      if (sub === 23) I8[48 + lane] = I32[B]!;
      else if (sub === 26) I16[24 + lane] = I32[B]!;
      else if (sub === 28 || sub === 32) I32[R + lane] = I32[B]!;
      else { I32[R + 2 * lane] = I32[B]!; I32[R + 2 * lane + 1] = I32[B + 1]!; }
      return;
    case 77: for (let w = 0; w < 4; w++) I32[R + w] = ~I32[w]!; return;
    case 78: for (let w = 0; w < 4; w++) I32[R + w] = I32[w]! & I32[B + w]!; return;
    case 79: for (let w = 0; w < 4; w++) I32[R + w] = I32[w]! & ~I32[B + w]!; return;
    case 80: for (let w = 0; w < 4; w++) I32[R + w] = I32[w]! | I32[B + w]!; return;
    case 81: for (let w = 0; w < 4; w++) I32[R + w] = I32[w]! ^ I32[B + w]!; return;
    case 82: for (let w = 0; w < 4; w++) I32[R + w] = (I32[w]! & I32[C + w]!) | (I32[B + w]! & ~I32[C + w]!); return;
    case 83: I32[R] = (I32[0]! | I32[1]! | I32[2]! | I32[3]!) !== 0 ? 1 : 0; return;
    case 94: F32[12] = F64[0]!; F32[13] = F64[1]!; I32[R + 2] = 0; I32[R + 3] = 0; return;
    case 95: { const x = F32[0]!, y = F32[1]!; F64[6] = x; F64[7] = y; return; }
    case 99: I32[R] = allTrue(8); return;
    case 100: I32[R] = bitmask(8); return;
    case 131: I32[R] = allTrue(16); return;
    case 132: I32[R] = bitmask(16); return;
    case 163: I32[R] = allTrue(32); return;
    case 164: I32[R] = bitmask(32); return;
    case 195: I32[R] = allTrue(64); return;
    case 196: I32[R] = bitmask(64); return;
    case 103: f32Round(Math.ceil); return;
    case 104: f32Round(Math.floor); return;
    case 105: f32Round(Math.trunc); return;
    case 106: f32Round(f32Nearest); return;
    case 116: f64Round(Math.ceil); return;
    case 117: f64Round(Math.floor); return;
    case 122: f64Round(Math.trunc); return;
    case 148: f64Round(f64Nearest); return;
    case 124: for (let j = 0; j < 8; j++) I16[24 + j] = I8[2 * j]! + I8[2 * j + 1]!; return;
    case 125: for (let j = 0; j < 8; j++) I16[24 + j] = U8[2 * j]! + U8[2 * j + 1]!; return;
    case 126: for (let j = 0; j < 4; j++) I32[R + j] = I16[2 * j]! + I16[2 * j + 1]!; return;
    case 127: for (let j = 0; j < 4; j++) I32[R + j] = U16[2 * j]! + U16[2 * j + 1]!; return;
    case 248: for (let j = 0; j < 4; j++) I32[R + j] = i32TruncSatF32S(F32[j]!); return;
    case 249: for (let j = 0; j < 4; j++) I32[R + j] = i32TruncSatF32U(F32[j]!); return;
    case 250: for (let j = 0; j < 4; j++) F32[12 + j] = I32[j]!; return;
    case 251: for (let j = 0; j < 4; j++) F32[12 + j] = U32[j]!; return;
    case 252: case 253: {
      const x = F64[0]!, y = F64[1]!;
      I32[R] = sub === 252 ? i32TruncSatF64S(x) : i32TruncSatF64U(x);
      I32[R + 1] = sub === 252 ? i32TruncSatF64S(y) : i32TruncSatF64U(y);
      I32[R + 2] = 0;
      I32[R + 3] = 0;
      return;
    }
    case 254: { const x = I32[0]!, y = I32[1]!; F64[6] = x; F64[7] = y; return; }
    case 255: { const x = U32[0]!, y = U32[1]!; F64[6] = x; F64[7] = y; return; }
    default: break;
  }
  if (sub >= 96 && sub <= 127) { intLanes(8, sub - 96); return; }
  if (sub >= 128 && sub <= 159) { intLanes(16, sub - 128); return; }
  if (sub >= 160 && sub <= 191) { intLanes(32, sub - 160); return; }
  if (sub >= 192 && sub <= 223) { i64Lanes(sub); return; }
  if (sub >= 224 && sub <= 235) { floatLanes(false, sub - 224); return; }
  if (sub >= 236 && sub <= 247) { floatLanes(true, sub - 236); return; }
  throw new Error(`unsupported SIMD instruction ${sub}`);
}

/** Shuffle: R byte j = byte `lanes[j]` of A:B (A and B are contiguous in the scratch area). */
export function simdShuffle(code: readonly number[], at: number): void {
  for (let j = 0; j < 16; j++) U8[48 + j] = U8[(code[at + (j >> 2)]! >>> (8 * (j & 3))) & 31]!;
}

/** Number of result words of sub-opcode `sub` (scalars: 2, vectors: 4). */
export function simdResultWords(sub: number): number {
  if (sub >= 21 && sub <= 33 && sub !== 23 && sub !== 26 && sub !== 28 && sub !== 30 && sub !== 32) return 2;
  if (sub === 83 || sub === 99 || sub === 100 || sub === 131 || sub === 132 || sub === 163 || sub === 164 ||
      sub === 195 || sub === 196) return 2;
  return 4;
}

/** Bytes 0..n of A, then the memory-access shape of `sub`, are used by `simdLoadFinish`. */
export const SCRATCH_U8 = U8;

/** After the accessed bytes were copied into A (at byte 0): builds R for SIMD load `sub`. For lane
 * loads, the input vector is in B. */
export function simdLoadFinish(sub: number, lane: number): void {
  switch (sub) {
    case 0: for (let w = 0; w < 4; w++) I32[R + w] = I32[w]!; return;
    case 1: intLanes(16, 7); return; // load8x8_s = extend_low_i8x16_s
    case 2: intLanes(16, 9); return;
    case 3: intLanes(32, 7); return;
    case 4: intLanes(32, 9); return;
    case 5: i64Lanes(199); return;
    case 6: i64Lanes(201); return;
    case 7: I32[0] = I8[0]!; simdCompute(15, 0); return;
    case 8: I32[0] = I16[0]!; simdCompute(16, 0); return;
    case 9: simdCompute(17, 0); return;
    case 10: simdCompute(18, 0); return;
    case 92: I32[R] = I32[0]!; I32[R + 1] = 0; I32[R + 2] = 0; I32[R + 3] = 0; return;
    case 93: I32[R] = I32[0]!; I32[R + 1] = I32[1]!; I32[R + 2] = 0; I32[R + 3] = 0; return;
    default: { // load lanes 84..87: B with one lane from A's first bytes
      for (let w = 0; w < 4; w++) I32[R + w] = I32[B + w]!;
      const size = 1 << (sub - 84);
      for (let k = 0; k < size; k++) U8[48 + lane * size + k] = U8[k]!;
    }
  }
}
