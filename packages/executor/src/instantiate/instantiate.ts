import {
  ExternKind,
  FuncEntity,
  FuncKind,
  GlobalEntity,
  InstanceEntity,
  NULL_REF,
  ValueSlots,
  type ExternEntity,
  type PrunedStore,
} from "@wasmi-ts/store";
import { execute } from "../interpret/index.js";
import type { CompiledModule } from "../module/compiled.js";
import type { Export, ModuleIR } from "../module/ir.js";
import { allocMemory, allocTable } from "./allocate.js";
import { evalConstExpr } from "./const-expr.js";
import { checkImports } from "./import-match.js";
import { allocDatas, allocElems, initDatas, initElems } from "./init-segments.js";
import { definedMemoryTypes, definedTableTypes } from "./index-spaces.js";

/**
 * Instantiates `module` in `store` with `imports` given in the order of the module's imports (spec
 * "Instantiation"). Throws `LinkError` when an import does not match, `Trap` when a segment is out of
 * bounds or the start function traps. The instance is registered in the store as soon as its entities
 * exist, because a failed initialisation may already have written its functions into imported tables.
 */
export function instantiate(store: PrunedStore, module: CompiledModule, imports: readonly ExternEntity[]): InstanceEntity {
  checkImports(module, imports);
  const ir = module.ir;
  const instance = new InstanceEntity(module);
  instance.typeIds = module.typeIds;
  addImports(instance, imports);
  store.instances.push(instance);

  allocFuncs(store, ir, instance);
  for (const type of definedTableTypes(ir)) {
    const table = allocTable(type, module.config, NULL_REF);
    store.tables.push(table);
    instance.tables.push(table);
  }
  for (const type of definedMemoryTypes(ir)) {
    const memory = allocMemory(type, module.config);
    store.memories.push(memory);
    instance.memories.push(memory);
  }
  // Globals one by one: an initialiser may read the globals before it (extended const, GC).
  for (const def of ir.globals) {
    const global = new GlobalEntity(def.type);
    evalConstExpr(def.init, instance, global.i32);
    store.globals.push(global);
    instance.globals.push(global);
  }
  for (const exp of ir.exports) instance.exports.set(exp.name, exportEntity(instance, exp));
  allocElems(store, ir, instance);
  allocDatas(store, ir, instance);

  initElems(ir, instance);
  initDatas(ir, instance);
  if (ir.start !== null) runStart(store, instance, instance.funcs[ir.start]!);
  return instance;
}

function addImports(instance: InstanceEntity, imports: readonly ExternEntity[]): void {
  for (const ext of imports) {
    switch (ext.kind) {
      case ExternKind.Func: instance.funcs.push(ext.value); break;
      case ExternKind.Table: instance.tables.push(ext.value); break;
      case ExternKind.Memory: instance.memories.push(ext.value); break;
      case ExternKind.Global: instance.globals.push(ext.value); break;
    }
  }
}

function allocFuncs(store: PrunedStore, ir: ModuleIR, instance: InstanceEntity): void {
  for (let index = ir.numImportedFuncs; index < ir.funcs.length; index++) {
    const type = ir.types[ir.funcs[index]!]!;
    instance.funcs.push(store.addFunc(new FuncEntity(FuncKind.Wasm, type, instance, index, null)));
  }
}

function exportEntity(instance: InstanceEntity, exp: Export): ExternEntity {
  switch (exp.kind) {
    case "func": return { kind: ExternKind.Func, value: instance.funcs[exp.index]! };
    case "table": return { kind: ExternKind.Table, value: instance.tables[exp.index]! };
    case "memory": return { kind: ExternKind.Memory, value: instance.memories[exp.index]! };
    case "global": return { kind: ExternKind.Global, value: instance.globals[exp.index]! };
  }
}

function runStart(store: PrunedStore, instance: InstanceEntity, func: FuncEntity): void {
  const slots = new ValueSlots(1);
  if (func.kind === FuncKind.Host) func.host!(store, instance, slots, 0);
  else execute(store, func, slots);
}
