import { describe, expect, it } from "vitest";
import { CompileError, Engine, Module, ValType } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

describe("Module", () => {
  it("compiles a module and lists its imports and exports", () => {
    const module = new Module(new Engine(), parseWat(`(module
      (type $t (func (param i32) (result i64)))
      (import "env" "f" (func (type $t)))
      (import "env" "mem" (memory 1 2))
      (import "env" "g" (global (mut f64)))
      (table 3 funcref)
      (func $f (type $t) (i64.extend_i32_s (local.get 0)))
      (export "f" (func $f))
      (export "t" (table 0))
      (export "m" (memory 0))
      (export "g" (global 0)))`));
    expect(module.imports().map((i) => [i.module, i.name, i.type.kind])).toEqual([
      ["env", "f", "func"], ["env", "mem", "memory"], ["env", "g", "global"],
    ]);
    const fi = module.imports()[0]!.type;
    expect(fi.kind === "func" && fi.type.toString()).toBe("[i32] -> [i64]");
    expect(module.imports()[1]!.type).toEqual({ kind: "memory", type: { limits: { min: 1, max: 2 } } });
    expect(module.imports()[2]!.type).toEqual({ kind: "global", type: { type: ValType.F64, mutable: true } });
    const exports = module.exports();
    expect(exports.map((e) => e.name)).toEqual(["f", "t", "m", "g"]);
    expect(exports[1]!.type).toEqual({ kind: "table", type: { element: ValType.FuncRef, limits: { min: 3, max: null } } });
    expect(exports[2]!.type).toEqual({ kind: "memory", type: { limits: { min: 1, max: 2 } } });
  });

  it("reports malformed bytes as a CompileError of kind 'malformed'", () => {
    const engine = new Engine();
    const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00]); // "\0asm", version 2
    let error: unknown;
    try {
      new Module(engine, bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CompileError);
    expect((error as CompileError).kind).toBe("malformed");
    expect((error as CompileError).reason).toBe("unknown binary version");
    expect((error as CompileError).offset).toBeGreaterThanOrEqual(0);
    expect(Module.validate(engine, bytes)).toBe(false);
    expect(Module.validate(engine, new Uint8Array([1, 2, 3]))).toBe(false);
  });

  it("reports an ill-typed module as a CompileError of kind 'invalid'", () => {
    const bytes = parseWat(`(module (func (result i32)))`); // no value for the result
    const engine = new Engine();
    expect(() => new Module(engine, bytes)).toThrow(CompileError);
    try {
      new Module(engine, bytes);
    } catch (e) {
      expect((e as CompileError).kind).toBe("invalid");
      expect((e as CompileError).reason).toBe("type mismatch");
    }
    expect(Module.validate(engine, bytes)).toBe(false);
  });

  it("validates a good module", () => {
    const bytes = parseWat(`(module (func (result i32) (i32.const 1)))`);
    expect(Module.validate(new Engine(), bytes)).toBe(true);
    expect(Module.validate(new Engine({ lazyTranslation: false }), bytes)).toBe(true);
  });
});

describe("Module.customSections", () => {
  it("returns copies of the named sections' contents, in order", () => {
    // a module with custom sections "a" = [1, 2], "b" = [3], "a" = []
    const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, 4, 1, 0x61, 1, 2, 0, 3, 1, 0x62, 3, 0, 2, 1, 0x61]);
    const module = new Module(new Engine(), bytes);
    expect(module.customSections("a").map((s) => [...s])).toEqual([[1, 2], []]);
    expect(module.customSections("c")).toEqual([]);
    module.customSections("b")[0]![0] = 99; // a copy: the module's own bytes stay
    expect([...module.customSections("b")[0]!]).toEqual([3]);
  });
});
