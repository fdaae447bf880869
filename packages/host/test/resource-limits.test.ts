import { describe, expect, it } from "vitest";
import {
  Engine, Instance, Memory, Module, ResourceLimitError, Store, StoreLimits, Table, Trap, TrapCode, ValType,
  type ResourceLimiter,
} from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

const engine = new Engine();
const compile = (wat: string) => new Module(engine, parseWat(wat));
const PAGE = 65536;

const growable = compile(`(module
  (memory (export "memory") 1)
  (table (export "table") 1 funcref)
  (func (export "growMemory") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "growTable") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))`);

describe("StoreLimits", () => {
  it("caps the initial and the grown size of memories and tables", () => {
    const store = new Store(engine, null).limiter(new StoreLimits({ memorySize: 3 * PAGE, tableElements: 10 }));
    const instance = new Instance(store, growable, []);
    const growMemory = instance.getFunc("growMemory")!;
    const growTable = instance.getFunc("growTable")!;
    expect(growMemory.call(2)).toEqual([1]); // 3 pages: at the limit
    expect(growMemory.call(1)).toEqual([-1]); // 4 pages: refused, as memory.grow says
    expect(instance.getMemory("memory")!.size).toBe(3);
    expect(growTable.call(9)).toEqual([1]);
    expect(growTable.call(1)).toEqual([-1]);
    expect(() => instance.getMemory("memory")!.grow(1)).toThrow(RangeError);

    // Initial sizes are asked too: a module declaring more than the limit does not instantiate.
    expect(() => new Instance(store, compile(`(module (memory 4))`), [])).toThrow(ResourceLimitError);
    expect(() => new Instance(store, compile(`(module (table 11 funcref))`), [])).toThrow(/refused a table of 11 elements/);
    expect(() => new Memory(store, { limits: { min: 4, max: null } } as never)).toThrow(ResourceLimitError);
    expect(() => new Table(store, { element: ValType.FuncRef, limits: { min: 11, max: null } })).toThrow(ResourceLimitError);
  });

  it("traps on a refused growth with trapOnGrowFailure", () => {
    const store = new Store(engine, null).limiter(new StoreLimits({ memorySize: PAGE, trapOnGrowFailure: true }));
    const instance = new Instance(store, growable, []);
    let trap: unknown;
    try {
      instance.getFunc("growMemory")!.call(1);
    } catch (e) {
      trap = e;
    }
    expect(trap).toBeInstanceOf(Trap);
    expect((trap as Trap).code).toBe(TrapCode.GrowthOperationLimited);
    expect(instance.getFunc("growMemory")!.call(0)).toEqual([1]); // the store stays usable
  });

  it("caps the number of instances, memories and tables", () => {
    const store = new Store(engine, null).limiter(new StoreLimits({ instances: 2, memories: 2, tables: 1 }));
    new Instance(store, growable, []); // 1 instance, 1 memory, 1 table
    expect(() => new Instance(store, growable, [])).toThrow(/limit on tables/); // a second table
    expect(() => new Table(store, { element: ValType.FuncRef, limits: { min: 0, max: null } })).toThrow(ResourceLimitError);
    new Memory(store, { limits: { min: 0, max: null } } as never); // the second memory
    expect(() => new Instance(store, compile(`(module (memory 0))`), [])).toThrow(/limit on memories/);
    new Instance(store, compile(`(module)`), []); // the second instance
    expect(() => new Instance(store, compile(`(module)`), [])).toThrow(/limit on instances/);
    // a refused instantiation leaves nothing behind: still 2 instances
    expect(store.pruned.instancesCreated).toBe(2);
  });

  it("rejects bad settings", () => {
    expect(() => new StoreLimits({ memorySize: -1 })).toThrow(RangeError);
    expect(() => new StoreLimits({ instances: 1.5 })).toThrow(RangeError);
  });
});

describe("a ResourceLimiter reading the host data", () => {
  interface Quota {
    pagesLeft: number;
    asked: string[];
  }

  it("is asked with the host data for creations (current 0) and growths", () => {
    const limiter: ResourceLimiter<Quota> = {
      memoryGrowing(data, current, desired, maximum) {
        data.asked.push(`memory ${current} -> ${desired} (max ${maximum})`);
        if (desired - current > data.pagesLeft) return false;
        data.pagesLeft -= desired - current;
        return true;
      },
      instances: () => 1,
    };
    const store = new Store<Quota>(engine, { pagesLeft: 2, asked: [] }).limiter(limiter);
    const instance = new Instance(store, compile(`(module (memory (export "m") 1 5)
      (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`), []);
    expect(instance.getFunc("grow")!.call(2)).toEqual([-1]);
    expect(instance.getFunc("grow")!.call(1)).toEqual([1]);
    expect(store.data.asked).toEqual(["memory 0 -> 1 (max 5)", "memory 1 -> 3 (max 5)", "memory 1 -> 2 (max 5)"]);
    expect(() => new Instance(store, compile(`(module)`), [])).toThrow(ResourceLimitError);
  });
});
