// The threads proposal's instructions (the `Atomic` op, out of the interpreter loop). This interpreter runs
// one thread per store, and a memory's buffer is not shared with other JavaScript threads, so every atomic
// access is a plain read, modify and write; what is left of atomicity is its checks (natural alignment).
// `memory.atomic.notify` wakes nobody (no thread can be waiting), and `memory.atomic.wait32/64` can only
// return "not-equal" (1) or "timed out" (2): the value cannot change while the only thread waits. It
// returns 2 at once instead of sleeping (a sleep would block the host's event loop, deaf to interrupts),
// and an infinite wait on an equal value would never end, so it traps (`TrapCode.WaitDeadlock`).
// Operand layout (codegen/instructions/atomic.ts): d, addr, a, b, offset, 0xfe sub-opcode, memory.

import { Trap, TrapCode, type InstanceEntity, type MemoryEntity } from "@wasmi-ts/store";
import { addressOperand } from "./memory-access.js";

/** Access width in bytes of each of the 7 forms of a load, store, rmw or cmpxchg group, in sub-opcode order. */
const WIDTH = [4, 8, 1, 2, 1, 2, 4];
/** Whether each form's value is an i64. */
const IS_I64 = [false, true, false, false, true, true, true];

const LOADS = 0x10;
const STORES = 0x17;
const RMWS = 0x1e;
const CMPXCHGS = 0x48;

// the old value read by `read`, and the new one computed by `modify`, as (lo, hi) words
let lo = 0;
let hi = 0;
let newLo = 0;
let newHi = 0;

/** `Atomic`: one 0xfe instruction on memory m. */
export function atomicOp(inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const mem = inst.memories[code[(pc + 7) | 0]!]!;
  const sub = code[(pc + 6) | 0]!;
  const ea = addressOperand(i32, fp2 + code[(pc + 2) | 0]!, mem.type.is64 === true) + (code[(pc + 5) | 0]! >>> 0);
  const d = (fp2 + code[(pc + 1) | 0]!) | 0;
  const a = (fp2 + code[(pc + 3) | 0]!) | 0;
  const b = (fp2 + code[(pc + 4) | 0]!) | 0;
  if (sub < LOADS) {
    waitOrNotify(mem, sub, ea, i32, d, a, b);
    return;
  }
  const group = sub < STORES ? LOADS : sub < RMWS ? STORES : sub < CMPXCHGS ? RMWS : CMPXCHGS;
  const form = (sub - group) % 7;
  const width = WIDTH[form]!;
  check(mem, ea, width);
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
  // the old value, zero-extended
  i32[d] = lo;
  if (IS_I64[form]) i32[d + 1] = hi;
}

/** Atomic accesses trap on a misaligned effective address, before the bounds check (as the spec's interpreter). */
function check(mem: MemoryEntity, ea: number, width: number): void {
  if (ea % width !== 0) throw new Trap(TrapCode.UnalignedAtomic);
  if (ea + width > mem.u8.length) throw new Trap(TrapCode.MemoryOutOfBounds);
}

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

/** memory.atomic.notify (0), wait32 (1), wait64 (2); results in the i32 at d. */
function waitOrNotify(mem: MemoryEntity, sub: number, ea: number, i32: Int32Array, d: number, a: number, b: number): void {
  const width = sub === 2 ? 8 : 4;
  check(mem, ea, width);
  if (sub === 0) {
    i32[d] = 0; // woken: none (no other thread can be waiting)
    return;
  }
  if (mem.type.shared !== true) throw new Trap(TrapCode.ExpectedSharedMemory);
  read(mem, ea, width);
  if (lo !== i32[a] || (width === 8 && hi !== i32[a + 1])) {
    i32[d] = 1; // "not-equal"
    return;
  }
  // a negative timeout (in ns) is infinite: only another thread's notify could end it
  if (i32[b + 1]! < 0) throw new Trap(TrapCode.WaitDeadlock);
  i32[d] = 2; // "timed out"
}
