// The threads proposal's instructions (the `Atomic` op, out of the interpreter loop).
//
// A shared memory backed by a SharedArrayBuffer (store, shared-buffer.ts) may be seen by other threads:
// every atomic access goes through `Atomics` on a view of the access width (Uint8Array, Uint16Array,
// Int32Array, BigInt64Array; the alignment trap guarantees aligned indexes), `memory.atomic.notify` is
// `Atomics.notify` and `memory.atomic.wait32/64` is `Atomics.wait` (waits.ts). Elsewhere (an unshared
// memory, a shared one without a SharedArrayBuffer, a big-endian host whose typed arrays would reorder the
// bytes) no other thread can see the memory: an atomic access is a plain read, modify and write, notify
// wakes nobody, and wait has the single-thread results (waits.ts).
// Operand layout (codegen/instructions/atomic.ts): d, addr, a, b, offset, 0xfe sub-opcode, memory.

import { Trap, TrapCode, type InstanceEntity, type MemoryEntity, type PrunedStore } from "@wasmi-ts/store";
import { addressOperand } from "./memory-access.js";
import type { ExecState } from "./state.js";
import { waitOn, notify } from "./waits.js";
import { sharedViews, type SharedViews } from "./shared-views.js";

/** Access width in bytes of each of the 7 forms of a load, store, rmw or cmpxchg group, in sub-opcode order. */
const WIDTH = [4, 8, 1, 2, 1, 2, 4];
/** Whether each form's value is an i64. */
const IS_I64 = [false, true, false, false, true, true, true];

const LOADS = 0x10;
const STORES = 0x17;
const RMWS = 0x1e;
const CMPXCHGS = 0x48;

// the old value read by `read` (or returned by an `Atomics` operation), and the new one computed by
// `modify`, as (lo, hi) words
let lo = 0;
let hi = 0;
let newLo = 0;
let newHi = 0;

/** `Atomic`: one 0xfe instruction on memory m. */
export function atomicOp(store: PrunedStore, state: ExecState, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const mem = inst.memories[code[(pc + 7) | 0]!]!;
  const sub = code[(pc + 6) | 0]!;
  const ea = addressOperand(i32, fp2 + code[(pc + 2) | 0]!, mem.type.is64 === true) + (code[(pc + 5) | 0]! >>> 0);
  const d = (fp2 + code[(pc + 1) | 0]!) | 0;
  const a = (fp2 + code[(pc + 3) | 0]!) | 0;
  const b = (fp2 + code[(pc + 4) | 0]!) | 0;
  if (sub < LOADS) {
    // memory.atomic.notify (0), wait32 (1), wait64 (2); the result in the i32 at d
    check(mem, ea, sub === 2 ? 8 : 4);
    i32[d] = sub === 0 ? notify(mem, ea, i32[a]! >>> 0) : waitOn(store, state, mem, ea, sub === 2, i32, a, b);
    return;
  }
  const group = sub < STORES ? LOADS : sub < RMWS ? STORES : sub < CMPXCHGS ? RMWS : CMPXCHGS;
  const form = (sub - group) % 7;
  const width = WIDTH[form]!;
  check(mem, ea, width);
  const views = sharedViews(mem);
  if (views !== null) {
    // a bigint for the BigInt64Array, else a number (`never`: what each view's overload wants)
    const value = (width === 8 ? wide(i32, a) : i32[a]!) as never;
    if (group === LOADS) loaded(width, Atomics.load(pick(views, width), ea / width));
    else if (group === STORES) Atomics.store(pick(views, width), ea / width, value);
    else if (group === RMWS) loaded(width, RMW[((sub - RMWS) / 7) | 0]!(pick(views, width), ea / width, value));
    else loaded(width, Atomics.compareExchange(pick(views, width), ea / width, value, (width === 8 ? wide(i32, b) : i32[b]!) as never));
  } else {
    if (group === STORES) {
      write(mem, ea, width, i32[a]!, i32[a + 1]!);
      return;
    }
    read(mem, ea, width);
    if (group === RMWS) {
      modify(((sub - RMWS) / 7) | 0, i32[a]!, i32[a + 1]!);
      write(mem, ea, width, newLo, newHi);
    } else if (group === CMPXCHGS) {
      // the expected value is compared at the access width (wrapped), as the old value is read
      const mask = width >= 4 ? -1 : (1 << (8 * width)) - 1;
      if ((i32[a]! & mask) === lo && (width < 8 || i32[a + 1]! === hi)) write(mem, ea, width, i32[b]!, i32[b + 1]!);
    }
  }
  if (group === STORES) return;
  // the old value, zero-extended
  i32[d] = lo;
  if (IS_I64[form]) i32[d + 1] = hi;
}

/** Atomic accesses trap on a misaligned effective address, before the bounds check (as the spec's interpreter). */
function check(mem: MemoryEntity, ea: number, width: number): void {
  if (ea % width !== 0) throw new Trap(TrapCode.UnalignedAtomic);
  if (ea + width > mem.u8.length) throw new Trap(TrapCode.MemoryOutOfBounds);
}

// ---- through Atomics, on a SharedArrayBuffer ----

type AnyView = Uint8Array & Uint16Array & Int32Array & BigInt64Array;
type AtomicRmw = (view: AnyView, index: number, value: number | bigint) => number | bigint;
/** add, sub, and, or, xor, xchg: the rmw groups in sub-opcode order. */
const RMW = [Atomics.add, Atomics.sub, Atomics.and, Atomics.or, Atomics.xor, Atomics.exchange] as unknown as AtomicRmw[];

/** The view of `width`-byte elements (its index of byte ea is ea / width). */
function pick(views: SharedViews, width: number): AnyView {
  return (width === 1 ? views.u8 : width === 2 ? views.u16 : width === 4 ? views.i32 : views.i64) as AnyView;
}

/** The i64 in words (w, w + 1) as a bigint. */
function wide(i32: Int32Array, w: number): bigint {
  return (BigInt(i32[w + 1]!) << 32n) | BigInt(i32[w]! >>> 0);
}

/** (lo, hi) = the value that an `Atomics` operation of `width` bytes returned, zero-extended. */
function loaded(width: number, value: number | bigint): void {
  if (width === 8) {
    lo = Number(BigInt.asIntN(32, value as bigint));
    hi = Number((value as bigint) >> 32n);
  } else {
    lo = value as number; // Uint8 and Uint16 views read zero-extended; the Int32 one, the word's bits
    hi = 0;
  }
}

// ---- plain reads and writes, where no other thread can see the memory ----

/** Sets (lo, hi) to the `width` bytes at ea, zero-extended. */
function read(mem: MemoryEntity, ea: number, width: number): void {
  const view = mem.view;
  hi = 0;
  switch (width) {
    case 1: lo = mem.u8[ea]!; return;
    case 2: lo = view.getUint16(ea, true); return;
    case 4: lo = view.getInt32(ea, true); return;
    default: lo = view.getInt32(ea, true); hi = view.getInt32(ea + 4, true);
  }
}

/** Writes the low `width` bytes of (l, h) at ea. */
function write(mem: MemoryEntity, ea: number, width: number, l: number, h: number): void {
  const view = mem.view;
  switch (width) {
    case 1: mem.u8[ea] = l; return;
    case 2: view.setUint16(ea, l & 0xffff, true); return;
    case 4: view.setInt32(ea, l, true); return;
    default: view.setInt32(ea, l, true); view.setInt32(ea + 4, h, true);
  }
}

/** (newLo, newHi) = (lo, hi) op (l, h) in 64 bits (narrower forms keep only their low bytes). */
function modify(op: number, l: number, h: number): void {
  switch (op) {
    case 0: { // add
      const sum = (lo >>> 0) + (l >>> 0);
      newLo = sum | 0;
      newHi = (hi + h + (sum > 0xffffffff ? 1 : 0)) | 0;
      return;
    }
    case 1: { // sub
      const diff = (lo >>> 0) - (l >>> 0);
      newLo = diff | 0;
      newHi = (hi - h - (diff < 0 ? 1 : 0)) | 0;
      return;
    }
    case 2: newLo = lo & l; newHi = hi & h; return;
    case 3: newLo = lo | l; newHi = hi | h; return;
    case 4: newLo = lo ^ l; newHi = hi ^ h; return;
    default: newLo = l; newHi = h; // xchg
  }
}
