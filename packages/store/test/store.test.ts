import { describe, expect, it } from "vitest";
import {
  DEFAULT_HOOKS, DEFAULT_LIMITS, FuncType, LiveRefs, MemoryEntity, NULL_REF, NumberedRef, PAGE_SIZE, PrunedStore, TableEntity, Trap, TrapCode, TypeKey,
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

describe("LiveRefs.sweep", () => {
  it("keeps the numbers a stack holds, forgets the others, and gives one object one number at a time", () => {
    const refs = new LiveRefs();
    const [held, dropped, host] = [new NumberedRef(), new NumberedRef(), { host: true }];
    const [h, d, x] = [refs.number(held), refs.number(dropped), refs.number(host)];
    expect(refs.number(held)).toBe(h);
    // a stack that holds the number of `held` only (and words that are no number)
    refs.sweep([Int32Array.of(0, h, -7, 1 << 30)]);
    expect(refs.size).toBe(1);
    expect(refs.number(held)).toBe(h);
    expect(refs.value(h)).toBe(held);
    expect(refs.value(d)).not.toBe(dropped);
    expect(refs.value(x)).not.toBe(host);
    // forgotten numbers are given out again; an object gets a new number, then keeps it
    const d2 = refs.number(dropped);
    const x2 = refs.number(host);
    expect(new Set([h, d2, x2]).size).toBe(3);
    expect([d2, x2].every((n) => n === d || n === x)).toBe(true);
    expect([refs.number(dropped), refs.number(host), refs.value(d2), refs.value(x2)]).toEqual([d2, x2, dropped, host]);
    // a stack word equal to a free number does not keep it from being given out
    refs.sweep([Int32Array.of(h)]);
    refs.sweep([Int32Array.of(h, d2)]);
    const other = new NumberedRef();
    const o = refs.number(other);
    expect(o).not.toBe(h);
    expect(refs.value(o)).toBe(other);
    expect(refs.size).toBe(2);
  });

  it("still gives an object one number after 2^30 epochs, when it numbers under a new id", () => {
    const refs = new LiveRefs();
    const old = new NumberedRef();
    refs.number(old);
    // (the epoch is private: set as if 2^30 sweeps and calls had gone by)
    (refs as unknown as { epoch: number }).epoch = 2 ** 30;
    refs.clear();
    const fresh = new NumberedRef();
    const [o, f] = [refs.number(old), refs.number(fresh)];
    expect(o).not.toBe(f);
    expect([refs.number(old), refs.number(fresh), refs.value(o), refs.value(f)]).toEqual([o, f, old, fresh]);
    refs.sweep([Int32Array.of(o)]);
    expect([refs.number(old), refs.value(o)]).toEqual([o, old]);
    expect(refs.number(fresh)).not.toBe(o);
  });

  it("lets another LiveRefs number an object it owns in its own map, and each keeps one number for it", () => {
    const [a, b] = [new LiveRefs(), new LiveRefs()];
    const shared = new NumberedRef();
    const na = a.number(shared);
    const nb = b.number(shared);
    b.sweep([Int32Array.of(nb)]);
    a.sweep([]);
    expect(b.number(shared)).toBe(nb);
    const na2 = a.number(shared);
    expect(a.number(shared)).toBe(na2);
    expect([a.value(na2), b.value(nb)]).toEqual([shared, shared]);
    expect(na).toBeGreaterThan(0);
    a.clear();
    expect(a.number(shared)).toBe(a.number(shared));
    expect(b.number(shared)).toBe(nb);
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
