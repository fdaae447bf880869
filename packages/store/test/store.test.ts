import { describe, expect, it } from "vitest";
import {
  DEFAULT_HOOKS, DEFAULT_LIMITS, FuncType, MemoryEntity, NULL_REF, PAGE_SIZE, PrunedStore, TableEntity, Trap, TrapCode, TypeKey,
  TypeRegistry, ValType, ValueSlots, growMemory, growTable,
} from "../src/index.js";

function newStore(): PrunedStore {
  return new PrunedStore(new TypeKey<number>("number"), 42, new TypeRegistry(), DEFAULT_LIMITS);
}

describe("TypeRegistry", () => {
  it("gives equal signatures one id and different ones different ids", () => {
    const r = new TypeRegistry();
    const a = r.intern(new FuncType([ValType.I32], [ValType.I64]));
    const b = r.intern(new FuncType([ValType.I32], [ValType.I64]));
    const c = r.intern(new FuncType([ValType.I64], [ValType.I32]));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(r.get(c).params).toEqual([ValType.I64]);
  });
});

describe("MemoryEntity", () => {
  it("grows up to its maximum, keeps its contents and bumps its generation", () => {
    const m = new MemoryEntity({ limits: { min: 1, max: 3 } }, 3);
    m.u8[10] = 7;
    expect(m.grow(1)).toBe(1);
    expect(m.byteLength).toBe(2 * PAGE_SIZE);
    expect(m.u8[10]).toBe(7);
    expect(m.generation).toBe(1);
    expect(m.grow(2)).toBe(-1);
    expect(m.pages).toBe(2);
  });

  it("asks the store's hooks before growing", () => {
    const store = newStore();
    const asked: number[][] = [];
    store.hooks = {
      ...DEFAULT_HOOKS,
      memoryGrowing: (_s, current, desired) => (asked.push([current, desired]), desired <= 2),
      tableGrowing: () => false,
    };
    const m = new MemoryEntity({ limits: { min: 1, max: null } }, 100);
    expect(growMemory(store, m, 1)).toBe(1);
    expect(growMemory(store, m, 1)).toBe(-1);
    expect(asked).toEqual([[1, 2], [2, 3]]);
    const t = new TableEntity({ element: ValType.FuncRef, limits: { min: 0, max: null } }, 100, null);
    expect(growTable(store, t, 1, null)).toBe(-1);
  });
});

describe("PrunedStore", () => {
  it("keeps the host data untyped with its runtime key", () => {
    const store = newStore();
    expect(store.data).toBe(42);
    expect(store.typeKey.name).toBe("number");
  });

  it("numbers references while it runs: one number per value, null is 0, all forgotten when released", () => {
    const store = newStore();
    const o = {};
    const r1 = store.refs.number(o);
    expect(store.refs.number(o)).toBe(r1);
    expect(store.refs.number("x")).not.toBe(r1);
    expect(store.refs.number(undefined)).not.toBe(NULL_REF); // undefined is a value, not the null reference
    expect(store.refs.number(null)).toBe(NULL_REF);
    expect(r1).toBeGreaterThan(0);
    expect(store.refs.value(r1)).toBe(o);
    expect(store.refs.value(NULL_REF)).toBe(null);
    expect(store.refs.size).toBe(3);
    store.running = 1; // an execution in progress: its numbers stay
    store.releaseRefs();
    expect(store.refs.value(r1)).toBe(o);
    store.running = 0;
    store.releaseRefs();
    expect(store.refs.size).toBe(0);
    expect(store.refs.value(r1)).toBe(undefined);
  });
});

describe("ValueSlots", () => {
  it("shares one buffer between its views and keeps contents when grown", () => {
    const s = new ValueSlots(2);
    s.f64[1] = 1.5;
    s.ensure(100);
    expect(s.length).toBeGreaterThanOrEqual(100);
    expect(s.f64[1]).toBe(1.5);
    s.i32[0] = 0;
    s.i32[1] = 0x3ff00000;
    expect(s.f64[0]).toBe(1);
  });
});

describe("Trap", () => {
  it("carries a code and the spec's message", () => {
    const t = new Trap(TrapCode.IntegerDivideByZero);
    expect(t).toBeInstanceOf(Error);
    expect(t.code).toBe(TrapCode.IntegerDivideByZero);
    expect(t.message).toBe("integer divide by zero");
  });
});
