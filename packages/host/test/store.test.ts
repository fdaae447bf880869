import { describe, expect, it } from "vitest";
import { Engine, Store, StoreTypeError, TypeKey, DEFAULT_CONFIG } from "@wasmi-ts/host";
import { PrunedStore, TypeRegistry } from "@wasmi-ts/store";

interface Counter { count: number }
interface Name { name: string }

describe("Store", () => {
  it("holds host data", () => {
    const store = new Store<Counter>(new Engine(), { count: 1 });
    store.data.count++;
    expect(store.data).toEqual({ count: 2 });
    store.data = { count: 10 };
    expect(store.pruned.data).toEqual({ count: 10 });
  });

  it("turns its PrunedStore back into itself with the right key", () => {
    const key = new TypeKey<Counter>("Counter");
    const store = new Store(new Engine(), { count: 0 }, key);
    const again: Store<Counter> = Store.fromPruned(store.pruned, key);
    expect(again).toBe(store);
  });

  it("throws StoreTypeError when asked for the wrong data type", () => {
    const counterKey = new TypeKey<Counter>("Counter");
    const nameKey = new TypeKey<Name>("Name");
    const store = new Store(new Engine(), { count: 0 }, counterKey);
    expect(() => Store.fromPruned(store.pruned, nameKey)).toThrow(StoreTypeError);
    expect(() => Store.fromPruned(store.pruned, nameKey))
      .toThrow("store holds data of type 'Counter' but 'Name' was requested");
    const lookalike = new TypeKey<Counter>("Counter");
    expect(() => Store.fromPruned(store.pruned, lookalike)).toThrow(/a different TypeKey with the same name/);
    const err = (() => { try { Store.fromPruned(store.pruned, nameKey); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(TypeError);
  });

  it("refuses a PrunedStore that no Store owns", () => {
    const key = new TypeKey<null>("Null");
    const pruned = new PrunedStore(key as TypeKey<unknown>, null, new TypeRegistry());
    expect(() => Store.fromPruned(pruned, key)).toThrow(/no owning Store/);
  });

  it("passes the engine's limits to the PrunedStore", () => {
    const store = new Store(new Engine({ maxCallDepth: 7 }), null);
    expect(store.pruned.limits.maxCallDepth).toBe(7);
    expect(store.pruned.limits.maxValueSlots).toBe(DEFAULT_CONFIG.maxValueSlots);
    expect(store.engine.config.maxMemoryPages).toBe(DEFAULT_CONFIG.maxMemoryPages);
    expect(new Engine({ maxCallDepth: undefined }).config.maxCallDepth).toBe(DEFAULT_CONFIG.maxCallDepth);
  });
});
