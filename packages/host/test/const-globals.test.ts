import { describe, expect, it } from "vitest";
import { CompileError, Engine, Instance, Module, Store, WASM2_FEATURES } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

// WebAssembly 3.0: constant expressions read the immutable globals defined before them (2.0: only
// imported ones), in global initialisers and in segment offsets.
describe("constant expressions reading defined globals", () => {
  const wat = `(module (memory 1) (table 2 funcref)
    (global $base i32 (i32.const 8))
    (global $next i32 (global.get $base))
    (global $sum (export "sum") i32 (i32.add (global.get $base) (global.get $next)))
    (data (global.get $next) "\\2a")
    (elem (global.get $base) $f) ;; offset 8: out of the 2-element table
    (func $f)
    (func (export "load") (result i32) (i32.load8_u (i32.const 8))))`;

  it("validate and evaluate in order, by default", () => {
    const ok = parseWat(wat.replace("(elem (global.get $base) $f)", "(elem (i32.sub (global.get $base) (i32.const 7)) $f)"));
    const engine = new Engine();
    const instance = new Instance(new Store(engine, null), new Module(engine, ok), []);
    expect(instance.getGlobal("sum")!.value).toBe(16);
    expect(instance.getFunc("load")!.call()).toEqual([42]);
  });

  it("an offset from a defined global is checked at instantiation like any other", () => {
    const engine = new Engine();
    expect(() => new Instance(new Store(engine, null), new Module(engine, parseWat(wat)), [])).toThrow(/out of bounds/);
  });

  it("see only the globals before them, only immutable ones, and none under WASM2_FEATURES", () => {
    const later = parseWat(`(module (global i32 (global.get 1)) (global i32 (i32.const 0)))`);
    expect(() => new Module(new Engine(), later)).toThrow(/unknown global 1/);
    const mutable = parseWat(`(module (global (mut i32) (i32.const 0)) (global i32 (global.get 0)))`);
    expect(() => new Module(new Engine(), mutable)).toThrow(/constant expression required/);
    const defined = parseWat(`(module (global i32 (i32.const 0)) (global i32 (global.get 0)))`);
    expect(() => new Module(new Engine({ features: WASM2_FEATURES }), defined)).toThrow(CompileError);
    expect(() => new Module(new Engine({ features: WASM2_FEATURES }), defined)).toThrow(/unknown global 0/);
  });
});
