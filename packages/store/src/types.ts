// Value and entity types, as numbers so that hot code compares integers.
//
// A value type is a number:
// - numeric and vector types: their binary code (0x7f = i32, 0x7e i64, 0x7d f32, 0x7c f64, 0x7b v128);
// - a nullable reference to an abstract heap type: the binary shorthand code (0x70 funcref, 0x6f externref,
//   0x6e anyref, 0x6d eqref, 0x6c i31ref, 0x6b structref, 0x6a arrayref, 0x69 exnref, 0x73 nullfuncref,
//   0x72 nullexternref, 0x71 nullref, 0x74 nullexnref);
// - a non-null reference to an abstract heap type: that code | 0x100 (`(ref func)` = 0x170);
// - a reference to a concrete (defined) type: 0x200 + 2 * index, + 1 when non-null. In a decoded module
//   (before validation) the index is the module's type index; everywhere else (validated modules, the
//   store, the host API) it is the canonical type id of the engine's TypeRegistry, so equal types are
//   equal numbers across modules.
// A heap type (ref.null's immediate, `HeapType`) is the abstract code, or 0x200 + type index / id.
// 0 is never a value type (the validator's unknown operand type of unreachable code).

export const ValType = {
  I32: 0x7f,
  I64: 0x7e,
  F32: 0x7d,
  F64: 0x7c,
  V128: 0x7b,
  FuncRef: 0x70,
  ExternRef: 0x6f,
  AnyRef: 0x6e,
  EqRef: 0x6d,
  I31Ref: 0x6c,
  StructRef: 0x6b,
  ArrayRef: 0x6a,
  ExnRef: 0x69,
  NullFuncRef: 0x73,
  NullExternRef: 0x72,
  NullRef: 0x71,
  NullExnRef: 0x74,
} as const;
export type ValType = number;

/** Abstract heap types (their codes), and the base of concrete ones. */
export const HeapType = {
  Func: 0x70,
  Extern: 0x6f,
  Any: 0x6e,
  Eq: 0x6d,
  I31: 0x6c,
  Struct: 0x6b,
  Array: 0x6a,
  Exn: 0x69,
  NoFunc: 0x73,
  NoExtern: 0x72,
  None: 0x71,
  NoExn: 0x74,
} as const;
export type HeapType = number;

/** Flag of a non-null reference to an abstract heap type. */
export const REF_NON_NULL = 0x100;
/** Heap type (and reference type) numbers from here on are concrete. */
export const CONCRETE_BASE = 0x200;

/** Whether `code` is one of the 12 abstract heap type codes. */
export function isAbstractHeapType(code: number): boolean {
  return code >= 0x69 && code <= 0x74;
}

/** The reference type to heap type `heap` (abstract code or CONCRETE_BASE + index). */
export function refType(heap: HeapType, nullable: boolean): ValType {
  if (heap < CONCRETE_BASE) return nullable ? heap : heap | REF_NON_NULL;
  return CONCRETE_BASE + 2 * (heap - CONCRETE_BASE) + (nullable ? 0 : 1);
}

/** The concrete heap type of type index (or canonical id) `index`. */
export function concreteHeapType(index: number): HeapType {
  return CONCRETE_BASE + index;
}

/** The reference type to the concrete type `index`. */
export function concreteRefType(index: number, nullable: boolean): ValType {
  return CONCRETE_BASE + 2 * index + (nullable ? 0 : 1);
}

export function isRefType(t: ValType): boolean {
  return t >= REF_NON_NULL || isAbstractHeapType(t);
}

/** The heap type of reference type `t`. */
export function heapTypeOf(t: ValType): HeapType {
  return t < CONCRETE_BASE ? t & 0xff : CONCRETE_BASE + ((t - CONCRETE_BASE) >>> 1);
}

export function isNullable(t: ValType): boolean {
  return t < CONCRETE_BASE ? (t & REF_NON_NULL) === 0 : (t & 1) === 0;
}

/** The type index (or canonical id) of a concrete reference type or heap type, else -1. */
export function concreteIndexOf(t: ValType): number {
  return t >= CONCRETE_BASE ? (t - CONCRETE_BASE) >>> 1 : -1;
}

/** Whether a value of type `t` has a default (numbers, vectors, nullable references). */
export function isDefaultable(t: ValType): boolean {
  return !isRefType(t) || isNullable(t);
}

/** How many 8-byte value slots a value of this type takes (v128 takes two). */
export function slotCount(t: ValType): number {
  return t === ValType.V128 ? 2 : 1;
}

/** How many value slots values of these types take. */
export function slotsOf(types: readonly ValType[]): number {
  let n = 0;
  for (const t of types) n += slotCount(t);
  return n;
}

const HEAP_NAMES: Record<number, string> = {
  0x70: "func", 0x6f: "extern", 0x6e: "any", 0x6d: "eq", 0x6c: "i31", 0x6b: "struct", 0x6a: "array",
  0x69: "exn", 0x73: "nofunc", 0x72: "noextern", 0x71: "none", 0x74: "noexn",
};

export function heapTypeName(h: HeapType): string {
  return h >= CONCRETE_BASE ? String(h - CONCRETE_BASE) : (HEAP_NAMES[h] ?? `heap(0x${h.toString(16)})`);
}

export function valTypeName(t: ValType): string {
  switch (t) {
    case ValType.I32: return "i32";
    case ValType.I64: return "i64";
    case ValType.F32: return "f32";
    case ValType.F64: return "f64";
    case ValType.V128: return "v128";
    case ValType.FuncRef: return "funcref";
    case ValType.ExternRef: return "externref";
    case ValType.ExnRef: return "exnref";
    case ValType.NullExnRef: return "nullexnref";
  }
  if (isRefType(t)) return `(ref ${isNullable(t) ? "null " : ""}${heapTypeName(heapTypeOf(t))})`;
  return `type(0x${t.toString(16)})`;
}

/** Packed storage types of struct and array fields (their binary codes). */
export const PackedType = { I8: 0x78, I16: 0x77 } as const;

/** A struct field or array element: a value type or packed type, and whether it is mutable. */
export interface FieldType {
  readonly storage: number;
  readonly mutable: boolean;
}

export class StructType {
  readonly kind = "struct" as const;
  constructor(readonly fields: readonly FieldType[]) {}
}

export class ArrayType {
  readonly kind = "array" as const;
  constructor(readonly element: FieldType) {}
}

/** A composite type: what a type definition defines. */
export type CompositeType = FuncType | StructType | ArrayType;

/** A type definition: its composite type, whether it is final, and its declared supertype (or -1): a
 * type index in a decoded module, a canonical id in the registry. */
export interface SubType {
  readonly final: boolean;
  readonly supertype: number;
  readonly composite: CompositeType;
}

export class FuncType {
  readonly kind = "func" as const;
  /** Interned id: equal signatures have equal ids within one TypeRegistry (set by the registry). */
  id = -1;
  constructor(readonly params: readonly ValType[], readonly results: readonly ValType[]) {}

  get key(): string {
    return `${this.params.join(",")}->${this.results.join(",")}`;
  }

  toString(): string {
    return `[${this.params.map(valTypeName).join(" ")}] -> [${this.results.map(valTypeName).join(" ")}]`;
  }
}

export interface Limits {
  min: number;
  max: number | null;
}

export interface TableType {
  element: ValType;
  limits: Limits;
  /** table64 */
  is64?: boolean;
}

export interface MemoryType {
  /** In pages (of `pageSize` bytes). */
  limits: Limits;
  /** memory64 */
  is64?: boolean;
  shared?: boolean;
  /** Bytes per page (custom-page-sizes): 65536 when absent, or 1. */
  pageSize?: number;
}

export interface GlobalType {
  type: ValType;
  mutable: boolean;
}

/** An exception tag's type (exception handling): its parameters are the exception's values; no results. */
export interface TagType {
  type: FuncType;
}

export const ExternKind = {
  Func: 0,
  Table: 1,
  Memory: 2,
  Global: 3,
  Tag: 4,
} as const;
export type ExternKind = (typeof ExternKind)[keyof typeof ExternKind];

export function externKindName(k: ExternKind): string {
  return ["func", "table", "memory", "global", "tag"][k] ?? "unknown";
}
