import { describe, expect, it } from "vitest";
import {
  CompileError, Engine, Func, Instance, LinkError, Linker, Module, Store, Table, TrapCode, ValType,
} from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";
import { trapOf } from "./trap-of.js";

// table64 (WebAssembly 3.0): tables whose indices, offsets, lengths and sizes are i64. Each instruction is
// run with a constant index and with one from a parameter (the translator narrows them differently), and
// with indices from 2^32 on, which must not wrap around to small ones.

const TWO_32 = 2n ** 32n;

for (const lazyTranslation of [true, false]) {
  describe(`table64 (lazyTranslation: ${lazyTranslation})`, () => {
    const engine = new Engine({ lazyTranslation });
    const instantiate = (wat: string) => new Instance(new Store(engine, null), new Module(engine, parseWat(wat)), []);

    it("gets, sets, sizes and grows with i64 indices", () => {
      const inst = instantiate(`(module
        (table $t i64 3 10 externref)
        (func (export "get") (param i64) (result externref) (table.get $t (local.get 0)))
        (func (export "set") (param i64 externref) (table.set $t (local.get 0) (local.get 1)))
        (func (export "get2") (result externref) (table.get $t (i64.const 2)))
        (func (export "getFar") (result externref) (table.get $t (i64.const 0x1_0000_0001)))
        (func (export "size") (result i64) (table.size $t))
        (func (export "grow") (param i64) (result i64) (table.grow $t (ref.null extern) (local.get 0))))`);
      const call = (name: string, ...args: unknown[]) => inst.getFunc(name)!.call(...(args as never[]));
      call("set", 2n, "two");
      expect(call("get", 2n)).toEqual(["two"]);
      expect(call("get2")).toEqual(["two"]);
      expect(call("size")).toEqual([3n]);
      // 2^32 + 2 is out of bounds, not element 2
      expect(trapOf(() => call("get", TWO_32 + 2n)).code).toBe(TrapCode.TableOutOfBounds);
      expect(trapOf(() => call("set", TWO_32 + 2n, "x")).code).toBe(TrapCode.TableOutOfBounds);
      expect(trapOf(() => call("get", -1n)).code).toBe(TrapCode.TableOutOfBounds);
      expect(trapOf(() => call("getFar")).code).toBe(TrapCode.TableOutOfBounds);
      expect(trapOf(() => call("get", 3n)).code).toBe(TrapCode.TableOutOfBounds);
      expect(call("grow", 2n)).toEqual([3n]);
      expect(call("size")).toEqual([5n]);
      // beyond the maximum, and by 2^32 (which is not a growth by 0): -1 as an i64
      expect(call("grow", 6n)).toEqual([-1n]);
      expect(call("grow", TWO_32)).toEqual([-1n]);
      expect(call("grow", 0n)).toEqual([5n]);
      expect(call("size")).toEqual([5n]);
    });

    it("fills with an i64 offset and length", () => {
      const inst = instantiate(`(module
        (table $t i64 4 funcref)
        (func $f (result i32) (i32.const 7))
        (elem declare func $f)
        (func (export "fill") (param i64 i64) (table.fill $t (local.get 0) (ref.func $f) (local.get 1)))
        (func (export "isNull") (param i64) (result i32) (ref.is_null (table.get $t (local.get 0)))))`);
      const fill = inst.getFunc("fill")!;
      const isNull = (i: bigint) => inst.getFunc("isNull")!.call(i)[0];
      fill.call(1n, 2n);
      expect([0n, 1n, 2n, 3n].map(isNull)).toEqual([1, 0, 0, 1]);
      expect(trapOf(() => fill.call(3n, 2n)).code).toBe(TrapCode.TableOutOfBounds);
      // a length of 2^32 + 1 is not a length of 1
      expect(trapOf(() => fill.call(0n, TWO_32 + 1n)).code).toBe(TrapCode.TableOutOfBounds);
      expect(trapOf(() => fill.call(TWO_32, 0n)).code).toBe(TrapCode.TableOutOfBounds);
      fill.call(4n, 0n); // an empty fill at the end is in bounds
    });

    it("copies between 64-bit tables and between a 32-bit and a 64-bit one", () => {
      const inst = instantiate(`(module
        (table $a i64 4 externref)
        (table $b i64 4 externref)
        (table $c 4 externref)
        (func (export "set") (param i64 externref) (table.set $a (local.get 0) (local.get 1)))
        (func (export "b") (param i64) (result externref) (table.get $b (local.get 0)))
        (func (export "c") (param i32) (result externref) (table.get $c (local.get 0)))
        (func (export "a2b") (param i64 i64 i64) (table.copy $b $a (local.get 0) (local.get 1) (local.get 2)))
        ;; mixed: the length is i32, each index has its table's type
        (func (export "a2c") (param i32 i64 i32) (table.copy $c $a (local.get 0) (local.get 1) (local.get 2)))
        (func (export "c2b") (param i64 i32 i32) (table.copy $b $c (local.get 0) (local.get 1) (local.get 2))))`);
      const f = (name: string) => inst.getFunc(name)!;
      f("set").call(0n, "x");
      f("set").call(1n, "y");
      f("a2b").call(2n, 0n, 2n);
      expect([f("b").call(2n)[0], f("b").call(3n)[0]]).toEqual(["x", "y"]);
      f("a2c").call(1, 0n, 2);
      expect([f("c").call(1)[0], f("c").call(2)[0]]).toEqual(["x", "y"]);
      f("c2b").call(0n, 1, 1);
      expect(f("b").call(0n)).toEqual(["x"]);
      expect(trapOf(() => f("a2b").call(0n, TWO_32, 1n)).code).toBe(TrapCode.TableOutOfBounds);
      expect(trapOf(() => f("a2b").call(0n, 0n, TWO_32 + 1n)).code).toBe(TrapCode.TableOutOfBounds);
      expect(trapOf(() => f("a2c").call(0, TWO_32, 1)).code).toBe(TrapCode.TableOutOfBounds);
      expect(trapOf(() => f("c2b").call(TWO_32 + 1n, 0, 1)).code).toBe(TrapCode.TableOutOfBounds);
    });

    it("initialises from segments: an active one at an i64 offset, and table.init to an i64 index", () => {
      const inst = instantiate(`(module
        (table $t i64 4 funcref)
        (func $one (result i32) (i32.const 1))
        (func $two (result i32) (i32.const 2))
        (elem (table $t) (i64.const 3) func $one)
        (elem $e func $two $one)
        (func (export "call") (param i64) (result i32) (call_indirect $t (result i32) (local.get 0)))
        (func (export "init") (param i64 i32 i32) (table.init $t $e (local.get 0) (local.get 1) (local.get 2))))`);
      const call = (i: bigint) => inst.getFunc("call")!.call(i)[0];
      expect(call(3n)).toBe(1);
      inst.getFunc("init")!.call(0n, 0, 2);
      expect([call(0n), call(1n)]).toEqual([2, 1]);
      expect(trapOf(() => inst.getFunc("init")!.call(TWO_32, 0, 0)).code).toBe(TrapCode.TableOutOfBounds);
      expect(trapOf(() => inst.getFunc("init")!.call(3n, 0, 2)).code).toBe(TrapCode.TableOutOfBounds);
    });

    it("calls indirectly, and tail-calls, through an i64 index", () => {
      const inst = instantiate(`(module
        (type $r (func (result i32)))
        (table $t i64 funcref (elem $ten $twenty))
        (func $ten (result i32) (i32.const 10))
        (func $twenty (result i32) (i32.const 20))
        (func (export "call") (param i64) (result i32) (call_indirect $t (type $r) (local.get 0)))
        (func (export "call1") (result i32) (call_indirect $t (type $r) (i64.const 1)))
        (func (export "tail") (param i64) (result i32) (return_call_indirect $t (type $r) (local.get 0))))`);
      const f = (name: string) => inst.getFunc(name)!;
      expect(f("call").call(0n)).toEqual([10]);
      expect(f("call1").call()).toEqual([20]);
      expect(f("tail").call(1n)).toEqual([20]);
      expect(trapOf(() => f("call").call(2n)).code).toBe(TrapCode.UndefinedElement);
      expect(trapOf(() => f("call").call(TWO_32)).code).toBe(TrapCode.UndefinedElement);
      expect(trapOf(() => f("tail").call(TWO_32 + 1n)).code).toBe(TrapCode.UndefinedElement);
    });

    it("rejects i32 indices for a table64, and i64 ones for a 32-bit table", () => {
      const compile = (wat: string) => new Module(engine, parseWat(wat));
      expect(() => compile(`(module (table i64 1 funcref) (func (drop (table.get 0 (i32.const 0)))))`))
        .toThrow(/type mismatch/);
      expect(() => compile(`(module (table 1 funcref) (func (drop (table.get 0 (i64.const 0)))))`))
        .toThrow(CompileError);
      expect(() => compile(`(module (table i64 1 funcref) (func (result i32) (table.size 0)))`))
        .toThrow(/type mismatch/);
      // mixed copy: an i64 length needs two 64-bit tables
      expect(() => compile(`(module (table i64 1 funcref) (table 1 funcref)
        (func (table.copy 0 1 (i64.const 0) (i32.const 0) (i64.const 0))))`)).toThrow(/type mismatch/);
      expect(() => compile(`(module (table i64 1 funcref) (elem (table 0) (i32.const 0) func))`))
        .toThrow(/type mismatch/);
      expect(() => compile(`(module (table i64 2 1 funcref))`)).toThrow(/minimum must not be greater than maximum/);
    });

    it("links a table64 only to a table64, and reports its type", () => {
      const store = new Store(engine, null);
      const t64 = new Table(store, { element: ValType.FuncRef, limits: { min: 2, max: null }, is64: true });
      const t32 = new Table(store, { element: ValType.FuncRef, limits: { min: 2, max: null } });
      const module = new Module(engine, parseWat(`(module
        (import "m" "t" (table i64 1 funcref))
        (export "t" (table 0))
        (func (export "size") (result i64) (table.size 0)))`));
      expect(module.exports()[0]!.type).toEqual({ kind: "table", type: { element: ValType.FuncRef, limits: { min: 1, max: null }, is64: true } });
      const linker = new Linker(engine);
      linker.define("m", "t", t32);
      expect(() => linker.instantiate(store, module)).toThrow(LinkError);
      const inst = new Instance(store, module, [t64]);
      expect(inst.getFunc("size")!.call()).toEqual([2n]);
      expect(inst.getTable("t")).toBe(t64);
      expect(t64.is64).toBe(true);
      expect(t32.is64).toBe(false);
    });
  });
}

describe("Table's indices as numbers or bigints", () => {
  it("gets, sets and grows a table64 through the host API", () => {
    const store = new Store(new Engine(), null);
    const f = Func.wrap(store, { params: [], results: [] }, () => {});
    const table = new Table(store, { element: ValType.FuncRef, limits: { min: 2, max: 4 }, is64: true }, null);
    table.set(1n, f);
    expect(table.get(1n)).toBe(f);
    expect(table.get(1)).toBe(f);
    expect(table.grow(1n, f)).toBe(2);
    expect(table.size).toBe(3);
    expect(table.get(2n)).toBe(f);
    expect(() => table.get(2n ** 32n + 1n)).toThrow(/out of bounds table access: index 4294967297n/);
    expect(() => table.get(-1n)).toThrow(RangeError);
    expect(() => table.grow(2n ** 64n)).toThrow(RangeError);
    expect(() => table.grow(-1n)).toThrow(TypeError);
  });
});
