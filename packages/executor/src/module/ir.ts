// The decoded form of a module: what `decode/` produces, `validate/` checks, `translate/` compiles and
// `instantiate/` links. Indices are into the module's own index spaces (imports come first in each).

import type { CompositeType, GlobalType, MemoryType, SubType, TableType, ValType } from "@wasmi-ts/store";

export type ImportDesc =
  | { kind: "func"; typeIndex: number }
  | { kind: "table"; type: TableType }
  | { kind: "memory"; type: MemoryType }
  | { kind: "global"; type: GlobalType }
  /** exception handling: a tag of function type `typeIndex` (no results) */
  | { kind: "tag"; typeIndex: number };

export interface Import {
  module: string;
  name: string;
  desc: ImportDesc;
}

export type ExportKind = "func" | "table" | "memory" | "global" | "tag";

export interface Export {
  name: string;
  kind: ExportKind;
  index: number;
}

/**
 * One instruction of a constant expression. `op` is the opcode (0xfd-prefixed SIMD: 0xfd00 | sub-op).
 * i32.const: a. i64.const: a = low 32 bits, b = high 32 bits. f32.const: a = bits. f64.const: a = low
 * bits, b = high bits. v128.const: v = 16 bytes. global.get / ref.func: a = index. ref.null: a = type.
 * i32/i64 add, sub, mul (extended-const): no immediates.
 */
export interface ConstInstr {
  op: number;
  a: number;
  b: number;
  v?: Uint8Array;
}
export type ConstExpr = ConstInstr[];

export interface Global {
  type: GlobalType;
  init: ConstExpr;
}

export type SegmentMode = "active" | "passive" | "declarative";

export interface ElemSegment {
  mode: SegmentMode;
  /** Reference type of the elements. */
  type: ValType;
  /** Active segments: the table and offset. */
  table: number;
  offset: ConstExpr | null;
  /** Each element is a constant expression (ref.func i, ref.null t, global.get i, ...); empty when `funcs` is set. */
  init: ConstExpr[];
  /**
   * A segment written as function indices (no expressions): element i is `ref.func funcs[i]`. A module
   * may list thousands of functions for its table: one typed array, not an expression object each.
   */
  funcs?: Uint32Array;
}


export interface DataSegment {
  mode: "active" | "passive";
  memory: number;
  offset: ConstExpr | null;
  bytes: Uint8Array;
}

export interface FuncBody {
  /** Where the body starts in `Module.bytes`, after its size: at its locals declarations (wasm-c-api's
   * function offsets count from here). */
  bodyStart: number;
  /** Types of the declared locals, expanded (one entry per local, parameters not included). */
  locals: ValType[];
  /** The instructions: [start, end) into `Module.bytes`, up to and including the final `end` opcode. */
  start: number;
  end: number;
}

export interface CustomSection {
  name: string;
  bytes: Uint8Array;
}

export interface ModuleIR {
  /** The whole binary: function bodies point into it. */
  bytes: Uint8Array;
  /**
   * The composite type of each type index (`subtypes[i].composite`). Decoded, they refer to other types by
   * type index; validation replaces them with the canonical ones of the engine's TypeRegistry (which refer
   * by canonical id, see store/src/types.ts), and every value type of the module likewise.
   */
  types: CompositeType[];
  /** Each type definition (final, supertype, composite), by type index. */
  subtypes: SubType[];
  /** Sizes of the recursion groups, in order (a type defined alone is a group of one). */
  recGroupSizes: number[];
  /** Canonical id of each type index, set by validation. */
  typeIds: Int32Array | null;
  imports: Import[];
  /** Type index of every function, imported ones first. */
  funcs: number[];
  tables: TableType[];
  /** Per defined table: its initialiser expression (3.0's form 0x40 0x00), or null (null references). */
  tableInits: (ConstExpr | null)[];
  memories: MemoryType[];
  /** Defined globals only (imported globals are in `imports`); see `globalTypes` for the index space. */
  globals: Global[];
  /** Type index of every tag (exception handling), imported ones first. */
  tags: number[];
  numImportedTags: number;
  /** Type of every global in the index space, imported ones first. */
  globalTypes: GlobalType[];
  exports: Export[];
  start: number | null;
  elems: ElemSegment[];
  datas: DataSegment[];
  dataCount: number | null;
  /** Bodies of the defined functions: body i belongs to function `numImportedFuncs + i`. */
  codes: FuncBody[];
  /** Whether some body declares a local of a concrete reference type (whose type index validation
   * rewrites to a canonical id: without one, it need not look at every body's locals). */
  concreteLocals: boolean;
  numImportedFuncs: number;
  numImportedTables: number;
  numImportedMemories: number;
  numImportedGlobals: number;
  customs: CustomSection[];
  /** From the "name" custom section, when present and well-formed. */
  funcNames: Map<number, string>;
  moduleName: string | null;
}
