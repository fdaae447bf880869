import { PrunedStore, UNKEYED, clockNow, type CallHook, type StoreHooks, type TypeKey } from "@wasmi-ts/store";
import type { Engine } from "./engine.js";
import { CallCancelledError } from "./resumable.js";
import type { ResourceLimiter } from "./store-limits.js";

/** A `callAsync` in progress, as `cancelSuspendedCalls` sees it. */
interface Cancellable {
  cancel(reason: unknown): void;
}

/** Asked for a `Store<T>` of the wrong `T`. */
export class StoreTypeError extends TypeError {
  override name = "StoreTypeError";
}

/** A handle (function, memory, table, global, instance) used with a store it does not belong to. */
export class StoreMismatchError extends TypeError {
  override name = "StoreMismatchError";
}

/** A module, linker or store used with one of another engine. */
export class EngineMismatchError extends TypeError {
  override name = "EngineMismatchError";
}

/**
 * Owns all runtime objects (functions, memories, tables, globals, instances) and the host data `T`.
 * Handles (`Func`, `Memory`, ...) belong to one store. The executor only sees `pruned`, which is not
 * generic; `Store.fromPruned` turns it back into a `Store<T>`, checking the type key.
 */
export class Store<T = unknown> {
  readonly pruned: PrunedStore;
  /** Handle objects already made for entities, so one entity always maps to one handle. */
  readonly handles = new WeakMap<object, unknown>();

  constructor(readonly engine: Engine, data: T, readonly key: TypeKey<T> = UNKEYED as TypeKey<T>) {
    const { maxCallDepth, maxValueSlots } = engine.config;
    this.pruned = new PrunedStore(key as TypeKey<unknown>, data, engine.registry, { maxCallDepth, maxValueSlots }, engine);
    this.pruned.owner = this;
    this.pruned.fuelEnabled = engine.config.consumeFuel;
    this.pruned.interrupts = engine.interruptHandle().counter;
  }

  /**
   * Sets a deadline `ms` milliseconds from now: Wasm running in this store after it traps with
   * `TrapCode.Interrupted` ("deadline exceeded") at its next loop iteration or call, within a few thousand
   * of them. It stays until replaced; `null` (or `Infinity`) removes it. The store stays usable.
   */
  setDeadline(ms: number | null): this {
    if (ms !== null && !(typeof ms === "number" && ms >= 0)) {
      throw new RangeError(`store.setDeadline: expected a non-negative number of milliseconds or null, got ${String(ms)}`);
    }
    this.pruned.deadline = ms === null ? Infinity : clockNow() + ms;
    return this;
  }

  /**
   * Sets the fuel left (`Config.consumeFuel` must be on): a non-negative integer, as a bigint or a number.
   * Amounts above 2^53 - 1 count as 2^53 - 1, which no run can use up. A store starts with none.
   */
  setFuel(fuel: bigint | number): this {
    this.assertFuel("setFuel");
    const valid = typeof fuel === "bigint" ? fuel >= 0n : typeof fuel === "number" && Number.isInteger(fuel) && fuel >= 0;
    if (!valid) throw new RangeError(`store.setFuel: expected a non-negative integer, got ${String(fuel)}`);
    this.pruned.fuel = fuel >= Number.MAX_SAFE_INTEGER ? Number.MAX_SAFE_INTEGER : Number(fuel);
    this.pruned.fuelReserve = 0;
    if (this.slicedCalls > 0) this.nextFuelSlice(); // a running callAsync goes on in slices
    return this;
  }

  /** The fuel left (`Config.consumeFuel` must be on). */
  getFuel(): bigint {
    this.assertFuel("getFuel");
    return BigInt(this.pruned.fuel + this.pruned.fuelReserve);
  }

  /**
   * Makes `callAsync` give the event loop back (a macrotask: timers and I/O run) each time the call has
   * used `units` of fuel, so that a long computation keeps a page or a server responsive, as wasmtime's
   * `fuel_async_yield_interval` (`Config.consumeFuel` must be on). `null` or 0 turns it off.
   */
  setFuelAsyncYieldInterval(units: number | bigint | null): this {
    this.assertFuel("setFuelAsyncYieldInterval");
    const valid = units === null || (typeof units === "bigint" ? units >= 0n : typeof units === "number" && Number.isInteger(units) && units >= 0);
    if (!valid) throw new RangeError(`store.setFuelAsyncYieldInterval: expected a non-negative integer or null, got ${String(units)}`);
    this.yieldInterval = units === null ? 0 : Math.min(Number(units), Number.MAX_SAFE_INTEGER);
    return this;
  }

  /**
   * Cancels every `callAsync` of this store that is suspended now (waiting for an async host function or
   * for its turn of the event loop): each rejects with `reason` (a `CallCancelledError` by default) and
   * runs no more Wasm; its stacks are freed. Returns how many were cancelled. (A `callResumable` is
   * cancelled with its own `cancel()`.)
   */
  cancelSuspendedCalls(reason: unknown = new CallCancelledError()): number {
    const waiting = [...this.cancellers].map((ref) => ref.deref()).filter((c) => c !== undefined);
    this.cancellers.clear();
    for (const call of waiting) call.cancel(reason);
    return waiting.length;
  }

  /** The `callAsync` calls in progress, held weakly: one that can never go on is still collected. */
  private readonly cancellers = new Set<{ deref(): Cancellable | undefined }>();

  /** @internal A `callAsync` registers how to cancel it; the returned function unregisters it. */
  onCancelSuspended(call: Cancellable): () => void {
    const ref = typeof WeakRef === "function" ? new WeakRef(call) : { deref: () => call };
    this.cancellers.add(ref);
    return () => this.cancellers.delete(ref);
  }

  /** Fuel yield interval (0: none), and the `callAsync` calls now running in slices. */
  private yieldInterval = 0;
  private slicedCalls = 0;

  /** @internal A `callAsync` starts: with a yield interval, its fuel is handed out a slice at a time
   * (the rest waits in `fuelReserve`). Returns whether it runs in slices. */
  beginFuelSlices(): boolean {
    if (this.yieldInterval === 0 || !this.pruned.fuelEnabled) return false;
    if (this.slicedCalls++ === 0) {
      this.pruned.fuelRequired = 0;
      this.nextFuelSlice();
    }
    return true;
  }

  /** @internal The next slice of fuel, from the reserve: false when the fuel is all used up (or what the
   * stopped instruction needs is more than is left). */
  nextFuelSlice(): boolean {
    const p = this.pruned;
    const total = p.fuel + p.fuelReserve;
    const needed = p.fuelRequired > 0 ? p.fuel + p.fuelRequired : 0;
    p.fuelRequired = 0;
    if (needed > total) return false;
    p.fuel = Math.min(total, Math.max(this.yieldInterval, needed));
    p.fuelReserve = total - p.fuel;
    return p.fuel > 0;
  }

  /** @internal A sliced `callAsync` ended: the last one gives the reserve back. */
  endFuelSlices(): void {
    if (--this.slicedCalls > 0) return;
    this.pruned.fuel += this.pruned.fuelReserve;
    this.pruned.fuelReserve = 0;
  }

  private assertFuel(what: string): void {
    if (!this.pruned.fuelEnabled) {
      throw new TypeError(`store.${what}: fuel metering is off; create the engine with { consumeFuel: true }`);
    }
  }

  get data(): T {
    return this.pruned.data as T;
  }

  set data(value: T) {
    this.pruned.data = value;
  }

  /**
   * Installs limits on sizes and counts (a `StoreLimits`, or any `ResourceLimiter` reading the host data),
   * replacing the previous ones. They apply from now on: what the store holds already stays.
   */
  limiter(limiter: ResourceLimiter<T>): this {
    const count = { instance: limiter.instances, memory: limiter.memories, table: limiter.tables };
    const hooks: StoreHooks = {
      ...this.pruned.hooks,
      memoryGrowing: (store, current, desired, max, pageSize) =>
        limiter.memoryGrowing?.call(limiter, store.data as T, current, desired, max, pageSize) ?? true,
      tableGrowing: (store, current, desired, max) =>
        limiter.tableGrowing?.call(limiter, store.data as T, current, desired, max) ?? true,
      creating: (store, kind, n) => {
        const most = count[kind]?.call(limiter, store.data as T);
        return most === undefined || n <= most;
      },
    };
    this.pruned.hooks = hooks;
    return this;
  }

  /**
   * Calls `hook` with the host data each time execution crosses between the host and Wasm (`CallHook`):
   * the host calling a Wasm function (`CallingWasm`, `ReturningFromWasm`, a start function included) and
   * Wasm calling a host function (`CallingHost`, `ReturningFromHost`). The hook may throw (a `Trap`, say)
   * to abort the call; when the call itself fails, the hook still hears of the return and its error is
   * dropped. `null` removes it.
   */
  callHook(hook: ((data: T, kind: CallHook) => void) | null): this {
    this.pruned.hooks = {
      ...this.pruned.hooks,
      callHook: hook === null ? null : (store, kind) => hook(store.data as T, kind),
    };
    return this;
  }

  /** The typed store owning `pruned`; throws `StoreTypeError` when its host data is not of `key`'s type. */
  static fromPruned<T>(pruned: PrunedStore, key: TypeKey<T>): Store<T> {
    const held = pruned.typeKey;
    if (held !== (key as TypeKey<unknown>)) {
      const same = held.name === key.name ? " (a different TypeKey with the same name)" : "";
      throw new StoreTypeError(`store holds data of type '${held.name}' but '${key.name}' was requested${same}`);
    }
    const owner = pruned.owner;
    if (!(owner instanceof Store)) {
      throw new StoreTypeError("this PrunedStore has no owning Store (it was not created by @wasmi-ts/host)");
    }
    return owner as Store<T>;
  }

  /** Throws `StoreMismatchError` unless `other` is this store (handles cannot cross stores). */
  assertOwns(other: Store<unknown>, what: string): void {
    if (other !== (this as Store<unknown>)) throw new StoreMismatchError(`${what} belongs to a different store`);
  }
}
