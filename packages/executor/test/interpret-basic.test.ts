import { describe, expect, test } from "vitest";
import { instantiateWat, trapCode } from "./interpret-harness.js";

const FIB = `(module
  (func $fib (export "fib") (param i32) (result i32)
    (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2))))))))`;

function fibJs(n: number): number {
  return n < 2 ? n : fibJs(n - 1) + fibJs(n - 2);
}

describe("control flow", () => {
  test("recursive fib", () => {
    const t = instantiateWat(FIB);
    for (const n of [0, 1, 2, 3, 10, 20]) expect(t.call("fib", n)).toBe(fibJs(n));
  });

  test("loops with locals, br_if and a running sum", () => {
    const t = instantiateWat(`(module
      (func (export "sumsq") (param $n i32) (result i32) (local $i i32) (local $s i32)
        (block $b (loop $l
          (br_if $b (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $s (i32.add (local.get $s) (i32.mul (local.get $i) (local.get $i))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l)))
        (local.get $s))
      (func (export "fac") (param $n i64) (result i64) (local $r i64)
        (local.set $r (i64.const 1))
        (loop $l
          (if (i64.gt_u (local.get $n) (i64.const 1))
            (then
              (local.set $r (i64.mul (local.get $r) (local.get $n)))
              (local.set $n (i64.sub (local.get $n) (i64.const 1)))
              (br $l))))
        (local.get $r)))`);
    let s = 0;
    for (let i = 0; i < 1000; i++) s = (s + Math.imul(i, i)) | 0;
    expect(t.call("sumsq", 1000)).toBe(s);
    expect(t.call("sumsq", 0)).toBe(0);
    expect(t.call("fac", 20n)).toBe(2432902008176640000n);
    expect(t.call("fac", 25n)).toBe(BigInt.asIntN(64, 15511210043330985984000000n));
  });

  test("local.get of a local that is then overwritten keeps the old value", () => {
    const t = instantiateWat(`(module
      (func (export "swap") (param i32 i32) (result i32 i32)
        (local.get 1) (local.get 0) (local.set 1) (local.set 0) (local.get 0) (local.get 1))
      (func (export "tee") (param i32) (result i32)
        (local.get 0)
        (local.tee 0 (i32.add (local.get 0) (i32.const 10)))
        (i32.mul))
      (func (export "stale") (param i32) (result i32)
        (local.get 0)
        (block (local.set 0 (i32.const 7)))
        (local.get 0)
        (i32.sub)))`);
    expect(t.call("swap", 1, 2)).toEqual([2, 1]);
    expect(t.call("tee", 5)).toBe(5 * 15);
    expect(t.call("stale", 100)).toBe(93);
  });

  test("if/else with results and params, nested blocks with br to outer labels", () => {
    const t = instantiateWat(`(module
      (func (export "pick") (param i32 i32 i32) (result i32)
        (local.get 1) (local.get 2)
        (if (param i32 i32) (result i32) (local.get 0)
          (then (i32.sub))
          (else (i32.add))))
      (func (export "nested") (param i32) (result i32)
        (block $outer (result i32)
          (block $inner (result i32)
            (drop (br_if $outer (i32.const 100) (i32.eq (local.get 0) (i32.const 1))))
            (drop (br_if $inner (i32.const 200) (i32.eq (local.get 0) (i32.const 2))))
            (i32.const 300))
          (i32.const 1)
          (i32.add))))`);
    expect(t.call("pick", 1, 10, 3)).toBe(7);
    expect(t.call("pick", 0, 10, 3)).toBe(13);
    expect(t.call("nested", 1)).toBe(100);
    expect(t.call("nested", 2)).toBe(201);
    expect(t.call("nested", 3)).toBe(301);
  });

  test("br_table with values, default, and out-of-range indices", () => {
    const t = instantiateWat(`(module
      (func (export "sel") (param i32) (result i32)
        (block $d (result i32)
          (block $c (result i32)
            (block $b (result i32)
              (block $a (result i32)
                (br_table $a $b $c $d (i32.const 10) (local.get 0)))
              (return (i32.add (i32.const 1))))
            (return (i32.add (i32.const 2))))
          (return (i32.add (i32.const 3))))
        (i32.add (i32.const 4)))
      (func (export "multi") (param i32) (result i32 i32)
        (block (result i32 i32)
          (br_table 0 1 0 (i32.const 50) (i32.const 51) (local.get 0))
          (i32.const 51) (i32.const -3))
        (i32.add)
        (i32.const 52)))`);
    expect(t.call("sel", 0)).toBe(11);
    expect(t.call("sel", 1)).toBe(12);
    expect(t.call("sel", 2)).toBe(13);
    expect(t.call("sel", 3)).toBe(14);
    expect(t.call("sel", 99)).toBe(14);
    expect(t.call("sel", -1)).toBe(14);
    expect(t.call("multi", 0)).toEqual([101, 52]);
    expect(t.call("multi", 1)).toEqual([50, 51]);
    expect(t.call("multi", -3)).toEqual([101, 52]);
  });

  test("multi-value returns, select, drop, globals", () => {
    const t = instantiateWat(`(module
      (global $g (mut i64) (i64.const -5))
      (global $f (mut f64) (f64.const 1.5))
      (func (export "divmod") (param i32 i32) (result i32 i32)
        (i32.div_u (local.get 0) (local.get 1))
        (i32.rem_u (local.get 0) (local.get 1)))
      (func (export "rot") (param i32 i32 i32) (result i32 i32 i32)
        (local.get 1) (local.get 2) (local.get 0))
      (func (export "max") (param i64 i64) (result i64)
        (select (local.get 0) (local.get 1) (i64.gt_s (local.get 0) (local.get 1))))
      (func (export "fsel") (param f64 f64 i32) (result f64)
        (select (result f64) (local.get 0) (local.get 1) (local.get 2)))
      (func (export "bump") (result i64)
        (drop (i32.const 1))
        (global.set $g (i64.add (global.get $g) (i64.const 7)))
        (global.get $g))
      (func (export "fglob") (param f64) (result f64)
        (global.set $f (f64.mul (global.get $f) (local.get 0)))
        (global.get $f)))`);
    expect(t.call("divmod", 17, 5)).toEqual([3, 2]);
    expect(t.call("rot", 1, 2, 3)).toEqual([2, 3, 1]);
    expect(t.call("max", -3n, 2n)).toBe(2n);
    expect(t.call("max", 1n << 40n, 2n)).toBe(1n << 40n);
    expect(t.call("fsel", 1.25, 2.5, 0)).toBe(2.5);
    expect(t.call("fsel", 1.25, 2.5, 1)).toBe(1.25);
    expect(t.call("bump")).toBe(2n);
    expect(t.call("bump")).toBe(9n);
    expect(t.call("fglob", 3)).toBe(4.5);
  });

  test("unreachable traps and the store stays usable", () => {
    const t = instantiateWat(`(module
      (func (export "boom") (param i32) (result i32)
        (if (local.get 0) (then (unreachable)))
        (i32.const 42)))`);
    expect(() => t.call("boom", 1)).toThrow("unreachable");
    expect(t.call("boom", 0)).toBe(42);
  });
});

describe("numeric", () => {
  test("i64 arithmetic on halves", () => {
    const t = instantiateWat(`(module
      (func (export "add") (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
      (func (export "sub") (param i64 i64) (result i64) (i64.sub (local.get 0) (local.get 1)))
      (func (export "mul") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
      (func (export "div_s") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
      (func (export "rem_u") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))
      (func (export "shl") (param i64 i64) (result i64) (i64.shl (local.get 0) (local.get 1)))
      (func (export "shr_s") (param i64 i64) (result i64) (i64.shr_s (local.get 0) (local.get 1)))
      (func (export "lt_u") (param i64 i64) (result i32) (i64.lt_u (local.get 0) (local.get 1)))
      (func (export "eq") (param i64 i64) (result i32) (i64.eq (local.get 0) (local.get 1)))
      (func (export "clz") (param i64) (result i64) (i64.clz (local.get 0)))
      (func (export "ext") (param i32) (result i64) (i64.extend_i32_s (local.get 0)))
      (func (export "extu") (param i32) (result i64) (i64.extend_i32_u (local.get 0)))
      (func (export "wrap") (param i64) (result i32) (i32.wrap_i64 (local.get 0))))`);
    const M = (1n << 64n) - 1n;
    const s = (v: bigint) => BigInt.asIntN(64, v);
    expect(t.call("add", 0xffffffffn, 1n)).toBe(0x100000000n);
    expect(t.call("add", -1n, 1n)).toBe(0n);
    expect(t.call("sub", 0n, 1n)).toBe(-1n);
    expect(t.call("sub", 0x100000000n, 1n)).toBe(0xffffffffn);
    expect(t.call("mul", 0x123456789n, 0xabcdef01n)).toBe(s((0x123456789n * 0xabcdef01n) & M));
    expect(t.call("div_s", -100n, 7n)).toBe(-14n);
    expect(t.call("rem_u", -1n, 10n)).toBe(((1n << 64n) - 1n) % 10n);
    expect(t.call("shl", 1n, 63n)).toBe(-(1n << 63n));
    expect(t.call("shr_s", -(1n << 63n), 62n)).toBe(-2n);
    expect(t.call("lt_u", 1n, -1n)).toBe(1);
    expect(t.call("eq", 1n << 33n, 1n << 33n)).toBe(1);
    expect(t.call("eq", 1n << 33n, 1n << 32n)).toBe(0);
    expect(t.call("clz", 1n)).toBe(63n);
    expect(t.call("ext", -2)).toBe(-2n);
    expect(t.call("extu", -2)).toBe(0xfffffffen);
    expect(t.call("wrap", 0x1234567887654321n)).toBe(0x87654321 | 0);
    expect(() => t.call("div_s", 1n, 0n)).toThrow("integer divide by zero");
    expect(() => t.call("div_s", -(1n << 63n), -1n)).toThrow("integer overflow");
  });

  test("every i64 operator, its result kept as a value, against BigInt", () => {
    const u = (v: bigint) => BigInt.asUintN(64, v);
    const s = (v: bigint) => BigInt.asIntN(64, v);
    const b = (c: boolean) => (c ? 1 : 0);
    const bits = (v: bigint, f: (i: number) => boolean) => BigInt([...Array(64).keys()].filter(f).length);
    const binary: Record<string, (x: bigint, y: bigint) => bigint | number | null> = {
      add: (x, y) => s(x + y), sub: (x, y) => s(x - y), mul: (x, y) => s(x * y),
      div_s: (x, y) => (y === 0n || (x === -(1n << 63n) && y === -1n) ? null : s(x / y)),
      div_u: (x, y) => (y === 0n ? null : s(u(x) / u(y))),
      rem_s: (x, y) => (y === 0n ? null : s(x % y)), rem_u: (x, y) => (y === 0n ? null : s(u(x) % u(y))),
      and: (x, y) => x & y, or: (x, y) => x | y, xor: (x, y) => x ^ y,
      shl: (x, y) => s(x << (u(y) & 63n)), shr_s: (x, y) => x >> (u(y) & 63n), shr_u: (x, y) => s(u(x) >> (u(y) & 63n)),
      rotl: (x, y) => s((u(x) << (u(y) & 63n)) | (u(x) >> ((64n - (u(y) & 63n)) & 63n))),
      rotr: (x, y) => s((u(x) >> (u(y) & 63n)) | (u(x) << ((64n - (u(y) & 63n)) & 63n))),
      eq: (x, y) => b(x === y), ne: (x, y) => b(x !== y),
      lt_s: (x, y) => b(x < y), lt_u: (x, y) => b(u(x) < u(y)), gt_s: (x, y) => b(x > y), gt_u: (x, y) => b(u(x) > u(y)),
      le_s: (x, y) => b(x <= y), le_u: (x, y) => b(u(x) <= u(y)), ge_s: (x, y) => b(x >= y), ge_u: (x, y) => b(u(x) >= u(y)),
    };
    const unary: Record<string, (x: bigint) => bigint | number> = {
      clz: (x) => BigInt(64 - u(x).toString(2).replace(/^0$/, "").length),
      ctz: (x) => (x === 0n ? 64n : bits(x, (i) => (u(x) & ((1n << BigInt(i + 1)) - 1n)) === 0n)),
      popcnt: (x) => bits(x, (i) => ((u(x) >> BigInt(i)) & 1n) === 1n),
      eqz: (x) => b(x === 0n),
      extend8_s: (x) => BigInt.asIntN(8, x), extend16_s: (x) => BigInt.asIntN(16, x), extend32_s: (x) => BigInt.asIntN(32, x),
    };
    const result = (name: string) => (["eq", "ne", "eqz"].includes(name) || /^[lg][te]_/.test(name) ? "i32" : "i64");
    const t = instantiateWat(`(module
      ${Object.keys(binary).map((n) => `(func (export "${n}") (param i64 i64) (result ${result(n)}) (i64.${n} (local.get 0) (local.get 1)))`).join("\n")}
      ${Object.keys(unary).map((n) => `(func (export "${n}") (param i64) (result ${result(n)}) (i64.${n} (local.get 0)))`).join("\n")})`);
    const values = [0n, 1n, -1n, 2n, 63n, 64n, 0x7fffn, 0x8000n, 0xffffn, 0x80000000n, 0xffffffffn, 0x100000000n,
      -0x80000000n, 0x123456789abcdefn, -(1n << 63n), (1n << 63n) - 1n, -0x7edcba9876543210n];
    for (const x of values) {
      for (const [name, f] of Object.entries(unary)) expect(t.call(name, x), `${name} ${x}`).toBe(f(x));
      for (const y of values) {
        for (const [name, f] of Object.entries(binary)) {
          const expected = f(x, y);
          if (expected === null) expect(trapCode(() => t.call(name, x, y)), `${name} ${x} ${y}`).toBeDefined();
          else expect(t.call(name, x, y), `${name} ${x} ${y}`).toBe(expected);
        }
      }
    }
  });

  test("i32 arithmetic with traps", () => {
    const t = instantiateWat(`(module
      (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
      (func (export "rotl") (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
      (func (export "shr_u") (param i32 i32) (result i32) (i32.shr_u (local.get 0) (local.get 1)))
      (func (export "ext8") (param i32) (result i32) (i32.extend8_s (local.get 0))))`);
    expect(t.call("div_s", -7, 2)).toBe(-3);
    expect(() => t.call("div_s", 1, 0)).toThrow("integer divide by zero");
    expect(() => t.call("div_s", -0x80000000, -1)).toThrow("integer overflow");
    expect(t.call("rotl", 0x80000001 | 0, 1)).toBe(3);
    expect(t.call("shr_u", -1, 28)).toBe(15);
    expect(t.call("ext8", 0x80)).toBe(-128);
  });

  test("float operations keep bit patterns where required", () => {
    const t = instantiateWat(`(module
      (func (export "neg") (param f32) (result f32) (f32.neg (local.get 0)))
      (func (export "negbits") (param i32) (result i32) (i32.reinterpret_f32 (f32.neg (f32.reinterpret_i32 (local.get 0)))))
      (func (export "copysign") (param f64 f64) (result f64) (f64.copysign (local.get 0) (local.get 1)))
      (func (export "add32") (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))
      (func (export "min") (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))
      (func (export "nearest") (param f64) (result f64) (f64.nearest (local.get 0)))
      (func (export "trunc") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
      (func (export "sat") (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0)))
      (func (export "conv") (param i64) (result f32) (f32.convert_i64_u (local.get 0)))
      (func (export "demote") (param f64) (result f32) (f32.demote_f64 (local.get 0))))`);
    expect(t.call("neg", 1.5)).toBe(-1.5);
    expect(t.call("negbits", 0x7fa00001)).toBe(0xffa00001 | 0); // NaN payload preserved
    expect(t.call("copysign", 3, -0)).toBe(-3);
    expect(t.call("add32", 0.1, 0.2)).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.2)));
    expect(Object.is(t.call("min", 0, -0), -0)).toBe(true);
    expect(t.call("nearest", 2.5)).toBe(2);
    expect(t.call("nearest", -3.5)).toBe(-4);
    expect(t.call("trunc", -3.9)).toBe(-3);
    expect(() => t.call("trunc", 3e9)).toThrow("integer overflow");
    expect(() => t.call("trunc", NaN)).toThrow("invalid conversion to integer");
    expect(t.call("sat", -5)).toBe(0n);
    expect(t.call("sat", 1e30)).toBe(-1n);
    expect(t.call("conv", -1n)).toBe(2 ** 64);
    expect(t.call("demote", 1e300)).toBe(Infinity);
  });
});
