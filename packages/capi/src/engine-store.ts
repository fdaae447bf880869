import { Engine, Store, type Config } from "@wasmi-ts/host";
import { alloc, free, get } from "./handles.js";

// Engine and store.
export function wasm_engine_new(): number {
  return alloc("engine", new Engine());
}
/** Not in wasm.h: an engine with wasmi-ts settings (instead of wasm_config_t). */
export function wasm_engine_new_with_config(config: Partial<Config>): number {
  return alloc("engine", new Engine(config));
}
export function wasm_engine_delete(engine: number): void {
  free(engine, "engine", "wasm_engine_delete");
}

export function wasm_store_new(engine: number): number {
  const store = new Store<unknown>(get<Engine>(engine, "engine", "wasm_store_new"), null);
  const handle = alloc("store", store);
  return handle;
}
/** Deletes the store and every handle of an object living in it. */
export function wasm_store_delete(store: number): void {
  free(store, "store", "wasm_store_delete");
}

export function storeAt(store: number, what: string): Store<unknown> {
  return get<Store<unknown>>(store, "store", what);
}
