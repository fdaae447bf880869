// Value and entity types, as numbers so that hot code compares integers.
// A value type is its binary-format code (0x7f = i32, ...). Later proposals (typed references, GC)
// extend this encoding; code that only needs "is it a reference" uses `isRefType`.

export const ValType = {
  I32: 0x7f,
  I64: 0x7e,
  F32: 0x7d,
  F64: 0x7c,
  V128: 0x7b,
  FuncRef: 0x70,
  ExternRef: 0x6f,
  /** exception handling: a caught exception (nullable). */
  ExnRef: 0x69,
  /** The bottom of the exn hierarchy: only null (nullexnref <: exnref). */
  NullExnRef: 0x74,
} as const;
export type ValType = number;

export function isRefType(t: ValType): boolean {
  return t === ValType.FuncRef || t === ValType.ExternRef || t === ValType.ExnRef || t === ValType.NullExnRef
    || t < 0x60 || t >= 0x100;
}

/** How many 8-byte value slots a value of this type takes (v128 takes two). */
export function slotCount(t: ValType): number {
  return t === ValType.V128 ? 2 : 1;
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
    default: return `type(0x${t.toString(16)})`;
  }
}

export class FuncType {
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
