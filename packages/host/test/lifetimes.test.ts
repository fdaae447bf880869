// What a store lets the garbage collector free: instances, their memories, tables and functions, and the
// host values passed as externrefs, once nothing that is alive reaches them (the store itself only counts
// what it created). A live reference keeps its target: a table holding a function keeps its instance.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { Engine, Func, Instance, Module, Store, Table, ValType } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Full collections with turns of the event loop between them (WeakRefs are cleared between turns). */
async function collect(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

const engine = new Engine();
const module = new Module(engine, parseWat(`(module
  (memory (export "memory") 1)
  (table (export "table") 2 funcref)
  (global (export "self") funcref (ref.func $f))
  (global $ext (export "ext") (mut externref) (ref.null extern))
  (elem (table 0) (i32.const 0) func $f)
  (func $f (export "f") (param externref) (result externref)
    (global.set $ext (local.get 0))
    (global.get $ext))
  (func (export "forget") (global.set $ext (ref.null extern))))`));

/** An instance made in `store` and dropped: returns weak references to it and to its memory's buffer. */
function makeAndDrop(store: Store<null>): { instance: WeakRef<object>; buffer: WeakRef<object> } {
  const instance = new Instance(store, module, []);
  const f = instance.getFunc("f")!;
  expect(f.call("hello")).toEqual(["hello"]);
  return { instance: new WeakRef(instance), buffer: new WeakRef(instance.getMemory("memory")!.buffer) };
}

describe("lifetimes", () => {
  it("frees an instance nobody reaches while its store lives on", async () => {
    const store = new Store(engine, null);
    const dropped = makeAndDrop(store);
    await collect();
    expect(dropped.instance.deref()).toBeUndefined();
    expect(dropped.buffer.deref()).toBeUndefined();
    // the store is still usable
    const again = new Instance(store, module, []);
    expect(again.getFunc("f")!.call(1)).toEqual([1]);
  });

  it("keeps an instance that a live table reaches through one of its functions", async () => {
    const store = new Store(engine, null);
    const table = new Table(store, { element: ValType.FuncRef, limits: { min: 1, max: null } });
    const tableAFunction = (): WeakRef<object> => {
      const instance = new Instance(store, module, []);
      table.set(0, instance.getFunc("f")!);
      return new WeakRef(instance.getMemory("memory")!.entity);
    };
    const memory = tableAFunction();
    await collect();
    expect(memory.deref()).toBeDefined();
    expect((table.get(0) as Func).call("still there")).toEqual(["still there"]);
    table.set(0, null);
    await collect();
    expect(memory.deref()).toBeUndefined();
  });

  it("does not keep externref values once Wasm has dropped them", async () => {
    const store = new Store(engine, null);
    const instance = new Instance(store, module, []);
    // made and passed in a function of its own: no variable of this (async) test may still hold it
    const pass = (): WeakRef<object> => {
      const value = { big: new Uint8Array(1 << 20) };
      expect(instance.getFunc("f")!.call(value)[0]).toBe(value);
      return new WeakRef(value);
    };
    const weak = pass();
    expect(store.pruned.refs.size).toBe(0); // the call's numbers were forgotten when it returned
    await collect();
    expect(weak.deref()).toBeDefined(); // the global $ext still holds it
    instance.getFunc("forget")!.call();
    await collect();
    expect(weak.deref()).toBeUndefined();
  });

  it("keeps references valid across calls nested in host functions until the outermost returns", () => {
    const store = new Store(engine, null);
    const inner = new Instance(store, module, []).getFunc("f")!;
    const outerModule = new Module(engine, parseWat(`(module
      (import "host" "g" (func $g (param externref) (result externref)))
      (func (export "run") (param externref externref) (result externref externref)
        (call $g (local.get 0))
        (local.get 1)))`));
    const seen: unknown[] = [];
    const g = Func.wrap(store, { params: [ValType.ExternRef], results: [ValType.ExternRef] }, (_caller, x) => {
      const [back] = inner.call({ nested: x }); // a nested call: it must not forget the outer call's numbers
      seen.push(back);
      return { wrapped: x };
    });
    const run = new Instance(store, outerModule, [g]).getFunc("run")!;
    const a = { a: 1 };
    const b = { b: 2 };
    const [first, second] = run.call(a, b);
    expect(seen).toEqual([{ nested: a }]);
    expect(first).toEqual({ wrapped: a });
    expect(second).toBe(b);
    expect(store.pruned.refs.size).toBe(0);
  });
});
