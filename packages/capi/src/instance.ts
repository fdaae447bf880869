import { Instance, type Module } from "@wasmi-ts/host";
import { storeAt } from "./engine-store.js";
import { allocExtern, externAt } from "./extern.js";
import { alloc, free, get, NULL, storeOf } from "./handles.js";
import { trapHandle, wasm_trap_delete } from "./trap.js";

// Instances.
/**
 * Instantiates with `imports` (extern handles, in import order). Returns NULL on failure and then, if
 * `trap` is given, sets `trap.value` to a trap handle (traps during initialisation and link errors).
 */
export function wasm_instance_new(store: number, module: number, imports: number[], trap?: { value: number }): number {
  const s = storeAt(store, "wasm_instance_new");
  const m = get<Module>(module, "module", "wasm_instance_new");
  const externs = imports.map((h, i) => externAt(h, `wasm_instance_new import ${i}`));
  try {
    return alloc("instance", new Instance(s, m, externs), store);
  } catch (e) {
    const t = trapHandle(e, store);
    if (trap !== undefined) trap.value = t;
    else wasm_trap_delete(t);
    return NULL;
  }
}
export function wasm_instance_delete(instance: number): void {
  free(instance, "instance", "wasm_instance_delete");
}
/** New extern handles for the instance's exports, in export order. */
export function wasm_instance_exports(instance: number): number[] {
  const inst = get<Instance>(instance, "instance", "wasm_instance_exports");
  const store = storeOf(instance, "wasm_instance_exports");
  return Object.values(inst.exports).map((ext) => allocExtern(ext, store));
}
