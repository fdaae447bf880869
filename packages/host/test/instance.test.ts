import { describe, expect, it } from "vitest";
import {
  Engine, Func, Global, Instance, LinkError, Linker, Memory, Module, Store, Table, Trap, TrapCode, ValType,
  type Caller,
} from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

for (const lazyTranslation of [true, false]) {
  describe(`wasm through the host API (lazyTranslation: ${lazyTranslation})`, () => {
    const engine = new Engine({ lazyTranslation });
    const compile = (wat: string) => new Module(engine, parseWat(wat));

    it("calls an exported function with each numeric type", () => {
      const add = (t: string) => `(func (export "${t}") (param ${t} ${t}) (result ${t}) (${t}.add (local.get 0) (local.get 1)))`;
      const module = compile(`(module ${["i32", "i64", "f32", "f64"].map(add).join(" ")})`);
      const instance = new Instance(new Store(engine, null), module, []);
      expect(instance.getFunc("i32")!.call(0x7fffffff, 1)).toEqual([-0x80000000]);
      expect(instance.getFunc("i64")!.call(2n ** 62n, 2n ** 62n)).toEqual([-(2n ** 63n)]);
      expect(instance.getFunc("f32")!.call(0.5, 0.25)).toEqual([0.75]);
      expect(instance.getFunc("f64")!.call(0.1, 0.2)).toEqual([0.1 + 0.2]);
      expect(instance.getFunc("i32")!.typed<[number, number], number>().call(2, 40)).toBe(42);
    });

    it("keeps NaN payloads with callBits", () => {
      const instance = new Instance(new Store(engine, null), compile(`(module
        (func (export "nan") (result f32) (f32.const nan:0x200001)) ;; bits 0x7fa00001
        (func (export "id") (param f64) (result f64) (local.get 0)))`), []);
      expect(instance.getFunc("nan")!.callBits()).toEqual([0x7fa00001]);
      expect(instance.getFunc("id")!.callBits(0x7ff0000000000123n)).toEqual([0x7ff0000000000123n]);
    });

    it("traps with a typed Trap", () => {
      const instance = new Instance(new Store(engine, null), compile(`(module (func (export "boom") unreachable))`), []);
      expect(() => instance.getFunc("boom")!.call()).toThrow(Trap);
      try {
        instance.getFunc("boom")!.call();
      } catch (e) {
        expect((e as Trap).code).toBe(TrapCode.Unreachable);
        expect((e as Trap).reason).toBe("unreachable");
      }
    });

    it("links host functions by name and passes the store data", () => {
      const quad = `(module
        (import "env" "double" (func $double (param i32) (result i32)))
        (func (export "quad") (param i32) (result i32) (call $double (call $double (local.get 0)))))`;
      const linker = new Linker<{ calls: number }>(engine);
      linker.func("env", "double", { params: [ValType.I32], results: [ValType.I32] }, (caller, x) => {
        caller.data.calls++;
        return (x as number) * 2;
      });
      const store = new Store(engine, { calls: 0 });
      const instance = linker.instantiate(store, compile(quad));
      expect(instance.getFunc("quad")!.call(5)).toEqual([20]);
      expect(store.data.calls).toBe(2);
      // The same linker serves another store with its own function.
      const store2 = new Store(engine, { calls: 0 });
      expect(linker.instantiate(store2, compile(quad)).getFunc("quad")!.call(1)).toEqual([4]);
      expect(store2.data.calls).toBe(2);
      expect(store.data.calls).toBe(2);
    });

    it("reports unknown and incompatible imports as LinkError", () => {
      const module = compile(`(module (import "env" "f" (func (param i32))))`);
      const store = new Store(engine, null);
      const linker = new Linker<null>(engine);
      expect(() => linker.instantiate(store, module)).toThrow(LinkError);
      expect(() => linker.instantiate(store, module)).toThrow(/^unknown import/);
      linker.func("env", "f", { params: [ValType.I64], results: [] }, () => {});
      expect(() => linker.instantiate(store, module)).toThrow(/^incompatible import type/);
      expect(() => linker.func("env", "f", { params: [ValType.I32], results: [] }, () => {})).toThrow(/already defined/);
      linker.allowShadowing(true).func("env", "f", { params: [ValType.I32], results: [] }, () => {});
      expect(linker.instantiate(store, module)).toBeInstanceOf(Instance);
      const wrongKind = new Linker<null>(engine).define("env", "f", new Memory(store, { limits: { min: 0, max: null } }));
      expect(() => wrongKind.instantiate(store, module)).toThrow(/incompatible import type/);
    });

    it("gives host functions the calling instance's exports", () => {
      const module = compile(`(module
        (import "env" "peek" (func $peek (param i32) (result i32)))
        (memory (export "mem") 1)
        (data (i32.const 8) "\\0b\\16\\21") ;; 11 22 33
        (func (export "run") (result i32) (call $peek (i32.const 9))))`);
      const linker = new Linker<null>(engine).func("env", "peek", { params: [ValType.I32], results: [ValType.I32] },
        (caller: Caller<null>, addr) => caller.getMemory("mem")!.read(addr as number, 1)[0]!);
      const instance = linker.instantiate(new Store(engine, null), module);
      expect(instance.getFunc("run")!.call()).toEqual([22]);
    });

    it("supports host functions calling back into wasm (re-entrancy)", () => {
      // inner(x) = x == 0 ? 0 : callback(x - 1) + 1, so the host and wasm frames interleave.
      const module = compile(`(module
        (import "env" "callback" (func $callback (param i32) (result i32)))
        (func (export "inner") (param i32) (result i32)
          (if (result i32) (i32.eqz (local.get 0))
            (then (i32.const 0))
            (else (i32.add (call $callback (i32.sub (local.get 0) (i32.const 1))) (i32.const 1))))))`);
      const linker = new Linker<{ depth: number }>(engine).func("env", "callback", { params: [ValType.I32], results: [ValType.I32] },
        (caller, x) => {
          caller.data.depth++;
          return caller.getFunc("inner")!.call(x)[0];
        });
      const store = new Store(engine, { depth: 0 });
      const instance = linker.instantiate(store, module);
      expect(instance.getFunc("inner")!.call(10)).toEqual([10]);
      expect(store.data.depth).toBe(10);
    });

    it("unwinds wasm frames when a host function throws", () => {
      const failing = `(module
        (import "env" "fail" (func $fail))
        (func (export "run") (result i32) (call $fail) (i32.const 1))
        (func (export "ok") (result i32) (i32.const 2)))`;
      const error = new Error("host failure");
      const store = new Store(engine, null);
      const instance = new Instance(store, compile(failing), [Func.wrap(store, { params: [], results: [] }, () => { throw error; })]);
      expect(() => instance.getFunc("run")!.call()).toThrow(error);
      expect(instance.getFunc("ok")!.call()).toEqual([2]); // the store is usable afterwards
      const trapping = new Instance(store, compile(failing), [Func.wrap(store, { params: [], results: [] }, () => { throw new Trap(TrapCode.HostError, "custom"); })]);
      expect(() => trapping.getFunc("run")!.call()).toThrow("custom");
    });

    it("shares memory with the host: wasm writes, grows; the host reads", () => {
      const instance = new Instance(new Store(engine, null), compile(`(module
        (memory (export "mem") 1 4)
        (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
        (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
        (func (export "size") (result i32) (memory.size)))`), []);
      const memory = instance.getMemory("mem")!;
      instance.getFunc("store")!.call(16, 0x04030201);
      expect(Array.from(memory.read(16, 4))).toEqual([1, 2, 3, 4]);
      expect(instance.getFunc("grow")!.call(2)).toEqual([1]);
      expect(memory.size).toBe(3);
      expect(memory.grow(1)).toBe(3);
      expect(instance.getFunc("size")!.call()).toEqual([4]);
      expect(instance.getFunc("grow")!.call(1)).toEqual([-1]);
      expect(Array.from(memory.read(16, 4))).toEqual([1, 2, 3, 4]);
    });

    it("asks the store's limiter before wasm grows a memory", () => {
      const module = compile(`(module (memory 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))`);
      const store = new Store(engine, { maxPages: 3, asked: [] as number[] });
      store.limiter({ memoryGrowing: (data, _current, desired) => { data.asked.push(desired); return desired <= data.maxPages; } });
      const grow = new Instance(store, module, []).getFunc("grow")!;
      expect(grow.call(1)).toEqual([1]);
      expect(grow.call(2)).toEqual([-1]);
      expect(grow.call(1)).toEqual([2]);
      expect(store.data.asked).toEqual([1, 2, 4, 3]); // asked for the initial size too
    });

    it("links memories, tables and globals defined in the linker", () => {
      // run() = (g += mem[0]; (tab[0] == null) + g)
      const module = compile(`(module
        (import "host" "mem" (memory 1))
        (import "host" "tab" (table 1 funcref))
        (import "host" "g" (global $g (mut i32)))
        (func (export "run") (result i32)
          (global.set $g (i32.add (i32.load8_u (i32.const 0)) (global.get $g)))
          (i32.add (ref.is_null (table.get 0 (i32.const 0))) (global.get $g))))`);
      const store = new Store(engine, null);
      const memory = new Memory(store, { limits: { min: 1, max: null } });
      memory.write(0, new Uint8Array([40]));
      const global = new Global(store, { type: ValType.I32, mutable: true }, 1);
      const linker = new Linker<null>(engine)
        .define("host", "mem", memory)
        .define("host", "tab", new Table(store, { element: ValType.FuncRef, limits: { min: 1, max: null } }))
        .define("host", "g", global);
      expect(linker.get(store, "host", "g")).toBe(global);
      expect(linker.get(store, "host", "nope")).toBeUndefined();
      expect(linker.instantiate(store, module).getFunc("run")!.call()).toEqual([42]);
      expect(global.value).toBe(41);
    });

    it("lets host functions replace the store data through the caller", () => {
      const module = compile(`(module
        (import "env" "set" (func $set (param i32)))
        (func (export "run") (call $set (i32.const 5))))`);
      const linker = new Linker<{ n: number }>(engine).func("env", "set", { params: [ValType.I32], results: [] },
        (caller, n) => { caller.data = { n: n as number }; });
      const store = new Store(engine, { n: 0 });
      linker.instantiate(store, module).getFunc("run")!.call();
      expect(store.data).toEqual({ n: 5 });
    });

    it("imports and exports globals", () => {
      const globals = `(module
        (import "env" "base" (global $base i64))
        (global $counter (export "counter") (mut i64) (global.get $base))
        (global (export "half") f32 (f32.const 2.5))
        (func (export "bump") (result i64)
          (global.set $counter (i64.add (global.get $counter) (i64.const 1)))
          (global.get $counter)))`;
      const store = new Store(engine, null);
      const base = new Global(store, { type: ValType.I64, mutable: false }, 2n ** 33n);
      const instance = new Instance(store, compile(globals), [base]);
      const g = instance.getGlobal("counter")!;
      expect(g.value).toBe(2n ** 33n);
      expect(instance.getFunc("bump")!.call()).toEqual([2n ** 33n + 1n]);
      g.value = -10n;
      expect(instance.getFunc("bump")!.call()).toEqual([-9n]);
      expect(instance.getGlobal("half")!.value).toBe(2.5);
      expect(() => { instance.getGlobal("half")!.value = 1; }).toThrow(TypeError);
      const mutableBase = new Global(store, { type: ValType.I64, mutable: true }, 0n);
      expect(() => new Instance(store, compile(globals), [mutableBase])).toThrow(LinkError);
    });

    it("exposes tables filled by element segments and used by call_indirect", () => {
      const module = compile(`(module
        (type $t (func (result i32)))
        (func $f7 (type $t) (i32.const 7))
        (func $f8 (type $t) (i32.const 8))
        (table (export "table") 3 funcref)
        (elem (i32.const 1) $f7 $f8)
        (func (export "callAt") (param i32) (result i32) (call_indirect (type $t) (local.get 0))))`);
      const store = new Store(engine, null);
      const instance = new Instance(store, module, []);
      const table = instance.getTable("table")!;
      expect(table.size).toBe(3);
      expect(table.get(0)).toBeNull();
      expect((table.get(1) as Func).call()).toEqual([7]);
      expect(instance.getFunc("callAt")!.call(2)).toEqual([8]);
      table.set(0, Func.wrap(store, { params: [], results: [ValType.I32] }, () => 99));
      expect(instance.getFunc("callAt")!.call(0)).toEqual([99]);
      table.set(2, null);
      expect(() => instance.getFunc("callAt")!.call(2)).toThrow(Trap);
    });

    it("runs the start function and reports its trap", () => {
      const hitting = compile(`(module (import "env" "hit" (func $hit)) (func $start (call $hit)) (start $start))`);
      let hits = 0;
      const store = new Store(engine, null);
      new Instance(store, hitting, [Func.wrap(store, { params: [], results: [] }, () => { hits++; })]);
      expect(hits).toBe(1);
      const trapping = compile(`(module (func $start unreachable) (start $start))`);
      expect(() => new Instance(store, trapping, [])).toThrow(/^unreachable\nwasm backtrace:/);
    });

    it("links instances to each other through the linker", () => {
      const a = compile(`(module (memory (export "mem") 1) (func (export "seven") (result i32) (i32.const 7)))`);
      const c = compile(`(module
        (import "a" "seven" (func $seven (result i32)))
        (import "a" "mem" (memory 1))
        (func (export "run") (result i32)
          (i32.store (i32.const 0) (call $seven))
          (i32.load (i32.const 0))))`);
      const store = new Store(engine, null);
      const linker = new Linker<null>(engine);
      const first = linker.instantiate(store, a);
      linker.instance("a", first);
      const second = linker.instantiate(store, c);
      expect(second.getFunc("run")!.call()).toEqual([7]);
      expect(first.getMemory("mem")!.read(0, 1)[0]).toBe(7);
    });

    it("refuses handles of another store", () => {
      const importsMemory = `(module (import "env" "m" (memory 1)))`;
      const other = new Memory(new Store(engine, null), { limits: { min: 1, max: null } });
      expect(() => new Instance(new Store(engine, null), compile(importsMemory), [other])).toThrow(/different store/);
      const table = new Table(new Store(engine, null), { element: ValType.FuncRef, limits: { min: 1, max: null } });
      expect(() => new Instance(new Store(engine, null), compile(importsMemory), [table])).toThrow(/different store/);
    });
  });
}
