import type { FuncType, MemoryType, TableType, ValType } from "@wasmi-ts/store";
import type { CompiledModule } from "../module/compiled.js";

/** Index spaces of a module as the translator needs them (computed once per module). */
export interface ModuleInfo {
  /** Signature of every function, imported ones first. */
  funcTypes: FuncType[];
  /** Type of every table, imported ones first. */
  tables: readonly TableType[];
  /** Value type of every global, imported ones first. */
  globalTypes: ValType[];
  /** Type of every memory, imported ones first. */
  memories: readonly MemoryType[];
}

const cache = new WeakMap<CompiledModule, ModuleInfo>();

export function moduleInfo(module: CompiledModule): ModuleInfo {
  let info = cache.get(module);
  if (info === undefined) {
    const ir = module.ir;
    info = {
      funcTypes: ir.funcs.map((t) => ir.types[t] as FuncType),
      // the decoder lists imported tables and memories in `ir.tables` and `ir.memories` already
      tables: ir.tables,
      globalTypes: ir.globalTypes.map((g) => g.type),
      memories: ir.memories,
    };
    cache.set(module, info);
  }
  return info;
}
