import { PrunedStore, UNKEYED, type StoreHooks, type TypeKey } from "@wasmi-ts/store";
import type { Engine } from "./engine.js";

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

/** Optional limits on growth, decided with the host data in hand (like Wasmi's `ResourceLimiter`). */
export interface ResourceLimiter<T> {
  memoryGrowing?(data: T, current: number, desired: number, maximum: number | null): boolean;
  tableGrowing?(data: T, current: number, desired: number, maximum: number | null): boolean;
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
  }

  get data(): T {
    return this.pruned.data as T;
  }

  set data(value: T) {
    this.pruned.data = value;
  }

  /** Installs growth limits that read the host data. */
  limiter(limiter: ResourceLimiter<T>): this {
    const hooks: StoreHooks = {
      memoryGrowing: (store, current, desired, max) =>
        limiter.memoryGrowing?.(store.data as T, current, desired, max) ?? true,
      tableGrowing: (store, current, desired, max) =>
        limiter.tableGrowing?.(store.data as T, current, desired, max) ?? true,
    };
    this.pruned.hooks = hooks;
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
