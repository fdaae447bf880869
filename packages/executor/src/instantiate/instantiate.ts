import {
  CallHook,
  ExternKind,
  FuncEntity,
  FuncKind,
  GlobalEntity,
  InstanceEntity,
  isRefType,
  ResourceKind,
  runHooked,
  TagEntity,
  ValueSlots,
  type ExternEntity,
  type FuncType,
  type PrunedStore,
} from "@wasmi-ts/store";
import { execute } from "../interpret/index.js";
import type { CompiledModule } from "../module/compiled.js";
import type { Export, ModuleIR } from "../module/ir.js";
import { admitCount, admitMemory, admitTable, newMemory, newTable } from "./allocate.js";
import { evalConstExpr, evalRef } from "./const-expr.js";
import { checkImports } from "./import-match.js";
import { allocDatas, allocElems, initDatas, initElems } from "./init-segments.js";
import { definedMemoryTypes, definedTableTypes } from "./index-spaces.js";

/**
 * Instantiates `module` in `store` with `imports` given in the order of the module's imports (spec
 * "Instantiation"). Throws `LinkError` when an import does not match, `Trap` when a segment is out of
 * bounds or the start function traps. The store counts the instance as soon as its entities exist,
 * because a failed initialisation may already have written its functions into imported tables.
 */
export function instantiate(store: PrunedStore, module: CompiledModule, imports: readonly ExternEntity[]): InstanceEntity {
  checkImports(module, imports);
  const ir = module.ir;
  // Everything the store's limits may refuse is asked before anything is created.
  const tableTypes = definedTableTypes(ir);
  const memoryTypes = definedMemoryTypes(ir);
  admitCount(store, ResourceKind.Instance, 1);
  admitCount(store, ResourceKind.Table, tableTypes.length);
  admitCount(store, ResourceKind.Memory, memoryTypes.length);
  for (const type of tableTypes) admitTable(store, type, module.config);
  for (const type of memoryTypes) admitMemory(store, type, module.config);

  const instance = new InstanceEntity(module);
  instance.typeIds = module.typeIds;
  addImports(instance, imports);
  store.instancesCreated++;

  allocFuncs(ir, instance);
  for (let i = ir.numImportedTags; i < ir.tags.length; i++) instance.tags.push(new TagEntity(ir.types[ir.tags[i]!]! as FuncType));
  // a table's initialiser (3.0) sees the imported globals and every function
  tableTypes.forEach((type, k) => {
    const init = ir.tableInits[k];
    instance.tables.push(newTable(store, type, module.config, init ? evalRef(init, instance, store.types) : null));
  });
  for (const type of memoryTypes) instance.memories.push(newMemory(store, type, module.config));
  // Globals one by one: an initialiser may read the globals before it (extended const, GC).
  for (const def of ir.globals) {
    const global = new GlobalEntity(def.type);
    if (isRefType(def.type.type)) global.ref = evalRef(def.init, instance, store.types);
    else evalConstExpr(def.init, instance, global.i32, store.types);
    instance.globals.push(global);
  }
  for (const exp of ir.exports) instance.exports.set(exp.name, exportEntity(instance, exp));
  allocElems(ir, instance, store.types);
  allocDatas(ir, instance);

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
      case ExternKind.Tag: instance.tags.push(ext.value); break;
    }
  }
}

function allocFuncs(ir: ModuleIR, instance: InstanceEntity): void {
  for (let index = ir.numImportedFuncs; index < ir.funcs.length; index++) {
    const type = ir.types[ir.funcs[index]!] as FuncType;
    instance.funcs.push(new FuncEntity(FuncKind.Wasm, type, instance, index, null));
  }
}

function exportEntity(instance: InstanceEntity, exp: Export): ExternEntity {
  switch (exp.kind) {
    case "func": return { kind: ExternKind.Func, value: instance.funcs[exp.index]! };
    case "table": return { kind: ExternKind.Table, value: instance.tables[exp.index]! };
    case "memory": return { kind: ExternKind.Memory, value: instance.memories[exp.index]! };
    case "global": return { kind: ExternKind.Global, value: instance.globals[exp.index]! };
    case "tag": return { kind: ExternKind.Tag, value: instance.tags[exp.index]! };
  }
}

function runStart(store: PrunedStore, instance: InstanceEntity, func: FuncEntity): void {
  const slots = new ValueSlots(1);
  try {
    if (func.kind === FuncKind.Host) func.host!(store, instance, slots, 0);
    else if (store.hooks.callHook === null) execute(store, func, slots);
    else runHooked(store, CallHook.CallingWasm, CallHook.ReturningFromWasm, () => execute(store, func, slots));
  } finally {
    store.releaseRefs();
  }
}
