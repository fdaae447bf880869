import { LinkError, Trap, TrapCode } from "@wasmi-ts/host";
import { storeAt } from "./engine-store.js";
import { alloc, free, get } from "./handles.js";

// Traps.
export function wasm_trap_new(store: number, message: string): number {
  storeAt(store, "wasm_trap_new");
  return alloc("trap", new Trap(TrapCode.HostError, message), store);
}
export function wasm_trap_message(trap: number): string {
  return get<Error>(trap, "trap", "wasm_trap_message").message;
}
export function wasm_trap_delete(trap: number): void {
  free(trap, "trap", "wasm_trap_delete");
}

/** Turns a trap or link failure into a trap handle; other exceptions are bugs of the caller: rethrown. */
export function trapHandle(error: unknown, store: number): number {
  if (error instanceof Trap || error instanceof LinkError) return alloc("trap", error, store);
  throw error;
}
