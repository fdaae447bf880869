// 32-bit integer operations that are not a single JS operator. Values are i32 bit patterns held as
// int32 numbers; results are returned the same way (`| 0`).
import { trapDivideByZero, trapIntegerOverflow } from "./trap.js";

export function i32DivS(a: number, b: number): number {
  if (b === 0) trapDivideByZero();
  if (a === -0x80000000 && b === -1) trapIntegerOverflow();
  // |a|, |b| < 2^32, so the double quotient never rounds across an integer: `| 0` truncates exactly.
  return (a / b) | 0;
}

export function i32DivU(a: number, b: number): number {
  if (b === 0) trapDivideByZero();
  return ((a >>> 0) / (b >>> 0)) | 0;
}

export function i32RemS(a: number, b: number): number {
  if (b === 0) trapDivideByZero();
  // JS % takes the dividend's sign, like Wasm; MIN % -1 gives -0, which `| 0` turns into 0.
  return (a % b) | 0;
}

export function i32RemU(a: number, b: number): number {
  if (b === 0) trapDivideByZero();
  return ((a >>> 0) % (b >>> 0)) | 0;
}

export function i32Clz(a: number): number {
  return Math.clz32(a);
}

export function i32Ctz(a: number): number {
  // a & -a isolates the lowest set bit.
  return a === 0 ? 32 : 31 - Math.clz32(a & -a);
}

export function i32Popcnt(a: number): number {
  let x = a - ((a >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function i32Rotl(a: number, k: number): number {
  // JS masks shift counts to 5 bits; for k % 32 == 0 both halves are `a`, so the result is `a`.
  return (a << k) | (a >>> (32 - (k & 31)));
}

export function i32Rotr(a: number, k: number): number {
  return (a >>> k) | (a << (32 - (k & 31)));
}
