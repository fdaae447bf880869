// The GC proposal's hot instructions, the ones the translator gives cases of their own (struct.new, field
// and element accesses by storage type, array.len, ref.test and ref.cast to a concrete type): each test runs
// them on both tiers and checks the results against values computed here, traps included. GC references
// never cross the boundary: the modules keep their objects in globals or locals and return numbers.
import { describe, expect, test } from "vitest";
import { TrapCode } from "@wasmi-ts/store";
import { instantiateWat, trapCode } from "./interpret-harness.js";

const I32S = [0, 1, -1, 2, 7, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 0x12345678, -0x1234568, 0x7fffffff, -0x80000000];
const I64S = [0n, 1n, -1n, 0xffffffffn, 0x100000000n, -0x100000000n, 0x123456789abcdef0n, -0x7fffffffffffffffn - 1n, 0x7fffffffffffffffn];

describe("structs", () => {
  // One struct of every numeric storage the fast cases distinguish (32-bit, 64-bit, packed) plus a
  // reference field, kept in a global between calls.
  const WAT = `(module
    (type $rec (struct
      (field $i (mut i32)) (field $l (mut i64)) (field $f (mut f32)) (field $d (mut f64))
      (field $b (mut i8)) (field $h (mut i16)) (field $next (mut (ref null $rec)))))
    (global $cur (mut (ref null $rec)) (ref.null $rec))
    (func (export "make") (param $i i32) (param $l i64) (param $f f32) (param $d f64) (param $b i32) (param $h i32)
      (global.set $cur (struct.new $rec (local.get $i) (local.get $l) (local.get $f) (local.get $d)
        (local.get $b) (local.get $h) (global.get $cur))))
    (func (export "clear") (global.set $cur (ref.null $rec)))
    (func (export "i") (result i32) (struct.get $rec $i (global.get $cur)))
    (func (export "l") (result i64) (struct.get $rec $l (global.get $cur)))
    (func (export "f") (result f32) (struct.get $rec $f (global.get $cur)))
    (func (export "d") (result f64) (struct.get $rec $d (global.get $cur)))
    (func (export "b_s") (result i32) (struct.get_s $rec $b (global.get $cur)))
    (func (export "b_u") (result i32) (struct.get_u $rec $b (global.get $cur)))
    (func (export "h_s") (result i32) (struct.get_s $rec $h (global.get $cur)))
    (func (export "h_u") (result i32) (struct.get_u $rec $h (global.get $cur)))
    (func (export "set_i") (param i32) (struct.set $rec $i (global.get $cur) (local.get 0)))
    (func (export "set_l") (param i64) (struct.set $rec $l (global.get $cur) (local.get 0)))
    (func (export "set_d") (param f64) (struct.set $rec $d (global.get $cur) (local.get 0)))
    (func (export "set_b") (param i32) (struct.set $rec $b (global.get $cur) (local.get 0)))
    (func (export "set_h") (param i32) (struct.set $rec $h (global.get $cur) (local.get 0)))
    ;; the structs made so far form a list through $next, the newest first
    (func (export "sum_i") (result i32) (local $p (ref null $rec)) (local $s i32)
      (local.set $p (global.get $cur))
      (block $done (loop $l
        (br_if $done (ref.is_null (local.get $p)))
        (local.set $s (i32.add (local.get $s) (struct.get $rec $i (local.get $p))))
        (local.set $p (struct.get $rec $next (local.get $p)))
        (br $l)))
      (local.get $s))
    (func (export "length") (result i32) (local $p (ref null $rec)) (local $n i32)
      (local.set $p (global.get $cur))
      (block $done (loop $l
        (br_if $done (ref.is_null (local.get $p)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (local.set $p (struct.get $rec $next (local.get $p)))
        (br $l)))
      (local.get $n))
    ;; drops the second struct of the list: cur.next = cur.next.next
    (func (export "unlink_second")
      (struct.set $rec $next (global.get $cur) (struct.get $rec $next (struct.get $rec $next (global.get $cur)))))
    (func (export "next_is_null") (result i32) (ref.is_null (struct.get $rec $next (global.get $cur)))))`;

  test("struct.new stores every field and struct.get reads each back by its storage type", () => {
    const t = instantiateWat(WAT);
    for (const [k, i] of I32S.entries()) {
      const l = I64S[k % I64S.length]!;
      const f = i / 3;
      const d = -i * 1e10 - 0.5;
      t.call("make", i, l, f, d, i, i);
      expect(t.call("i")).toBe(i);
      expect(t.call("l")).toBe(l);
      expect(t.call("f")).toBe(Math.fround(f));
      expect(t.call("d")).toBe(d);
      // packed fields keep the low 8 or 16 bits; get_s sign-extends them, get_u zero-extends
      expect(t.call("b_s"), `i8 ${i}`).toBe((i << 24) >> 24);
      expect(t.call("b_u"), `i8 ${i}`).toBe(i & 0xff);
      expect(t.call("h_s"), `i16 ${i}`).toBe((i << 16) >> 16);
      expect(t.call("h_u"), `i16 ${i}`).toBe(i & 0xffff);
    }
  });

  test("struct.set changes one field and leaves the others alone", () => {
    const t = instantiateWat(WAT);
    t.call("make", 5, 6n, 7, 8, 9, 10);
    for (const v of I32S) {
      t.call("set_i", v);
      t.call("set_b", v);
      t.call("set_h", v);
      expect(t.call("i")).toBe(v);
      expect(t.call("b_u")).toBe(v & 0xff);
      expect(t.call("b_s")).toBe((v << 24) >> 24);
      expect(t.call("h_u")).toBe(v & 0xffff);
      expect(t.call("h_s")).toBe((v << 16) >> 16);
    }
    for (const v of I64S) {
      t.call("set_l", v);
      expect(t.call("l")).toBe(v);
      expect(t.call("i")).toBe(-0x80000000); // the last set_i above
    }
    t.call("set_d", -2.25);
    expect(t.call("d")).toBe(-2.25);
    expect(t.call("l")).toBe(0x7fffffffffffffffn);
    expect(t.call("f")).toBe(7);
  });

  test("reference fields link structs into a list that struct.get and struct.set walk and change", () => {
    const t = instantiateWat(WAT);
    for (let k = 1; k <= 10; k++) t.call("make", k, 0n, 0, 0, 0, 0);
    expect(t.call("length")).toBe(10);
    expect(t.call("sum_i")).toBe(55);
    t.call("unlink_second"); // drops 9
    expect(t.call("length")).toBe(9);
    expect(t.call("sum_i")).toBe(46);
    for (let k = 0; k < 8; k++) t.call("unlink_second");
    expect(t.call("length")).toBe(1);
    expect(t.call("next_is_null")).toBe(1);
    expect(t.call("sum_i")).toBe(10);
  });

  test("a field access of a null struct reference traps", () => {
    const t = instantiateWat(WAT);
    for (const name of ["i", "l", "f", "d", "b_s", "h_u", "next_is_null"]) {
      expect(trapCode(() => t.call(name)), name).toBe(TrapCode.NullStructReference);
    }
    expect(trapCode(() => t.call("set_i", 1))).toBe(TrapCode.NullStructReference);
    expect(trapCode(() => t.call("set_l", 1n))).toBe(TrapCode.NullStructReference);
    expect(trapCode(() => t.call("set_h", 1))).toBe(TrapCode.NullStructReference);
    t.call("make", 1, 0n, 0, 0, 0, 0);
    // the list's only struct has a null $next, so the unlink reads a field of null
    expect(trapCode(() => t.call("unlink_second"))).toBe(TrapCode.NullStructReference);
    t.call("clear");
    expect(trapCode(() => t.call("unlink_second"))).toBe(TrapCode.NullStructReference);
  });
});

describe("arrays", () => {
  const WAT = `(module
    (type $words (array (mut i32)))
    (type $floats (array (mut f32)))
    (type $bytes (array (mut i8)))
    (type $halves (array (mut i16)))
    (type $unop (func (param i32) (result i32)))
    (type $funcs (array (mut (ref null $unop))))
    (global $w (mut (ref null $words)) (ref.null $words))
    (global $b (mut (ref null $bytes)) (ref.null $bytes))
    (global $h (mut (ref null $halves)) (ref.null $halves))
    (global $fs (mut (ref null $funcs)) (ref.null $funcs))
    (elem declare func $double $negate $square)
    (func $double (type $unop) (i32.shl (local.get 0) (i32.const 1)))
    (func $negate (type $unop) (i32.sub (i32.const 0) (local.get 0)))
    (func $square (type $unop) (i32.mul (local.get 0) (local.get 0)))

    (func (export "new_words") (param $n i32) (global.set $w (array.new $words (i32.const 0) (local.get $n))))
    (func (export "new_bytes") (param $n i32) (global.set $b (array.new_default $bytes (local.get $n))))
    (func (export "new_halves") (param $n i32) (global.set $h (array.new_default $halves (local.get $n))))
    (func (export "new_funcs") (param $n i32) (global.set $fs (array.new_default $funcs (local.get $n))))
    (func (export "clear")
      (global.set $w (ref.null $words)) (global.set $b (ref.null $bytes))
      (global.set $h (ref.null $halves)) (global.set $fs (ref.null $funcs)))

    (func (export "get_w") (param i32) (result i32) (array.get $words (global.get $w) (local.get 0)))
    (func (export "set_w") (param i32 i32) (array.set $words (global.get $w) (local.get 0) (local.get 1)))
    (func (export "len_w") (result i32) (array.len (global.get $w)))
    (func (export "len_b") (result i32) (array.len (global.get $b)))
    (func (export "len_h") (result i32) (array.len (global.get $h)))
    ;; w[i] = i * i for every i, then the sum of the elements read back
    (func (export "squares_sum") (result i32) (local $i i32) (local $s i32)
      (block $done (loop $l
        (br_if $done (i32.ge_u (local.get $i) (array.len (global.get $w))))
        (array.set $words (global.get $w) (local.get $i) (i32.mul (local.get $i) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
      (local.set $i (i32.const 0))
      (block $done (loop $l
        (br_if $done (i32.ge_u (local.get $i) (array.len (global.get $w))))
        (local.set $s (i32.add (local.get $s) (array.get $words (global.get $w) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
      (local.get $s))
    ;; f32 elements are 4 bytes too: a local array, scaled element by element
    (func (export "floats") (param $x f32) (param $k i32) (result f32) (local $a (ref $floats))
      (local.set $a (array.new $floats (local.get $x) (i32.const 4)))
      (array.set $floats (local.get $a) (local.get $k)
        (f32.mul (array.get $floats (local.get $a) (local.get $k)) (f32.const 3)))
      (f32.add (array.get $floats (local.get $a) (i32.const 0)) (array.get $floats (local.get $a) (i32.const 3))))

    (func (export "set_b") (param i32 i32) (array.set $bytes (global.get $b) (local.get 0) (local.get 1)))
    (func (export "get_b_s") (param i32) (result i32) (array.get_s $bytes (global.get $b) (local.get 0)))
    (func (export "get_b_u") (param i32) (result i32) (array.get_u $bytes (global.get $b) (local.get 0)))
    (func (export "set_h") (param i32 i32) (array.set $halves (global.get $h) (local.get 0) (local.get 1)))
    (func (export "get_h_s") (param i32) (result i32) (array.get_s $halves (global.get $h) (local.get 0)))
    (func (export "get_h_u") (param i32) (result i32) (array.get_u $halves (global.get $h) (local.get 0)))

    ;; an array of function references: element i set to $double, $negate or $square (by k), called on x
    (func (export "set_f") (param $i i32) (param $k i32)
      (array.set $funcs (global.get $fs) (local.get $i)
        (select (result (ref null $unop)) (ref.func $double)
          (select (result (ref null $unop)) (ref.func $negate) (ref.func $square) (i32.eq (local.get $k) (i32.const 1)))
          (i32.eqz (local.get $k)))))
    (func (export "clear_f") (param $i i32) (array.set $funcs (global.get $fs) (local.get $i) (ref.null $unop)))
    (func (export "call_f") (param $i i32) (param $x i32) (result i32)
      (call_ref $unop (local.get $x) (array.get $funcs (global.get $fs) (local.get $i))))
    (func (export "f_is_null") (param $i i32) (result i32) (ref.is_null (array.get $funcs (global.get $fs) (local.get $i)))))`;

  test("array.get and array.set on i32 elements, array.len", () => {
    const t = instantiateWat(WAT);
    t.call("new_words", 100);
    expect(t.call("len_w")).toBe(100);
    expect(t.call("get_w", 99)).toBe(0); // array.new's fill value
    let sum = 0;
    for (let i = 0; i < 100; i++) sum = (sum + i * i) | 0;
    expect(t.call("squares_sum")).toBe(sum);
    for (const [k, v] of I32S.entries()) t.call("set_w", k, v);
    for (const [k, v] of I32S.entries()) expect(t.call("get_w", k)).toBe(v);
    expect(t.call("get_w", I32S.length)).toBe(I32S.length * I32S.length); // untouched
    t.call("new_words", 0);
    expect(t.call("len_w")).toBe(0);
  });

  test("f32 elements are read and written as they are", () => {
    const t = instantiateWat(WAT);
    for (const x of [0, 1.5, -2.75, 1e30, 1 / 3, 3e38].map(Math.fround)) { // f32 arguments
      for (let k = 0; k < 4; k++) {
        const a0 = k === 0 ? Math.fround(x * 3) : x;
        const a3 = k === 3 ? Math.fround(x * 3) : x;
        expect(t.call("floats", x, k), `x=${x} k=${k}`).toBe(Math.fround(a0 + a3));
      }
    }
  });

  test("i8 elements keep their low 8 bits; get_s sign-extends, get_u zero-extends", () => {
    const t = instantiateWat(WAT);
    t.call("new_bytes", I32S.length);
    expect(t.call("len_b")).toBe(I32S.length);
    for (const [k, v] of I32S.entries()) t.call("set_b", k, v);
    for (const [k, v] of I32S.entries()) {
      expect(t.call("get_b_s", k), `${v}`).toBe((v << 24) >> 24);
      expect(t.call("get_b_u", k), `${v}`).toBe(v & 0xff);
    }
  });

  test("i16 elements keep their low 16 bits, each apart from its neighbours", () => {
    const t = instantiateWat(WAT);
    t.call("new_halves", I32S.length + 1);
    expect(t.call("len_h")).toBe(I32S.length + 1);
    for (const [k, v] of I32S.entries()) t.call("set_h", k, v);
    for (const [k, v] of I32S.entries()) {
      expect(t.call("get_h_s", k), `${v}`).toBe((v << 16) >> 16);
      expect(t.call("get_h_u", k), `${v}`).toBe(v & 0xffff);
    }
    // two bytes each: writing element 1 does not touch 0 or 2
    t.call("set_h", 0, 0xffff);
    t.call("set_h", 2, 0xffff);
    t.call("set_h", 1, 0);
    expect([t.call("get_h_u", 0), t.call("get_h_u", 1), t.call("get_h_u", 2)]).toEqual([0xffff, 0, 0xffff]);
    t.call("set_h", 1, 0x1234);
    expect([t.call("get_h_u", 0), t.call("get_h_u", 1), t.call("get_h_u", 2)]).toEqual([0xffff, 0x1234, 0xffff]);
  });

  test("reference elements: function references stored in an array and called through it", () => {
    const t = instantiateWat(WAT);
    t.call("new_funcs", 3);
    for (let i = 0; i < 3; i++) expect(t.call("f_is_null", i)).toBe(1);
    t.call("set_f", 0, 0);
    t.call("set_f", 1, 1);
    t.call("set_f", 2, 2);
    for (const x of [0, 3, -7, 0x10000, 0x7fffffff]) {
      expect(t.call("call_f", 0, x)).toBe((x * 2) | 0);
      expect(t.call("call_f", 1, x)).toBe(-x | 0);
      expect(t.call("call_f", 2, x)).toBe(Math.imul(x, x));
    }
    t.call("set_f", 0, 2);
    expect(t.call("call_f", 0, 9)).toBe(81);
    t.call("clear_f", 1);
    expect(t.call("f_is_null", 1)).toBe(1);
    expect(trapCode(() => t.call("call_f", 1, 5))).toBe(TrapCode.NullFunctionReference);
  });

  test("an index past the end traps, an index of 2^31 or more (negative as an i32) too", () => {
    const t = instantiateWat(WAT);
    t.call("new_words", 4);
    t.call("new_bytes", 4);
    t.call("new_halves", 4);
    t.call("new_funcs", 4);
    for (const i of [4, 5, 1000, -1, -0x80000000]) {
      expect(trapCode(() => t.call("get_w", i)), `get_w ${i}`).toBe(TrapCode.ArrayOutOfBounds);
      expect(trapCode(() => t.call("set_w", i, 1)), `set_w ${i}`).toBe(TrapCode.ArrayOutOfBounds);
      expect(trapCode(() => t.call("get_b_s", i)), `get_b_s ${i}`).toBe(TrapCode.ArrayOutOfBounds);
      expect(trapCode(() => t.call("get_b_u", i)), `get_b_u ${i}`).toBe(TrapCode.ArrayOutOfBounds);
      expect(trapCode(() => t.call("set_b", i, 1)), `set_b ${i}`).toBe(TrapCode.ArrayOutOfBounds);
      expect(trapCode(() => t.call("get_h_s", i)), `get_h_s ${i}`).toBe(TrapCode.ArrayOutOfBounds);
      expect(trapCode(() => t.call("set_h", i, 1)), `set_h ${i}`).toBe(TrapCode.ArrayOutOfBounds);
      expect(trapCode(() => t.call("f_is_null", i)), `get funcs ${i}`).toBe(TrapCode.ArrayOutOfBounds);
      expect(trapCode(() => t.call("set_f", i, 0)), `set funcs ${i}`).toBe(TrapCode.ArrayOutOfBounds);
    }
    // the traps wrote nothing: the last elements are still the defaults
    expect(t.call("get_w", 3)).toBe(0);
    expect(t.call("get_b_u", 3)).toBe(0);
    expect(t.call("get_h_u", 3)).toBe(0);
    expect(t.call("f_is_null", 3)).toBe(1);
    // an empty array has no element 0
    t.call("new_words", 0);
    expect(trapCode(() => t.call("get_w", 0))).toBe(TrapCode.ArrayOutOfBounds);
  });

  test("an access to a null array reference traps", () => {
    const t = instantiateWat(WAT);
    t.call("clear");
    expect(trapCode(() => t.call("len_w"))).toBe(TrapCode.NullArrayReference);
    expect(trapCode(() => t.call("len_b"))).toBe(TrapCode.NullArrayReference);
    expect(trapCode(() => t.call("get_w", 0))).toBe(TrapCode.NullArrayReference);
    expect(trapCode(() => t.call("set_w", 0, 1))).toBe(TrapCode.NullArrayReference);
    expect(trapCode(() => t.call("get_b_s", 0))).toBe(TrapCode.NullArrayReference);
    expect(trapCode(() => t.call("set_b", 0, 1))).toBe(TrapCode.NullArrayReference);
    expect(trapCode(() => t.call("get_h_u", 0))).toBe(TrapCode.NullArrayReference);
    expect(trapCode(() => t.call("set_h", 0, 1))).toBe(TrapCode.NullArrayReference);
    expect(trapCode(() => t.call("f_is_null", 0))).toBe(TrapCode.NullArrayReference);
    expect(trapCode(() => t.call("set_f", 0, 0))).toBe(TrapCode.NullArrayReference);
  });
});

describe("ref.test and ref.cast to a concrete type", () => {
  // $shape has two subtypes; $obj holds one of: 0 null, 1 a $shape, 2 a $circle, 3 a $square, 4 an i31,
  // 5 a $box (a struct unrelated to $shape)
  const WAT = `(module
    (type $shape (sub (struct (field $id i32))))
    (type $circle (sub final $shape (struct (field $id i32) (field $r i32))))
    (type $square (sub final $shape (struct (field $id i32) (field $side i64))))
    (type $box (struct (field i32)))
    (global $obj (mut anyref) (ref.null any))
    (func (export "make") (param $k i32)
      (global.set $obj
        (block $b (result anyref)
          (drop (br_if $b (ref.null any) (i32.eq (local.get $k) (i32.const 0))))
          (drop (br_if $b (struct.new $shape (i32.const 10)) (i32.eq (local.get $k) (i32.const 1))))
          (drop (br_if $b (struct.new $circle (i32.const 20) (i32.const 5)) (i32.eq (local.get $k) (i32.const 2))))
          (drop (br_if $b (struct.new $square (i32.const 30) (i64.const 6)) (i32.eq (local.get $k) (i32.const 3))))
          (drop (br_if $b (ref.i31 (i32.const 40)) (i32.eq (local.get $k) (i32.const 4))))
          (struct.new $box (i32.const 50)))))
    (func (export "is_shape") (result i32) (ref.test (ref $shape) (global.get $obj)))
    (func (export "is_circle") (result i32) (ref.test (ref $circle) (global.get $obj)))
    (func (export "is_square") (result i32) (ref.test (ref $square) (global.get $obj)))
    (func (export "is_circle_or_null") (result i32) (ref.test (ref null $circle) (global.get $obj)))
    ;; casts that succeed give the object, whose fields are then read
    (func (export "shape_id") (result i32) (struct.get $shape $id (ref.cast (ref $shape) (global.get $obj))))
    (func (export "circle_r") (result i32) (struct.get $circle $r (ref.cast (ref $circle) (global.get $obj))))
    (func (export "square_side") (result i64) (struct.get $square $side (ref.cast (ref $square) (global.get $obj))))
    (func (export "cast_null_circle_is_null") (result i32) (ref.is_null (ref.cast (ref null $circle) (global.get $obj)))))`;

  // what each kind of $obj is: [is_shape, is_circle, is_square, is_circle_or_null]
  const KINDS: [string, number[]][] = [
    ["null", [0, 0, 0, 1]],
    ["a $shape", [1, 0, 0, 0]],
    ["a $circle", [1, 1, 0, 1]],
    ["a $square", [1, 0, 1, 0]],
    ["an i31", [0, 0, 0, 0]],
    ["an unrelated struct", [0, 0, 0, 0]],
  ];

  test("ref.test answers by the object's type and its supertypes; only a nullable test accepts null", () => {
    const t = instantiateWat(WAT);
    for (const [k, [what, expected]] of KINDS.entries()) {
      t.call("make", k);
      expect([t.call("is_shape"), t.call("is_circle"), t.call("is_square"), t.call("is_circle_or_null")], what).toEqual(expected);
    }
  });

  test("ref.cast passes an object of the type or a subtype through", () => {
    const t = instantiateWat(WAT);
    t.call("make", 1);
    expect(t.call("shape_id")).toBe(10);
    t.call("make", 2);
    expect(t.call("shape_id")).toBe(20); // a $circle as a $shape
    expect(t.call("circle_r")).toBe(5);
    expect(t.call("cast_null_circle_is_null")).toBe(0);
    t.call("make", 3);
    expect(t.call("shape_id")).toBe(30);
    expect(t.call("square_side")).toBe(6n);
    t.call("make", 0);
    expect(t.call("cast_null_circle_is_null")).toBe(1); // a nullable cast lets null through
  });

  test("ref.cast to a type the object is not of traps", () => {
    const t = instantiateWat(WAT);
    t.call("make", 3); // a $square is no $circle
    expect(trapCode(() => t.call("circle_r"))).toBe(TrapCode.CastFailure);
    expect(trapCode(() => t.call("cast_null_circle_is_null"))).toBe(TrapCode.CastFailure);
    t.call("make", 1); // a $shape is not one of its subtypes
    expect(trapCode(() => t.call("circle_r"))).toBe(TrapCode.CastFailure);
    expect(trapCode(() => t.call("square_side"))).toBe(TrapCode.CastFailure);
    for (const k of [4, 5]) {
      t.call("make", k);
      expect(trapCode(() => t.call("shape_id")), KINDS[k]![0]).toBe(TrapCode.CastFailure);
    }
    t.call("make", 0); // a non-nullable cast of null
    expect(trapCode(() => t.call("shape_id"))).toBe(TrapCode.CastFailure);
  });
});
