import type { ValueSlots } from "./slots.js";
import { LiveRefs } from "./refs.js";
import type { TypeKey } from "./type-key.js";
import type { TypeRegistry } from "./type-registry.js";

/**
 * The few typed behaviours of a `Store<T>` the executor must reach, built once per store by the host
 * layer: they let limits and hooks that live with `T` work without the executor being generic over `T`.
 */
export interface StoreHooks {
  /**
   * Asked before a memory grows, in pages of `pageSize` bytes, and before one is created (`current` 0,
   * `desired` its initial size); false refuses (memory.grow then returns -1; creation fails). May throw a
   * `Trap` to trap instead.
   */
  memoryGrowing(store: PrunedStore, current: number, desired: number, maximum: number | null, pageSize: number): boolean;
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
 * The store as the executor sees it: the host data as `unknown` with the runtime key of its type, the
 * settings and state of execution (fuel, deadline, limits, hooks) and the references in use. It is never
 * generic, so the executor's objects keep one shape. Only the host layer turns it back into a typed
 * `Store<T>`, checking `typeKey`.
 *
 * It does not hold its entities: instances, functions, memories, tables and globals are reached from the
 * handles the embedder keeps and from each other (an instance holds its index spaces, a table its
 * functions), so the garbage collector frees those nobody can reach any more. The store only counts what
 * it has created, for its limits.
 */
export class PrunedStore {
  /** How many instances, memories and tables the store has created (for `StoreHooks.creating`). */
  instancesCreated = 0;
  memoriesCreated = 0;
  tablesCreated = 0;
  /** The references that numbers on the value stack stand for (see `refs.ts`). */
  readonly refs = new LiveRefs();
  /** Executions in progress (nested and suspended ones included): the executor counts them. */
  running = 0;
  /** Whether the innermost execution may suspend at a host call (a resumable or async call, not `call`);
   * kept by the executor, read by host functions that want to suspend. */
  canSuspend = false;
  /** Set by a host function (only when `canSuspend`) to suspend the execution at its call: what the
   * execution then waits for (the host layer's own object; null: nothing). */
  suspendRequest: unknown = null;
  /** The fuel the last instruction that ran out of fuel needed beyond what was left. */
  fuelRequired = 0;
  /** Fuel set aside by `callAsync`'s yield interval, handed out a slice at a time (counts as fuel left). */
  fuelReserve = 0;

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
  /** The value stacks of the store's unfinished resumable executions (each has its own): they hold
   * reference numbers too (`LiveRefs.sweep`). */
  readonly resumableStacks = new Set<ValueSlots>();
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

  /**
   * Forgets the numbers of references given out, unless an execution is in progress: called when a call
   * from the embedder has returned and its results were read, so that the store does not keep alive the
   * references its calls handled.
   */
  releaseRefs(): void {
    if (this.running === 0) this.refs.clear();
  }
}
