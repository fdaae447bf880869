import { Exception, HostSuspend, LinkError, Trap, TrapCode, wasmBacktraceOf, type WasmFrame } from "@wasmi-ts/host";
import { storeAt } from "./engine-store.js";
import { alloc, free, get, NULL, storeOf } from "./handles.js";

// Traps.
export function wasm_trap_new(store: number, message: string): number {
  storeAt(store, "wasm_trap_new");
  return alloc("trap", new Trap(TrapCode.HostError, message), store);
}
/** The message, without the backtrace (see wasm_trap_trace). */
export function wasm_trap_message(trap: number): string {
  const error = get<Error>(trap, "trap", "wasm_trap_message");
  return error instanceof Trap ? error.reason : error.message;
}
/** A new frame handle for the innermost Wasm frame, or NULL when the trap was raised outside Wasm code. */
export function wasm_trap_origin(trap: number): number {
  const frames = framesOf(trap, "wasm_trap_origin");
  return frames.length > 0 ? alloc("frame", frames[0], storeOf(trap, "wasm_trap_origin")) : NULL;
}
/** New frame handles for the Wasm frames the trap unwound, innermost first. */
export function wasm_trap_trace(trap: number): number[] {
  const store = storeOf(trap, "wasm_trap_trace");
  return framesOf(trap, "wasm_trap_trace").map((f) => alloc("frame", f, store));
}
export function wasm_trap_delete(trap: number): void {
  free(trap, "trap", "wasm_trap_delete");
}

/** The frames a trap unwound; for an uncaught exception's, those the exception unwound. */
function framesOf(trap: number, what: string): readonly WasmFrame[] {
  const error = get<Error>(trap, "trap", what);
  return error.cause instanceof Exception ? error.cause.frames : wasmBacktraceOf(error);
}

/** Turns a trap, a link failure or a host-suspend trap (outside a resumable call) into a trap handle, and
 * so a Wasm exception that no handler caught (wasm.h has no exceptions: a trap "uncaught exception", the
 * `Exception` as its cause); other exceptions are bugs of the caller: rethrown. */
export function trapHandle(error: unknown, store: number): number {
  if (error instanceof Trap || error instanceof LinkError || error instanceof HostSuspend) return alloc("trap", error, store);
  if (error instanceof Exception) return alloc("trap", new Trap(TrapCode.UncaughtException, undefined, { cause: error }), store);
  throw error;
}
