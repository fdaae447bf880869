import { describe, expect, it } from "vitest";
import {
  Engine, GcArray, GcStruct, Instance, Linker, MAX_ARRAY_LENGTH, Module, Store, TrapCode, ValType, WASM2_FEATURES, isI31,
} from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";
import { trapOf } from "./trap-of.js";

// The GC instructions of WebAssembly 3.0 (structs, arrays, i31, casts), through the host API.

function instantiate(wat: string): Instance {
  const engine = new Engine();
  return new Instance(new Store(engine, null), new Module(engine, parseWat(wat)), []);
}

function call(instance: Instance, name: string, ...args: unknown[]): unknown {
  const results = instance.getFunc(name)!.call(...(args as never[]));
  return Array.isArray(results) && results.length === 1 ? results[0] : results;
}

describe("i31ref", () => {
  const wat = `(module
    (func (export "get_s") (param i32) (result i32) (i31.get_s (ref.i31 (local.get 0))))
    (func (export "get_u") (param i32) (result i32) (i31.get_u (ref.i31 (local.get 0))))
    (func (export "make") (param i32) (result i31ref) (ref.i31 (local.get 0)))
    (func (export "get_any") (param anyref) (result i32) (i31.get_s (ref.cast i31ref (local.get 0))))
    (func (export "null") (result i32) (i31.get_u (ref.null i31)))
    (func (export "eq") (param i32 i32) (result i32) (ref.eq (ref.i31 (local.get 0)) (ref.i31 (local.get 1)))))`;

  it("round-trips 31 bits, signed and unsigned", () => {
    const inst = instantiate(wat);
    expect(call(inst, "get_s", 5)).toBe(5);
    expect(call(inst, "get_s", -1)).toBe(-1);
    expect(call(inst, "get_u", -1)).toBe(0x7fffffff);
    expect(call(inst, "get_s", 0x40000000)).toBe(-0x40000000); // bit 31 is dropped, bit 30 is the sign
    expect(call(inst, "get_u", 0x80000001)).toBe(1);
  });

  it("reaches the host as a number and comes back from one", () => {
    const inst = instantiate(wat);
    expect(call(inst, "make", -7)).toBe(-7);
    expect(isI31(call(inst, "make", 0x3fffffff))).toBe(true);
    expect(call(inst, "get_any", 123)).toBe(123);
    expect(call(inst, "get_any", -0x40000000)).toBe(-0x40000000);
  });

  it("compares by value and traps on null", () => {
    const inst = instantiate(wat);
    expect(call(inst, "eq", 3, 3)).toBe(1);
    expect(call(inst, "eq", 3, 4)).toBe(0);
    expect(call(inst, "eq", 0, 0x80000000)).toBe(1); // equal in their 31 bits
    expect(trapOf(() => call(inst, "null")).reason).toBe("null i31 reference");
  });
});

describe("structs", () => {
  const wat = `(module
    (type $node (struct (field $val i32) (field $next (ref null $node))))
    (type $all (struct (field (mut i8)) (field (mut i16)) (field (mut i64)) (field (mut f32)) (field (mut f64))
      (field (mut v128)) (field (mut anyref))))
    ;; a linked list n, n-1, ..., 1 and its sum
    (func $list (export "list") (param $n i32) (result (ref null $node))
      (local $l (ref null $node))
      (block $done (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $l (struct.new $node (local.get $n) (local.get $l)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
      (local.get $l))
    (func (export "sum") (param $l (ref null $node)) (result i32)
      (local $s i32)
      (block $done (loop $next
        (br_if $done (ref.is_null (local.get $l)))
        (local.set $s (i32.add (local.get $s) (struct.get $node $val (local.get $l))))
        (local.set $l (struct.get $node $next (local.get $l)))
        (br $next)))
      (local.get $s))
    (func (export "fields") (result i32 i32 i32 i32 i64 f32 f64 i32 i32)
      (local $s (ref $all))
      (local.set $s (struct.new_default $all))
      (struct.set $all 0 (local.get $s) (i32.const 0x1ff))
      (struct.set $all 1 (local.get $s) (i32.const -2))
      (struct.set $all 2 (local.get $s) (i64.const -5))
      (struct.set $all 3 (local.get $s) (f32.const 1.5))
      (struct.set $all 4 (local.get $s) (f64.const -2.25))
      (struct.set $all 5 (local.get $s) (v128.const i32x4 1 2 3 4))
      (struct.set $all 6 (local.get $s) (ref.i31 (i32.const 9)))
      (struct.get_s $all 0 (local.get $s)) (struct.get_u $all 0 (local.get $s))
      (struct.get_s $all 1 (local.get $s)) (struct.get_u $all 1 (local.get $s))
      (struct.get $all 2 (local.get $s)) (struct.get $all 3 (local.get $s)) (struct.get $all 4 (local.get $s))
      (i32x4.extract_lane 3 (struct.get $all 5 (local.get $s)))
      (i31.get_u (ref.cast i31ref (struct.get $all 6 (local.get $s)))))
    (func (export "get_null") (result i32) (struct.get $node $val (ref.null $node)))
    (func (export "set_null") (struct.set $all 0 (ref.null $all) (i32.const 1))))`;

  it("build a linked list that the host holds and passes back", () => {
    const inst = instantiate(wat);
    const list = call(inst, "list", 100);
    expect(list).toBeInstanceOf(GcStruct);
    expect(call(inst, "sum", list)).toBe(5050);
    expect(call(inst, "sum", null)).toBe(0);
  });

  it("keep fields of every storage type, packed ones extended on get", () => {
    const inst = instantiate(wat);
    expect(call(inst, "fields")).toEqual([-1, 255, -2, 0xfffe, -5n, 1.5, -2.25, 4, 9]);
  });

  it("trap on null", () => {
    const inst = instantiate(wat);
    expect(trapOf(() => call(inst, "get_null")).code).toBe(TrapCode.NullStructReference);
    expect(trapOf(() => call(inst, "set_null")).reason).toBe("null structure reference");
  });

  it("are validated: immutable fields, packed gets, defaultability", () => {
    const engine = new Engine();
    const bad = (body: string, types = "(type $s (struct (field i32) (field i8) (field (ref any))))") =>
      () => new Module(engine, parseWat(`(module ${types} (func ${body}))`));
    expect(bad("(struct.set $s 0 (ref.null $s) (i32.const 1))")).toThrow(/immutable/);
    expect(bad("(drop (struct.get $s 1 (ref.null $s)))")).toThrow(/packed/);
    expect(bad("(drop (struct.get_s $s 0 (ref.null $s)))")).toThrow(/unpacked/);
    expect(bad("(drop (struct.new_default $s))")).toThrow(/type mismatch/);
    expect(() => new Module(new Engine({ features: WASM2_FEATURES }), parseWat("(module (func (drop (ref.i31 (i32.const 1)))))")))
      .toThrow(/illegal opcode/);
  });
});

describe("arrays", () => {
  const wat = `(module
    (type $i8 (array (mut i8)))
    (type $i16 (array (mut i16)))
    (type $i32 (array (mut i32)))
    (type $i64 (array (mut i64)))
    (type $f32 (array (mut f32)))
    (type $f64 (array (mut f64)))
    (type $v128 (array (mut v128)))
    (type $refs (array (mut anyref)))
    (type $funcs (array funcref))
    (type $mfuncs (array (mut funcref)))
    (data $bytes "\\01\\02\\03\\04\\05\\06\\07\\08")
    (elem $fs func $f $f)
    (func $f)
    (func (export "i8") (param i32) (result i32 i32 i32)
      (local $a (ref $i8))
      (local.set $a (array.new $i8 (i32.const 0xff) (i32.const 4)))
      (array.set $i8 (local.get $a) (i32.const 1) (i32.const 0x17f))
      (array.get_s $i8 (local.get $a) (local.get 0)) (array.get_u $i8 (local.get $a) (local.get 0))
      (array.len (local.get $a)))
    (func (export "i16") (result i32 i32)
      (local $a (ref $i16))
      (local.set $a (array.new_fixed $i16 3 (i32.const 1) (i32.const -2) (i32.const 3)))
      (array.get_s $i16 (local.get $a) (i32.const 1)) (array.get_u $i16 (local.get $a) (i32.const 1)))
    (func (export "i32_data") (param i32) (result i32)
      (array.get $i32 (array.new_data $i32 $bytes (i32.const 0) (i32.const 2)) (local.get 0)))
    (func (export "i64") (result i64)
      (local $a (ref $i64))
      (local.set $a (array.new_default $i64 (i32.const 3)))
      (array.fill $i64 (local.get $a) (i32.const 1) (i64.const -3) (i32.const 2))
      (i64.add (array.get $i64 (local.get $a) (i32.const 0)) (array.get $i64 (local.get $a) (i32.const 2))))
    (func (export "floats") (result f32 f64)
      (array.get $f32 (array.new $f32 (f32.const 0.5) (i32.const 2)) (i32.const 1))
      (array.get $f64 (array.new $f64 (f64.const -0.25) (i32.const 2)) (i32.const 1)))
    (func (export "v128") (result i32)
      (i32x4.extract_lane 2 (array.get $v128 (array.new $v128 (v128.const i32x4 5 6 7 8) (i32.const 3)) (i32.const 2))))
    (func (export "refs") (param anyref) (result anyref)
      (local $a (ref $refs))
      (local.set $a (array.new_default $refs (i32.const 2)))
      (array.set $refs (local.get $a) (i32.const 1) (local.get 0))
      (array.get $refs (local.get $a) (i32.const 1)))
    (func (export "funcs") (result i32)
      (array.len (array.new_elem $funcs $fs (i32.const 0) (i32.const 2))))
    (func (export "copy") (result i32 i32 i32 i32)
      (local $a (ref $i32))
      (local.set $a (array.new_fixed $i32 4 (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4)))
      ;; overlapping: 1 2 3 4 -> 1 1 2 3
      (array.copy $i32 $i32 (local.get $a) (i32.const 1) (local.get $a) (i32.const 0) (i32.const 3))
      (array.get $i32 (local.get $a) (i32.const 0)) (array.get $i32 (local.get $a) (i32.const 1))
      (array.get $i32 (local.get $a) (i32.const 2)) (array.get $i32 (local.get $a) (i32.const 3)))
    (func (export "init") (result i32 i32)
      (local $a (ref $i8))
      (local $r (ref $refs))
      (local.set $a (array.new_default $i8 (i32.const 4)))
      (array.init_data $i8 $bytes (local.get $a) (i32.const 1) (i32.const 5) (i32.const 3))
      (local.set $r (array.new_default $refs (i32.const 1)))
      (array.get_u $i8 (local.get $a) (i32.const 3))
      (array.len (local.get $r)))
    (func (export "init_elem") (result i32)
      (local $a (ref $funcs))
      (local.set $a (array.new_elem $funcs $fs (i32.const 0) (i32.const 2)))
      (ref.is_null (array.get $funcs (local.get $a) (i32.const 1))))
    (func (export "init_elem_into") (param i32) (result i32 i32 i32)
      (local $a (ref $mfuncs))
      (local.set $a (array.new_default $mfuncs (i32.const 3)))
      (array.init_elem $mfuncs $fs (local.get $a) (local.get 0) (i32.const 1) (i32.const 1))
      (ref.is_null (array.get $mfuncs (local.get $a) (i32.const 0)))
      (ref.is_null (array.get $mfuncs (local.get $a) (i32.const 1)))
      (ref.is_null (array.get $mfuncs (local.get $a) (i32.const 2))))
    (func (export "huge") (param i32) (result i32) (array.len (array.new_default $i8 (local.get 0))))
    (func (export "null_len") (result i32) (array.len (ref.null $i8)))
    (func (export "data_oob") (result i32) (array.len (array.new_data $i32 $bytes (i32.const 4) (i32.const 2)))))`;

  it("keep elements of every type", () => {
    const inst = instantiate(wat);
    expect(call(inst, "i8", 0)).toEqual([-1, 255, 4]);
    expect(call(inst, "i8", 1)).toEqual([127, 127, 4]);
    expect(call(inst, "i16")).toEqual([-2, 0xfffe]);
    expect(call(inst, "i32_data", 1)).toBe(0x08070605);
    expect(call(inst, "i64")).toBe(-3n);
    expect(call(inst, "floats")).toEqual([0.5, -0.25]);
    expect(call(inst, "v128")).toBe(7);
    const host = { a: 1 };
    expect(call(inst, "refs", host)).toBe(host);
    expect(call(inst, "refs", 17)).toBe(17); // an i31
    expect(call(inst, "funcs")).toBe(2);
    expect(call(inst, "init_elem")).toBe(0);
    // array.init_elem: element 1 of the segment into slot 1 or 2, the others stay null
    expect(call(inst, "init_elem_into", 1)).toEqual([1, 0, 1]);
    expect(call(inst, "init_elem_into", 2)).toEqual([1, 1, 0]);
    expect(trapOf(() => call(inst, "init_elem_into", 3)).reason).toBe("out of bounds array access");
  });

  it("copy (overlapping too) and initialise from segments", () => {
    const inst = instantiate(wat);
    expect(call(inst, "copy")).toEqual([1, 1, 2, 3]);
    expect(call(inst, "init")).toEqual([8, 1]);
  });

  it("trap out of bounds, on null and on lengths past the limit", () => {
    const inst = instantiate(wat);
    expect(trapOf(() => call(inst, "i8", 4)).reason).toBe("out of bounds array access");
    expect(trapOf(() => call(inst, "null_len")).reason).toBe("null array reference");
    expect(trapOf(() => call(inst, "data_oob")).reason).toBe("out of bounds memory access");
    expect(trapOf(() => call(inst, "huge", -1)).code).toBe(TrapCode.ArrayTooLarge);
    expect(trapOf(() => call(inst, "huge", MAX_ARRAY_LENGTH + 1)).code).toBe(TrapCode.ArrayTooLarge);
    expect(call(inst, "huge", 1000)).toBe(1000);
  });

  it("pay fuel per element for instructions on many elements", () => {
    const engine = new Engine({ consumeFuel: true });
    const store = new Store(engine, null);
    const inst = new Instance(store, new Module(engine, parseWat(`(module (type $a (array (mut i8)))
      (func (export "fill") (param i32) (result i32)
        (local $x (ref $a))
        (local.set $x (array.new_default $a (local.get 0)))
        (array.fill $a (local.get $x) (i32.const 0) (i32.const 1) (local.get 0))
        (array.len (local.get $x))))`)), []);
    store.setFuel(1000);
    expect(inst.getFunc("fill")!.call(100)).toEqual([100]);
    store.setFuel(1000);
    expect(trapOf(() => inst.getFunc("fill")!.call(10_000_000)).code).toBe(TrapCode.OutOfFuel);
  });

  it("bound array.new_fixed's operand count at validation, unreachable code included", () => {
    const wat = (n: number) => `(module (type $a (array i32)) (func (unreachable) (drop (array.new_fixed $a ${n}))))`;
    expect(() => new Module(new Engine(), parseWat(wat(10_000)))).not.toThrow();
    expect(() => new Module(new Engine(), parseWat(wat(4_000_000_000)))).toThrow(/array.new_fixed of more than 10000/);
  });

  it("reach the host as opaque objects", () => {
    const inst = instantiate(`(module (type $a (array i32))
      (func (export "make") (result (ref $a)) (array.new_default $a (i32.const 2)))
      (func (export "len") (param arrayref) (result i32) (array.len (local.get 0))))`);
    const a = call(inst, "make");
    expect(a).toBeInstanceOf(GcArray);
    expect(call(inst, "len", a)).toBe(2);
    expect(() => call(inst, "len", { not: "an array" })).toThrow(TypeError);
  });
});

describe("casts", () => {
  const wat = `(module
    (type $base (sub (struct (field i32))))
    (type $derived (sub $base (struct (field i32) (field i32))))
    (type $arr (array i8))
    (func $obj (param $k i32) (result anyref)
      (if (result anyref) (i32.eq (local.get $k) (i32.const 0)) (then (ref.null any))
        (else (if (result anyref) (i32.eq (local.get $k) (i32.const 1)) (then (ref.i31 (i32.const 5)))
          (else (if (result anyref) (i32.eq (local.get $k) (i32.const 2)) (then (struct.new $base (i32.const 1)))
            (else (if (result anyref) (i32.eq (local.get $k) (i32.const 3))
              (then (struct.new $derived (i32.const 1) (i32.const 2)))
              (else (array.new_default $arr (i32.const 1)))))))))))
    ;; a bit per type: eq, i31, struct, $base, $derived, array, null-tolerant $base
    (func (export "test") (param $k i32) (result i32)
      (local $o anyref)
      (local.set $o (call $obj (local.get $k)))
      (i32.or (i32.or (i32.or (ref.test eqref (local.get $o))
        (i32.shl (ref.test (ref i31) (local.get $o)) (i32.const 1)))
        (i32.or (i32.shl (ref.test (ref struct) (local.get $o)) (i32.const 2))
          (i32.shl (ref.test (ref $base) (local.get $o)) (i32.const 3))))
        (i32.or (i32.or (i32.shl (ref.test (ref $derived) (local.get $o)) (i32.const 4))
          (i32.shl (ref.test (ref array) (local.get $o)) (i32.const 5)))
          (i32.shl (ref.test (ref null $base) (local.get $o)) (i32.const 6)))))
    (func (export "cast") (param $k i32) (result i32)
      (struct.get $base 0 (ref.cast (ref $base) (call $obj (local.get $k)))))
    (func (export "cast_null") (param $k i32) (result i32)
      (ref.is_null (ref.cast (ref null $derived) (call $obj (local.get $k)))))
    ;; br_on_cast to $derived: 2nd field; br_on_cast_fail from i31: -1; else its i31 value
    (func (export "branch") (param $k i32) (result i32)
      (block $d (result (ref $derived))
        (block $f (result anyref)
          (i31.get_s (br_on_cast_fail $f anyref (ref i31)
            (br_on_cast $d anyref (ref $derived) (call $obj (local.get $k)))))
          (return))
        (drop)
        (return (i32.const -1)))
      (struct.get $derived 1))
    (func (export "convert") (param externref) (result externref)
      (extern.convert_any (any.convert_extern (local.get 0))))
    (func (export "convert_i31") (param externref) (result i32)
      (ref.test (ref i31) (any.convert_extern (local.get 0)))))`;

  it("test every abstract and concrete type, subtypes included", () => {
    const inst = instantiate(wat);
    expect(call(inst, "test", 0)).toBe(0b1000001); // null: only the nullable tests (eqref, (ref null $base))
    expect(call(inst, "test", 1)).toBe(0b0000011);
    expect(call(inst, "test", 2)).toBe(0b1001101);
    expect(call(inst, "test", 3)).toBe(0b1011101);
    expect(call(inst, "test", 4)).toBe(0b0100001);
  });

  it("cast or trap", () => {
    const inst = instantiate(wat);
    expect(call(inst, "cast", 2)).toBe(1);
    expect(call(inst, "cast", 3)).toBe(1);
    expect(trapOf(() => call(inst, "cast", 1)).reason).toBe("cast failure");
    expect(trapOf(() => call(inst, "cast", 0)).code).toBe(TrapCode.CastFailure);
    expect(call(inst, "cast_null", 0)).toBe(1);
    expect(call(inst, "cast_null", 3)).toBe(0);
    expect(trapOf(() => call(inst, "cast_null", 2)).code).toBe(TrapCode.CastFailure);
  });

  it("branch on a cast's success or failure", () => {
    const inst = instantiate(wat);
    expect(call(inst, "branch", 3)).toBe(2);
    expect(call(inst, "branch", 1)).toBe(5);
    expect(call(inst, "branch", 2)).toBe(-1);
    expect(call(inst, "branch", 4)).toBe(-1);
  });

  it("convert between extern and any without changing the reference", () => {
    const inst = instantiate(wat);
    const host = { x: 1 };
    expect(call(inst, "convert", host)).toBe(host);
    expect(call(inst, "convert", null)).toBe(null);
    expect(call(inst, "convert_i31", 12)).toBe(1); // a number that fits 31 bits is an i31, as in the JS API
    expect(call(inst, "convert_i31", 1.5)).toBe(0);
    expect(call(inst, "convert_i31", host)).toBe(0);
  });
});

describe("constant expressions", () => {
  it("allocate in globals and element segments", () => {
    const inst = instantiate(`(module
      (type $p (struct (field i32) (field i64)))
      (type $a (array i16))
      (global $g (ref $p) (struct.new $p (i32.const 7) (i64.const -8)))
      (global $h (ref $a) (array.new $a (i32.const -1) (i32.const 3)))
      (global $f (ref $a) (array.new_fixed $a 2 (i32.const 1) (i32.const 2)))
      (global $i i31ref (ref.i31 (i32.const -3)))
      (table $t 2 anyref)
      (elem (table $t) (i32.const 0) anyref (struct.new_default $p) (ref.i31 (i32.const 4)))
      (func (export "read") (result i32 i64 i32 i32 i32 i32 i32)
        (struct.get $p 0 (global.get $g)) (struct.get $p 1 (global.get $g))
        (array.get_u $a (global.get $h) (i32.const 2)) (array.len (global.get $h))
        (array.get_s $a (global.get $f) (i32.const 1))
        (i31.get_s (global.get $i))
        (i31.get_s (ref.cast i31ref (table.get $t (i32.const 1))))))`);
    expect(call(inst, "read")).toEqual([7, -8n, 0xffff, 3, 2, -3, 4]);
  });
});

describe("a long call that allocates", () => {
  it("does not keep its garbage alive: reference numbers no stack holds are forgotten and reused", () => {
    const engine = new Engine();
    const store = new Store(engine, null);
    const sizes: number[] = [];
    const instance = new Linker<null>(engine)
      .func("env", "live", { params: [], results: [] }, () => {
        sizes.push(store.pruned.refs.size);
      })
      .instantiate(store, new Module(engine, parseWat(`(module
        (import "env" "live" (func $live))
        (type $node (struct (field i32) (field (ref null $node))))
        (func (export "churn") (param $n i32) (result i32)
          (local $keep (ref null $node)) (local $i i32) (local $sum i32)
          (loop $build
            (local.set $keep (struct.new $node (local.get $i) (local.get $keep)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $build (i32.lt_u (local.get $i) (i32.const 1000))))
          (local.set $i (i32.const 0))
          (loop $garbage
            (local.set $sum (i32.add (local.get $sum)
              (struct.get $node 0 (struct.new $node (i32.const 1) (ref.null $node)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br_if $garbage (i32.lt_u (local.get $i) (local.get $n))))
          (call $live)
          (block $done (loop $walk
            (br_if $done (ref.is_null (local.get $keep)))
            (local.set $sum (i32.add (local.get $sum) (struct.get $node 0 (local.get $keep))))
            (local.set $keep (struct.get $node 1 (local.get $keep)))
            (br $walk)))
          (local.get $sum)))`)));
    const n = 300_000;
    expect(instance.getFunc("churn")!.call(n)).toEqual([n + 999 * 1000 / 2]);
    expect(sizes[0]).toBeLessThan(150_000); // not n: swept along the way
  });
});

describe("GC objects across stores", () => {
  it("keep their identity in a store while another store's call holds them", () => {
    const engine = new Engine();
    const storeB = new Store(engine, null);
    const b = new Instance(storeB, new Module(engine, parseWat(`(module
      (func (export "eq") (param eqref eqref) (result i32) (ref.eq (local.get 0) (local.get 1))))`)), []);
    const eqInB = b.getFunc("eq")!;
    const storeA = new Store(engine, null);
    const seen: unknown[] = [];
    const a = new Linker<null>(engine)
      .func("env", "check", { params: [ValType.EqRef], results: [ValType.I32] }, (_caller, p) => {
        seen.push(p);
        // p has a number in store A now; store B numbers it on its own
        return (eqInB.call(p, p) as number[])[0]! + (eqInB.call(p, null) as number[])[0]!;
      })
      .instantiate(storeA, new Module(engine, parseWat(`(module (type $p (struct (field i32)))
        (import "env" "check" (func $check (param eqref) (result i32)))
        (func (export "run") (result i32)
          (local $x (ref $p))
          (local.set $x (struct.new $p (i32.const 1)))
          (i32.add (call $check (local.get $x)) (ref.eq (local.get $x) (local.get $x))))
        (func (export "eq") (param eqref eqref) (result i32) (ref.eq (local.get 0) (local.get 1))))`)));
    expect(a.getFunc("run")!.call()).toEqual([2]);
    expect(seen[0]).toBeInstanceOf(GcStruct);
    expect((eqInB.call(seen[0], seen[0]) as number[])[0]).toBe(1);
    // numbered again in store A, whose numbers of the first call are forgotten
    a.getFunc("run")!.call();
    expect(a.getFunc("eq")!.call(seen[0], seen[0])).toEqual([1]);
    expect(a.getFunc("eq")!.call(seen[0], seen[1])).toEqual([0]);
    expect(eqInB.call(seen[1], seen[1])).toEqual([1]);
  });
});

// The instructions the interpreter runs as ops of their own when the immediate type allows (struct and
// array accesses, struct.new, array.len, ref.test / ref.cast / br_on_cast to a concrete type:
// codegen/instructions/gc.ts of the executor), against what the out-of-line `Gc` op gives, traps included.
describe("the GC instructions of their own", () => {
  const wat = `(module
    (type $p (sub (struct (field $i (mut i32)) (field $s8 (mut i8)) (field $s16 (mut i16)) (field $l (mut i64))
      (field $f (mut f32)) (field $d (mut f64)) (field $r (mut (ref null $p))))))
    (type $q (sub $p (struct (field $i (mut i32)) (field $s8 (mut i8)) (field $s16 (mut i16)) (field $l (mut i64))
      (field $f (mut f32)) (field $d (mut f64)) (field $r (mut (ref null $p))) (field $extra i32))))
    (type $nums (struct (field $a (mut i32)) (field $b (mut i64))))
    (type $ints (array (mut i32)))
    (type $floats (array (mut f32)))
    (type $objs (array (mut anyref)))
    (type $bytes (array (mut i8)))
    (type $halves (array (mut i16)))
    (func $make (param $v i32) (result (ref $p))
      (struct.new $p (local.get $v) (local.get $v) (local.get $v) (i64.extend_i32_s (local.get $v))
        (f32.convert_i32_s (local.get $v)) (f64.convert_i32_s (local.get $v)) (ref.null $p)))
    (func (export "fields") (param $v i32) (result i32 i32 i32 i32 i32 i64 f32 f64)
      (local $s (ref $p))
      (local.set $s (call $make (local.get $v)))
      (struct.get $p $i (local.get $s))
      (struct.get_s $p $s8 (local.get $s)) (struct.get_u $p $s8 (local.get $s))
      (struct.get_s $p $s16 (local.get $s)) (struct.get_u $p $s16 (local.get $s))
      (struct.get $p $l (local.get $s)) (struct.get $p $f (local.get $s)) (struct.get $p $d (local.get $s)))
    (func (export "set") (param $v i32) (result i32 i32 i32 i64 f64 i32)
      (local $s (ref $p))
      (local.set $s (call $make (i32.const 0)))
      (struct.set $p $i (local.get $s) (local.get $v))
      (struct.set $p $s8 (local.get $s) (local.get $v))
      (struct.set $p $s16 (local.get $s) (local.get $v))
      (struct.set $p $l (local.get $s) (i64.mul (i64.extend_i32_s (local.get $v)) (i64.const 0x100000001)))
      (struct.set $p $d (local.get $s) (f64.const 2.5))
      (struct.set $p $r (local.get $s) (local.get $s))
      (struct.get $p $i (local.get $s)) (struct.get_u $p $s8 (local.get $s)) (struct.get_s $p $s16 (local.get $s))
      (struct.get $p $l (local.get $s)) (struct.get $p $d (local.get $s))
      (ref.eq (struct.get $p $r (local.get $s)) (local.get $s)))
    (func (export "nums") (param $v i32) (result i32 i64)
      (local $n (ref $nums))
      (local.set $n (struct.new $nums (local.get $v) (i64.const -2)))
      (struct.set $nums $a (local.get $n) (i32.add (struct.get $nums $a (local.get $n)) (i32.const 1)))
      (struct.get $nums $a (local.get $n)) (struct.get $nums $b (local.get $n)))
    (func (export "get_null") (result i32) (struct.get $p $i (ref.null $p)))
    (func (export "get_ref_null") (result i32) (ref.is_null (struct.get $p $r (ref.null $p))))
    (func (export "set_null") (struct.set $p $i (ref.null $p) (i32.const 1)))
    (func (export "set_ref_null") (struct.set $p $r (ref.null $p) (ref.null $p)))
    (func (export "arrays") (param $n i32) (result i32 f32 i32 i32)
      (local $ints (ref $ints)) (local $floats (ref $floats)) (local $objs (ref $objs)) (local $i i32)
      (local.set $ints (array.new_default $ints (local.get $n)))
      (local.set $floats (array.new_default $floats (local.get $n)))
      (local.set $objs (array.new_default $objs (local.get $n)))
      (loop $fill
        (array.set $ints (local.get $ints) (local.get $i) (i32.mul (local.get $i) (i32.const 0x10001)))
        (array.set $floats (local.get $floats) (local.get $i) (f32.convert_i32_s (local.get $i)))
        (array.set $objs (local.get $objs) (local.get $i) (ref.i31 (local.get $i)))
        (br_if $fill (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (array.get $ints (local.get $ints) (i32.sub (local.get $n) (i32.const 1)))
      (array.get $floats (local.get $floats) (i32.sub (local.get $n) (i32.const 1)))
      (i31.get_s (ref.cast i31ref (array.get $objs (local.get $objs) (i32.sub (local.get $n) (i32.const 1)))))
      (i32.add (array.len (local.get $ints)) (array.len (local.get $objs))))
    (func (export "get_oob") (param $i i32) (result i32) (array.get $ints (array.new_default $ints (i32.const 2)) (local.get $i)))
    (func (export "get_ref_oob") (param $i i32) (result i32)
      (ref.is_null (array.get $objs (array.new_default $objs (i32.const 2)) (local.get $i))))
    (func (export "set_oob") (param $i i32) (array.set $ints (array.new_default $ints (i32.const 2)) (local.get $i) (i32.const 1)))
    (func (export "set_ref_oob") (param $i i32)
      (array.set $objs (array.new_default $objs (i32.const 2)) (local.get $i) (ref.null any)))
    ;; element i of an i8 and an i16 array of n set to v (the others 0): signed and unsigned, and element 0
    (func (export "packed") (param $n i32) (param $i i32) (param $v i32) (result i32 i32 i32 i32 i32 i32)
      (local $b (ref $bytes)) (local $h (ref $halves))
      (local.set $b (array.new_default $bytes (local.get $n)))
      (local.set $h (array.new_default $halves (local.get $n)))
      (array.set $bytes (local.get $b) (local.get $i) (local.get $v))
      (array.set $halves (local.get $h) (local.get $i) (local.get $v))
      (array.get_s $bytes (local.get $b) (local.get $i)) (array.get_u $bytes (local.get $b) (local.get $i))
      (array.get_s $halves (local.get $h) (local.get $i)) (array.get_u $halves (local.get $h) (local.get $i))
      (array.get_u $bytes (local.get $b) (i32.const 0)) (array.get_u $halves (local.get $h) (i32.const 0)))
    (func (export "get8_oob") (param $i i32) (result i32) (array.get_s $bytes (array.new_default $bytes (i32.const 2)) (local.get $i)))
    (func (export "get16_oob") (param $i i32) (result i32) (array.get_u $halves (array.new_default $halves (i32.const 2)) (local.get $i)))
    (func (export "set8_oob") (param $i i32) (array.set $bytes (array.new_default $bytes (i32.const 2)) (local.get $i) (i32.const 1)))
    (func (export "set16_oob") (param $i i32) (array.set $halves (array.new_default $halves (i32.const 2)) (local.get $i) (i32.const 1)))
    (func (export "get8_null") (result i32) (array.get_u $bytes (ref.null $bytes) (i32.const 0)))
    (func (export "set16_null") (array.set $halves (ref.null $halves) (i32.const 0) (i32.const 1)))
    (func (export "get_array_null") (result i32) (array.get $ints (ref.null $ints) (i32.const 0)))
    (func (export "set_array_null") (array.set $objs (ref.null $objs) (i32.const 0) (ref.null any)))
    (func (export "len_null") (result i32) (array.len (ref.null $ints)))
    ;; a $p, a $q (a subtype of $p), a $nums, an i31, null
    (func $obj (param $k i32) (result anyref)
      (if (result anyref) (i32.eqz (local.get $k)) (then (call $make (i32.const 1)))
        (else (if (result anyref) (i32.eq (local.get $k) (i32.const 1)) (then (struct.new_default $q))
          (else (if (result anyref) (i32.eq (local.get $k) (i32.const 2)) (then (struct.new_default $nums))
            (else (if (result anyref) (i32.eq (local.get $k) (i32.const 3)) (then (ref.i31 (i32.const 5)))
              (else (ref.null any))))))))))
    (func (export "test") (param $k i32) (result i32) (ref.test (ref $p) (call $obj (local.get $k))))
    (func (export "test_null") (param $k i32) (result i32) (ref.test (ref null $p) (call $obj (local.get $k))))
    (func (export "br_on_cast") (param $k i32) (result i32)
      (drop (block $yes (result (ref null $p))
        (drop (br_on_cast $yes anyref (ref null $p) (call $obj (local.get $k))))
        (return (i32.const 0))))
      (i32.const 1))
    (func (export "br_on_cast_fail") (param $k i32) (result i32)
      (drop (block $no (result anyref)
        (drop (br_on_cast_fail $no anyref (ref $p) (call $obj (local.get $k))))
        (return (i32.const 0))))
      (i32.const 1))
    (func (export "cast_null") (param $k i32) (result i32) (ref.is_null (ref.cast (ref null $p) (call $obj (local.get $k)))))
    (func (export "make") (result anyref) (call $make (i32.const 1)))
    (func (export "test_host") (param externref) (result i32) (ref.test (ref $p) (any.convert_extern (local.get 0))))
    (func (export "cast") (param $k i32) (result i32)
      (struct.get $p $i (ref.cast (ref $p) (call $obj (local.get $k))))))`;

  it("read and write numeric, packed and reference fields", () => {
    const inst = instantiate(wat);
    expect(call(inst, "fields", -200)).toEqual([-200, 56, 56, -200, 65336, -200n, -200, -200]);
    expect(call(inst, "fields", 0x7f80)).toEqual([0x7f80, -128, 128, 0x7f80, 0x7f80, 0x7f80n, 0x7f80, 0x7f80]);
    expect(call(inst, "set", 0x12345678)).toEqual([0x12345678, 0x78, 0x5678, 0x1234567812345678n, 2.5, 1]);
    expect(call(inst, "set", -1)).toEqual([-1, 0xff, -1, -0x100000001n, 2.5, 1]);
    expect(call(inst, "nums", 0x7fffffff)).toEqual([-0x80000000, -2n]);
  });

  it("trap on null structs", () => {
    const inst = instantiate(wat);
    for (const f of ["get_null", "get_ref_null", "set_null", "set_ref_null"]) {
      expect(trapOf(() => call(inst, f)).reason, f).toBe("null structure reference");
    }
  });

  it("read and write array elements of 4 bytes and references, with their lengths", () => {
    const inst = instantiate(wat);
    expect(call(inst, "arrays", 100)).toEqual([99 * 0x10001, 99, 99, 200]);
    expect(call(inst, "arrays", 1)).toEqual([0, 0, 0, 2]);
  });

  it("read and write packed array elements: sign- or zero-extended, stored truncated, little-endian", () => {
    const inst = instantiate(wat);
    expect(call(inst, "packed", 4, 3, -200)).toEqual([56, 56, -200, 65336, 0, 0]);
    expect(call(inst, "packed", 4, 1, 0x12348f80)).toEqual([-128, 128, -0x7080, 0x8f80, 0, 0]);
    expect(call(inst, "packed", 1, 0, 0x7fff)).toEqual([-1, 255, 0x7fff, 0x7fff, 255, 0x7fff]);
  });

  it("trap on null arrays and out of bounds indexes", () => {
    const inst = instantiate(wat);
    const inBounds: Record<string, unknown> = {
      get_oob: 0, get_ref_oob: 1, set_oob: [], set_ref_oob: [], get8_oob: 0, get16_oob: 0, set8_oob: [], set16_oob: [],
    };
    for (const f of Object.keys(inBounds)) {
      expect(call(inst, f, 1), f).toEqual(inBounds[f]);
      for (const i of [2, -1]) expect(trapOf(() => call(inst, f, i)).reason, `${f}(${i})`).toBe("out of bounds array access");
    }
    for (const f of ["get_array_null", "set_array_null", "len_null", "get8_null", "set16_null"]) {
      expect(trapOf(() => call(inst, f)).reason, f).toBe("null array reference");
    }
  });

  it("test and cast to a concrete type: the type itself, a subtype, other structs, i31 and null", () => {
    const inst = instantiate(wat);
    const kinds = [0, 1, 2, 3, 4];
    expect(kinds.map((k) => call(inst, "test", k))).toEqual([1, 1, 0, 0, 0]);
    expect(kinds.map((k) => call(inst, "test_null", k))).toEqual([1, 1, 0, 0, 1]);
    expect(kinds.map((k) => call(inst, "br_on_cast", k))).toEqual([1, 1, 0, 0, 1]);
    expect(kinds.map((k) => call(inst, "br_on_cast_fail", k))).toEqual([0, 0, 1, 1, 1]);
    expect(call(inst, "cast", 0)).toBe(1);
    expect(call(inst, "cast", 1)).toBe(0);
    for (const k of [2, 3, 4]) expect(trapOf(() => call(inst, "cast", k)).reason, `cast ${k}`).toBe("cast failure");
    expect(call(inst, "cast_null", 0)).toBe(0);
    expect(call(inst, "cast_null", 4)).toBe(1);
    for (const k of [2, 3]) expect(trapOf(() => call(inst, "cast_null", k)).reason, `cast_null ${k}`).toBe("cast failure");
  });

  it("test a host value as not of a struct type, whatever its properties", () => {
    const inst = instantiate(wat);
    const made = call(inst, "make") as GcStruct;
    expect(call(inst, "test_host", made)).toBe(1);
    expect(call(inst, "test_host", { typeId: made.typeId, layout: made.layout })).toBe(0);
  });
});
