import { describe, expect, it } from "vitest";
import { CallHook, Engine, Func, Instance, Linker, Module, Store, Trap, TrapCode, ValType } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

const engine = new Engine();
const compile = (wat: string) => new Module(engine, parseWat(wat));

interface Log {
  events: string[];
}

/** A store whose call hook records every crossing, and an instance calling a host function from Wasm. */
function setup(wat: string, host: (store: Store<Log>) => void = () => {}) {
  const store = new Store<Log>(engine, { events: [] });
  store.callHook((data, kind) => data.events.push(kind));
  const linker = new Linker<Log>(engine).func("env", "host", { params: [ValType.I32], results: [ValType.I32] }, (caller, x) => {
    caller.data.events.push(`host(${x})`);
    host(store);
    return (x as number) + 1;
  });
  return { store, instance: linker.instantiate(store, compile(wat)) };
}

const calling = `(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (func (export "run") (param i32) (result i32) (call $host (local.get 0)))
  (func (export "inner") (result i32) (i32.const 7)))`;

describe("call hooks", () => {
  it("report each crossing between the host and Wasm, in order", () => {
    const { store, instance } = setup(calling);
    expect(instance.getFunc("run")!.call(1)).toEqual([2]);
    expect(store.data.events).toEqual([
      CallHook.CallingWasm, CallHook.CallingHost, "host(1)", CallHook.ReturningFromHost, CallHook.ReturningFromWasm,
    ]);
  });

  it("report nested calls: Wasm -> host -> Wasm", () => {
    let inner: Func | undefined;
    const { store, instance } = setup(calling, () => {
      store.data.events.push(`inner -> ${inner!.call()[0]}`);
    });
    inner = instance.getFunc("inner")!;
    instance.getFunc("run")!.call(5);
    expect(store.data.events).toEqual([
      "CallingWasm", "CallingHost", "host(5)", "CallingWasm", "ReturningFromWasm", "inner -> 7", "ReturningFromHost",
      "ReturningFromWasm",
    ]);
  });

  it("report the start function of an instantiation", () => {
    const store = new Store<Log>(engine, { events: [] }).callHook((data, kind) => data.events.push(kind));
    new Instance(store, compile(`(module (func $start) (start $start))`), []);
    expect(store.data.events).toEqual(["CallingWasm", "ReturningFromWasm"]);
  });

  it("may trap: the call fails, the hook hears of the return, and the store stays usable", () => {
    const { store, instance } = setup(calling);
    store.callHook((data, kind) => {
      data.events.push(kind);
      if (kind === CallHook.CallingHost && data.events.length < 3) throw new Trap(TrapCode.HostError, "host calls are not allowed");
    });
    expect(() => instance.getFunc("run")!.call(1)).toThrow("host calls are not allowed");
    expect(store.data.events).toEqual(["CallingWasm", "CallingHost", "ReturningFromWasm"]);
    expect(instance.getFunc("run")!.call(1)).toEqual([2]); // the hook lets the second call through
  });

  it("report the return when the callee traps, keeping the trap", () => {
    const store = new Store<Log>(engine, { events: [] }).callHook((data, kind) => {
      data.events.push(kind);
      if (kind === CallHook.ReturningFromWasm) throw new Error("not this one");
    });
    const f = new Instance(store, compile(`(module (func (export "f") unreachable))`), []).getFunc("f")!;
    expect(() => f.call()).toThrow(Trap);
    expect(store.data.events).toEqual(["CallingWasm", "ReturningFromWasm"]);
  });

  it("are not called for a host function called by the host, nor once removed", () => {
    const { store, instance } = setup(calling);
    Func.wrap(store, { params: [], results: [] }, () => {}).call();
    expect(store.data.events).toEqual([]);
    store.callHook(null);
    instance.getFunc("run")!.call(1);
    expect(store.data.events).toEqual(["host(1)"]);
  });
});
