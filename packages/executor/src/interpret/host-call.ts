// A host function called by the interpreter loop (CallFunc, CallIndirect, CallRef and their tail forms:
// codegen/instructions/control.ts), out of line: host calls are far rarer than Wasm calls, and the loop's
// size is limited (interpreter-size.test.ts).

import { TrapCode, Trap, slotsOf, type FuncEntity, type InstanceEntity, type PrunedStore } from "@wasmi-ts/store";
import type { CompiledFunc } from "../translate/compiled-func.js";
import type { ExecState } from "./state.js";

/**
 * Calls host function `target` from function `cf` of `inst` (frame base fp2, arguments at `argOffset`
 * words from it, where its results go; for a tail call, they are moved down to the frame base: the
 * caller's results). `pc` is the call's, `next` the instruction after it. Returns whether the host
 * function asked to suspend (execution.ts): the loop returns then, and the call completes on resume.
 * The loop reloads its views of the stacks and memory after it.
 */
export function callHost(
  store: PrunedStore, state: ExecState, target: FuncEntity, inst: InstanceEntity, cf: CompiledFunc,
  fp2: number, argOffset: number, depth: number, pc: number, next: number, tail: boolean,
): boolean {
  const stack = state.stack;
  const argBase = (fp2 + argOffset) >> 1;
  const type = target.type;
  const resultSlots = slotsOf(type.results);
  const need = argBase + Math.max(slotsOf(type.params), resultSlots);
  if (need > store.limits.maxValueSlots) throw new Trap(TrapCode.StackOverflow);
  stack.ensure(need);
  state.depth = depth;
  state.sp = Math.max(need, (fp2 >> 1) + cf.frameSlots);
  target.host!(store, inst, stack, argBase);
  if (store.suspendRequest !== null) {
    state.suspendAt(next, pc, fp2, cf, inst, depth, tail, argBase, resultSlots);
    return true;
  }
  if (tail) {
    const i32 = stack.i32;
    for (let w = 0; w < 2 * resultSlots; w++) i32[fp2 + w] = i32[fp2 + argOffset + w];
  }
  return false;
}
