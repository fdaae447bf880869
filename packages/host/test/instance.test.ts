import { describe, expect, it } from "vitest";
import {
  Engine, Func, Global, Instance, LinkError, Linker, Memory, Module, Store, Table, Trap, TrapCode, ValType,
  type Caller,
} from "@wasmi-ts/host";
import { F32, F64, FUNCREF, I32, I64, ModuleBuilder, f32c, i32c, i64c, leb, op } from "./helpers/wasm-builder.js";

for (const lazyTranslation of [true, false]) {
  describe(`wasm through the host API (lazyTranslation: ${lazyTranslation})`, () => {
    const engine = new Engine({ lazyTranslation });
    const compile = (b: ModuleBuilder) => new Module(engine, b.build());

    it("calls an exported function with each numeric type", () => {
      const b = new ModuleBuilder();
      const add = (t: number, addOp: number, name: string) =>
        b.export(name, "func", b.func(b.type([t, t], [t]), [op.local_get, 0, op.local_get, 1, addOp]));
      add(I32, op.i32_add, "i32");
      add(I64, op.i64_add, "i64");
      add(F32, op.f32_add, "f32");
      add(F64, op.f64_add, "f64");
      const instance = new Instance(new Store(engine, null), compile(b), []);
      expect(instance.getFunc("i32")!.call(0x7fffffff, 1)).toEqual([-0x80000000]);
      expect(instance.getFunc("i64")!.call(2n ** 62n, 2n ** 62n)).toEqual([-(2n ** 63n)]);
      expect(instance.getFunc("f32")!.call(0.5, 0.25)).toEqual([0.75]);
      expect(instance.getFunc("f64")!.call(0.1, 0.2)).toEqual([0.1 + 0.2]);
      expect(instance.getFunc("i32")!.typed<[number, number], number>().call(2, 40)).toBe(42);
    });

    it("keeps NaN payloads with callBits", () => {
      const b = new ModuleBuilder();
      b.export("nan", "func", b.func(b.type([], [F32]), [op.f32_const, 0x01, 0x00, 0xa0, 0x7f]));
      b.export("id", "func", b.func(b.type([F64], [F64]), [op.local_get, 0]));
      const instance = new Instance(new Store(engine, null), compile(b), []);
      expect(instance.getFunc("nan")!.callBits()).toEqual([0x7fa00001]);
      expect(instance.getFunc("id")!.callBits(0x7ff0000000000123n)).toEqual([0x7ff0000000000123n]);
    });

    it("traps with a typed Trap", () => {
      const b = new ModuleBuilder();
      b.export("boom", "func", b.func(b.type([], []), [op.unreachable]));
      const instance = new Instance(new Store(engine, null), compile(b), []);
      expect(() => instance.getFunc("boom")!.call()).toThrow(Trap);
      try {
        instance.getFunc("boom")!.call();
      } catch (e) {
        expect((e as Trap).code).toBe(TrapCode.Unreachable);
        expect((e as Trap).message).toBe("unreachable");
      }
    });

    it("links host functions by name and passes the store data", () => {
      const b = new ModuleBuilder();
      const t = b.type([I32], [I32]);
      const double = b.importFunc("env", "double", t);
      b.export("quad", "func", b.func(t, [op.local_get, 0, op.call, double, op.call, double]));
      const linker = new Linker<{ calls: number }>(engine);
      linker.func("env", "double", { params: [ValType.I32], results: [ValType.I32] }, (caller, x) => {
        caller.data.calls++;
        return (x as number) * 2;
      });
      const store = new Store(engine, { calls: 0 });
      const instance = linker.instantiate(store, compile(b));
      expect(instance.getFunc("quad")!.call(5)).toEqual([20]);
      expect(store.data.calls).toBe(2);
      // The same linker serves another store with its own function.
      const store2 = new Store(engine, { calls: 0 });
      expect(linker.instantiate(store2, compile(b)).getFunc("quad")!.call(1)).toEqual([4]);
      expect(store2.data.calls).toBe(2);
      expect(store.data.calls).toBe(2);
    });

    it("reports unknown and incompatible imports as LinkError", () => {
      const b = new ModuleBuilder();
      b.importFunc("env", "f", b.type([I32], []));
      const module = compile(b);
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
      const b = new ModuleBuilder();
      const peek = b.importFunc("env", "peek", b.type([I32], [I32]));
      b.memory(1).export("mem", "memory", 0).data(8, [11, 22, 33]);
      b.export("run", "func", b.func(b.type([], [I32]), [...i32c(9), op.call, peek]));
      const linker = new Linker<null>(engine).func("env", "peek", { params: [ValType.I32], results: [ValType.I32] },
        (caller: Caller<null>, addr) => caller.getMemory("mem")!.read(addr as number, 1)[0]!);
      const instance = linker.instantiate(new Store(engine, null), compile(b));
      expect(instance.getFunc("run")!.call()).toEqual([22]);
    });

    it("supports host functions calling back into wasm (re-entrancy)", () => {
      const b = new ModuleBuilder();
      const t = b.type([I32], [I32]);
      const callback = b.importFunc("env", "callback", t);
      // inner(x) = x == 0 ? 0 : callback(x - 1) + 1, so the host and wasm frames interleave.
      const inner = b.func(t, [
        op.local_get, 0, op.i32_eqz, op.if, I32, ...i32c(0), op.else,
        op.local_get, 0, ...i32c(1), op.i32_sub, op.call, callback, ...i32c(1), op.i32_add, op.end,
      ]);
      b.export("inner", "func", inner);
      const linker = new Linker<{ depth: number }>(engine).func("env", "callback", { params: [ValType.I32], results: [ValType.I32] },
        (caller, x) => {
          caller.data.depth++;
          return caller.getFunc("inner")!.call(x)[0];
        });
      const store = new Store(engine, { depth: 0 });
      const instance = linker.instantiate(store, compile(b));
      expect(instance.getFunc("inner")!.call(10)).toEqual([10]);
      expect(store.data.depth).toBe(10);
    });

    it("unwinds wasm frames when a host function throws", () => {
      const b = new ModuleBuilder();
      const fail = b.importFunc("env", "fail", b.type([], []));
      b.export("run", "func", b.func(b.type([], [I32]), [op.call, fail, ...i32c(1)]));
      b.export("ok", "func", b.func(b.type([], [I32]), [...i32c(2)]));
      const error = new Error("host failure");
      const store = new Store(engine, null);
      const instance = new Instance(store, compile(b), [Func.wrap(store, { params: [], results: [] }, () => { throw error; })]);
      expect(() => instance.getFunc("run")!.call()).toThrow(error);
      expect(instance.getFunc("ok")!.call()).toEqual([2]); // the store is usable afterwards
      const trapping = new Instance(store, compile(b), [Func.wrap(store, { params: [], results: [] }, () => { throw new Trap(TrapCode.HostError, "custom"); })]);
      expect(() => trapping.getFunc("run")!.call()).toThrow("custom");
    });

    it("shares memory with the host: wasm writes, grows; the host reads", () => {
      const b = new ModuleBuilder();
      b.memory(1, 4).export("mem", "memory", 0);
      b.export("store", "func", b.func(b.type([I32, I32], []), [op.local_get, 0, op.local_get, 1, op.i32_store, 2, 0]));
      b.export("grow", "func", b.func(b.type([I32], [I32]), [op.local_get, 0, op.memory_grow, 0]));
      b.export("size", "func", b.func(b.type([], [I32]), [op.memory_size, 0]));
      const instance = new Instance(new Store(engine, null), compile(b), []);
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
      const b = new ModuleBuilder();
      b.memory(1).export("grow", "func", b.func(b.type([I32], [I32]), [op.local_get, 0, op.memory_grow, 0]));
      const store = new Store(engine, { maxPages: 3, asked: [] as number[] });
      store.limiter({ memoryGrowing: (data, _current, desired) => { data.asked.push(desired); return desired <= data.maxPages; } });
      const grow = new Instance(store, compile(b), []).getFunc("grow")!;
      expect(grow.call(1)).toEqual([1]);
      expect(grow.call(2)).toEqual([-1]);
      expect(grow.call(1)).toEqual([2]);
      expect(store.data.asked).toEqual([2, 4, 3]);
    });

    it("links memories, tables and globals defined in the linker", () => {
      const b = new ModuleBuilder();
      b.importMemory("host", "mem", 1);
      b.importTable("host", "tab", FUNCREF, 1);
      const g = b.importGlobal("host", "g", I32, true);
      b.export("run", "func", b.func(b.type([], [I32]), [
        ...i32c(0), op.i32_load8_u, 0, 0, op.global_get, g, op.i32_add, op.global_set, g,
        ...i32c(0), op.table_get, 0, op.ref_is_null, op.global_get, g, op.i32_add,
      ]));
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
      expect(linker.instantiate(store, compile(b)).getFunc("run")!.call()).toEqual([42]);
      expect(global.value).toBe(41);
    });

    it("lets host functions replace the store data through the caller", () => {
      const b = new ModuleBuilder();
      const set = b.importFunc("env", "set", b.type([I32], []));
      b.export("run", "func", b.func(b.type([], []), [...i32c(5), op.call, set]));
      const linker = new Linker<{ n: number }>(engine).func("env", "set", { params: [ValType.I32], results: [] },
        (caller, n) => { caller.data = { n: n as number }; });
      const store = new Store(engine, { n: 0 });
      linker.instantiate(store, compile(b)).getFunc("run")!.call();
      expect(store.data).toEqual({ n: 5 });
    });

    it("imports and exports globals", () => {
      const b = new ModuleBuilder();
      const imported = b.importGlobal("env", "base", I64, false);
      const counter = b.global(I64, true, [op.global_get, imported]);
      b.export("counter", "global", counter);
      b.global(F32, false, f32c(2.5));
      b.export("half", "global", 2);
      b.export("bump", "func", b.func(b.type([], [I64]), [
        op.global_get, counter, ...i64c(1n), op.i64_add, op.global_set, counter, op.global_get, counter,
      ]));
      const store = new Store(engine, null);
      const base = new Global(store, { type: ValType.I64, mutable: false }, 2n ** 33n);
      const instance = new Instance(store, compile(b), [base]);
      const g = instance.getGlobal("counter")!;
      expect(g.value).toBe(2n ** 33n);
      expect(instance.getFunc("bump")!.call()).toEqual([2n ** 33n + 1n]);
      g.value = -10n;
      expect(instance.getFunc("bump")!.call()).toEqual([-9n]);
      expect(instance.getGlobal("half")!.value).toBe(2.5);
      expect(() => { instance.getGlobal("half")!.value = 1; }).toThrow(TypeError);
      const mutableBase = new Global(store, { type: ValType.I64, mutable: true }, 0n);
      expect(() => new Instance(store, compile(b), [mutableBase])).toThrow(LinkError);
    });

    it("exposes tables filled by element segments and used by call_indirect", () => {
      const b = new ModuleBuilder();
      const t = b.type([], [I32]);
      const f7 = b.func(t, i32c(7));
      const f8 = b.func(t, i32c(8));
      b.table(FUNCREF, 3).export("table", "table", 0).elem(1, [f7, f8]);
      b.export("callAt", "func", b.func(b.type([I32], [I32]), [op.local_get, 0, op.call_indirect, ...leb(t), 0]));
      const store = new Store(engine, null);
      const instance = new Instance(store, compile(b), []);
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
      const b = new ModuleBuilder();
      const hit = b.importFunc("env", "hit", b.type([], []));
      b.start(b.func(b.type([], []), [op.call, hit]));
      let hits = 0;
      const store = new Store(engine, null);
      new Instance(store, compile(b), [Func.wrap(store, { params: [], results: [] }, () => { hits++; })]);
      expect(hits).toBe(1);
      const t = new ModuleBuilder();
      t.start(t.func(t.type([], []), [op.unreachable]));
      expect(() => new Instance(store, compile(t), [])).toThrow(new Trap(TrapCode.Unreachable));
    });

    it("links instances to each other through the linker", () => {
      const a = new ModuleBuilder();
      a.memory(1).export("mem", "memory", 0);
      a.export("seven", "func", a.func(a.type([], [I32]), i32c(7)));
      const c = new ModuleBuilder();
      const seven = c.importFunc("a", "seven", c.type([], [I32]));
      c.importMemory("a", "mem", 1);
      c.export("run", "func", c.func(c.type([], [I32]), [...i32c(0), op.call, seven, op.i32_store, 2, 0, ...i32c(0), op.i32_load, 2, 0]));
      const store = new Store(engine, null);
      const linker = new Linker<null>(engine);
      const first = linker.instantiate(store, compile(a));
      linker.instance("a", first);
      const second = linker.instantiate(store, compile(c));
      expect(second.getFunc("run")!.call()).toEqual([7]);
      expect(first.getMemory("mem")!.read(0, 1)[0]).toBe(7);
    });

    it("refuses handles of another store", () => {
      const b = new ModuleBuilder();
      b.importMemory("env", "m", 1);
      const other = new Memory(new Store(engine, null), { limits: { min: 1, max: null } });
      expect(() => new Instance(new Store(engine, null), compile(b), [other])).toThrow(/different store/);
      const table = new Table(new Store(engine, null), { element: ValType.FuncRef, limits: { min: 1, max: null } });
      expect(() => new Instance(new Store(engine, null), compile(b), [table])).toThrow(/different store/);
    });
  });
}
