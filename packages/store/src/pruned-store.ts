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
  /**
   * Asked before a memory grows, in pages, and before one is created (`current` 0, `desired` its initial
   * size); false refuses (memory.grow then returns -1; creation fails). May throw a `Trap` to trap instead.
   */
  memoryGrowing(store: PrunedStore, current: number, desired: number, maximum: number | null): boolean;
  /** The same for tables, in elements. */
  tableGrowing(store: PrunedStore, current: number, desired: number, maximum: number | null): boolean;
  /** Asked before the store gets another instance, memory or table: `count` is how many it would then
   * hold; false refuses. */
  creating(store: PrunedStore, kind: ResourceKind, count: number): boolean;
  /** Told when execution crosses between the host and Wasm (null: nobody listens); may throw to abort. */
  callHook: ((store: PrunedStore, kind: CallHook) => void) | null;
}

export const DEFAULT_HOOKS: StoreHooks = {
  memoryGrowing: () => true,
  tableGrowing: () => true,
  creating: () => true,
  callHook: null,
};

/** Where execution crosses between the host and Wasm (Wasmi's and wasmtime's `CallHook`). */
export const CallHook = {
  /** The host calls a Wasm function (an exported function, or a start function at instantiation). */
  CallingWasm: "CallingWasm",
  /** That call returns to the host, or unwinds with a trap or an exception. */
  ReturningFromWasm: "ReturningFromWasm",
  /** Wasm calls a host function. */
  CallingHost: "CallingHost",
  /** The host function returns to Wasm, or throws. */
  ReturningFromHost: "ReturningFromHost",
} as const;
export type CallHook = (typeof CallHook)[keyof typeof CallHook];

/**
 * Runs `body` between `calling` and `returning` reported to the store's call hook (which must be set).
 * `returning` is reported when `body` throws too; the body's error then wins over the hook's.
 */
export function runHooked(store: PrunedStore, calling: CallHook, returning: CallHook, body: () => void): void {
  const hook = store.hooks.callHook!;
  hook(store, calling);
  try {
    body();
  } catch (e) {
    try {
      hook(store, returning);
    } catch {
      // the body's error is the one to report
    }
    throw e;
  }
  hook(store, returning);
}

/** What a store holds a bounded number of. */
export const ResourceKind = { Instance: "instance", Memory: "memory", Table: "table" } as const;
export type ResourceKind = (typeof ResourceKind)[keyof typeof ResourceKind];

/** Creating an instance, memory or table was refused by the store's limits (a `RangeError`, as the JS API
 * reports memories it cannot allocate). */
export class ResourceLimitError extends RangeError {
  override name = "ResourceLimitError";
}

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
  /** When running Wasm must stop (a `clockNow()` time; `Infinity`: never), see `interrupt.ts`. */
  deadline = Infinity;
  /** The engine's interrupt counter (see `InterruptHandle`); null for a store made without an engine. */
  interrupts: Int32Array<ArrayBufferLike> | null = null;
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
