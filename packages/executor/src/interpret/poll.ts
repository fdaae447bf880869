// Interrupts and deadlines. The interpreter loop counts taken branches and calls (every loop iteration
// and every recursion takes one) down from POLL_INTERVAL; at zero it calls `poll`, which looks at the
// engine's interrupt counter and the store's deadline. The count is a local of the loop, decremented
// where a branch or call already costs a dispatch, so it costs about nothing; reading the clock only
// every few thousand branches keeps a deadline cheap too.

import { Trap, TrapCode, clockNow, interruptCount, type PrunedStore } from "@wasmi-ts/store";
import type { ExecState } from "./state.js";

/** Taken branches and calls between two checks: microseconds with a JIT, about a millisecond without. */
export const POLL_INTERVAL = 4096;

/** Notes the interrupt counter when an outermost call starts: only interrupts raised after it stop it. */
export function startPolling(store: PrunedStore, state: ExecState): void {
  if (store.interrupts !== null) state.epoch = interruptCount(store.interrupts);
}

/** Traps with `Interrupted` if an interrupt was raised or the deadline passed; else the next budget. */
export function poll(store: PrunedStore, state: ExecState): number {
  if (store.interrupts !== null && interruptCount(store.interrupts) !== state.epoch) throw new Trap(TrapCode.Interrupted);
  if (store.deadline !== Infinity && clockNow() >= store.deadline) throw new Trap(TrapCode.Interrupted, "deadline exceeded");
  return POLL_INTERVAL;
}
