import { memoryTypeAt, tableTypeAt, type ModuleIR } from "@wasmi-ts/executor";
import type { FuncType, GlobalType, MemoryType, TableType } from "@wasmi-ts/store";

/** The type of an import or export. */
export type ExternType =
  | { kind: "func"; type: FuncType }
  | { kind: "table"; type: TableType }
  | { kind: "memory"; type: MemoryType }
  | { kind: "global"; type: GlobalType }
  /** exception handling: a tag whose exceptions carry values of `type.params` */
  | { kind: "tag"; type: FuncType };

export interface ImportType {
  module: string;
  name: string;
  type: ExternType;
}

export interface ExportType {
  name: string;
  type: ExternType;
}

export function importTypes(ir: ModuleIR): ImportType[] {
  return ir.imports.map((imp): ImportType => {
    const d = imp.desc;
    const type: ExternType = d.kind === "func" || d.kind === "tag" ? { kind: d.kind, type: ir.types[d.typeIndex] as FuncType } : d;
    return { module: imp.module, name: imp.name, type };
  });
}

export function exportTypes(ir: ModuleIR): ExportType[] {
  return ir.exports.map((exp): ExportType => {
    switch (exp.kind) {
      case "func": return { name: exp.name, type: { kind: "func", type: ir.types[ir.funcs[exp.index]!] as FuncType } };
      case "table": return { name: exp.name, type: { kind: "table", type: tableTypeAt(ir, exp.index) } };
      case "memory": return { name: exp.name, type: { kind: "memory", type: memoryTypeAt(ir, exp.index) } };
      case "global": return { name: exp.name, type: { kind: "global", type: ir.globalTypes[exp.index]! } };
      case "tag": return { name: exp.name, type: { kind: "tag", type: ir.types[ir.tags[exp.index]!] as FuncType } };
    }
  });
}
