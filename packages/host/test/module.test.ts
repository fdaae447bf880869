import { describe, expect, it } from "vitest";
import { CompileError, Engine, Module, ValType } from "@wasmi-ts/host";
import { I32, I64, F64, FUNCREF, ModuleBuilder, op } from "./helpers/wasm-builder.js";

describe("Module", () => {
  it("compiles a module and lists its imports and exports", () => {
    const b = new ModuleBuilder();
    const t = b.type([I32], [I64]);
    b.importFunc("env", "f", t);
    b.importMemory("env", "mem", 1, 2);
    b.importGlobal("env", "g", F64, true);
    b.table(FUNCREF, 3);
    const f = b.func(t, [op.local_get, 0, 0xac /* i64.extend_i32_s */]);
    b.export("f", "func", f).export("t", "table", 0).export("m", "memory", 0).export("g", "global", 0);
    const module = new Module(new Engine(), b.build());
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
    const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00]);
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
    const b = new ModuleBuilder();
    b.func(b.type([], [I32]), []); // no value for the result
    const engine = new Engine();
    expect(() => new Module(engine, b.build())).toThrow(CompileError);
    try {
      new Module(engine, b.build());
    } catch (e) {
      expect((e as CompileError).kind).toBe("invalid");
      expect((e as CompileError).reason).toBe("type mismatch");
    }
    expect(Module.validate(engine, b.build())).toBe(false);
  });

  it("validates a good module", () => {
    const b = new ModuleBuilder();
    b.func(b.type([], [I32]), [op.i32_const, 1]);
    expect(Module.validate(new Engine(), b.build())).toBe(true);
    expect(Module.validate(new Engine({ lazyTranslation: false }), b.build())).toBe(true);
  });
});
