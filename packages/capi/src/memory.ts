import { Memory, type MemoryType } from "@wasmi-ts/host";
import { storeAt } from "./engine-store.js";
import { alloc, free, get } from "./handles.js";

// Memories.
export function wasm_memory_new(store: number, type: number): number {
  const s = storeAt(store, "wasm_memory_new");
  return alloc("memory", new Memory(s, get<MemoryType>(type, "memorytype", "wasm_memory_new")), store);
}
export function wasm_memory_delete(memory: number): void {
  free(memory, "memory", "wasm_memory_delete");
}
export function wasm_memory_type(memory: number): number {
  return alloc("memorytype", get<Memory>(memory, "memory", "wasm_memory_type").type);
}
/** The memory's bytes (a view that goes stale when the memory grows). */
export function wasm_memory_data(memory: number): Uint8Array {
  return get<Memory>(memory, "memory", "wasm_memory_data").data;
}
export function wasm_memory_data_size(memory: number): number {
  return get<Memory>(memory, "memory", "wasm_memory_data_size").buffer.byteLength;
}
/** Size in pages. */
export function wasm_memory_size(memory: number): number {
  return get<Memory>(memory, "memory", "wasm_memory_size").size;
}
export function wasm_memory_grow(memory: number, delta: number): boolean {
  const m = get<Memory>(memory, "memory", "wasm_memory_grow");
  try {
    m.grow(delta);
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}
