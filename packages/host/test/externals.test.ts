import { describe, expect, it } from "vitest";
import { Engine, Func, Global, Memory, PAGE_SIZE, Store, Table, ValType } from "@wasmi-ts/host";

function newStore<T>(data: T, engine = new Engine()) {
  return new Store(engine, data);
}

describe("Memory", () => {
  it("reads, writes and grows, keeping contents", () => {
    const memory = new Memory(newStore(null), { limits: { min: 1, max: 3 } });
    expect(memory.size).toBe(1);
    expect(memory.buffer.byteLength).toBe(PAGE_SIZE);
    memory.write(100, new Uint8Array([1, 2, 3]));
    expect(Array.from(memory.read(99, 5))).toEqual([0, 1, 2, 3, 0]);
    expect(memory.grow(2)).toBe(1);
    expect(memory.size).toBe(3);
    expect(memory.buffer.byteLength).toBe(3 * PAGE_SIZE);
    expect(Array.from(memory.read(100, 3))).toEqual([1, 2, 3]);
    expect(() => memory.grow(1)).toThrow(RangeError);
    expect(memory.grow(0)).toBe(3);
  });

  it("bounds-checks reads and writes", () => {
    const memory = new Memory(newStore(null), { limits: { min: 1, max: null } });
    expect(() => memory.read(PAGE_SIZE - 1, 2)).toThrow(/out of bounds memory access/);
    expect(() => memory.write(-1, new Uint8Array(1))).toThrow(RangeError);
    expect(memory.read(PAGE_SIZE, 0).length).toBe(0);
  });

  it("applies the engine's page cap and the store's limiter", () => {
    const capped = new Memory(newStore(null, new Engine({ maxMemoryPages: 2 })), { limits: { min: 1, max: null } });
    expect(() => capped.grow(2)).toThrow(RangeError);
    const store = newStore({ allowed: 2 });
    store.limiter({ memoryGrowing: (data, _current, desired) => desired <= data.allowed });
    const limited = new Memory(store, { limits: { min: 1, max: null } });
    expect(limited.grow(1)).toBe(1);
    expect(() => limited.grow(1)).toThrow(RangeError);
    store.data.allowed = 3;
    expect(limited.grow(1)).toBe(2);
  });
});

describe("Table", () => {
  it("gets, sets and grows funcref elements", () => {
    const store = newStore(null);
    const f = Func.wrap(store, { params: [], results: [] }, () => {});
    const table = new Table(store, { element: ValType.FuncRef, limits: { min: 2, max: 4 } }, f);
    expect(table.size).toBe(2);
    expect(table.get(0)).toBe(f);
    table.set(1, null);
    expect(table.get(1)).toBeNull();
    expect(table.grow(2, null)).toBe(2);
    expect([table.get(2), table.get(3)]).toEqual([null, null]);
    expect(() => table.grow(1)).toThrow(RangeError);
    expect(() => table.get(4)).toThrow(/out of bounds table access/);
    expect(() => table.set(0, 5)).toThrow(TypeError);
  });

  it("holds any JS value as externref", () => {
    const table = new Table(newStore(null), { element: ValType.ExternRef, limits: { min: 1, max: null } });
    expect(table.get(0)).toBeNull();
    const value = { x: 1 };
    table.set(0, value);
    expect(table.get(0)).toBe(value);
    table.grow(1, "s");
    expect(table.get(1)).toBe("s");
  });
});

describe("Global", () => {
  it("holds values of each type", () => {
    const store = newStore(null);
    const i64 = new Global(store, { type: ValType.I64, mutable: true }, -5n);
    expect(i64.value).toBe(-5n);
    i64.value = 2n ** 40n;
    expect(i64.value).toBe(2n ** 40n);
    expect(i64.entity.i32[1]).toBe(256); // high half
    const f32 = new Global(store, { type: ValType.F32, mutable: true }, 1.5);
    expect(f32.value).toBe(1.5);
    expect(f32.bits).toBe(0x3fc00000);
    f32.bits = 0x7fc00001; // a NaN with a payload
    expect(f32.bits).toBe(0x7fc00001);
    expect(f32.value).toBeNaN();
    const f64 = new Global(store, { type: ValType.F64, mutable: false }, 0.25);
    expect(f64.value).toBe(0.25);
    expect(f64.bits).toBe(0x3fd0000000000000n);
    const ext = new Global(store, { type: ValType.ExternRef, mutable: false }, "hi");
    expect(ext.value).toBe("hi");
  });

  it("refuses to set an immutable global or a value of the wrong type", () => {
    const store = newStore(null);
    const g = new Global(store, { type: ValType.I32, mutable: false }, 1);
    expect(() => { g.value = 2; }).toThrow(/immutable/);
    expect(g.value).toBe(1);
    const m = new Global(store, { type: ValType.I32, mutable: true }, 1);
    expect(() => { m.value = 1n; }).toThrow(TypeError);
    expect(() => new Global(store, { type: ValType.F64, mutable: false }, "x")).toThrow(TypeError);
  });
});
