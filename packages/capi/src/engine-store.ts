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

// Not in wasm.h: controlling the guest (see @wasmi-ts/host's README), as wasmtime's C API has them.

/** Sets the store's fuel (the engine needs `consumeFuel: true`); a non-negative integer. */
export function wasmi_store_set_fuel(store: number, fuel: bigint | number): void {
  storeAt(store, "wasmi_store_set_fuel").setFuel(fuel);
}
/** The store's fuel left (the engine needs `consumeFuel: true`). */
export function wasmi_store_get_fuel(store: number): bigint {
  return storeAt(store, "wasmi_store_get_fuel").getFuel();
}
/** Makes Wasm running in the store trap ("deadline exceeded") `ms` milliseconds from now; null removes it. */
export function wasmi_store_set_deadline(store: number, ms: number | null): void {
  storeAt(store, "wasmi_store_set_deadline").setDeadline(ms);
}
/** Makes every call running in the engine's stores trap ("interrupted"), e.g. from a callback. */
export function wasmi_engine_interrupt(engine: number): void {
  get<Engine>(engine, "engine", "wasmi_engine_interrupt").interruptHandle().interrupt();
}
