// The custom-page-sizes proposal through the host API: memories with 1-byte pages count memory.size,
// memory.grow, Memory.size/grow and their limits in bytes; imports match only equal page sizes; the
// store's limits see bytes.
import { describe, expect, it } from "vitest";
import {
  CompileError, Engine, Instance, LinkError, Linker, Memory, Module, Store, StoreLimits, WASM2_FEATURES,
} from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

const BYTE_PAGES = `(module
  (memory (export "mem") 3 10 (pagesize 1))
  (data (i32.const 0) "abc")
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1))))`;

for (const jsTier of [true, false]) {
  describe(`memories with 1-byte pages (jsTier: ${jsTier})`, () => {
    const engine = new Engine({ jsTier });

    it("count memory.size and memory.grow in bytes, up to the declared maximum", () => {
      const instance = new Instance(new Store(engine, null), new Module(engine, parseWat(BYTE_PAGES)), []);
      const call = (name: string, ...args: number[]) => instance.getFunc(name)!.call(...args);
      const memory = instance.getMemory("mem")!;
      expect(memory.pageSize).toBe(1);
      expect(memory.type).toMatchObject({ limits: { min: 3, max: 10 }, pageSize: 1 });
      expect(call("size")).toEqual([3]);
      expect(memory.buffer.byteLength).toBe(3);
      expect(call("load", 2)).toEqual([0x63]);
      expect(() => call("load", 3)).toThrow(/out of bounds/);
      expect(call("grow", 4)).toEqual([3]);
      expect(call("size")).toEqual([7]);
      call("store", 6, 0x7a);
      expect(memory.readU8(6)).toBe(0x7a);
      expect(() => call("store", 7, 1)).toThrow(/out of bounds/);
      expect(call("grow", 4)).toEqual([-1]); // 11 bytes: over the maximum
      expect(memory.grow(3)).toBe(7); // the host grows in the same pages
      expect(memory.size).toBe(10);
      expect(call("size")).toEqual([10]);
      expect(call("load", 9)).toEqual([0]);
      expect(() => memory.grow(1)).toThrow(RangeError);
    });
  });
}

describe("page sizes at the host API", () => {
  const engine = new Engine();

  it("makes memories with 1-byte pages, which modules importing 1-byte pages take", () => {
    const store = new Store(engine, null);
    const memory = new Memory(store, { limits: { min: 5, max: null }, pageSize: 1 });
    expect(memory.size).toBe(5);
    expect(memory.buffer.byteLength).toBe(5);
    expect(memory.grow(2)).toBe(5);
    expect(memory.buffer.byteLength).toBe(7);
    const importer = (pageSize: string) => new Module(engine, parseWat(`(module
      (import "env" "mem" (memory 1 ${pageSize}))
      (func (export "size") (result i32) (memory.size)))`));
    const linker = new Linker<null>(engine).define("env", "mem", memory);
    expect(linker.instantiate(store, importer("(pagesize 1)")).getFunc("size")!.call()).toEqual([7]);
    expect(() => linker.instantiate(store, importer(""))).toThrow(LinkError);
    expect(() => linker.instantiate(store, importer(""))).toThrow(/expected memory 1, found memory 7 \(pagesize 1\)/);
    // and the other way: a 64 KiB memory does not satisfy an import of 1-byte pages
    const big = new Memory(store, { limits: { min: 1, max: null } });
    expect(big.pageSize).toBe(65536);
    expect(() => new Linker<null>(engine).define("env", "mem", big).instantiate(store, importer("(pagesize 1)")))
      .toThrow(/incompatible import type/);
  });

  it("refuses page sizes other than 1 and 65536", () => {
    const store = new Store(engine, null);
    expect(() => new Memory(store, { limits: { min: 1, max: null }, pageSize: 4096 })).toThrow(RangeError);
    expect(new Memory(store, { limits: { min: 1, max: null }, pageSize: 65536 }).buffer.byteLength).toBe(65536);
    expect(() => new Memory(new Store(new Engine({ features: WASM2_FEATURES }), null), { limits: { min: 1, max: null }, pageSize: 1 }))
      .toThrow(/customPageSizes/);
    expect(() => new Module(engine, parseWat("(module (memory 1 (pagesize 4096)))"))).toThrow(/invalid custom page size/);
    expect(() => new Module(engine, parseWat("(module (memory 0x1_0000_0000 (pagesize 1)))"))).toThrow(/memory size must be at most/);
    expect(() => new Module(new Engine({ features: WASM2_FEATURES }), parseWat(BYTE_PAGES))).toThrow(CompileError);
  });

  it("gives the store's limits sizes in bytes whatever the page size", () => {
    const store = new Store(engine, null).limiter(new StoreLimits({ memorySize: 100 }));
    const memory = new Memory(store, { limits: { min: 50, max: null }, pageSize: 1 });
    expect(memory.grow(50)).toBe(50);
    expect(() => memory.grow(1)).toThrow(RangeError); // 101 bytes
    expect(() => new Memory(store, { limits: { min: 1, max: null } })).toThrow(); // 65536 bytes
  });
});
