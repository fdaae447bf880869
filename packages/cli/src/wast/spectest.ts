// The `spectest` module that spec scripts import from (the spec interpreter's harness): print
// functions, which print their arguments as wasmtime's do, four globals of 666, a table and a memory.

import { Global, type Linker, Memory, type Store, Table, ValType, valTypeName } from "@wasmi-ts/host";

const { I32, I64, F32, F64 } = ValType;

const PRINTS: Record<string, ValType[]> = {
  print: [],
  print_i32: [I32],
  print_i64: [I64],
  print_f32: [F32],
  print_f64: [F64],
  print_i32_f32: [I32, F32],
  print_f64_f64: [F64, F64],
};

export function defineSpectest(linker: Linker<null>, store: Store<null>, print: (line: string) => void): void {
  for (const [name, params] of Object.entries(PRINTS)) {
    linker.func("spectest", name, { params, results: [] }, (_caller, ...args) => {
      args.forEach((a, i) => print(`${String(a)}: ${valTypeName(params[i]!)}`));
    });
  }
  linker.define("spectest", "global_i32", new Global(store, { type: I32, mutable: false }, 666));
  linker.define("spectest", "global_i64", new Global(store, { type: I64, mutable: false }, 666n));
  linker.define("spectest", "global_f32", new Global(store, { type: F32, mutable: false }, Math.fround(666.6)));
  linker.define("spectest", "global_f64", new Global(store, { type: F64, mutable: false }, 666.6));
  linker.define("spectest", "table", new Table(store, { element: ValType.FuncRef, limits: { min: 10, max: 20 } }, null));
  linker.define("spectest", "memory", new Memory(store, { limits: { min: 1, max: 2 } }));
}
