// @wasmi-ts/capi: the core of the WebAssembly C API (wasm.h) over @wasmi-ts/host. Objects are opaque
// numeric handles from one table; `*_delete` frees a handle; a deleted or wrong-kind handle throws CapiError.
export { CapiError, NULL, liveHandles } from "./handles.js";
export * from "./constants.js";
export { wasm_val_new, type wasm_val_t } from "./val.js";
export * from "./types.js";
export * from "./engine-store.js";
export * from "./module.js";
export * from "./trap.js";
export * from "./frame.js";
export * from "./instance.js";
export {
  wasm_extern_kind, wasm_extern_type, wasm_extern_delete, wasm_extern_vec_delete,
  wasm_extern_as_func, wasm_extern_as_global, wasm_extern_as_table, wasm_extern_as_memory,
  wasm_func_as_extern, wasm_global_as_extern, wasm_table_as_extern, wasm_memory_as_extern,
} from "./extern.js";
export * from "./func.js";
export * from "./global.js";
export * from "./table.js";
export * from "./memory.js";
export * from "./resumable.js";
