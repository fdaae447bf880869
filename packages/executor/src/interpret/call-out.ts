// Calls out of the JavaScript tier's compiled code (translate/js/) to what the tier does not compile:
// imported functions, `call_indirect`, and functions it refuses. The call runs as a nested execution
// does (a host function's call of Wasm): on the same stacks, above the calling leaf's frame (from
// `ExecState.jsTop`, which the interpreter sets when it calls a leaf), in a `runInterpreterLoop` of its
// own for a Wasm callee. That is one JavaScript recursion per call out, so the interpreter bounds it:
// where `MAX_CALL_OUTS` calls out are nested, it runs functions that call out as bytecode (loop.ts), and
// so Wasm recursion through calls out still runs on the interpreter's own frames, as deep as its limits
// allow. A suspendable execution (async host calls, resumable calls) never runs them: a host function
// called out of JavaScript could not suspend.

import { FuncKind, Trap, TrapCode, slotsOf, type FuncEntity, type InstanceEntity, type PrunedStore } from "@wasmi-ts/store";
import { noteUnwound } from "./backtrace.js";
import { checkSubtypeSignature } from "./refs.js";
import { runInterpreterLoop, type Translate } from "./loop.js";
import { poll } from "./poll.js";
import type { ExecState } from "./state.js";
import type { CompiledModule } from "../module/compiled.js";

/** Calls out nested at most: each costs a few JavaScript frames (the compiled function, this call, an
 * interpreter loop). */
export const MAX_CALL_OUTS = 32;

/** Whether a leaf that calls out may run now (else the interpreter runs its bytecode). */
export function mayCallOut(store: PrunedStore, state: ExecState): boolean {
  return state.callOuts < MAX_CALL_OUTS && !store.canSuspend;
}

/** The word index where a call out's arguments go (and its results come back): `slots` slots from
 * `state.jsTop`, the stack grown to hold them. Read `state.stack.i32` after it. */
export function callOutWords(store: PrunedStore, state: ExecState, slots: number): number {
  const end = state.jsTop + slots;
  if (end > store.limits.maxValueSlots) throw new Trap(TrapCode.StackOverflow);
  state.stack.ensure(end);
  return 2 * state.jsTop;
}

/** Calls `target` (of any instance, or a host function) on the arguments at word `words` of the stack,
 * from a leaf of `inst`; its results replace them. */
export function callOut(
  store: PrunedStore, state: ExecState, inst: InstanceEntity, target: FuncEntity, words: number, translate: Translate,
): void {
  const depth = state.depth;
  const sp = state.sp;
  const top = state.jsTop;
  const base = words >> 1;
  if (--state.callBudget < 0) state.callBudget = poll(store, state);
  state.callOuts++;
  try {
    if (target.kind === FuncKind.Host) {
      // callOutWords made room for the parameters and the results
      state.sp = top + Math.max(slotsOf(target.type.params), slotsOf(target.type.results));
      target.host!(store, inst, state.stack, base);
    } else {
      const module = target.instance!.module as CompiledModule;
      const defined = target.index - module.ir.numImportedFuncs;
      const callee = module.code[defined] ?? translate(module, defined);
      // called from compiled code, so hot: a function without loops or branches (a large unrolled kernel)
      // is never found running by a poll, whose count only its branches and calls advance
      if (callee.hotSamples !== 0 && --callee.hotSamples === 0) translate(module, defined, true);
      const leaf = callee.js;
      if (leaf !== null && (!callee.jsCallsOut || mayCallOut(store, state))) {
        // compiled too (a large kernel without a direct form): called here, as the interpreter calls a leaf
        const end = base + callee.frameSlots;
        if (end > store.limits.maxValueSlots) throw new Trap(TrapCode.StackOverflow);
        state.stack.ensure(end);
        state.jsTop = end;
        leaf(state.stack.i32, words, target.instance!, store, state);
      } else {
        state.sp = base;
        runInterpreterLoop(store, state, target, base, translate);
      }
    }
  } catch (e) {
    // the callee's frames are in the error's backtrace: the interpreter that called the leaf continues it
    if (target.kind !== FuncKind.Host) noteUnwound(state, e, depth);
    throw e;
  } finally {
    state.callOuts--;
    state.depth = depth;
    state.sp = sp;
    state.jsTop = top;
  }
}

/** The function that `call_indirect` calls: element `i` of table `table` of `inst`, checked against
 * the module's type `typeIndex` (or a subtype of it, as the interpreter's `call_indirect` checks). */
export function indirectTarget(store: PrunedStore, inst: InstanceEntity, table: number, typeIndex: number, i: number): FuncEntity {
  const elements = inst.tables[table]!.elements;
  if (i >>> 0 >= elements.length) throw new Trap(TrapCode.UndefinedElement);
  const target = elements[i >>> 0] as FuncEntity | null;
  if (target === null) throw new Trap(TrapCode.IndirectCallToNull);
  if (target.type.id !== inst.typeIds[typeIndex]) checkSubtypeSignature(store, target, inst.typeIds[typeIndex]!);
  return target;
}
