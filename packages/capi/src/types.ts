import { FuncType, type GlobalType, type MemoryType, type TableType, type ExternType } from "@wasmi-ts/host";
import {
  WASM_CONST, WASM_EXTERN_FUNC, WASM_EXTERN_GLOBAL, WASM_EXTERN_MEMORY, WASM_EXTERN_TABLE, WASM_VAR, WASMI_EXTERN_TAG,
  valKindOfType, valTypeOfKind, wasm_limits_max_default,
  type wasm_externkind_t, type wasm_mutability_t, type wasm_valkind_t,
} from "./constants.js";
import { alloc, CapiError, free, get, kindOf, NULL, type HandleKind } from "./handles.js";

// Type objects. Value types are plain wasm_valkind_t numbers (no wasm_valtype_t handles); an externtype
// handle is simply a functype, globaltype, tabletype or memorytype handle.

export interface wasm_limits_t {
  min: number;
  /** `wasm_limits_max_default` for no maximum. */
  max: number;
}

const EXTERN_TYPE_KINDS: readonly HandleKind[] = ["functype", "globaltype", "tabletype", "memorytype", "tagtype"];

function limitsIn(l: wasm_limits_t): { min: number; max: number | null } {
  return { min: l.min, max: l.max === wasm_limits_max_default ? null : l.max };
}

function limitsOut(l: { min: number; max: number | null }): wasm_limits_t {
  return { min: l.min, max: l.max ?? wasm_limits_max_default };
}

export function wasm_functype_new(params: wasm_valkind_t[], results: wasm_valkind_t[]): number {
  return alloc("functype", new FuncType(params.map(valTypeOfKind), results.map(valTypeOfKind)));
}
export function wasm_functype_params(type: number): wasm_valkind_t[] {
  const ft = get<FuncType>(type, "functype", "wasm_functype_params");
  return ft.params.map((t) => valKindOfType(t, ft));
}
export function wasm_functype_results(type: number): wasm_valkind_t[] {
  const ft = get<FuncType>(type, "functype", "wasm_functype_results");
  return ft.results.map((t) => valKindOfType(t, ft));
}
export function wasm_functype_delete(type: number): void {
  free(type, "functype", "wasm_functype_delete");
}

export function wasm_globaltype_new(content: wasm_valkind_t, mutability: wasm_mutability_t): number {
  return alloc("globaltype", { type: valTypeOfKind(content), mutable: mutability === WASM_VAR } satisfies GlobalType);
}
export function wasm_globaltype_content(type: number): wasm_valkind_t {
  const gt = get<GlobalType>(type, "globaltype", "wasm_globaltype_content");
  return valKindOfType(gt.type, gt);
}
export function wasm_globaltype_mutability(type: number): wasm_mutability_t {
  return get<GlobalType>(type, "globaltype", "wasm_globaltype_mutability").mutable ? WASM_VAR : WASM_CONST;
}
export function wasm_globaltype_delete(type: number): void {
  free(type, "globaltype", "wasm_globaltype_delete");
}

export function wasm_tabletype_new(element: wasm_valkind_t, limits: wasm_limits_t): number {
  return alloc("tabletype", { element: valTypeOfKind(element), limits: limitsIn(limits) } satisfies TableType);
}
export function wasm_tabletype_element(type: number): wasm_valkind_t {
  const tt = get<TableType>(type, "tabletype", "wasm_tabletype_element");
  return valKindOfType(tt.element, tt);
}
export function wasm_tabletype_limits(type: number): wasm_limits_t {
  return limitsOut(get<TableType>(type, "tabletype", "wasm_tabletype_limits").limits);
}
export function wasm_tabletype_delete(type: number): void {
  free(type, "tabletype", "wasm_tabletype_delete");
}

export function wasm_memorytype_new(limits: wasm_limits_t): number {
  return alloc("memorytype", { limits: limitsIn(limits) } satisfies MemoryType);
}
export function wasm_memorytype_limits(type: number): wasm_limits_t {
  return limitsOut(get<MemoryType>(type, "memorytype", "wasm_memorytype_limits").limits);
}
/** Extension (as wasmtime's `wasmtime_memorytype_new` takes it): a memory type with pages of
 * 2^`pageSizeLog2` bytes, 16 (64 KiB) or 0 (1 byte: custom-page-sizes). */
export function wasmi_memorytype_new_with_page_size_log2(limits: wasm_limits_t, pageSizeLog2: number): number {
  if (pageSizeLog2 !== 0 && pageSizeLog2 !== 16) {
    throw new CapiError(`wasmi_memorytype_new_with_page_size_log2: the log2 of a page size is 0 or 16, got ${String(pageSizeLog2)}`);
  }
  const type: MemoryType = { limits: limitsIn(limits) };
  if (pageSizeLog2 === 0) type.pageSize = 1;
  return alloc("memorytype", type);
}
/** Extension (wasmtime's `wasmtime_memorytype_page_size_log2`): 16 for 64 KiB pages, 0 for 1-byte pages. */
export function wasmi_memorytype_page_size_log2(type: number): number {
  return Math.log2(get<MemoryType>(type, "memorytype", "wasmi_memorytype_page_size_log2").pageSize ?? 65536);
}
export function wasm_memorytype_delete(type: number): void {
  free(type, "memorytype", "wasm_memorytype_delete");
}

/** A new externtype handle for a host `ExternType`. */
export function allocExternType(type: ExternType): number {
  return alloc(`${type.kind}type` as HandleKind, type.type);
}

const externKindOfHandle: Record<string, wasm_externkind_t> = {
  functype: WASM_EXTERN_FUNC, globaltype: WASM_EXTERN_GLOBAL, tabletype: WASM_EXTERN_TABLE, memorytype: WASM_EXTERN_MEMORY,
  tagtype: WASMI_EXTERN_TAG,
};

export function wasm_externtype_kind(type: number): wasm_externkind_t {
  get(type, EXTERN_TYPE_KINDS, "wasm_externtype_kind");
  return externKindOfHandle[kindOf(type, "wasm_externtype_kind")]!;
}
function externTypeAs(type: number, kind: HandleKind): number {
  return kindOf(type, `wasm_externtype_as_${kind}`) === kind ? type : NULL;
}
export const wasm_externtype_as_functype = (t: number): number => externTypeAs(t, "functype");
export const wasm_externtype_as_globaltype = (t: number): number => externTypeAs(t, "globaltype");
export const wasm_externtype_as_tabletype = (t: number): number => externTypeAs(t, "tabletype");
export const wasm_externtype_as_memorytype = (t: number): number => externTypeAs(t, "memorytype");
export const wasm_functype_as_externtype = (t: number): number => (get(t, "functype", "wasm_functype_as_externtype"), t);
export const wasm_globaltype_as_externtype = (t: number): number => (get(t, "globaltype", "wasm_globaltype_as_externtype"), t);
export const wasm_tabletype_as_externtype = (t: number): number => (get(t, "tabletype", "wasm_tabletype_as_externtype"), t);
export const wasm_memorytype_as_externtype = (t: number): number => (get(t, "memorytype", "wasm_memorytype_as_externtype"), t);
export function wasm_externtype_delete(type: number): void {
  free(type, EXTERN_TYPE_KINDS, "wasm_externtype_delete");
}
