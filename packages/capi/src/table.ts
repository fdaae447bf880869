import { Table, ValType, type Func, type TableType } from "@wasmi-ts/host";
import { typeFromEngine } from "./constants.js";
import { storeAt } from "./engine-store.js";
import { alloc, free, get, NULL, storeOf } from "./handles.js";

// Tables (references as func handles for funcref tables, JS values for externref tables).
export function wasm_table_new(store: number, type: number, init: unknown = null): number {
  const s = storeAt(store, "wasm_table_new");
  const tt = get<TableType>(type, "tabletype", "wasm_table_new");
  return alloc("table", new Table(s, tt, refIn(tt, init, "wasm_table_new")), store);
}
export function wasm_table_delete(table: number): void {
  free(table, "table", "wasm_table_delete");
}
export function wasm_table_type(table: number): number {
  const t = get<Table>(table, "table", "wasm_table_type");
  return alloc("tabletype", typeFromEngine(t.type, t.store.engine));
}
export function wasm_table_size(table: number): number {
  return get<Table>(table, "table", "wasm_table_size").size;
}
/** The element at `index`: a new func handle (or NULL) for funcref tables; the JS value for externref. */
export function wasm_table_get(table: number, index: number): unknown {
  const t = get<Table>(table, "table", "wasm_table_get");
  if (index < 0 || index >= t.size) return t.type.element === ValType.FuncRef ? NULL : null;
  const v = t.get(index);
  if (t.type.element !== ValType.FuncRef) return v;
  return v === null ? NULL : alloc("func", v, storeOf(table, "wasm_table_get"));
}
export function wasm_table_set(table: number, index: number, ref: unknown): boolean {
  const t = get<Table>(table, "table", "wasm_table_set");
  const v = refIn(t.type, ref, "wasm_table_set");
  if (index < 0 || index >= t.size) return false;
  t.set(index, v);
  return true;
}
export function wasm_table_grow(table: number, delta: number, init: unknown = null): boolean {
  const t = get<Table>(table, "table", "wasm_table_grow");
  try {
    t.grow(delta, refIn(t.type, init, "wasm_table_grow"));
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
}

function refIn(type: TableType, ref: unknown, what: string): unknown {
  if (type.element !== ValType.FuncRef) return ref;
  return ref === NULL || ref === null ? null : get<Func>(ref as number, "func", what);
}
