// Which suite files Node 20's own `WebAssembly.validate` can judge: those using only features V8 11.3
// ships by default (the 2.0 features and tail calls). Files using GC, typed function references,
// exceptions, memory64/table64, multi-memory, relaxed SIMD, extended constants, custom page sizes,
// wide arithmetic or threads are left out.

/** Folders (prefixes) whose files Node 20 can validate. */
const SUPPORTED_FOLDERS = ["2.0/", "2.0/proposals/tail-call/", "3.0/"];

/** Folders and files below a supported folder that use features Node 20 lacks. */
const UNSUPPORTED: string[] = [
  "2.0/proposals/extended-const/",
  "2.0/proposals/memory64/",
  "2.0/proposals/multi-memory/",
  "3.0/proposals/",
  "3.0/legacy/", // legacy exceptions: Node validates them, but the 3.0 versions mix in exnref
  "3.0/custom/",
];

/** Whether Node 20's `WebAssembly.validate` is a trustworthy second opinion for modules of this file. */
export function nodeCanValidate(file: string): boolean {
  if (!SUPPORTED_FOLDERS.some((f) => file.startsWith(f))) return false;
  if (UNSUPPORTED.some((f) => file.startsWith(f))) return false;
  if (file.startsWith("3.0/")) return !THREE_O_UNSUPPORTED.has(file.slice(4));
  return true;
}

/**
 * 3.0 files that use post-2.0 features (besides tail calls); every other 3.0 core file is plain 2.0
 * material that Node 20 judges. (Found by running Node on the encoded modules.)
 */
const THREE_O_UNSUPPORTED: ReadonlySet<string> = new Set([
  // memory64 / table64
  "address64.wast", "align64.wast", "binary_leb128_64.wast", "bulk64.wast", "call_indirect64.wast",
  "endianness64.wast", "float_memory64.wast", "load64.wast", "memory64-imports.wast", "memory64.wast",
  "memory_copy64.wast", "memory_fill64.wast", "memory_grow64.wast", "memory_init64.wast",
  "memory_redundancy64.wast", "memory_trap64.wast", "table64.wast", "table_copy64.wast", "table_fill64.wast",
  "table_get64.wast", "table_grow64.wast", "table_init64.wast", "table_set64.wast", "table_size64.wast",
  // multi-memory
  "address0.wast", "address1.wast", "align0.wast", "binary0.wast", "data0.wast", "data1.wast",
  "data_drop0.wast", "exports0.wast", "float_exprs0.wast", "float_exprs1.wast", "float_memory0.wast",
  "imports0.wast", "imports1.wast", "imports2.wast", "imports3.wast", "imports4.wast",
  "linking0.wast", "linking1.wast", "linking2.wast", "linking3.wast", "load0.wast", "load1.wast",
  "load2.wast", "memory-multi.wast", "memory_copy0.wast", "memory_copy1.wast", "memory_fill0.wast",
  "memory_init0.wast", "memory_size0.wast", "memory_size1.wast", "memory_size2.wast",
  "memory_size_import.wast", "memory_trap0.wast", "memory_trap1.wast", "simd_memory-multi.wast",
  "start0.wast", "store0.wast", "store1.wast", "store2.wast", "traps0.wast",
  // exceptions
  "tag.wast", "throw.wast", "throw_ref.wast", "try_table.wast",
  // relaxed SIMD
  "i16x8_relaxed_q15mulr_s.wast", "i32x4_relaxed_trunc.wast", "i8x16_relaxed_swizzle.wast",
  "relaxed_dot_product.wast", "relaxed_laneselect.wast", "relaxed_madd_nmadd.wast", "relaxed_min_max.wast",
  // GC and typed function references
  "array.wast", "array_copy.wast", "array_fill.wast", "array_init_data.wast", "array_init_elem.wast",
  "array_new_data.wast", "array_new_elem.wast", "i31.wast", "br_on_cast.wast", "br_on_cast_fail.wast",
  "br_on_non_null.wast", "br_on_null.wast", "call_ref.wast", "ref.wast", "ref_as_non_null.wast",
  "ref_cast.wast", "ref_eq.wast", "ref_is_null.wast", "ref_null.wast", "ref_test.wast",
  "return_call_ref.wast", "struct.wast", "type-canon.wast", "type-equivalence.wast", "type-rec.wast",
  "type-subtyping.wast",
  // 2.0 tests extended with GC, typed references, multi-memory or 64-bit tables and memories
  "br_table.wast", "data.wast", "elem.wast", "extern.wast", "global.wast", "instance.wast", "linking.wast",
  "local_init.wast", "memory_grow.wast", "select.wast", "table-sub.wast", "table.wast",
  "table_copy_mixed.wast", "table_init.wast", "unreached-valid.wast",
]);
