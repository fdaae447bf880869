import { Global, type GlobalType } from "@wasmi-ts/host";
import { typeFromEngine } from "./constants.js";
import { storeAt } from "./engine-store.js";
import { alloc, free, get, storeOf } from "./handles.js";
import { hostValueOf, valOfHost, type wasm_val_t } from "./val.js";

// Globals.
export function wasm_global_new(store: number, type: number, value: wasm_val_t): number {
  const s = storeAt(store, "wasm_global_new");
  const gt = get<GlobalType>(type, "globaltype", "wasm_global_new");
  return alloc("global", new Global(s, gt, hostValueOf(value, gt.type, "wasm_global_new")), store);
}
export function wasm_global_delete(global: number): void {
  free(global, "global", "wasm_global_delete");
}
export function wasm_global_type(global: number): number {
  const g = get<Global>(global, "global", "wasm_global_type");
  return alloc("globaltype", typeFromEngine(g.type, g.store.engine));
}
export function wasm_global_get(global: number): wasm_val_t {
  const g = get<Global>(global, "global", "wasm_global_get");
  return valOfHost(g.value, g.type.type, storeOf(global, "wasm_global_get"));
}
export function wasm_global_set(global: number, value: wasm_val_t): void {
  const g = get<Global>(global, "global", "wasm_global_set");
  g.value = hostValueOf(value, g.type.type, "wasm_global_set");
}
