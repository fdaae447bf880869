import type { FuncEntity } from "./func.js";
import type { GlobalEntity } from "./global.js";
import type { InstanceEntity } from "./instance.js";
import type { MemoryEntity } from "./memory.js";
import type { DataEntity, ElemEntity } from "./segments.js";
import type { TableEntity } from "./table.js";
import type { TypeKey } from "./type-key.js";
import type { TypeRegistry } from "./type-registry.js";

/**
 * The few typed behaviours of a `Store<T>` the executor must reach, built once per store by the host
 * layer: they let limits and hooks that live with `T` work without the executor being generic over `T`.
 */
export interface StoreHooks {
  /** Asked before a memory grows; false refuses (memory.grow then returns -1). */
  memoryGrowing(store: PrunedStore, current: number, desired: number, maximum: number | null): boolean;
  /** Asked before a table grows; false refuses (table.grow then returns -1). */
  tableGrowing(store: PrunedStore, current: number, desired: number, maximum: number | null): boolean;
}

export const DEFAULT_HOOKS: StoreHooks = {
  memoryGrowing: () => true,
  tableGrowing: () => true,
};

/** Engine-wide settings the executor reads through the store. */
export interface StoreLimits {
  /** Deepest Wasm call nesting before a "call stack exhausted" trap. */
  maxCallDepth: number;
  /** Most value-stack slots before a "call stack exhausted" trap. */
  maxValueSlots: number;
}

export const DEFAULT_LIMITS: StoreLimits = {
  maxCallDepth: 100_000,
  maxValueSlots: 16 * 1024 * 1024,
};

/**
 * The store as the executor sees it: every entity of the store in arenas addressed by index, and the
 * host data as `unknown` with the runtime key of its type. It is never generic, so the executor's objects
 * keep one shape. Only the host layer turns it back into a typed `Store<T>`, checking `typeKey`.
 */
export class PrunedStore {
  readonly funcs: FuncEntity[] = [];
  readonly tables: TableEntity[] = [];
  readonly memories: MemoryEntity[] = [];
  readonly globals: GlobalEntity[] = [];
  readonly instances: InstanceEntity[] = [];
  readonly elems: ElemEntity[] = [];
  readonly datas: DataEntity[] = [];
  /** Host values held by externref, addressed by reference number - 1. */
  readonly externs: unknown[] = [];
  private readonly externIndex = new Map<unknown, number>();

  /** Fuel left, when fuel metering is on (see `fuelEnabled`). */
  fuel = 0;
  fuelEnabled = false;
  hooks: StoreHooks = DEFAULT_HOOKS;
  /** The executor's per-store execution state (its stacks), created on first use. */
  exec: unknown = null;
  /** The typed wrapper that owns this store (set by the host layer). */
  owner: unknown = null;

  constructor(
    readonly typeKey: TypeKey<unknown>,
    public data: unknown,
    readonly types: TypeRegistry,
    readonly limits: StoreLimits = DEFAULT_LIMITS,
    /** Identity of the engine this store belongs to; entities of another engine are rejected. */
    readonly engine: unknown = null,
  ) {}

  addFunc(f: FuncEntity): FuncEntity {
    f.addr = this.funcs.length;
    this.funcs.push(f);
    return f;
  }

  /** The reference number of a host value held by an externref (equal values share one number). */
  externRef(value: unknown): number {
    let i = this.externIndex.get(value);
    if (i === undefined) {
      i = this.externs.length;
      this.externs.push(value);
      this.externIndex.set(value, i);
    }
    return i + 1;
  }

  externValue(ref: number): unknown {
    return this.externs[ref - 1];
  }
}
