// Config.lazyValidation through the embedder API: bad bodies are reported at their first call, as the
// CompileError that eager compilation would have thrown.
import { describe, expect, it } from "vitest";
import { CompileError, Engine, Linker, Module, Store, Trap, ValType, type Func } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

/** The error `f` throws (fails the test when it returns). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected an exception");
}

function compileError(f: () => unknown): { kind: string; reason: string; offset: number } {
  const e = thrown(f);
  expect(e).toBeInstanceOf(CompileError);
  const { kind, reason, offset } = e as CompileError;
  return { kind, reason, offset };
}

/** `(module ...)` with a function `bad` whose body adds an i64 to an i32. */
const WAT = `(module
  (import "env" "callBack" (func $callBack (result i32)))
  (func (export "ok") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func $bad (export "bad") (result i32) (i32.add (i32.const 1) (i64.const 2)))
  (func (export "callsBad") (result i32) (call $bad))
  (func (export "viaHost") (result i32) (call $callBack)))`;

/** The same module with a malformed body (an illegal opcode) in place of `ok`'s code. */
function withMalformedOk(bytes: Uint8Array): Uint8Array {
  // ok's code is local.get 0 (0x20 0x00) i32.const 1 (0x41 0x01) i32.add (0x6a): make the add byte illegal
  const copy = bytes.slice();
  const at = copy.findIndex((b, i) => b === 0x20 && copy[i + 1] === 0x00 && copy[i + 2] === 0x41 && copy[i + 4] === 0x6a);
  copy[at + 4] = 0xff;
  return copy;
}

function instantiate(engine: Engine, bytes: Uint8Array) {
  const store = new Store(engine, null);
  const module = new Module(engine, bytes);
  let bad: Func | undefined;
  const linker = new Linker<null>(engine).func("env", "callBack", { params: [], results: [ValType.I32] }, () => bad!.call()[0]);
  const instance = linker.instantiate(store, module);
  bad = instance.getFunc("bad")!;
  return { store, module, instance, func: (name: string) => instance.getFunc(name)! };
}

describe("Config.lazyValidation", () => {
  const bytes = parseWat(WAT);
  const lazy = new Engine({ lazyValidation: true });

  it("defaults to eager validation: the module does not compile", () => {
    expect(new Engine().config.lazyValidation).toBe(false);
    const eager = compileError(() => new Module(new Engine(), bytes));
    expect(eager).toMatchObject({ kind: "invalid", reason: "type mismatch" });
    expect(eager.offset).toBeGreaterThan(0);
  });

  it("compiles the module; the valid functions run", () => {
    const { func } = instantiate(lazy, bytes);
    expect(func("ok").typed<[number], number>().call(41)).toBe(42);
  });

  it("throws eager compilation's CompileError at every call of the invalid function", () => {
    const eager = compileError(() => new Module(new Engine(), bytes));
    const { func } = instantiate(lazy, bytes);
    for (const name of ["bad", "bad", "callsBad", "viaHost", "bad"]) {
      expect(compileError(() => func(name).call())).toEqual(eager);
    }
    // the store is still usable
    expect(func("ok").call(1)).toEqual([2]);
  });

  it("keeps the executor's error as the cause", () => {
    const { func } = instantiate(lazy, bytes);
    const e = thrown(() => func("bad").call()) as CompileError;
    expect(e.message).toMatch(/^invalid module: type mismatch \(at byte offset \d+\)$/);
    expect((e.cause as Error).name).toBe("ValidationError");
  });

  it("reports a malformed body as malformed, like eager compilation", () => {
    const malformed = withMalformedOk(bytes);
    const eager = compileError(() => new Module(new Engine(), malformed));
    expect(eager.kind).toBe("malformed");
    const { func } = instantiate(lazy, malformed);
    expect(compileError(() => func("ok").call(1))).toEqual(eager);
    expect(compileError(() => func("ok").call(1))).toEqual(eager);
  });

  it("reports an invalid start function at instantiation", () => {
    const start = parseWat(`(module (func $s (i32.const 1)) (start $s))`);
    const eager = compileError(() => new Module(new Engine(), start));
    const module = new Module(lazy, start);
    expect(compileError(() => new Linker(lazy).instantiate(new Store(lazy, null), module))).toEqual(eager);
  });

  it("still reports module-level errors at compile time", () => {
    const cases: [string, string][] = [
      [`(module (func) (export "f" (func 3)))`, "unknown function 3"],
      [`(module (memory 2 1))`, "size minimum must not be greater than maximum"],
      [`(module (table 1 funcref) (elem (i32.const 0) func 0))`, "unknown function 0"],
    ];
    for (const [wat, reason] of cases) {
      const e = compileError(() => new Module(lazy, parseWat(wat)));
      expect(e).toMatchObject({ kind: "invalid", reason });
      expect(e).toEqual(compileError(() => new Module(new Engine(), parseWat(wat))));
    }
  });

  it("is eager without lazy translation", () => {
    const engine = new Engine({ lazyValidation: true, lazyTranslation: false });
    expect(compileError(() => new Module(engine, bytes)).reason).toBe("type mismatch");
  });

  it("leaves traps and host exceptions as they are", () => {
    const engine = new Engine({ lazyValidation: true });
    const store = new Store(engine, null);
    const module = new Module(engine, parseWat(`(module
      (import "env" "boom" (func $boom))
      (func (export "trap") unreachable)
      (func (export "host") (call $boom)))`));
    const instance = new Linker<null>(engine)
      .func("env", "boom", { params: [], results: [] }, () => {
        throw new RangeError("boom");
      })
      .instantiate(store, module);
    expect(thrown(() => instance.getFunc("trap")!.call())).toBeInstanceOf(Trap);
    expect(thrown(() => instance.getFunc("host")!.call())).toBeInstanceOf(RangeError);
  });
});
