// The JS API's implementation limits (the "Limits" section of the WebAssembly JavaScript Interface): a
// module over any of them must fail to compile (CompileError) and to validate, even if the core spec
// accepts it. Sizes of tables and memories at run time are the engine's (Config.maxTableSize, pages).

import type { ModuleIR } from "@wasmi-ts/executor";
import type { FuncType } from "@wasmi-ts/store";

export const JS_LIMITS = {
  moduleBytes: 1_073_741_824,
  types: 1_000_000,
  functions: 1_000_000,
  imports: 1_000_000,
  exports: 1_000_000,
  globals: 1_000_000,
  dataSegments: 100_000,
  tables: 100_000,
  memories: 100,
  elementSegments: 10_000_000,
  tableInitEntries: 10_000_000,
  params: 1_000,
  results: 1_000,
  functionBodyBytes: 7_654_321,
  locals: 50_000,
} as const;

/** The first JS API limit that `ir` exceeds, as a message, or null. */
export function exceededJsLimit(ir: ModuleIR): string | null {
  const over = (what: string, n: number, max: number): string | null => (n > max ? `${n} ${what}, more than the JS API's limit of ${max}` : null);
  const counts: [string, number, number][] = [
    ["bytes", ir.bytes.length, JS_LIMITS.moduleBytes],
    ["types", ir.types.length, JS_LIMITS.types],
    ["functions", ir.codes.length, JS_LIMITS.functions],
    ["imports", ir.imports.length, JS_LIMITS.imports],
    ["exports", ir.exports.length, JS_LIMITS.exports],
    ["globals", ir.globals.length, JS_LIMITS.globals],
    ["data segments", ir.datas.length, JS_LIMITS.dataSegments],
    ["tables", ir.tables.length, JS_LIMITS.tables],
    ["memories", ir.memories.length, JS_LIMITS.memories],
    ["element segments", ir.elems.length, JS_LIMITS.elementSegments],
  ];
  for (const [what, n, max] of counts) {
    const problem = over(what, n, max);
    if (problem !== null) return problem;
  }
  for (const elem of ir.elems) {
    const problem = over("entries in an element segment", elem.funcs?.length ?? elem.init.length, JS_LIMITS.tableInitEntries);
    if (problem !== null) return problem;
  }
  for (const type of ir.types) {
    if (type.kind !== "func") continue;
    const problem = over("parameters", type.params.length, JS_LIMITS.params) ?? over("results", type.results.length, JS_LIMITS.results);
    if (problem !== null) return problem;
  }
  for (let i = 0; i < ir.codes.length; i++) {
    const body = ir.codes[i]!;
    const params = (ir.types[ir.funcs[ir.numImportedFuncs + i]!] as FuncType).params.length;
    // the instructions' bytes (the locals' declarations, a few bytes, are not counted)
    const problem = over("bytes in a function body", body.end - body.start, JS_LIMITS.functionBodyBytes)
      ?? over("locals in a function (parameters included)", params + body.locals.length, JS_LIMITS.locals);
    if (problem !== null) return problem;
  }
  return null;
}
