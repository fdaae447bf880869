import {
  CompiledModule,
  DEFAULT_CONFIG,
  type ConstExpr,
  type ExecutorConfig,
  type ModuleIR,
} from "@wasmi-ts/executor";
import { PrunedStore, TypeKey, TypeRegistry } from "@wasmi-ts/store";

// Builds modules as IR directly (no decoder needed), for instantiation tests.

export function emptyIR(): ModuleIR {
  return {
    bytes: new Uint8Array(0), types: [], subtypes: [], recGroupSizes: [], typeIds: null, tableInits: [], imports: [], funcs: [], tables: [], memories: [], globals: [],
    globalTypes: [], tags: [], numImportedTags: 0, exports: [], start: null, elems: [], datas: [], dataCount: null, codes: [], concreteLocals: false,
    numImportedFuncs: 0, numImportedTables: 0, numImportedMemories: 0, numImportedGlobals: 0,
    customs: [], funcNames: new Map(), moduleName: null,
  };
}

export const registry = new TypeRegistry();

export function compiled(ir: ModuleIR, config: Partial<ExecutorConfig> = {}): CompiledModule {
  return new CompiledModule(ir, registry, { ...DEFAULT_CONFIG, ...config });
}

export function newStore(): PrunedStore {
  return new PrunedStore(new TypeKey("test"), null, registry);
}

export const c = {
  i32: (n: number): ConstExpr => [{ op: 0x41, a: n, b: 0 }],
  i64: (lo: number, hi: number): ConstExpr => [{ op: 0x42, a: lo, b: hi }],
  f32bits: (bits: number): ConstExpr => [{ op: 0x43, a: bits, b: 0 }],
  f64bits: (lo: number, hi: number): ConstExpr => [{ op: 0x44, a: lo, b: hi }],
  globalGet: (i: number): ConstExpr => [{ op: 0x23, a: i, b: 0 }],
  refFunc: (i: number): ConstExpr => [{ op: 0xd2, a: i, b: 0 }],
  refNull: (t: number): ConstExpr => [{ op: 0xd0, a: t, b: 0 }],
};
