// Subtyping of value types (WebAssembly 3.0), on canonical types (see types.ts): the abstract hierarchies
// any > eq > i31, struct, array > none; func > nofunc; extern > noextern; exn > noexn; a concrete type below
// its abstract kind (func, struct or array) and its declared supertypes, and above its kind's bottom.

import type { FieldType, SubType } from "./types.js";
import { CONCRETE_BASE, HeapType, heapTypeOf, isNullable, isRefType, type ValType } from "./types.js";
import type { TypeRegistry } from "./type-registry.js";

/** The top of the hierarchy an abstract heap type belongs to. */
function abstractTop(h: number): number {
  switch (h) {
    case HeapType.Func:
    case HeapType.NoFunc:
      return HeapType.Func;
    case HeapType.Extern:
    case HeapType.NoExtern:
      return HeapType.Extern;
    case HeapType.Exn:
    case HeapType.NoExn:
      return HeapType.Exn;
    default:
      return HeapType.Any;
  }
}

/** The abstract heap type of a concrete type's kind: func, struct or array. */
export function compositeHeapType(registry: TypeRegistry, id: number): number {
  const c = registry.def(id).composite;
  return c.kind === "func" ? HeapType.Func : c.kind === "struct" ? HeapType.Struct : HeapType.Array;
}

/** The top heap type (func, extern, any or exn) of the hierarchy `h` belongs to. */
export function topHeapType(registry: TypeRegistry, h: number): number {
  if (h >= CONCRETE_BASE) return abstractTop(compositeHeapType(registry, h - CONCRETE_BASE));
  return abstractTop(h);
}

/** The bottom heap type (nofunc, noextern, none or noexn) of the hierarchy `h` belongs to. */
export function bottomHeapType(registry: TypeRegistry, h: number): number {
  switch (topHeapType(registry, h)) {
    case HeapType.Func: return HeapType.NoFunc;
    case HeapType.Extern: return HeapType.NoExtern;
    case HeapType.Exn: return HeapType.NoExn;
    default: return HeapType.None;
  }
}

/** Whether heap type `a` matches (is a subtype of) heap type `b`. */
export function heapTypeMatches(registry: TypeRegistry, a: number, b: number): boolean {
  if (a === b) return true;
  if (a >= CONCRETE_BASE) {
    if (b >= CONCRETE_BASE) return registry.isSubtype(a - CONCRETE_BASE, b - CONCRETE_BASE);
    const kind = compositeHeapType(registry, a - CONCRETE_BASE);
    return kind === b || (kind !== HeapType.Func && (b === HeapType.Eq || b === HeapType.Any));
  }
  switch (a) {
    case HeapType.None:
      return b >= CONCRETE_BASE ? compositeHeapType(registry, b - CONCRETE_BASE) !== HeapType.Func : abstractTop(b) === HeapType.Any;
    case HeapType.NoFunc:
      return b >= CONCRETE_BASE ? compositeHeapType(registry, b - CONCRETE_BASE) === HeapType.Func : b === HeapType.Func;
    case HeapType.NoExtern:
      return b === HeapType.Extern;
    case HeapType.NoExn:
      return b === HeapType.Exn;
    case HeapType.I31:
    case HeapType.Struct:
    case HeapType.Array:
      return b === HeapType.Eq || b === HeapType.Any;
    case HeapType.Eq:
      return b === HeapType.Any;
    default:
      return false;
  }
}

/** Whether a value of type `a` may be used where type `b` is expected (the spec's matching). */
export function valTypeMatches(registry: TypeRegistry, a: ValType, b: ValType): boolean {
  if (a === b) return true;
  if (!isRefType(a) || !isRefType(b)) return false;
  if (isNullable(a) && !isNullable(b)) return false;
  return heapTypeMatches(registry, heapTypeOf(a), heapTypeOf(b));
}

function fieldMatches(registry: TypeRegistry, a: FieldType, b: FieldType): boolean {
  if (a.mutable !== b.mutable) return false;
  // a mutable field is invariant; an immutable one covariant
  return a.mutable ? a.storage === b.storage : valTypeMatches(registry, a.storage, b.storage);
}

/**
 * Whether composite type `a` matches `b` structurally (what a declared supertype requires): function
 * parameters contravariant and results covariant, struct fields a prefix-wise match, array elements.
 */
export function compositeMatches(registry: TypeRegistry, a: SubType["composite"], b: SubType["composite"]): boolean {
  if (a.kind === "func") {
    if (b.kind !== "func") return false;
    if (a.params.length !== b.params.length || a.results.length !== b.results.length) return false;
    for (let i = 0; i < a.params.length; i++) if (!valTypeMatches(registry, b.params[i]!, a.params[i]!)) return false;
    for (let i = 0; i < a.results.length; i++) if (!valTypeMatches(registry, a.results[i]!, b.results[i]!)) return false;
    return true;
  }
  if (a.kind === "struct") {
    if (b.kind !== "struct" || a.fields.length < b.fields.length) return false;
    for (let i = 0; i < b.fields.length; i++) if (!fieldMatches(registry, a.fields[i]!, b.fields[i]!)) return false;
    return true;
  }
  return b.kind === "array" && fieldMatches(registry, a.element, b.element);
}
