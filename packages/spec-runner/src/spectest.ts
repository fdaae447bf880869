// The `spectest` host module every spec script may import from (the spec interpreter's harness):
// print functions that do nothing, four globals, a table (and its table64 twin), a memory and
// a shared one.

import { type EngineSession, type Extern, ValType } from "./engine-adapter.js";
import { f32BitsOf, f64BitsOf } from "./values.js";

const { I32: i32, I64: i64, F32: f32, F64: f64 } = ValType;

const printFunctions: Record<string, number[]> = {
  print: [],
  print_i32: [i32],
  print_i64: [i64],
  print_f32: [f32],
  print_f64: [f64],
  print_i32_f32: [i32, f32],
  print_f64_f64: [f64, f64],
};

export function spectestExports(session: EngineSession): Map<string, Extern> {
  const exports = new Map<string, Extern>();
  for (const [name, params] of Object.entries(printFunctions)) {
    exports.set(name, session.func(params, [], () => {}));
  }
  exports.set("global_i32", session.global(i32, { type: "i32", bits: 666 }));
  exports.set("global_i64", session.global(i64, { type: "i64", bits: 666n }));
  exports.set("global_f32", session.global(f32, { type: "f32", bits: f32BitsOf(666.6) }));
  exports.set("global_f64", session.global(f64, { type: "f64", bits: f64BitsOf(666.6) }));
  exports.set("table", session.table(10, 20));
  exports.set("table64", session.table(10, 20, true)); // as the reference interpreter's, with i64 indices
  exports.set("memory", session.memory(1, 2));
  exports.set("shared_memory", session.memory(1, 2, true)); // threads

  return exports;
}
