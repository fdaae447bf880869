// Backtraces: built only when an error unwinds `runInterpreterLoop` (loop.ts catches it, where the
// current pc and call depth are in scope), from the interpreter's own call stack and the translator's
// pc -> Wasm offset tables. Nothing is recorded while code runs normally.
//
// A nested execution (Wasm -> host function -> Wasm) runs in its own `runInterpreterLoop` above the
// caller's frames: its frames are recorded first, and the caller's loop appends its own when the same
// error reaches it from the host function it called.

import { setWasmBacktrace, wasmBacktraceOf, type InstanceEntity, type WasmFrame } from "@wasmi-ts/store";
import type { CompiledModule } from "../module/compiled.js";
import type { CompiledFunc } from "../translate/compiled-func.js";
import type { ExecState } from "./state.js";

/** Frames kept per backtrace, the innermost ones (a runaway recursion would give thousands). */
const MAX_BACKTRACE_FRAMES = 100;

/**
 * Sets the backtrace of `error`, which is leaving a `runInterpreterLoop` that entered at call depth `entryDepth` and
 * is at `depth`: its innermost frame is `cf` (of `inst`) at `pc`, at or inside the instruction that was
 * executing; the callers' frame records below give the others, each at its return pc, just after its call.
 */
export function recordBacktrace(
  error: unknown, state: ExecState, entryDepth: number, depth: number, cf: CompiledFunc, inst: InstanceEntity, pc: number,
): void {
  // the error came out of a nested execution started by this run's host call: its frames are inner ones
  const continues = state.unwound === error && state.unwoundDepth === depth;
  state.unwound = undefined;
  const frames = continues ? [...wasmBacktraceOf(error)] : [];
  const leaf = state.leafFrames;
  if (leaf !== null && state.leafError === error) {
    for (let k = 0; k < leaf.length && frames.length < MAX_BACKTRACE_FRAMES; k += 2) frames.push(frameOf(state.leafInst!, leaf[k]!, leaf[k + 1]!));
  }
  state.leafError = undefined;
  state.leafFrames = null;
  state.leafInst = null;
  // pc -1: the function ran as a leaf of the JavaScript tier, whose frame is the one above
  if (frames.length < MAX_BACKTRACE_FRAMES && pc >= 0) frames.push(frameAt(cf, inst, pc));
  for (let d = depth - 1; d >= entryDepth && frames.length < MAX_BACKTRACE_FRAMES; d--) {
    frames.push(frameAt(state.frameFuncs[d]!, state.frameInstances[d]!, state.frames[2 * d]! - 1));
  }
  setWasmBacktrace(error, frames);
}

/** Notes that `error` leaves an execution that entered at call depth `depth` (see `recordBacktrace`). */
export function noteUnwound(state: ExecState, error: unknown, depth: number): void {
  state.unwound = error;
  state.unwoundDepth = depth;
}

function frameAt(cf: CompiledFunc, inst: InstanceEntity, pc: number): WasmFrame {
  return frameOf(inst, cf.funcIndex, cf.wasmOffsetAt(pc));
}

function frameOf(inst: InstanceEntity, funcIndex: number, codeOffset: number): WasmFrame {
  const ir = (inst.module as CompiledModule).ir;
  const name = ir.funcNames.get(funcIndex);
  return {
    funcIndex,
    ...(name !== undefined && { name }),
    ...(ir.moduleName !== null && { moduleName: ir.moduleName }),
    codeOffset,
    funcOffset: codeOffset - ir.codes[funcIndex - ir.numImportedFuncs]!.bodyStart,
  };
}
