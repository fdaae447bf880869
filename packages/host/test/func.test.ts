import { describe, expect, it } from "vitest";
import { Engine, Func, FuncType, Instance, Module, Store, Trap, TrapCode, ValType, type Caller } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

const { I32, I64, F32, F64, V128, FuncRef, ExternRef } = ValType;

function setup() {
  const engine = new Engine();
  return { engine, store: new Store(engine, { calls: 0 }) };
}

describe("Func.wrap and call", () => {
  it("round-trips each value type through a host function", () => {
    const { store } = setup();
    const identity = (t: number) => Func.wrap(store, { params: [t], results: [t] }, (_c, x) => x);
    expect(identity(I32).call(-7)).toEqual([-7]);
    expect(identity(I32).call(0xffffffff)).toEqual([-1]); // ToInt32
    expect(() => identity(I32).call(2 ** 32 + 5)).toThrow(RangeError); // no silent wrap
    expect(() => identity(I32).call(1.5)).toThrow(TypeError);
    expect(identity(I64).call(-(2n ** 63n))).toEqual([-(2n ** 63n)]);
    expect(identity(I64).call(2n ** 64n - 1n)).toEqual([-1n]); // unsigned in, signed out
    expect(() => identity(I64).call(2n ** 64n)).toThrow(RangeError); // no silent wrap
    expect(() => identity(I64).call(12)).toThrow(/write 12n/); // a number is a TypeError, as in the JS API
    expect(() => identity(I64).call(1e20)).toThrow(TypeError);
    expect(identity(F32).call(1.5)).toEqual([1.5]);
    expect(identity(F32).call(0.1)).toEqual([Math.fround(0.1)]);
    expect(identity(F64).call(0.1)).toEqual([0.1]);
    const v = Uint8Array.from({ length: 16 }, (_, i) => 255 - i);
    const [back] = identity(V128).call(v) as [Uint8Array];
    expect(Array.from(back)).toEqual(Array.from(v));
    expect(back).not.toBe(v);
    const f = identity(I32);
    expect(identity(FuncRef).call(f)).toEqual([f]);
    expect(identity(FuncRef).call(null)).toEqual([null]);
    const obj = { hello: "world" };
    expect(identity(ExternRef).call(obj)[0]).toBe(obj);
    expect(identity(ExternRef).call(null)).toEqual([null]);
    expect(identity(ExternRef).call(undefined)).toEqual([undefined]); // undefined is a non-null externref
    expect(identity(ExternRef).call([1, 2])).toEqual([[1, 2]]); // an array is one externref value
  });

  it("passes several parameters and results in order", () => {
    const { store } = setup();
    const f = Func.wrap(store, new FuncType([I32, I64, F64, V128, F32], [F32, V128, F64, I64, I32]),
      (_c, a, b, c, d, e) => [e, d, c, b, a]);
    const v = new Uint8Array(16).fill(9);
    const [e, d, c, b, a] = f.call(1, 2n, 3.5, v, 4.25);
    expect([e, c, b, a]).toEqual([4.25, 3.5, 2n, 1]);
    expect(Array.from(d as Uint8Array)).toEqual(Array.from(v));
  });

  it("accepts an array of one value for a single result, and nothing for no result", () => {
    const { store } = setup();
    expect(Func.wrap(store, { params: [], results: [I32] }, () => [5]).call()).toEqual([5]);
    expect(Func.wrap(store, { params: [], results: [] }, () => 42).call()).toEqual([]);
  });

  it("throws TypeError on wrong argument count or types", () => {
    const { store } = setup();
    const f = Func.wrap(store, { params: [I32, I64], results: [] }, () => {});
    expect(() => f.call(1)).toThrow(TypeError);
    expect(() => f.call("1", 2n)).toThrow(/argument 0: expected a i32 value, got string/);
    expect(() => f.call(1, 1.5)).toThrow(TypeError);
    const g = Func.wrap(store, { params: [FuncRef], results: [] }, () => {});
    expect(() => g.call({})).toThrow(TypeError);
    const other = new Store(new Engine(), null);
    const foreign = Func.wrap(other, { params: [], results: [] }, () => {});
    expect(() => g.call(foreign)).toThrow(/different store/);
  });

  it("throws TypeError when a host function returns wrong results", () => {
    const { store } = setup();
    expect(() => Func.wrap(store, { params: [], results: [I32] }, () => "x").call()).toThrow(TypeError);
    expect(() => Func.wrap(store, { params: [], results: [I64] }, () => 1.5).call()).toThrow(TypeError);
    expect(() => Func.wrap(store, { params: [], results: [F64] }, () => 1n).call()).toThrow(TypeError);
    expect(() => Func.wrap(store, { params: [], results: [I32, I32] }, () => [1]).call()).toThrow(/array of 2 values/);
    expect(() => Func.wrap(store, { params: [], results: [I32] }, () => undefined).call()).toThrow(TypeError);
    expect(() => Func.wrap(store, { params: [], results: [V128] }, () => new Uint8Array(8)).call()).toThrow(TypeError);
  });

  it("gives host functions the store data through the caller", () => {
    const { store } = setup();
    const f = Func.wrap(store, { params: [], results: [I32] }, (caller: Caller<{ calls: number }>) => {
      caller.data.calls++;
      expect(caller.store).toBe(store);
      expect(caller.getExport("anything")).toBeUndefined(); // no calling instance
      return caller.data.calls;
    });
    expect(f.call()).toEqual([1]);
    expect(f.call()).toEqual([2]);
    expect(store.data.calls).toBe(2);
  });

  it("lets traps and other exceptions from host functions through unchanged", () => {
    const { store } = setup();
    const trap = new Trap(TrapCode.Unreachable);
    expect(() => Func.wrap(store, { params: [], results: [] }, () => { throw trap; }).call()).toThrow(trap);
    const err = new RangeError("mine");
    expect(() => Func.wrap(store, { params: [], results: [] }, () => { throw err; }).call()).toThrow(err);
  });

  it("exposes float bit patterns with callBits", () => {
    const { store } = setup();
    const f32 = Func.wrap(store, { params: [F32], results: [F32] }, (_c, x) => x);
    expect(f32.callBits(0x3fc00000)).toEqual([0x3fc00000]); // 1.5
    const f64 = Func.wrap(store, { params: [F64], results: [F64] }, (_c, x) => x);
    expect(f64.callBits(0x3ff8000000000000n)).toEqual([0x3ff8000000000000n]);
    expect(f64.callBits(0xfff0000000000000n)).toEqual([0xfff0000000000000n]); // -inf, unsigned bits
    // Raw host access: NaN payload bits stay intact when the host function is an identity on slots.
    const raw = Func.wrap(store, { params: [I32, F32], results: [F32, I32] }, (_c, a, b) => [b, a]);
    expect(raw.callBits(7, 0x40490fdb)).toEqual([0x40490fdb, 7]);
    expect(() => f32.callBits(1.5)).toThrow(TypeError);
  });

  it("returns the single result from a typed function", () => {
    const { store } = setup();
    const add = Func.wrap(store, { params: [I32, I32], results: [I32] }, (_c, a, b) => (a as number) + (b as number));
    expect(add.typed<[number, number], number>().call(2, 3)).toBe(5);
    const none = Func.wrap(store, { params: [], results: [] }, () => {});
    expect(none.typed<[], undefined>().call()).toBeUndefined();
    const two = Func.wrap(store, { params: [], results: [I32, I64] }, () => [1, 2n]);
    expect(two.typed<[], [number, bigint]>().call()).toEqual([1, 2n]);
    expect(add.type.toString()).toBe("[i32 i32] -> [i32]");
  });

  it("keeps one handle per function", () => {
    const { store } = setup();
    const f = Func.wrap(store, { params: [], results: [FuncRef] }, () => null);
    const g = Func.wrap(store, { params: [FuncRef], results: [FuncRef] }, (_c, x) => x);
    expect(g.call(f)[0]).toBe(f);
  });
});

describe("Func.call re-entered from a host function", () => {
  it("keeps each call's arguments and results apart (the call slots are reused)", () => {
    const engine = new Engine();
    const store = new Store(engine, null);
    let f: Func | undefined;
    // host(n) = f(n - 1) as i64, so f(n) = n + (n - 1) + ... + 1, by alternating Wasm and host frames
    const host = Func.wrap(store, { params: [ValType.I32], results: [ValType.I64] }, (_caller, n) => {
      const [r] = f!.call((n as number) - 1);
      return BigInt(r as number);
    });
    const module = new Module(engine, parseWat(`(module
      (import "env" "host" (func $host (param i32) (result i64)))
      (func (export "f") (param i32) (result i32)
        (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
          (else (i32.add (local.get 0) (i32.wrap_i64 (call $host (local.get 0))))))))`));
    f = new Instance(store, module, [host]).getFunc("f")!;
    expect(f.call(100)).toEqual([5050]);
    expect(f.call(3)).toEqual([6]);
  });
});

describe("Func.index", () => {
  it("is the function's index in its module, null for host functions", () => {
    const engine = new Engine();
    const store = new Store(engine, null);
    const host = Func.wrap(store, { params: [], results: [] }, () => {});
    const instance = new Instance(store, new Module(engine, parseWat(`(module
      (import "env" "h" (func $h)) (func $a) (func (export "b")) (export "h" (func $h)))`)), [host]);
    expect(instance.getFunc("b")!.index).toBe(2);
    expect(instance.getFunc("h")!.index).toBe(null);
  });
});
