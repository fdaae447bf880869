// The fixed-width SIMD instructions (0xfd prefix) by sub-opcode: how each one is translated (its
// operands and immediates). What each computes is in interpret/simd/. One declarative table.

import { ValType } from "@wasmi-ts/store";

export const enum SimdKind {
  /** memarg; pops an address, pushes a v128. */
  Load,
  /** memarg; pops an address and a v128. */
  Store,
  /** memarg + lane; pops an address and a v128, pushes a v128. */
  LoadLane,
  /** memarg + lane; pops an address and a v128. */
  StoreLane,
  /** 16 immediate bytes: pushes a v128. */
  Const,
  /** 16 immediate lane indices: pops two v128, pushes one. */
  Shuffle,
  /** pops a scalar (`scalar`), pushes a v128. */
  Splat,
  /** lane immediate: pops a v128, pushes a scalar (`scalar`). */
  Extract,
  /** lane immediate: pops a v128 and a scalar, pushes a v128. */
  Replace,
  /** pops `pops` v128 values, pushes a v128. */
  Lanewise,
  /** pops a v128, pushes an i32. */
  Test,
  /** pops a v128 and an i32 shift count, pushes a v128. */
  Shift,
}

export interface SimdInfo {
  readonly kind: SimdKind;
  readonly pops: number;
  /** Splat: the scalar popped. Extract: the scalar pushed. */
  readonly scalar: ValType;
}

const { I32, I64, F32, F64, V128 } = ValType;

/** [first sub-opcode, last sub-opcode, kind, v128 operands popped (Lanewise), scalar type]. */
const RANGES: readonly (readonly [number, number, SimdKind, number?, ValType?])[] = [
  [0, 10, SimdKind.Load],
  [11, 11, SimdKind.Store],
  [12, 12, SimdKind.Const],
  [13, 13, SimdKind.Shuffle],
  [14, 14, SimdKind.Lanewise, 2], // i8x16.swizzle
  [15, 15, SimdKind.Splat, 0, I32], [16, 16, SimdKind.Splat, 0, I32], [17, 17, SimdKind.Splat, 0, I32],
  [18, 18, SimdKind.Splat, 0, I64], [19, 19, SimdKind.Splat, 0, F32], [20, 20, SimdKind.Splat, 0, F64],
  [21, 22, SimdKind.Extract, 0, I32], [23, 23, SimdKind.Replace],
  [24, 25, SimdKind.Extract, 0, I32], [26, 26, SimdKind.Replace],
  [27, 27, SimdKind.Extract, 0, I32], [28, 28, SimdKind.Replace],
  [29, 29, SimdKind.Extract, 0, I64], [30, 30, SimdKind.Replace],
  [31, 31, SimdKind.Extract, 0, F32], [32, 32, SimdKind.Replace],
  [33, 33, SimdKind.Extract, 0, F64], [34, 34, SimdKind.Replace],
  [35, 76, SimdKind.Lanewise, 2], // comparisons
  [77, 77, SimdKind.Lanewise, 1], // v128.not
  [78, 81, SimdKind.Lanewise, 2], // and, andnot, or, xor
  [82, 82, SimdKind.Lanewise, 3], // bitselect
  [83, 83, SimdKind.Test],
  [84, 87, SimdKind.LoadLane], [88, 91, SimdKind.StoreLane], [92, 93, SimdKind.Load],
  [94, 98, SimdKind.Lanewise, 1], // demote, promote, i8x16.abs, neg, popcnt
  [99, 100, SimdKind.Test], [101, 102, SimdKind.Lanewise, 2], [103, 106, SimdKind.Lanewise, 1],
  [107, 109, SimdKind.Shift], [110, 115, SimdKind.Lanewise, 2], [116, 117, SimdKind.Lanewise, 1],
  [118, 121, SimdKind.Lanewise, 2], [122, 122, SimdKind.Lanewise, 1], [123, 123, SimdKind.Lanewise, 2],
  [124, 129, SimdKind.Lanewise, 1], // extadd pairwise, i16x8.abs, neg
  [130, 130, SimdKind.Lanewise, 2], [131, 132, SimdKind.Test], [133, 134, SimdKind.Lanewise, 2],
  [135, 138, SimdKind.Lanewise, 1], [139, 141, SimdKind.Shift], [142, 147, SimdKind.Lanewise, 2],
  [148, 148, SimdKind.Lanewise, 1], [149, 159, SimdKind.Lanewise, 2],
  [160, 161, SimdKind.Lanewise, 1], [163, 164, SimdKind.Test], [167, 170, SimdKind.Lanewise, 1],
  [171, 173, SimdKind.Shift], [174, 174, SimdKind.Lanewise, 2], [177, 177, SimdKind.Lanewise, 2],
  [181, 186, SimdKind.Lanewise, 2], [188, 191, SimdKind.Lanewise, 2],
  [192, 193, SimdKind.Lanewise, 1], [195, 196, SimdKind.Test], [199, 202, SimdKind.Lanewise, 1],
  [203, 205, SimdKind.Shift], [206, 206, SimdKind.Lanewise, 2], [209, 209, SimdKind.Lanewise, 2],
  [213, 223, SimdKind.Lanewise, 2],
  [224, 225, SimdKind.Lanewise, 1], [227, 227, SimdKind.Lanewise, 1], [228, 235, SimdKind.Lanewise, 2],
  [236, 237, SimdKind.Lanewise, 1], [239, 239, SimdKind.Lanewise, 1], [240, 247, SimdKind.Lanewise, 2],
  [248, 255, SimdKind.Lanewise, 1], // conversions
  // relaxed SIMD (0x100..0x113)
  [256, 256, SimdKind.Lanewise, 2], // relaxed_swizzle
  [257, 260, SimdKind.Lanewise, 1], // relaxed_trunc
  [261, 268, SimdKind.Lanewise, 3], // relaxed_madd, nmadd, laneselect
  [269, 274, SimdKind.Lanewise, 2], // relaxed_min, max, q15mulr_s, dot_i8x16_i7x16_s
  [275, 275, SimdKind.Lanewise, 3], // relaxed_dot_i8x16_i7x16_add_s
];

export const SIMD_INFO: ReadonlyMap<number, SimdInfo> = new Map(
  RANGES.flatMap(([first, last, kind, pops = 0, scalar = V128]) =>
    Array.from({ length: last - first + 1 }, (_, i) => [first + i, { kind, pops, scalar }] as const)),
);

/** Bytes accessed in memory by the SIMD loads and stores, by sub-opcode. */
export function simdAccessBytes(sub: number): number {
  if (sub === 0 || sub === 11) return 16;
  if (sub <= 6) return 8; // load8x8 .. load32x2
  if (sub <= 10) return 1 << (sub - 7); // load splats
  if (sub === 92) return 4;
  if (sub === 93) return 8;
  return 1 << ((sub - 84) & 3); // lanes
}
