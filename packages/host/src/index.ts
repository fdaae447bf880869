export { Engine, type Config } from "./engine.js";
export { Module, type BufferSource } from "./module.js";
export { CompileError, type CompileErrorKind } from "./compile-error.js";
export type { ExternType, ImportType, ExportType } from "./extern-type.js";
export { Store, StoreTypeError, StoreMismatchError, EngineMismatchError } from "./store.js";
export { StoreLimits, type ResourceLimiter, type StoreLimitsOptions } from "./store-limits.js";
export { Linker } from "./linker.js";
export { Func, AsyncHostFunctionError, type HostFunc, type AsyncHostFunc, type FuncTypeLike } from "./func.js";
export {
  HostSuspend, ResumeError, CallCancelledError, type ResumableCall, type ResumableFinished, type ResumableHostTrap, type ResumableOutOfFuel,
} from "./resumable.js";
export { TypedFunc } from "./typed-func.js";
export { Caller } from "./caller.js";
export { Instance } from "./instance.js";
export { Memory } from "./memory.js";
export { Table } from "./table.js";
export { Global } from "./global.js";
export { Tag, type TagTypeLike } from "./tag.js";
export { Exception } from "./exception.js";
export type { Extern } from "./extern.js";
export type { Value } from "./values.js";
export { LinkError, DEFAULT_CONFIG, DEFAULT_FEATURES, WASM2_FEATURES, type WasmFeatures } from "@wasmi-ts/executor";
export {
  Trap,
  TrapCode,
  trapMessage,
  wasmBacktraceOf,
  formatBacktrace,
  type WasmFrame,
  ValType,
  valTypeName,
  HeapType,
  REF_NON_NULL,
  CONCRETE_BASE,
  refType,
  concreteRefType,
  heapTypeOf,
  isNullable,
  isRefType,
  FuncType,
  StructType,
  ArrayType,
  PackedType,
  GcStruct,
  GcArray,
  isI31,
  MAX_ARRAY_LENGTH,
  type FieldType,
  type SubType,
  type CompositeType,
  TypeKey,
  ValueSlots,
  PAGE_SIZE,
  ResourceLimitError,
  CallHook,
  InterruptHandle,
  type TableType,
  type MemoryType,
  type GlobalType,
  type Limits,
} from "@wasmi-ts/store";
