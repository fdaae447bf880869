import { Func, Global, Table, Tag, type Extern } from "@wasmi-ts/host";
import {
  WASM_EXTERN_FUNC, WASM_EXTERN_GLOBAL, WASM_EXTERN_MEMORY, WASM_EXTERN_TABLE, WASMI_EXTERN_TAG, typeFromEngine, type wasm_externkind_t,
} from "./constants.js";
import { alloc, free, get, kindOf, NULL, type HandleKind } from "./handles.js";
import { allocExternType } from "./types.js";

const EXTERN_KINDS: readonly HandleKind[] = ["func", "global", "table", "memory", "tag"];

// Externs: an extern handle is a func, global, table or memory handle (or a tag: exported by a module
// using exception handling, it can only be passed on as an import).
export function allocExtern(ext: Extern, store: number): number {
  const kind: HandleKind = ext instanceof Func ? "func" : ext instanceof Global ? "global" : ext instanceof Table ? "table"
    : ext instanceof Tag ? "tag" : "memory";
  return alloc(kind, ext, store);
}

export function externAt(handle: number, what: string): Extern {
  return get<Extern>(handle, EXTERN_KINDS, what);
}

const externKindOf: Record<string, wasm_externkind_t> = {
  func: WASM_EXTERN_FUNC, global: WASM_EXTERN_GLOBAL, table: WASM_EXTERN_TABLE, memory: WASM_EXTERN_MEMORY,
  tag: WASMI_EXTERN_TAG,
};

export function wasm_extern_kind(ext: number): wasm_externkind_t {
  externAt(ext, "wasm_extern_kind");
  return externKindOf[kindOf(ext, "wasm_extern_kind")]!;
}
/** A new externtype handle. */
export function wasm_extern_type(ext: number): number {
  const e = externAt(ext, "wasm_extern_type");
  if (e instanceof Func) return allocExternType({ kind: "func", type: typeFromEngine(e.type, e.store.engine) });
  if (e instanceof Global) return allocExternType({ kind: "global", type: typeFromEngine(e.type, e.store.engine) });
  if (e instanceof Table) return allocExternType({ kind: "table", type: typeFromEngine(e.type, e.store.engine) });
  if (e instanceof Tag) return allocExternType({ kind: "tag", type: e.type });
  return allocExternType({ kind: "memory", type: e.type });
}
export function wasm_extern_delete(ext: number): void {
  free(ext, EXTERN_KINDS, "wasm_extern_delete");
}
/** Deletes every handle of an extern vector. */
export function wasm_extern_vec_delete(externs: number[]): void {
  for (const e of externs) wasm_extern_delete(e);
}

function externAs(ext: number, kind: HandleKind): number {
  externAt(ext, `wasm_extern_as_${kind}`);
  return kindOf(ext, `wasm_extern_as_${kind}`) === kind ? ext : NULL;
}
export const wasm_extern_as_func = (ext: number): number => externAs(ext, "func");
export const wasm_extern_as_global = (ext: number): number => externAs(ext, "global");
export const wasm_extern_as_table = (ext: number): number => externAs(ext, "table");
export const wasm_extern_as_memory = (ext: number): number => externAs(ext, "memory");
export const wasm_func_as_extern = (h: number): number => (get(h, "func", "wasm_func_as_extern"), h);
export const wasm_global_as_extern = (h: number): number => (get(h, "global", "wasm_global_as_extern"), h);
export const wasm_table_as_extern = (h: number): number => (get(h, "table", "wasm_table_as_extern"), h);
export const wasm_memory_as_extern = (h: number): number => (get(h, "memory", "wasm_memory_as_extern"), h);
