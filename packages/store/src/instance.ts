import type { FuncEntity } from "./func.js";
import type { GlobalEntity } from "./global.js";
import type { MemoryEntity } from "./memory.js";
import type { TagEntity } from "./exception.js";
import type { DataEntity, ElemEntity } from "./segments.js";
import type { TableEntity } from "./table.js";
import type { ExternKind } from "./types.js";

export type ExternEntity =
  | { kind: typeof ExternKind.Func; value: FuncEntity }
  | { kind: typeof ExternKind.Table; value: TableEntity }
  | { kind: typeof ExternKind.Memory; value: MemoryEntity }
  | { kind: typeof ExternKind.Global; value: GlobalEntity }
  | { kind: typeof ExternKind.Tag; value: TagEntity };

/** A module instance: its index spaces, resolved to entities of the store. */
export class InstanceEntity {
  funcs: FuncEntity[] = [];
  tables: TableEntity[] = [];
  memories: MemoryEntity[] = [];
  globals: GlobalEntity[] = [];
  tags: TagEntity[] = [];
  elems: ElemEntity[] = [];
  datas: DataEntity[] = [];
  /** Interned signature id per type index of the module (for call_indirect checks). */
  typeIds: Int32Array = new Int32Array(0);
  exports = new Map<string, ExternEntity>();

  constructor(
    /** The executor's compiled module (opaque here: the store knows nothing of code). */
    readonly module: unknown,
  ) {}
}
