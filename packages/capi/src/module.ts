import { CompileError, Module } from "@wasmi-ts/host";
import { typeFromEngine } from "./constants.js";
import { storeAt } from "./engine-store.js";
import { alloc, free, get, NULL } from "./handles.js";
import { allocExternType } from "./types.js";

// Modules.
export function wasm_module_new(store: number, binary: Uint8Array): number {
  const s = storeAt(store, "wasm_module_new");
  try {
    return alloc("module", new Module(s.engine, binary));
  } catch (e) {
    if (e instanceof CompileError) return NULL;
    throw e;
  }
}
export function wasm_module_validate(store: number, binary: Uint8Array): boolean {
  return Module.validate(storeAt(store, "wasm_module_validate").engine, binary);
}
export function wasm_module_delete(module: number): void {
  free(module, "module", "wasm_module_delete");
}

/** New importtype handles, in import order. */
export function wasm_module_imports(module: number): number[] {
  const m = get<Module>(module, "module", "wasm_module_imports");
  return m.imports().map((i) => alloc("importtype", (typeFromEngine(i.type.type, m.engine), i)));
}
/** New exporttype handles, in export order. */
export function wasm_module_exports(module: number): number[] {
  const m = get<Module>(module, "module", "wasm_module_exports");
  return m.exports().map((e) => alloc("exporttype", (typeFromEngine(e.type.type, m.engine), e)));
}

interface ImportLike { module: string; name: string; type: Parameters<typeof allocExternType>[0] }

export function wasm_importtype_module(type: number): string {
  return get<ImportLike>(type, "importtype", "wasm_importtype_module").module;
}
export function wasm_importtype_name(type: number): string {
  return get<ImportLike>(type, "importtype", "wasm_importtype_name").name;
}
/** A new externtype handle. */
export function wasm_importtype_type(type: number): number {
  return allocExternType(get<ImportLike>(type, "importtype", "wasm_importtype_type").type);
}
export function wasm_importtype_delete(type: number): void {
  free(type, "importtype", "wasm_importtype_delete");
}
export function wasm_exporttype_name(type: number): string {
  return get<ImportLike>(type, "exporttype", "wasm_exporttype_name").name;
}
export function wasm_exporttype_type(type: number): number {
  return allocExternType(get<ImportLike>(type, "exporttype", "wasm_exporttype_type").type);
}
export function wasm_exporttype_delete(type: number): void {
  free(type, "exporttype", "wasm_exporttype_delete");
}
