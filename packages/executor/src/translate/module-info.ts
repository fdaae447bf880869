import type { FuncType, MemoryType, ValType } from "@wasmi-ts/store";
import type { CompiledModule } from "../module/compiled.js";

/** Index spaces of a module as the translator needs them (computed once per module). */
export interface ModuleInfo {
  /** Signature of every function, imported ones first. */
  funcTypes: FuncType[];
  /** Element type of every table, imported ones first. */
  tableElems: ValType[];
  /** Value type of every global, imported ones first. */
  globalTypes: ValType[];
  /** Type of every memory, imported ones first. */
  memories: MemoryType[];
}

const cache = new WeakMap<CompiledModule, ModuleInfo>();

export function moduleInfo(module: CompiledModule): ModuleInfo {
  let info = cache.get(module);
  if (info === undefined) {
    const ir = module.ir;
    const tableElems: ValType[] = [];
    for (const imp of ir.imports) if (imp.desc.kind === "table") tableElems.push(imp.desc.type.element);
    for (const t of ir.tables) tableElems.push(t.element);
    const memories: MemoryType[] = [];
    for (const imp of ir.imports) if (imp.desc.kind === "memory") memories.push(imp.desc.type);
    memories.push(...ir.memories);
    info = {
      funcTypes: ir.funcs.map((t) => ir.types[t]!),
      tableElems,
      globalTypes: ir.globalTypes.map((g) => g.type),
      memories,
    };
    cache.set(module, info);
  }
  return info;
}
