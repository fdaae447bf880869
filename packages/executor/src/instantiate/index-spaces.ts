import type { MemoryType, TableType } from "@wasmi-ts/store";
import type { ModuleIR } from "../module/ir.js";

// `ModuleIR.tables` / `.memories` list the whole index space, imported ones first (as the decoder
// fills them); these helpers keep that reading in one place.

/** The types of the tables the module defines itself (after the imported ones). */
export function definedTableTypes(ir: ModuleIR): readonly TableType[] {
  return ir.tables.slice(ir.numImportedTables);
}

/** The types of the memories the module defines itself (after the imported ones). */
export function definedMemoryTypes(ir: ModuleIR): readonly MemoryType[] {
  return ir.memories.slice(ir.numImportedMemories);
}

/** Type of table `index` in the module's index space (imported tables first). */
export function tableTypeAt(ir: ModuleIR, index: number): TableType {
  return ir.tables[index]!;
}

/** Type of memory `index` in the module's index space (imported memories first). */
export function memoryTypeAt(ir: ModuleIR, index: number): MemoryType {
  return ir.memories[index]!;
}
