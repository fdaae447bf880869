import { describe, expect, it } from "vitest";
import { Engine, Instance, Module, Store, TrapCode } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";
import { trapOf } from "./trap-of.js";

const recursion = parseWat(`(module
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))`);


describe("call depth limit", () => {
  it("traps a 1,000,000-deep Wasm recursion with 'call stack exhausted', and the store keeps working", () => {
    const engine = new Engine();
    const store = new Store(engine, null);
    const down = new Instance(store, new Module(engine, recursion), []).getFunc("down")!;
    const trap = trapOf(() => down.call(1_000_000));
    expect(trap.code).toBe(TrapCode.StackOverflow);
    expect(trap.reason).toBe("call stack exhausted");
    expect(trap.frames).toHaveLength(100); // the innermost ones only
    expect(down.call(1000)).toEqual([1000]);
  });

  it("follows the configured depth", () => {
    const engine = new Engine({ maxCallDepth: 500 });
    const down = new Instance(new Store(engine, null), new Module(engine, recursion), []).getFunc("down")!;
    expect(down.call(400)).toEqual([400]);
    expect(trapOf(() => down.call(600)).code).toBe(TrapCode.StackOverflow);
  });
});
