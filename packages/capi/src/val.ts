import { CONCRETE_BASE, Func, ValType, type Value } from "@wasmi-ts/host";
import {
  WASM_ANYREF, WASM_EXTERNREF, WASM_F32, WASM_F64, WASM_FUNCREF, WASM_I32, WASM_I64, WASM_V128,
  valKindOfType, type wasm_valkind_t,
} from "./constants.js";
import { alloc, get, NULL } from "./handles.js";

/**
 * A value crossing the C API. `of` holds: i32/f32/f64 a number, i64 a bigint, v128 a Uint8Array(16),
 * funcref a func handle (0 = null), externref any JS value (null = the null reference).
 */
export interface wasm_val_t {
  kind: wasm_valkind_t;
  of: unknown;
}

export function wasm_val_new(kind: wasm_valkind_t, of: unknown): wasm_val_t {
  return { kind, of };
}

/** The host value of `val`, which must be of `type`. */
export function hostValueOf(val: wasm_val_t, type: ValType, what: string): Value {
  // a concrete struct or array type has the kind of function types here (constants.ts): its values come
  // as WASM_ANYREF, the host API checks them
  const concreteGc = val?.kind === WASM_ANYREF && type >= CONCRETE_BASE;
  if (val === null || typeof val !== "object" || (val.kind !== valKindOfType(type) && !concreteGc)) {
    throw new TypeError(`${what}: expected a wasm_val_t of kind ${valKindOfType(type)}, got ${JSON.stringify(val?.kind)}`);
  }
  if (val.kind === WASM_FUNCREF && !concreteGc) {
    return val.of === NULL || val.of === null ? null : get<Func>(val.of as number, "func", what);
  }
  return val.of;
}

/** The wasm_val_t of a host value of `type`; funcrefs get a new func handle in store `store`. */
export function valOfHost(value: Value, type: ValType, store: number): wasm_val_t {
  const kind = valKindOfType(type);
  if (kind === WASM_FUNCREF) {
    // (a struct or array of a concrete type: an opaque WASM_ANYREF value, see hostValueOf)
    if (value !== null && !(value instanceof Func)) return { kind: WASM_ANYREF, of: value };
    return { kind, of: value === null ? NULL : alloc("func", value as Func, store) };
  }
  return { kind, of: value };
}

export { WASM_I32, WASM_I64, WASM_F32, WASM_F64, WASM_V128, WASM_EXTERNREF, WASM_FUNCREF };
