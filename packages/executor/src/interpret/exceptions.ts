// Exception handling at run time: throwing (the Throw and ThrowRef instructions, out of the loop) and
// unwinding to a handler. An exception is thrown as a JavaScript exception (an `ExceptionEntity`), so it
// leaves host functions and nested executions like any error; the catch around the interpreter loop
// (loop.ts) asks `unwindToHandler` for the innermost handler in its own frames, from the current one
// outwards, each at the instruction that was running (a caller at its call). Traps and host errors are
// other JavaScript values and are never caught by Wasm.

import {
  ExceptionEntity, isRefType, Trap, TrapCode, type InstanceEntity, type PrunedStore,
} from "@wasmi-ts/store";
import type { CompiledFunc } from "../translate/compiled-func.js";
import { ANY_TAG, CLAUSE_WORDS, NO_REGISTER, REGION_WORDS } from "../translate/handler-table.js";
import { recordBacktrace } from "./backtrace.js";
import { POLL_INTERVAL, poll } from "./poll.js";
import { Op } from "./op.generated.js";
import type { ExecState } from "./state.js";

/** Throw: an exception of tag `t` with the values in the registers from `args` on. */
export function throwException(
  store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number,
): never {
  const tag = inst.tags[code[(pc + 1) | 0]!]!;
  const base = (fp2 + code[(pc + 2) | 0]!) | 0;
  const exn = new ExceptionEntity(tag, i32.slice(base, base + tag.words));
  const refs = exn.refs;
  if (refs !== null) {
    const params = tag.type.params;
    for (let i = 0; i < params.length; i++) {
      if (isRefType(params[i]!)) refs[i] = store.refs.value(i32[base + tag.offsets[i]!]!);
    }
  }
  throw exn;
}

/** ThrowRef: the exception register `a` references, thrown again; a null reference traps. */
export function throwRef(store: PrunedStore, i32: Int32Array, fp2: number, code: readonly number[], pc: number): never {
  const exn = store.refs.value(i32[(fp2 + code[(pc + 1) | 0]!) | 0]!);
  if (exn === null) throw new Trap(TrapCode.NullReference);
  if (!(exn instanceof ExceptionEntity)) throw new Error("throw_ref: the register holds no exception reference (an engine bug)");
  throw exn;
}

/**
 * Looks for the handler of `exn`, thrown at `pc` of `cf` (frame `fp2`, instance `inst`, call depth
 * `depth`), in that frame and then its callers' down to `entryDepth`. When one catches it, writes the
 * exception's values (and reference) into the handler's registers, notes where execution continues in
 * `state`'s continuation fields (`contPc`, `contFp2`, `contFunc`, `contInst`, `contDepth`) and returns the
 * loop's next polling budget: a caught exception counts as a taken branch (poll.ts), so that a loop that
 * only throws and catches can be interrupted too. Returns -1 when no handler catches it: then the
 * exception leaves this run with the frames it unwound as its backtrace (as an error's), which an outer
 * run continues, or a later throw of the same exception replaces.
 */
export function unwindToHandler(
  exn: ExceptionEntity, store: PrunedStore, state: ExecState, entryDepth: number,
  depth: number, cf: CompiledFunc, inst: InstanceEntity, pc: number, fp2: number, budget: number,
): number {
  if (!findHandler(exn, store, state, entryDepth, depth, cf, inst, pc, fp2)) {
    recordBacktrace(exn, state, entryDepth, depth, cf, inst, pc);
    return -1;
  }
  if (--budget >= 0) return budget;
  try {
    return poll(store, state);
  } catch (e) {
    // interrupted at the handler (the loop's catch, where this runs, records no backtrace of its own)
    recordBacktrace(e, state, entryDepth, state.contDepth, state.contFunc!, state.contInst!, state.contPc);
    throw e;
  }
}

function findHandler(
  exn: ExceptionEntity, store: PrunedStore, state: ExecState, entryDepth: number,
  depth: number, cf: CompiledFunc, inst: InstanceEntity, pc: number, fp2: number,
): boolean {
  // frames, regions and clauses looked at until the next check for interrupts and deadlines: a hostile
  // module can make unwinding long (deep recursion under many regions), never endless
  let steps = POLL_INTERVAL;
  // a host function called by a tail call is called from outside this frame's try regions (its frame
  // returns with the call), though the frame is still there while it runs
  const op = cf.code[pc];
  let skip = op === Op.ReturnCallFunc || op === Op.ReturnCallIndirect;
  for (;;) {
    if (--steps < 0) steps = poll(store, state);
    const table = skip ? null : cf.handlers;
    skip = false;
    if (table !== null) {
      const regions = table.regions;
      const clauses = table.clauses;
      for (let k = table.regionAt(pc); k >= 0; k = regions[k * REGION_WORDS + 2]!) {
        const first = regions[k * REGION_WORDS + 3]!;
        const end = first + regions[k * REGION_WORDS + 4]!;
        for (let c = first; c < end; c++) {
          if (--steps < 0) steps = poll(store, state);
          const at = c * CLAUSE_WORDS;
          const tag = clauses[at]!;
          if (tag !== ANY_TAG && inst.tags[tag] !== exn.tag) continue;
          const i32 = state.stack.i32;
          if (tag !== ANY_TAG) writeValues(exn, store, i32, (fp2 + clauses[at + 2]!) | 0);
          const exnReg = clauses[at + 3]!;
          if (exnReg !== NO_REGISTER) {
            i32[(fp2 + exnReg) | 0] = store.refs.number(exn);
            i32[(fp2 + exnReg + 1) | 0] = 0;
          }
          state.contPc = clauses[at + 1]!;
          state.contFp2 = fp2;
          state.contFunc = cf;
          state.contInst = inst;
          state.contDepth = depth;
          return true;
        }
      }
    }
    if (depth === entryDepth) return false;
    // the caller, at its call (the return pc is just after it)
    depth--;
    pc = state.frames[2 * depth]! - 1;
    fp2 = state.frames[2 * depth + 1]!;
    cf = state.frameFuncs[depth]!;
    inst = state.frameInstances[depth]!;
  }
}

/** The exception's values into the registers from word `base` on (references get numbers again). */
function writeValues(exn: ExceptionEntity, store: PrunedStore, i32: Int32Array, base: number): void {
  const words = exn.words;
  for (let w = 0; w < words.length; w++) i32[base + w] = words[w]!;
  const refs = exn.refs;
  if (refs === null) return;
  const offsets = exn.tag.offsets;
  for (let i = 0; i < refs.length; i++) {
    if (!isRefType(exn.tag.type.params[i]!)) continue;
    i32[base + offsets[i]!] = store.refs.number(refs[i]);
    i32[base + offsets[i]! + 1] = 0;
  }
}
