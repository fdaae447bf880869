import { describe, expect, it } from "vitest";
import {
  CompileError, Engine, Func, FuncType, Global, HeapType, Instance, LinkError, Linker, Module, Store, Table, TrapCode,
  ValType, WASM2_FEATURES, heapTypeOf, isNullable, refType, valTypeName,
} from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";
import { trapOf } from "./trap-of.js";

// WebAssembly 3.0 typed function references and the type system of GC, through the host API.

function instantiate(wat: string, engine = new Engine()): { instance: Instance; store: Store<null>; engine: Engine } {
  const store = new Store(engine, null);
  const instance = new Instance(store, new Module(engine, parseWat(wat)), []);
  return { instance, store, engine };
}

const CALLS = `(module
  (type $ii (func (param i32) (result i32)))
  (func $inc (type $ii) (i32.add (local.get 0) (i32.const 1)))
  (func $dbl (type $ii) (i32.mul (local.get 0) (i32.const 2)))
  (elem declare func $inc $dbl)
  (func (export "call") (param i32 i32) (result i32)
    (call_ref $ii (local.get 1)
      (if (result (ref $ii)) (local.get 0) (then (ref.func $dbl)) (else (ref.func $inc)))))
  (func (export "call_null") (result i32) (call_ref $ii (i32.const 1) (ref.null $ii)))
  (func $tail (export "tail") (param i32) (result i32)
    (return_call_ref $ii (local.get 0) (ref.func $dbl)))
  (func (export "tail_null") (param i32) (result i32) (return_call_ref $ii (local.get 0) (ref.null $ii)))
  ;; a countdown in tail calls through references: no stack growth
  (func $down (export "down") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 42))
      (else (return_call_ref $ii (i32.sub (local.get 0) (i32.const 1)) (ref.func $down)))))
  (elem declare func $down))`;

describe("call_ref and return_call_ref", () => {
  it("call the referenced function", () => {
    const { instance } = instantiate(CALLS);
    expect(instance.getFunc("call")!.call(0, 5)).toEqual([6]);
    expect(instance.getFunc("call")!.call(1, 5)).toEqual([10]);
    expect(instance.getFunc("tail")!.call(21)).toEqual([42]);
    expect(instance.getFunc("down")!.call(1_000_000)).toEqual([42]);
  });

  it("trap on a null reference", () => {
    const { instance } = instantiate(CALLS);
    expect(trapOf(() => instance.getFunc("call_null")!.call()).reason).toBe("null function reference");
    expect(trapOf(() => instance.getFunc("tail_null")!.call(1)).code).toBe(TrapCode.NullFunctionReference);
  });

  it("need the reference's type to be the immediate's (or a subtype)", () => {
    const wat = `(module (type $ii (func (param i32) (result i32))) (type $v (func))
      (func (param (ref $v)) (drop (call_ref $ii (i32.const 0) (local.get 0)))))`;
    expect(() => new Module(new Engine(), parseWat(wat))).toThrow(/type mismatch/);
  });
});

describe("ref.as_non_null, br_on_null, br_on_non_null", () => {
  const wat = `(module
    (type $v (func (result i32)))
    (func $seven (type $v) (i32.const 7))
    (elem declare func $seven)
    (table $t 1 funcref)
    (func (export "set") (table.set $t (i32.const 0) (ref.func $seven)))
    (func (export "as_non_null") (result i32)
      (ref.is_null (ref.as_non_null (table.get $t (i32.const 0)))))
    (func (export "on_null") (result i32)
      (block $null (result i32)
        (br_on_null 0 (i32.const -1) (table.get $t (i32.const 0)))
        (drop) (drop) (i32.const 1)))
    (func (export "on_non_null") (param (ref null $v)) (result i32)
      (block $some (result (ref $v))
        (br_on_non_null $some (local.get 0))
        (return (i32.const -1)))
      (call_ref $v)))`;

  it("ref.as_non_null passes a reference and traps on null", () => {
    const { instance } = instantiate(wat);
    expect(trapOf(() => instance.getFunc("as_non_null")!.call()).reason).toBe("null reference");
    instance.getFunc("set")!.call();
    expect(instance.getFunc("as_non_null")!.call()).toEqual([0]);
  });

  it("br_on_null branches on null only, dropping the reference", () => {
    const { instance } = instantiate(wat);
    expect(instance.getFunc("on_null")!.call()).toEqual([-1]);
    instance.getFunc("set")!.call();
    expect(instance.getFunc("on_null")!.call()).toEqual([1]);
  });

  it("br_on_non_null branches with the reference when it is not null", () => {
    const { instance, store } = instantiate(wat);
    const f = instance.getFunc("on_non_null")!;
    expect(f.call(null)).toEqual([-1]);
    const seven = Func.wrap(store, new FuncType([], [ValType.I32]), () => 7);
    expect(f.call(seven)).toEqual([7]);
  });
});

describe("locals of non-defaultable types", () => {
  it("must be set before they are read, within the block that set them", () => {
    const ok = `(module (func (param $p (ref extern)) (result (ref extern)) (local $l (ref extern))
      (local.set $l (local.get $p)) (local.get $l)))`;
    expect(() => new Module(new Engine(), parseWat(ok))).not.toThrow();
    const unset = `(module (func (result (ref extern)) (local $l (ref extern)) (local.get $l)))`;
    expect(() => new Module(new Engine(), parseWat(unset))).toThrow(/uninitialized local/);
    const scoped = `(module (func (param $p (ref extern)) (result (ref extern)) (local $l (ref extern))
      (block (local.set $l (local.get $p))) (local.get $l)))`;
    expect(() => new Module(new Engine(), parseWat(scoped))).toThrow(/uninitialized local/);
  });
});

describe("types of 3.0", () => {
  it("canonicalise recursion groups across modules, for imports", () => {
    const engine = new Engine();
    const store = new Store(engine, null);
    const types = `(rec (type $a (func (param (ref null $b)))) (type $b (func (param (ref null $a)))))`;
    const exporter = new Instance(store, new Module(engine, parseWat(`(module ${types}
      (func (export "f") (type $a)))`)), []);
    const linker = new Linker(engine).define("m", "f", exporter.getFunc("f")!);
    // the same group written again: the same types
    expect(() => linker.instantiate(store, new Module(engine, parseWat(`(module ${types}
      (import "m" "f" (func (type $a))))`)))).not.toThrow();
    // the other member of the group, or a structurally equal type outside a group: different types
    expect(() => linker.instantiate(store, new Module(engine, parseWat(`(module ${types}
      (import "m" "f" (func (type $b))))`)))).toThrow(LinkError);
  });

  it("let a function of a declared subtype be imported, and called through call_indirect", () => {
    const engine = new Engine();
    const store = new Store(engine, null);
    const types = `(type $super (sub (func (result i32)))) (type $sub (sub $super (func (result i32))))`;
    const exporter = new Instance(store, new Module(engine, parseWat(`(module ${types}
      (func (export "f") (type $sub) (i32.const 5)))`)), []);
    const importer = new Linker(engine).define("m", "f", exporter.getFunc("f")!).instantiate(store,
      new Module(engine, parseWat(`(module ${types}
        (import "m" "f" (func $f (type $super)))
        (table funcref (elem $f))
        (func (export "indirect") (result i32) (call_indirect (type $super) (i32.const 0)))
        (func (export "exact") (result i32) (call_indirect (type $sub) (i32.const 0))))`)));
    expect(importer.getFunc("indirect")!.call()).toEqual([5]);
    expect(importer.getFunc("exact")!.call()).toEqual([5]);
  });

  it("reject a subtype of a final type, or one that does not match its supertype", () => {
    const final = `(module (type $f (func)) (type (sub $f (func))))`;
    expect(() => new Module(new Engine(), parseWat(final))).toThrow(CompileError);
    const mismatch = `(module (type $s (sub (struct (field i32)))) (type (sub $s (struct (field i64)))))`;
    expect(() => new Module(new Engine(), parseWat(mismatch))).toThrow(/sub type/);
    const ok = `(module (type $s (sub (struct (field i32)))) (type (sub $s (struct (field i32) (field (mut i8))))))`;
    expect(() => new Module(new Engine(), parseWat(ok))).not.toThrow();
  });

  it("bound the chain of supertypes, and refuse forward and multiple supertypes", () => {
    const chain = (n: number) =>
      `(module (type $t0 (sub (func))) ${Array.from({ length: n }, (_, i) => `(type $t${i + 1} (sub $t${i} (func)))`).join(" ")})`;
    expect(() => new Module(new Engine(), parseWat(chain(63)))).not.toThrow();
    expect(() => new Module(new Engine(), parseWat(chain(64)))).toThrow(/subtype depth/);
    const forward = `(module (rec (type $a (sub $b (func))) (type $b (sub (func)))))`;
    expect(() => new Module(new Engine(), parseWat(forward))).toThrow(/unknown type/);
    const several = `(module (type $a (sub (func))) (type $b (sub (func))) (type (sub $a $b (func))))`;
    expect(() => new Module(new Engine(), parseWat(several))).toThrow(/multiple supertypes/);
    const outside = `(module (type (func (param (ref 1)))) (type (func)))`;
    expect(() => new Module(new Engine(), parseWat(outside))).toThrow(/unknown type 1/);
  });

  it("are refused under WASM2_FEATURES", () => {
    const wat = `(module (func (param (ref extern))))`;
    expect(() => new Module(new Engine({ features: WASM2_FEATURES }), parseWat(wat))).toThrow(/malformed/);
  });
});

describe("the host API's reference types", () => {
  it("name typed references and check values crossing", () => {
    const engine = new Engine();
    const store = new Store(engine, null);
    const ii = new FuncType([ValType.I32], [ValType.I32]);
    const refII = engine.funcRefType(ii);
    expect(isNullable(refII)).toBe(false);
    expect(valTypeName(refType(HeapType.Func, false))).toBe("(ref func)");
    const inc = Func.wrap(store, ii, (_caller, x) => (x as number) + 1);
    // a global of (ref $ii): holds a function of that type only, never null
    const g = new Global(store, { type: refII, mutable: true }, inc);
    expect(g.value).toBe(inc);
    expect(() => (g.value = null)).toThrow(/null is not a value of type/);
    expect(() => (g.value = Func.wrap(store, new FuncType([], []), () => {}))).toThrow(/is not a value of type/);
    expect(g.value).toBe(inc);
    // a table of (ref null func)
    const t = new Table(store, { element: refType(HeapType.Func, true), limits: { min: 1, max: null } }, inc);
    expect(t.get(0)).toBe(inc);
    // a module reads and calls it
    const { instance } = (() => {
      const linker = new Linker(engine).define("m", "g", g);
      const module = new Module(engine, parseWat(`(module (type $ii (func (param i32) (result i32)))
        (import "m" "g" (global (mut (ref $ii))))
        (func (export "run") (result i32) (call_ref $ii (i32.const 41) (global.get 0))))`));
      return { instance: linker.instantiate(store, module) };
    })();
    expect(instance.getFunc("run")!.call()).toEqual([42]);
    expect(heapTypeOf(refII)).toBeGreaterThanOrEqual(0x200);
  });
});
