// The general (slower) path of memory instructions: any memory index, 32- or 64-bit addresses.
// Memory 0 of 32-bit modules has its own inlined instructions in the loop.

import { Trap, TrapCode, type MemoryEntity } from "@wasmi-ts/store";

function outOfBounds(): never {
  throw new Trap(TrapCode.MemoryOutOfBounds);
}

/**
 * The cold path of memory 0's inlined bounds check (the loop's and the JavaScript tier's), when an access
 * ends at `end`, past the length they cached: a shared memory that another thread grew may hold it now
 * (its views track the buffer's length: only the cached length is stale); the new length then, which
 * the caller caches. Else (always, for an unshared memory) the access traps.
 */
export function pastCachedLength(mem: MemoryEntity | null, end: number): number {
  if (mem !== null && mem.shared !== null) {
    mem.sync();
    const length = mem.u8.length;
    if (end <= length) return length;
  }
  return outOfBounds();
}

/** An address, length or offset operand at word `w`: u32 for 32-bit memories, u64 for 64-bit ones
 * (as a double: beyond 2^53 it is inexact, but then far out of bounds anyway). */
export function addressOperand(i32: Int32Array, w: number, is64: boolean): number {
  return is64 ? (i32[w + 1]! >>> 0) * 4294967296 + (i32[w]! >>> 0) : i32[w]! >>> 0;
}

/** `kind` is the Wasm load opcode (f32/f64 loads as i32/i64: the same bits); the result goes to words d, d+1. */
export function loadFrom(mem: MemoryEntity, kind: number, ea: number, i32: Int32Array, d: number): void {
  const view = mem.view;
  const len = view.byteLength;
  switch (kind) {
    case 0x28: /* I32Load */
      if (ea + 4 > len) outOfBounds();
      i32[d] = view.getInt32(ea, true);
      return;
    case 0x29: /* I64Load */
      if (ea + 8 > len) outOfBounds();
      i32[d] = view.getInt32(ea, true);
      i32[d + 1] = view.getInt32(ea + 4, true);
      return;
    case 0x2c: /* I32Load8S */ if (ea + 1 > len) outOfBounds(); i32[d] = view.getInt8(ea); return;
    case 0x2d: /* I32Load8U */ if (ea + 1 > len) outOfBounds(); i32[d] = view.getUint8(ea); return;
    case 0x2e: /* I32Load16S */ if (ea + 2 > len) outOfBounds(); i32[d] = view.getInt16(ea, true); return;
    case 0x2f: /* I32Load16U */ if (ea + 2 > len) outOfBounds(); i32[d] = view.getUint16(ea, true); return;
    case 0x30: /* I64Load8S */ {
      if (ea + 1 > len) outOfBounds();
      const v = view.getInt8(ea);
      i32[d] = v;
      i32[d + 1] = v >> 31;
      return;
    }
    case 0x31: /* I64Load8U */ if (ea + 1 > len) outOfBounds(); i32[d] = view.getUint8(ea); i32[d + 1] = 0; return;
    case 0x32: /* I64Load16S */ {
      if (ea + 2 > len) outOfBounds();
      const v = view.getInt16(ea, true);
      i32[d] = v;
      i32[d + 1] = v >> 31;
      return;
    }
    case 0x33: /* I64Load16U */ if (ea + 2 > len) outOfBounds(); i32[d] = view.getUint16(ea, true); i32[d + 1] = 0; return;
    case 0x34: /* I64Load32S */ {
      if (ea + 4 > len) outOfBounds();
      const v = view.getInt32(ea, true);
      i32[d] = v;
      i32[d + 1] = v >> 31;
      return;
    }
    case 0x35: /* I64Load32U */ if (ea + 4 > len) outOfBounds(); i32[d] = view.getInt32(ea, true); i32[d + 1] = 0; return;
    default: throw new Error(`not a load: ${kind}`);
  }
}

/** `kind` is the Wasm store opcode (f32/f64 stores as i32/i64); the value is at words s, s+1. */
export function storeTo(mem: MemoryEntity, kind: number, ea: number, i32: Int32Array, s: number): void {
  const view = mem.view;
  const len = view.byteLength;
  switch (kind) {
    case 0x36: /* I32Store */ case 0x3e: /* I64Store32 */
      if (ea + 4 > len) outOfBounds();
      view.setInt32(ea, i32[s]!, true);
      return;
    case 0x37: /* I64Store */
      if (ea + 8 > len) outOfBounds();
      view.setInt32(ea, i32[s]!, true);
      view.setInt32(ea + 4, i32[s + 1]!, true);
      return;
    case 0x3a: /* I32Store8 */ case 0x3c: /* I64Store8 */
      if (ea + 1 > len) outOfBounds();
      view.setInt8(ea, i32[s]!);
      return;
    case 0x3b: /* I32Store16 */ case 0x3d: /* I64Store16 */
      if (ea + 2 > len) outOfBounds();
      view.setInt16(ea, i32[s]!, true);
      return;
    default: throw new Error(`not a store: ${kind}`);
  }
}
