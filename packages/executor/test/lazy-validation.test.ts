// Lazy validation (ExecutorConfig.lazyValidation): compiling checks the module level only; each function
// body is validated before its first translation, and a bad one throws at every call that reaches it.
import { describe, expect, it, vi } from "vitest";
import { TypeRegistry } from "@wasmi-ts/store";
import { parseWat } from "@wasmi-ts/wast";
import {
  DEFAULT_CONFIG, DecodeError, ValidationError, compileModule, instantiate, type CompiledModule, type ExecutorConfig,
} from "../src/index.js";
import {
  END, I32, body, codeSec, dataSec, exportSec, funcSec, i32Const, memSec, limits, typeSec, wasm, type Bytes,
} from "./decode-builder.js";
import { callFunc, hostFunc, funcExtern, newStore, trapCode } from "./interpret-harness.js";

const LAZY: ExecutorConfig = { ...DEFAULT_CONFIG, lazyValidation: true };

function compile(bytes: Uint8Array, config: ExecutorConfig = LAZY): CompiledModule {
  return compileModule(bytes, new TypeRegistry(), config);
}

/** The error `f` throws (fails the test when it returns). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error("expected an exception");
}

/** Reason, offset and class of a compile error, for comparing lazy and eager reports. */
function describeError(e: unknown): { kind: string; reason: string; offset: number } {
  if (e instanceof DecodeError || e instanceof ValidationError) return { kind: e.name, reason: e.reason, offset: e.offset };
  throw e;
}

/**
 * A module whose bad bodies can be switched off without moving any byte (every variant has the same
 * layout, so offsets compare across them). Exports:
 *   ok() -> i32          7
 *   bad() -> i32         invalid when `invalid` (i64.const where i32 is due)
 *   callsBad(i32) -> i32 calls `bad` when its argument is non-zero, else 9
 *   malformed()          an invalid instruction followed by an illegal opcode when `malformed`
 *   countDown(i32) -> i32 recursion (to check the call stack after a failure)
 */
function testModule({ invalid, malformed }: { invalid: boolean; malformed: boolean }): Uint8Array {
  const i32Result: [Bytes, Bytes] = [[], [I32]];
  const i32ToI32: [Bytes, Bytes] = [[I32], [I32]];
  const none: [Bytes, Bytes] = [[], []];
  return wasm(
    typeSec(i32Result, i32ToI32, none),
    funcSec(0, 0, 1, 2, 1),
    exportSec(["ok", 0, 0], ["bad", 0, 1], ["callsBad", 0, 2], ["malformed", 0, 3], ["countDown", 0, 4]),
    codeSec(
      body([], i32Const(7)),
      body([], invalid ? [0x42, 0x00] : [0x41, 0x00]),
      // local.get 0; if (result i32) call 1 else i32.const 9 end
      body([], [0x20, 0x00, 0x04, I32, 0x10, 0x01, 0x05, ...i32Const(9), END]),
      // i32.add (nothing to add: invalid), then 0xff (no such opcode: malformed); else two nops
      body([], malformed ? [0x6a, 0xff] : [0x01, 0x01]),
      // local.get 0; if (result i32) local.get 0; i32.const 1; i32.sub; call 4 else i32.const 0 end
      body([], [0x20, 0x00, 0x04, I32, 0x20, 0x00, ...i32Const(1), 0x6b, 0x10, 0x04, 0x05, ...i32Const(0), END]),
    ),
  );
}

/** The error eager compilation reports for `bytes`. */
function eagerError(bytes: Uint8Array) {
  return describeError(thrown(() => compile(bytes, DEFAULT_CONFIG)));
}

function setUp(bytes: Uint8Array) {
  const store = newStore();
  const module = compile(bytes);
  const instance = instantiate(store, module, []);
  const func = (name: string) => {
    const e = instance.exports.get(name)!;
    return e.value as Parameters<typeof callFunc>[1];
  };
  const call = (name: string, ...args: number[]) => callFunc(store, func(name), args);
  return { store, module, instance, call };
}

describe("lazy validation", () => {
  const both = testModule({ invalid: true, malformed: true });

  it("is off by default: the module fails to compile", () => {
    expect(DEFAULT_CONFIG.lazyValidation).toBe(false);
    // malformed wins over invalid, as in the spec
    expect(eagerError(both)).toMatchObject({ kind: "DecodeError" });
    expect(eagerError(testModule({ invalid: true, malformed: false }))).toMatchObject({ kind: "ValidationError" });
  });

  it("is eager without lazy translation", () => {
    expect(() => compile(both, { ...LAZY, lazyTranslation: false })).toThrow(DecodeError);
  });

  it("compiles a module with bad bodies; the good functions run", () => {
    const { call } = setUp(both);
    expect(call("ok")).toEqual([7]);
    expect(call("callsBad", 0)).toEqual([9]);
    expect(call("countDown", 100)).toEqual([0]);
  });

  it("throws eager compilation's ValidationError at each call of an invalid body", () => {
    const expected = eagerError(testModule({ invalid: true, malformed: false }));
    expect(expected.offset).toBeGreaterThan(0);
    const { call, module } = setUp(both);
    for (let i = 0; i < 2; i++) {
      const e = thrown(() => call("bad"));
      expect(e).toBeInstanceOf(ValidationError);
      expect(describeError(e)).toEqual(expected);
    }
    expect(module.code[1]).toBeUndefined(); // never translated
  });

  it("reports a malformed body with the decoder's error, even where the validator stops earlier", () => {
    const expected = eagerError(testModule({ invalid: false, malformed: true }));
    expect(expected.kind).toBe("DecodeError");
    // the same as for the whole module (its other bad body is only invalid)
    expect(eagerError(both)).toEqual(expected);
    const { call } = setUp(both);
    for (let i = 0; i < 2; i++) {
      const e = thrown(() => call("malformed"));
      expect(e).toBeInstanceOf(DecodeError);
      expect(describeError(e)).toEqual(expected);
    }
  });

  it("throws from a call instruction and leaves the store usable", () => {
    const expected = eagerError(testModule({ invalid: true, malformed: false }));
    const { call, store } = setUp(both);
    expect(call("ok")).toEqual([7]); // stacks set up before the failures
    for (let i = 0; i < 2; i++) expect(describeError(thrown(() => call("callsBad", 1)))).toEqual(expected);
    expect(call("callsBad", 0)).toEqual([9]);
    expect(call("countDown", 1000)).toEqual([0]);
    // the deepest recursion the limits allow is unchanged by the failed calls (calls that the JavaScript
    // tier nests come on top of the interpreter's frames: a few dozen)
    const limit = store.limits.maxCallDepth;
    expect(trapCode(() => call("countDown", limit + 100))).toBeDefined();
    expect(call("countDown", limit - 10)).toEqual([0]);
  });

  it("unwinds through host functions that call back into the bad function", () => {
    const store = newStore();
    const bytes = parseWat(`(module
      (import "env" "callBack" (func $callBack (result i32)))
      (func (export "viaHost") (result i32) (call $callBack))
      (func (export "bad") (result i32) (i64.const 0))
      (func (export "ok") (result i32) (i32.const 5)))`);
    const module = compile(bytes);
    let bad: Parameters<typeof callFunc>[1] | null = null;
    const host = hostFunc(store, [], [I32], () => callFunc(store, bad!, [])[0]!);
    const instance = instantiate(store, module, [funcExtern(host)]);
    const get = (name: string) => instance.exports.get(name)!.value as Parameters<typeof callFunc>[1];
    bad = get("bad");
    const e = thrown(() => callFunc(store, get("viaHost"), []));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).reason).toBe("type mismatch");
    expect(callFunc(store, get("ok"), [])).toEqual([5]);
  });

  it("validates each body once, at its first call", () => {
    const { call, module } = setUp(testModule({ invalid: false, malformed: false }));
    const validate = vi.spyOn(module.deferredBodies!, "validate");
    expect(call("ok")).toEqual([7]);
    expect(call("ok")).toEqual([7]);
    expect(call("countDown", 3)).toEqual([0]);
    expect(validate.mock.calls.map(([index]) => index)).toEqual([0, 4]);
  });

  it("has no deferred bodies with eager validation", () => {
    expect(compile(testModule({ invalid: false, malformed: false }), DEFAULT_CONFIG).deferredBodies).toBeNull();
  });

  it("reports a body needing the data count section as eager compilation does", () => {
    // memory.init in a body but no data count section: malformed (a decoder error about the whole binary)
    const bytes = wasm(
      typeSec([[], []], [[], [I32]]),
      funcSec(0, 1),
      memSec(limits(1)),
      exportSec(["init", 0, 0], ["ok", 0, 1]),
      codeSec(
        body([], [...i32Const(0), ...i32Const(0), ...i32Const(0), 0xfc, 0x08, 0x00, 0x00]),
        body([], i32Const(3)),
      ),
      dataSec([0x01, 0x01, 0x2a]), // one passive segment of one byte
    );
    const expected = eagerError(bytes);
    expect(expected).toMatchObject({ kind: "DecodeError", reason: "data count section required" });
    const { call } = setUp(bytes);
    expect(call("ok")).toEqual([3]);
    expect(describeError(thrown(() => call("init")))).toEqual(expected);
  });

  it("throws from instantiation when the start function is invalid", () => {
    const module = compile(parseWat(`(module (func $s (drop)) (start $s))`));
    expect(() => instantiate(newStore(), module, [])).toThrow(ValidationError);
  });

  describe("still rejects module-level errors at compile time", () => {
    const cases: [string, string, string][] = [
      ["an unknown exported function", `(module (func) (export "f" (func 5)))`, "unknown function 5"],
      ["bad memory limits", `(module (memory 2 1))`, "size minimum must not be greater than maximum"],
      ["a memory too large", `(module (memory 65537))`, "memory size must be at most 65536 pages (4GiB)"],
      ["a bad global initializer", `(module (global i32 (i64.const 0)))`, "type mismatch"],
      ["a duplicate export", `(module (func) (export "f" (func 0)) (export "f" (func 0)))`, "duplicate export name"],
      ["a start function with parameters", `(module (func $s (param i32)) (start $s))`, "start function"],
      ["an undeclared ref.func target in an element segment", `(module (table 1 funcref) (elem (i32.const 0) func 3))`, "unknown function 3"],
    ];
    for (const [what, wat, reason] of cases) {
      it(what, () => {
        const bytes = parseWat(wat);
        const lazy = thrown(() => compile(bytes));
        expect(lazy).toBeInstanceOf(ValidationError);
        expect((lazy as ValidationError).reason).toBe(reason);
        expect(describeError(lazy)).toEqual(eagerError(bytes));
      });
    }
  });
});
