import { CONCRETE_BASE, type Engine, HeapType, ValType, heapTypeOf, isRefType } from "@wasmi-ts/host";

// The enumerations of wasm.h.

export const WASM_I32 = 0;
export const WASM_I64 = 1;
export const WASM_F32 = 2;
export const WASM_F64 = 3;
export const WASM_V128 = 4;
/** wasm.h's older name for externref. */
export const WASM_ANYREF = 128;
export const WASM_EXTERNREF = 128;
export const WASM_FUNCREF = 129;
export type wasm_valkind_t = number;

export const WASM_EXTERN_FUNC = 0;
export const WASM_EXTERN_GLOBAL = 1;
export const WASM_EXTERN_TABLE = 2;
export const WASM_EXTERN_MEMORY = 3;
/** Not in wasm.h: an exception tag (exception handling), its binary extern kind. */
export const WASMI_EXTERN_TAG = 4;
export type wasm_externkind_t = number;

export const WASM_CONST = 0;
export const WASM_VAR = 1;
export type wasm_mutability_t = number;

/** `max` of limits without a maximum. */
export const wasm_limits_max_default = 0xffff_ffff;

const toValType: Record<number, ValType> = {
  [WASM_I32]: ValType.I32, [WASM_I64]: ValType.I64, [WASM_F32]: ValType.F32, [WASM_F64]: ValType.F64,
  [WASM_V128]: ValType.V128, [WASM_EXTERNREF]: ValType.ExternRef, [WASM_FUNCREF]: ValType.FuncRef,
};
const toValKind = new Map<ValType, wasm_valkind_t>(Object.entries(toValType).map(([k, t]) => [t, Number(k)]));

export function valTypeOfKind(kind: wasm_valkind_t): ValType {
  const t = toValType[kind];
  if (t === undefined) throw new TypeError(`unknown wasm_valkind_t ${kind}`);
  return t;
}

/** The engine whose types a type object's concrete reference types name (see valKindOfType). */
const enginesOfTypes = new WeakMap<object, Engine>();

/** Records that `typeObject` (a function, global, table or tag type) comes from `engine`. */
export function typeFromEngine<T extends object>(typeObject: T, engine: Engine): T {
  enginesOfTypes.set(typeObject, engine);
  return typeObject;
}

/**
 * The wasm_valkind_t of a value type of `typeObject`. wasm.h knows two reference kinds: the typed
 * references of Wasm 3.0 take the kind of their hierarchy, WASM_FUNCREF for function references
 * (`(ref null? func)`, nofunc, concrete function types), WASM_EXTERNREF for extern references, and
 * WASM_ANYREF (the same number, an opaque value in `of`) for GC's (any, eq, i31, struct, array, none,
 * and concrete struct and array types: told from function types by the engine's type registry); exn has none.
 */
export function valKindOfType(type: ValType, typeObject?: object): wasm_valkind_t {
  let k = toValKind.get(type);
  if (k === undefined && isRefType(type)) {
    const h = heapTypeOf(type);
    if (h >= CONCRETE_BASE) k = concreteKind(h - CONCRETE_BASE, typeObject);
    else if (h === HeapType.Func || h === HeapType.NoFunc) k = WASM_FUNCREF;
    else if (h === HeapType.Extern || h === HeapType.NoExtern) k = WASM_EXTERNREF;
    else if (h !== HeapType.Exn && h !== HeapType.NoExn) k = WASM_ANYREF;
  }
  if (k === undefined) throw new TypeError(`value type 0x${type.toString(16)} has no wasm_valkind_t`);
  return k;
}

function concreteKind(id: number, typeObject: object | undefined): wasm_valkind_t {
  const engine = typeObject && enginesOfTypes.get(typeObject);
  // (a type built through the C API names no concrete type: it has none)
  if (engine === undefined) return WASM_FUNCREF;
  return engine.registry.def(id).composite.kind === "func" ? WASM_FUNCREF : WASM_ANYREF;
}
