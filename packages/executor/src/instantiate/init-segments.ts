import {
  DataEntity,
  ElemEntity,
  Trap,
  TrapCode,
  type InstanceEntity,
  type TypeRegistry,
} from "@wasmi-ts/store";
import type { ModuleIR } from "../module/ir.js";
import { evalOffset, evalRef } from "./const-expr.js";

// Element and data segments: created as runtime entities, then active ones are copied into their table
// or memory in order and dropped, as `table.init` / `memory.init` + `*.drop` would (spec 2.0): a
// segment that is out of bounds traps before writing anything, and earlier segments' writes stay.

/** Creates the instance's element segments (evaluating their element expressions). */
export function allocElems(ir: ModuleIR, instance: InstanceEntity, types: TypeRegistry | null = null): void {
  for (const seg of ir.elems) {
    const elements = seg.funcs !== undefined
      ? Array.from(seg.funcs, (f) => instance.funcs[f])
      : seg.init.map((expr) => evalRef(expr, instance, types));
    const elem = new ElemEntity(seg.type, elements);
    instance.elems.push(elem);
  }
}

/** Creates the instance's data segments. */
export function allocDatas(ir: ModuleIR, instance: InstanceEntity): void {
  for (const seg of ir.datas) {
    const data = new DataEntity(seg.bytes);
    instance.datas.push(data);
  }
}

/** Applies active element segments, drops active and declarative ones. */
export function initElems(ir: ModuleIR, instance: InstanceEntity): void {
  ir.elems.forEach((seg, i) => {
    const elem = instance.elems[i]!;
    if (seg.mode === "active") {
      const table = instance.tables[seg.table]!;
      const offset = evalOffset(seg.offset!, instance, !!table.type.is64);
      const n = elem.elements.length;
      if (offset + n > table.size) throw new Trap(TrapCode.TableOutOfBounds);
      for (let j = 0; j < n; j++) table.elements[offset + j] = elem.elements[j];
    }
    if (seg.mode !== "passive") elem.drop();
  });
}

/** Applies active data segments and drops them. */
export function initDatas(ir: ModuleIR, instance: InstanceEntity): void {
  ir.datas.forEach((seg, i) => {
    if (seg.mode !== "active") return;
    const data = instance.datas[i]!;
    const memory = instance.memories[seg.memory]!;
    const offset = evalOffset(seg.offset!, instance, !!memory.type.is64);
    if (offset + data.bytes.length > memory.byteLength) throw new Trap(TrapCode.MemoryOutOfBounds);
    memory.u8.set(data.bytes, offset);
    data.drop();
  });
}
