import {
  FuncKind, Trap, TrapCode, setWasmBacktrace, slotsOf, wasmBacktraceOf, type FuncEntity, type PrunedStore,
  type ValueSlots,
} from "@wasmi-ts/store";
import { translateFunction } from "../translate/index.js";
import { noteUnwound } from "./backtrace.js";
import { runInterpreterLoop } from "./loop.js";
import { startPolling } from "./poll.js";
import { warmUpInterpreter } from "./warm-up.js";
import { execState } from "./state.js";

export { slotsOf };

/** A JS engine stack overflow (nested host <-> Wasm calls) is reported as the Wasm one. */
export function asWasmError(e: unknown): unknown {
  if (!(e instanceof RangeError && /call stack/i.test(e.message))) return e;
  const trap = new Trap(TrapCode.StackOverflow, undefined, { cause: e });
  setWasmBacktrace(trap, wasmBacktraceOf(e));
  return trap;
}

/**
 * Calls `func` (Wasm or host): parameters in slots 0.. of `slots`, results written to slots 0...
 * Throws `Trap` on traps; host exceptions propagate unchanged. Either carries the Wasm frames it unwound
 * (`wasmBacktraceOf`). May be called again from inside a host function (nested execution continues on
 * the same stacks, above the caller's frames).
 */
export function execute(store: PrunedStore, func: FuncEntity, slots: ValueSlots): void {
  const state = execState(store);
  const savedDepth = state.depth;
  const savedSp = state.sp;
  const base = savedSp;
  const params = slotsOf(func.type.params);
  const results = slotsOf(func.type.results);
  const stack = state.stack;
  const top = base + Math.max(params, results);
  if (top > store.limits.maxValueSlots) throw new Trap(TrapCode.StackOverflow);
  stack.ensure(top);
  // copy the arguments in (views read after ensure: it may replace them)
  const from = slots.i32;
  let to = stack.i32;
  for (let w = 0; w < 2 * params; w++) to[2 * base + w] = from[w]!;
  // an error that left an earlier execution is not this one's (a host function may throw it again)
  state.unwound = undefined;
  if (savedDepth === 0) {
    warmUpInterpreter(translateFunction, func);
    startPolling(store, state);
  }
  store.running++;
  // a synchronous execution cannot suspend: host functions it calls must complete (execution.ts)
  const couldSuspend = store.canSuspend;
  store.canSuspend = false;
  try {
    if (func.kind === FuncKind.Host) {
      state.sp = top;
      func.host!(store, null, stack, base);
    } else {
      runInterpreterLoop(store, state, func, base, translateFunction);
    }
  } catch (e) {
    const error = asWasmError(e);
    noteUnwound(state, error, savedDepth);
    throw error;
  } finally {
    store.canSuspend = couldSuspend;
    store.running--;
    state.depth = savedDepth;
    state.sp = savedSp;
    if (store.running === 0) state.release();
  }
  slots.ensure(results);
  to = slots.i32;
  const src = stack.i32;
  for (let w = 0; w < 2 * results; w++) to[w] = src[2 * base + w]!;
}
