// memory.atomic.wait32/64 and memory.atomic.notify.
//
// On a memory backed by a SharedArrayBuffer, another thread may change the value and notify: a wait is
// `Atomics.wait` (0 "ok" when notified, 1 "not-equal", 2 "timed-out"; the timeout converted from ns to ms,
// negative = infinite) and notify is `Atomics.notify` (the number of waiters woken). A wait must stay
// stoppable by the store's deadline and the engine's interrupts (poll.ts): when the store has either, it
// blocks in slices of at most SLICE_MS and polls between them. A slice that ends on "not-equal" after the
// first means that the value changed while the thread waited: it returns 0, as if notified. A notify that
// lands between two slices without changing the value is missed (the waiter sleeps on until the next
// change, its timeout, the deadline or an interrupt); waits that follow the usual protocol (change the
// value, then notify) never miss one. An infinite wait on the only thread that holds the memory just
// sleeps (stoppable): no thread can tell that no other thread has the buffer, as any may receive it.
//
// Where a thread cannot block (a browser's main thread: `Atomics.wait` throws) or the memory has no
// SharedArrayBuffer (no other thread can see it), the single-thread results stand: notify wakes nobody
// (0), a wait returns 1 or, at once, 2 (sleeping could not change the value and would block the event
// loop), and an infinite wait on an equal value traps (`TrapCode.WaitDeadlock`: it could never end).

import { Trap, TrapCode, clockNow, type MemoryEntity, type PrunedStore } from "@wasmi-ts/store";
import { poll } from "./poll.js";
import type { ExecState } from "./state.js";
import { sharedViews } from "./shared-views.js";

/** The longest a stoppable wait blocks between two polls, in ms. */
export const SLICE_MS = 20;

let blockingAllowed: boolean | undefined;

/** Whether this thread may block in `Atomics.wait` (not a browser's main thread). */
function canBlock(): boolean {
  if (blockingAllowed === undefined) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
      blockingAllowed = true;
    } catch {
      blockingAllowed = false;
    }
  }
  return blockingAllowed;
}

/** memory.atomic.notify of at most `count` waiters at ea (checked): how many it woke. */
export function notify(mem: MemoryEntity, ea: number, count: number): number {
  const views = sharedViews(mem);
  return views === null ? 0 : Atomics.notify(views.i32, ea / 4, count);
}

/**
 * memory.atomic.wait32 (`is64` false) or wait64 at ea (checked) for the expected value in words
 * (a, a + 1), with the i64 timeout in ns in words (b, b + 1): 0 notified, 1 not-equal, 2 timed out.
 */
export function waitOn(store: PrunedStore, state: ExecState, mem: MemoryEntity, ea: number, is64: boolean,
    i32: Int32Array, a: number, b: number): number {
  if (mem.type.shared !== true) throw new Trap(TrapCode.ExpectedSharedMemory);
  const timeoutNs = i32[b + 1]! * 4294967296 + (i32[b]! >>> 0);
  const views = sharedViews(mem);
  if (views === null || !canBlock()) return waitAlone(mem, ea, is64, i32, a, timeoutNs);
  const wait: (ms: number) => string = is64
    ? ((index, expected) => (ms: number) => Atomics.wait(views.i64, index, expected, ms))(ea / 8, (BigInt(i32[a + 1]!) << 32n) | BigInt(i32[a]! >>> 0))
    : ((index, expected) => (ms: number) => Atomics.wait(views.i32, index, expected, ms))(ea / 4, i32[a]!);
  const ms = timeoutNs < 0 ? Infinity : timeoutNs / 1e6;
  if (store.interrupts === null && store.deadline === Infinity) return RESULT[wait(ms)]!;
  const end = clockNow() + ms;
  for (let first = true; ; first = false) {
    const result = wait(Math.max(0, Math.min(SLICE_MS, end - clockNow())));
    if (result !== "timed-out") return result === "ok" || !first ? 0 : 1;
    if (clockNow() >= end) return 2;
    poll(store, state); // traps on an interrupt or past the deadline
  }
}

const RESULT: Record<string, number> = { "ok": 0, "not-equal": 1, "timed-out": 2 };

/** The single-thread results (no other thread can change the value or notify). */
function waitAlone(mem: MemoryEntity, ea: number, is64: boolean, i32: Int32Array, a: number, timeoutNs: number): number {
  const view = mem.view;
  if (view.getInt32(ea, true) !== i32[a] || (is64 && view.getInt32(ea + 4, true) !== i32[a + 1])) return 1;
  if (timeoutNs < 0) throw new Trap(TrapCode.WaitDeadlock);
  return 2;
}
