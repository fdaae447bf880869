// Float operations whose Wasm semantics differ from the plain JS operator, and float -> i32 truncation.
// f32 values are doubles holding an f32 value; every f32 result goes through Math.fround.
// Sign and NaN-bit operations (neg, abs, copysign, reinterpret) work on integer bits in the interpreter.
import { trapIntegerOverflow, trapInvalidConversion } from "./trap.js";

const TWO52 = 4503599627370496;

/** Round to nearest integer, ties to even, keeping the sign of zero (`f64.nearest`). */
export function f64Nearest(x: number): number {
  // Adding 2^52 pushes the fraction out of the mantissa, so the FPU rounds it (ties to even).
  // |x| >= 2^52 (and inf/NaN) are already integral; zero is returned as is to keep -0.
  if (x > 0) return x < TWO52 ? x + TWO52 - TWO52 : x;
  if (x < 0) return x > -TWO52 ? -(-x + TWO52 - TWO52) : x;
  return x; // ±0 or NaN
}

/** `f32.nearest`: f32 values are exact doubles and the rounded integer is exact in f32. */
export function f32Nearest(x: number): number {
  return Math.fround(f64Nearest(x));
}

export function f64Trunc(x: number): number {
  return Math.trunc(x);
}
export function f32Trunc(x: number): number {
  return Math.fround(Math.trunc(x));
}
export function f64Ceil(x: number): number {
  return Math.ceil(x);
}
export function f32Ceil(x: number): number {
  return Math.fround(Math.ceil(x));
}
export function f64Floor(x: number): number {
  return Math.floor(x);
}
export function f32Floor(x: number): number {
  return Math.fround(Math.floor(x));
}
/** sqrt in double then fround rounds correctly for f32 (53 >= 2*24 + 2: double rounding is innocuous). */
export function f32Sqrt(x: number): number {
  return Math.fround(Math.sqrt(x));
}

// Math.min/max already give NaN when either operand is NaN and order -0 below +0.
export function f64Min(a: number, b: number): number {
  return Math.min(a, b);
}
export function f64Max(a: number, b: number): number {
  return Math.max(a, b);
}
export function f32Min(a: number, b: number): number {
  return Math.min(a, b);
}
export function f32Max(a: number, b: number): number {
  return Math.max(a, b);
}

// Float -> i32 truncation. An f32 input is an exact double, so the f32 and f64 bounds are the same:
// the truncated value must lie in the target range. `x | 0` truncates toward zero and, for the
// unsigned range, yields the i32 bit pattern.

export function i32TruncF64S(x: number): number {
  if (x > -2147483649 && x < 2147483648) return x | 0;
  return x !== x ? trapInvalidConversion() : trapIntegerOverflow();
}

export function i32TruncF64U(x: number): number {
  if (x > -1 && x < 4294967296) return x | 0;
  return x !== x ? trapInvalidConversion() : trapIntegerOverflow();
}

export function i32TruncF32S(x: number): number {
  return i32TruncF64S(x);
}

export function i32TruncF32U(x: number): number {
  return i32TruncF64U(x);
}

export function i32TruncSatF64S(x: number): number {
  if (x > -2147483649 && x < 2147483648) return x | 0;
  if (x !== x) return 0;
  return x < 0 ? -0x80000000 : 0x7fffffff;
}

export function i32TruncSatF64U(x: number): number {
  if (x > -1 && x < 4294967296) return x | 0;
  if (x !== x || x < 0) return 0;
  return -1; // u32::MAX as an i32 bit pattern
}

export function i32TruncSatF32S(x: number): number {
  return i32TruncSatF64S(x);
}

export function i32TruncSatF32U(x: number): number {
  return i32TruncSatF64U(x);
}
