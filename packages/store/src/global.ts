import type { GlobalType } from "./types.js";

/**
 * A global variable. A numeric value lives in 16 bytes with typed views, in the same layout as a
 * value-stack slot (i32 in `i32[0]`, i64 as `i32[0]` low and `i32[1]` high, f32 in `f32[0]`, f64 in
 * `f64[0]`, v128 in all 16 bytes), so reading or writing it is a copy of words. A reference lives in `ref`
 * as an object (see `refs.ts`).
 */
export class GlobalEntity {
  readonly i32 = new Int32Array(4);
  readonly f32 = new Float32Array(this.i32.buffer);
  readonly f64 = new Float64Array(this.i32.buffer);
  /** The value of a reference-typed global: null, a `FuncEntity` or a host value. */
  ref: unknown = null;

  constructor(readonly type: GlobalType) {}
}
