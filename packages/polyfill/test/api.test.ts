import { describe, expect, it } from "vitest";
import { parseWat } from "@wasmi-ts/wast";
import { TrapCode } from "@wasmi-ts/host";
import { WebAssembly as W, createWebAssembly, install } from "../src/index.js";

const bytes = parseWat(`(module
  (import "env" "log" (func $log (param i32)))
  (import "env" "mem" (memory 1))
  (global (export "g") (mut i64) (i64.const 5))
  (table (export "t") 2 funcref)
  (func $add (export "add") (param i32 i32) (result i32) (call $log (local.get 0)) (i32.add (local.get 0) (local.get 1)))
  (func (export "two") (result i32 f64) (i32.const 1) (f64.const 2.5))
  (func (export "trap") unreachable)
  (func (export "spin") (loop (br 0)))
  (func $self (export "recurse") (call $self))
  (elem (i32.const 0) $add))`);

type Exports = Record<string, any>;

function instance(log: (x: number) => void = () => {}, ns: typeof W = W) {
  const mem = new ns.Memory({ initial: 1 });
  return new ns.Instance(new ns.Module(bytes), { env: { log, mem } }).exports as Exports;
}

describe("the WebAssembly namespace", () => {
  it("runs exports with JS values: conversions, several results, globals, tables", () => {
    const logged: number[] = [];
    const e = instance((x) => logged.push(x));
    expect(e.add(2, 3)).toBe(5);
    expect(e.add("7", 1.9)).toBe(8); // ToInt32
    expect(logged).toEqual([2, 7]);
    expect(e.two()).toEqual([1, 2.5]);
    expect(e.g.value).toBe(5n);
    e.g.value = 2n ** 64n - 1n; // ToBigInt64 wraps
    expect(e.g.value).toBe(-1n);
    expect(() => { e.g.value = 1; }).toThrow(TypeError);
    expect(e.t.get(0)).toBe(e.add); // one JS function per Wasm function
    expect([e.add.name, e.add.length]).toEqual(["1", 2]);
    expect(Object.getPrototypeOf(e)).toBe(null);
    expect(Object.isFrozen(e)).toBe(true);
  });

  it("turns traps into RuntimeError and stack exhaustion into RangeError", () => {
    const e = instance();
    expect(() => e.trap()).toThrow(W.RuntimeError);
    expect(() => e.recurse()).toThrow(RangeError);
    expect(new W.RuntimeError("x")).toBeInstanceOf(Error);
  });

  it("passes Wasm functions given back as imports Wasm to Wasm, and keeps JS exceptions as they are", () => {
    const first = instance();
    const importer = new W.Instance(new W.Module(parseWat(`(module
      (import "m" "add" (func $add (param i32 i32) (result i32)))
      (import "m" "fail" (func $fail))
      (func (export "sum3") (param i32) (result i32) (call $add (call $add (local.get 0) (local.get 0)) (local.get 0)))
      (func (export "fail") (call $fail)))`)), { m: { add: first.add, fail: () => { throw new SyntaxError("from JS"); } } }).exports as Exports;
    expect(importer.sum3(4)).toBe(12);
    expect(() => importer.fail()).toThrow(SyntaxError);
  });

  it("detaches a memory's buffer on every grow, grow(0) included", () => {
    const memory = new W.Memory({ initial: 1, maximum: 3 });
    const before = memory.buffer;
    expect(memory.grow(0)).toBe(1);
    expect(before.byteLength).toBe(0);
    expect(memory.buffer.byteLength).toBe(65536);
    expect(memory.grow(2)).toBe(1);
    expect(() => memory.grow(1)).toThrow(RangeError);
  });

  it("makes shared memories on a SharedArrayBuffer that grows in place (and needs a maximum)", () => {
    const memory = new W.Memory({ initial: 1, maximum: 2, shared: true });
    const buffer = memory.buffer;
    expect(buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Object.isFrozen(buffer)).toBe(true);
    const e = new W.Instance(new W.Module(parseWat(`(module (import "env" "mem" (memory 1 2 shared))
      (func (export "add") (param i32 i32) (result i32) (i32.atomic.rmw.add (local.get 0) (local.get 1))))`)),
      { env: { mem: memory } }).exports as Exports;
    expect(e.add(0, 5)).toBe(0);
    expect(new Int32Array(buffer)[0]).toBe(5);
    expect(memory.grow(1)).toBe(1);
    expect(memory.buffer).toBe(buffer);
    expect(buffer.byteLength).toBe(2 * 65536);
    expect(() => new W.Memory({ initial: 1, shared: true })).toThrow(TypeError);
  });

  it("compiles and instantiates asynchronously, rejecting instead of throwing", async () => {
    const { module, instance: inst } = (await W.instantiate(bytes, { env: { log() {}, mem: new W.Memory({ initial: 1 }) } })) as any;
    expect(module).toBeInstanceOf(W.Module);
    expect(inst).toBeInstanceOf(W.Instance);
    await expect(W.compile(new Uint8Array([0, 1, 2]))).rejects.toBeInstanceOf(W.CompileError);
    await expect(W.compile("not bytes" as never)).rejects.toBeInstanceOf(TypeError);
    await expect(W.instantiate(bytes, {})).rejects.toBeInstanceOf(TypeError); // env is missing
    expect(W.validate(bytes)).toBe(true);
    expect(W.Module.imports(module)).toEqual([
      { module: "env", name: "log", kind: "function" },
      { module: "env", name: "mem", kind: "memory" },
    ]);
  });

  it("compiles from a Response, checking its MIME type", async () => {
    const ok = new Response(bytes, { headers: { "Content-Type": "application/wasm" } });
    expect(await W.compileStreaming(ok)).toBeInstanceOf(W.Module);
    const wrongType = new Response(bytes, { headers: { "Content-Type": "text/plain" } });
    await expect(W.compileStreaming(Promise.resolve(wrongType))).rejects.toBeInstanceOf(TypeError);
  });
});

describe("typed references (Wasm 3.0) crossing the JS API", () => {
  it("take any value for (ref extern) but null, and exported functions of the type for (ref $t)", () => {
    const e = new W.Instance(new W.Module(parseWat(`(module (type $ii (func (param i32) (result i32)))
      (func $inc (export "inc") (type $ii) (i32.add (local.get 0) (i32.const 1)))
      (func $other (export "other") (param i64))
      (func (export "id") (param (ref extern)) (result (ref extern)) (local.get 0))
      (func (export "apply") (param (ref null $ii) i32) (result i32) (call_ref $ii (local.get 1) (local.get 0))))`))).exports as Exports;
    const box = { x: 1 };
    expect(e.id(box)).toBe(box);
    expect(() => e.id(null)).toThrow(TypeError);
    expect(e.apply(e.inc, 41)).toBe(42);
    expect(() => e.apply(e.other, 1)).toThrow(TypeError);
    expect(() => e.apply(() => 1, 1)).toThrow(TypeError);
    expect(() => e.apply(null, 1)).toThrow(W.RuntimeError);
  });

  it("convert anyref and eqref as the JS API's GC conversions do", () => {
    const e = new W.Instance(new W.Module(parseWat(`(module (type $p (struct (field i32)))
      (func (export "isI31") (param anyref) (result i32) (ref.test i31ref (local.get 0)))
      (func (export "id") (param anyref) (result anyref) (local.get 0))
      (func (export "eq") (param eqref) (result eqref) (local.get 0))
      (func (export "make") (param i32) (result (ref $p)) (struct.new $p (local.get 0)))
      (func (export "field") (param (ref null $p)) (result i32) (struct.get $p 0 (local.get 0)))
      (func (export "i31") (param i32) (result i31ref) (ref.i31 (local.get 0))))`))).exports as Exports;
    expect(e.isI31(5)).toBe(1);
    expect(e.isI31(-0x40000000)).toBe(1);
    expect(e.isI31(0x40000000)).toBe(0); // too large: a host value
    expect(e.isI31(1.5)).toBe(0);
    expect(e.isI31(-0)).toBe(1);
    expect(e.isI31("5")).toBe(0);
    const box = {};
    expect(e.id(box)).toBe(box);
    expect(e.i31(-1)).toBe(-1);
    const p = e.make(7);
    expect(e.field(p)).toBe(7);
    expect(e.eq(p)).toBe(p);
    expect(e.eq(3)).toBe(3);
    expect(() => e.eq(box)).toThrow(TypeError);
    expect(() => e.eq(1.5)).toThrow(TypeError);
    expect(() => e.field(e.eq(3))).toThrow(TypeError);
    expect(Object.getPrototypeOf(p)).toBe(null);
    expect(() => { (p as { x?: number }).x = 1; }).toThrow(TypeError);
    expect(e.make(1)).not.toBe(p);
    const g = new W.Global({ value: "anyref", mutable: true }, 12);
    expect(g.value).toBe(12);
  });
});

describe("exception handling", () => {
  const catcher = parseWat(`(module
    (import "env" "f" (func $f))
    (import "env" "tag" (tag $t (param i32)))
    (func (export "catchAll") (result i32)
      (block $h (try_table (catch_all $h) (call $f)) (return (i32.const 0)))
      (i32.const 1))
    (func (export "catchTag") (result i32)
      (block $h (result i32) (try_table (catch $t $h) (call $f)) (i32.const -1))))`);
  const trapper = parseWat(`(module (func (export "trap") unreachable))`);

  function catching(f: () => void) {
    const tag = new W.Tag({ parameters: ["i32"] });
    const exports = new W.Instance(new W.Module(catcher), { env: { f, tag } }).exports as Exports;
    return { tag, exports };
  }

  it("a WebAssembly.Exception thrown by an import is caught by its tag; any JS value by catch_all", () => {
    let thrown: unknown = null;
    const { tag, exports } = catching(() => {
      throw thrown;
    });
    thrown = new W.Exception(tag, [42]);
    expect(exports.catchTag()).toBe(42);
    thrown = new Error("js");
    expect(exports.catchAll()).toBe(1);
    expect(() => exports.catchTag()).toThrow(thrown as Error); // JSTag's: passes `catch $t`, leaves as itself
  });

  it("a trap passing through a JS import stays a trap: catch_all does not catch it", () => {
    const trap = (new W.Instance(new W.Module(trapper)).exports as Exports).trap;
    const { exports } = catching(() => trap());
    expect(() => exports.catchAll()).toThrow(W.RuntimeError);
  });

  it("an uncaught exception reaches JS as its WebAssembly.Exception, with a stack only on request", () => {
    const tag = new W.Tag({ parameters: ["i32"] });
    const exn = new W.Exception(tag, [7], { traceStack: true });
    const { exports } = catching(() => {
      throw exn;
    });
    let left: unknown = null;
    try {
      exports.catchTag(); // of another tag: not caught
    } catch (e) {
      left = e;
    }
    expect(left).toBe(exn);
    expect(typeof (exn as { stack?: unknown }).stack).toBe("string");
    expect("stack" in new W.Exception(tag, [7])).toBe(false);
    expect(exn.getArg(tag, 0)).toBe(7);
    expect(exn.is(tag)).toBe(true);
    expect(W.JSTag).toBeInstanceOf(W.Tag);
  });
});

describe("the JS API's implementation limits", () => {
  it("refuse modules over them at compile time and in validate", () => {
    const withParams = (n: number) => parseWat(`(module (func (param ${"i32 ".repeat(n)})))`);
    expect(W.validate(withParams(1000))).toBe(true);
    expect(new W.Module(withParams(1000))).toBeInstanceOf(W.Module);
    expect(W.validate(withParams(1001))).toBe(false);
    expect(() => new W.Module(withParams(1001))).toThrow(W.CompileError);
    const withLocals = (n: number) => parseWat(`(module (func (param i32) (local ${"i64 ".repeat(n)})))`);
    expect(W.validate(withLocals(49_999))).toBe(true);
    expect(W.validate(withLocals(50_000))).toBe(false);
  });
});

describe("createWebAssembly", () => {
  it("gives a namespace its own engine settings and store, e.g. fuel", () => {
    const metered = createWebAssembly({ config: { consumeFuel: true }, setup: (store) => store.setFuel(100_000) });
    const e = instance(() => {}, metered as typeof W);
    expect(e.add(1, 2)).toBe(3);
    let error: unknown;
    try {
      e.spin();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(metered.RuntimeError);
    expect(((error as Error).cause as { code: number }).code).toBe(TrapCode.OutOfFuel);
  });
});

describe("install", () => {
  it("installs only where WebAssembly is missing, unless forced, as a non-enumerable property", () => {
    const g = globalThis as { WebAssembly?: unknown };
    const native = g.WebAssembly;
    try {
      expect(install()).toBe(false);
      expect(g.WebAssembly).toBe(native);
      delete g.WebAssembly;
      expect(install()).toBe(true);
      expect(g.WebAssembly).toBe(W);
      expect(Object.getOwnPropertyDescriptor(globalThis, "WebAssembly")).toMatchObject({ writable: true, enumerable: false, configurable: true });
      const other = createWebAssembly();
      expect(install({ force: true, namespace: other })).toBe(true);
      expect(g.WebAssembly).toBe(other);
    } finally {
      Object.defineProperty(globalThis, "WebAssembly", { value: native, writable: true, enumerable: false, configurable: true });
    }
  });
});
