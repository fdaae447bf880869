/**
 * Proposals beyond WebAssembly 2.0 that the decoder and validator accept. 2.0 itself (multi-value,
 * reference types, bulk memory, sign extension, non-trapping conversions, fixed-width SIMD) is always on.
 * Some proposals change how 2.0 binaries are read (multi-memory turns the "zero byte" of memory.size
 * into a memory index), so a runner of the 2.0 suite should pass `WASM2_FEATURES`.
 */
export interface WasmFeatures {
  /** Reference types (2.0): externref, several tables, table.get/set/size/grow/fill, ref.null/is_null/func,
   * typed select and a table index on call_indirect. Off, the pre-2.0 rules hold: at most one table and a
   * zero byte after call_indirect's type. The later reference proposals need it. */
  referenceTypes: boolean;
  tailCall: boolean;
  extendedConst: boolean;
  multiMemory: boolean;
  memory64: boolean;
  /** i64.add128, i64.sub128, i64.mul_wide_s/u (0xfc 19..22). */
  wideArithmetic: boolean;
  /** Memories with 1-byte pages (limits flag 0x08, then the log2 of the page size). */
  customPageSizes: boolean;
  /** Relaxed SIMD (0xfd 0x100..0x113). */
  relaxedSimd: boolean;
  /** Threads: shared memories (limits flag 0x02) and the atomic instructions (0xfe prefix). */
  threads: boolean;
  /** Constant expressions may read any immutable global defined before them, not only imported ones
   * (WebAssembly 3.0). */
  constGlobals: boolean;
  /** Typed function references and the type system of GC (WebAssembly 3.0): `(ref null? ht)`, recursion
   * groups, subtypes, struct and array types, call_ref, br_on_null, ..., tables with initialisers. */
  typedReferences: boolean;
  /** Exception handling: tags, exnref, throw, throw_ref, try_table, and the legacy try/catch/delegate/rethrow. */
  exceptions: boolean;
  /** Garbage collection (WebAssembly 3.0): ref.eq, the 0xfb instructions (structs, arrays, i31, casts). */
  gc: boolean;
}

export const DEFAULT_FEATURES: Readonly<WasmFeatures> = Object.freeze({
  referenceTypes: true,
  tailCall: true,
  extendedConst: true,
  multiMemory: true,
  memory64: true,
  wideArithmetic: true,
  customPageSizes: true,
  relaxedSimd: true,
  threads: true,
  constGlobals: true,
  typedReferences: true,
  exceptions: true,
  gc: true,
});

/** Exactly WebAssembly 2.0. */
export const WASM2_FEATURES: Readonly<WasmFeatures> = Object.freeze({
  referenceTypes: true,
  tailCall: false,
  extendedConst: false,
  multiMemory: false,
  memory64: false,
  wideArithmetic: false,
  customPageSizes: false,
  relaxedSimd: false,
  threads: false,
  constGlobals: false,
  typedReferences: false,
  exceptions: false,
  gc: false,
});
