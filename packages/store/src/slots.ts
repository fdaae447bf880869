/**
 * Values in flight (value stack, call arguments, host calls) live in 8-byte slots inside one ArrayBuffer,
 * seen through three views. Slot `s` holds:
 *   i32 / reference number:  i32[2s]
 *   i64:                     i32[2s] (low 32 bits), i32[2s+1] (high 32 bits)
 *   f32:                     f32[2s]
 *   f64:                     f64[s]
 *   v128:                    slots s and s+1 (16 bytes, little-endian lanes)
 * The views may be replaced when the stack grows: always read them from the object, never keep them.
 */
export class ValueSlots {
  i32: Int32Array;
  f32: Float32Array;
  f64: Float64Array;

  constructor(slotCount: number) {
    this.i32 = new Int32Array(slotCount * 2);
    this.f32 = new Float32Array(this.i32.buffer);
    this.f64 = new Float64Array(this.i32.buffer);
  }

  get length(): number {
    return this.f64.length;
  }

  /** Grows to at least `slotCount` slots, keeping the contents. */
  ensure(slotCount: number): void {
    if (slotCount <= this.f64.length) return;
    let n = this.f64.length * 2;
    while (n < slotCount) n *= 2;
    const i32 = new Int32Array(n * 2);
    i32.set(this.i32);
    this.i32 = i32;
    this.f32 = new Float32Array(i32.buffer);
    this.f64 = new Float64Array(i32.buffer);
  }
}
