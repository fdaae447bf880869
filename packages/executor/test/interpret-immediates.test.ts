// Instructions with a constant operand run as immediate forms (and comparisons with constants fuse into
// branches, loop counters into their branch): each is checked against the same instruction with both
// operands in registers, the general form the spec suite covers.
import { describe, expect, test } from "vitest";
import { TypeRegistry } from "@wasmi-ts/store";
import { parseWat } from "@wasmi-ts/wast";
import { DEFAULT_CONFIG, compileModule, disassemble, translateFunction } from "../src/index.js";
import { instantiateWat } from "./interpret-harness.js";

/** The opcode names in function `index`'s translated code. */
function opsOf(wat: string, index: number): string[] {
  const module = compileModule(parseWat(wat), new TypeRegistry(), DEFAULT_CONFIG);
  return disassemble(translateFunction(module, index)).map((line) => line.split(" ")[1]!);
}

const I32_VALUES = [0, 1, -1, 2, 7, 31, 32, 33, 1000, -1000, 0x7fffffff, -0x80000000, 0x12345678, -0x1234568];
const I32_BINARY = ["add", "sub", "mul", "and", "or", "xor", "shl", "shr_s", "shr_u", "rotl", "rotr"];
const I32_COMPARE = ["eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"];

/** A module with, per constant k: `op x k`, `op k x` and `op x y` (the register form). */
function i32Module(op: string, result: (e: string) => string): string {
  const funcs = I32_VALUES.map((k, i) => `
    (func (export "right${i}") (param $x i32) (result i32)
      ${result(`(i32.${op} (local.get $x) (i32.const ${k}))`)})
    (func (export "left${i}") (param $x i32) (result i32) ${result(`(i32.${op} (i32.const ${k}) (local.get $x))`)})`);
  return `(module ${funcs.join("")}
    (func (export "reg") (param $x i32) (param $y i32) (result i32) ${result(`(i32.${op} (local.get $x) (local.get $y))`)}))`;
}

function checkI32(op: string, result: (e: string) => string): void {
  const t = instantiateWat(i32Module(op, result));
  I32_VALUES.forEach((k, i) => {
    for (const x of I32_VALUES) {
      expect(t.call(`right${i}`, x), `${op} ${x} ${k}`).toBe(t.call("reg", x, k));
      expect(t.call(`left${i}`, x), `${op} ${k} ${x}`).toBe(t.call("reg", k, x));
    }
  });
}

describe("immediate operands", () => {
  test.each(I32_BINARY)("i32.%s with a constant operand", (op) => checkI32(op, (e) => e));

  test.each(I32_COMPARE)("i32.%s with a constant operand, as a value", (op) => checkI32(op, (e) => e));

  test.each(I32_COMPARE)("i32.%s with a constant operand, fused into if and br_if", (op) => {
    checkI32(op, (e) => `(if (result i32) ${e} (then (i32.const 10)) (else (i32.const 20)))`);
    checkI32(op, (e) => `(block $b (result i32) (drop (br_if $b (i32.const 30) ${e})) (i32.const 40))`);
  });

  test.each(["shl", "shr_s", "shr_u"])("i64.%s by constant counts, including 0 and counts over 63", (op) => {
    const counts = [0, 1, 5, 31, 32, 33, 63, 64, 65, 100];
    const funcs = counts.map((k) => `
      (func (export "k${k}") (param $x i64) (result i64) (i64.${op} (local.get $x) (i64.const ${k})))`);
    const t = instantiateWat(`(module ${funcs.join("")}
      (func (export "reg") (param $x i64) (param $k i64) (result i64) (i64.${op} (local.get $x) (local.get $k))))`);
    for (const x of [0n, 1n, -1n, 0x123456789abcdef0n, -0x7fffffffffffffffn, 0x80000000n]) {
      for (const k of counts) expect(t.call(`k${k}`, x), `${op} ${x} ${k}`).toBe(t.call("reg", x, BigInt(k)));
    }
  });

  test.each(["add", "sub"])("i64.%s of a constant: an immediate when it is a sign-extended i32, else the register form", (op) => {
    const constants = [0n, 1n, -1n, 8n, -8n, 0x7fffffffn, -0x80000000n, 0x80000000n, 0xffffffffn, -0x80000001n,
      0x100000000n, -0x8000000000000000n, 0x7fffffffffffffffn];
    const funcs = constants.map((k, i) => `
      (func (export "right${i}") (param $x i64) (result i64) (i64.${op} (local.get $x) (i64.const ${k})))
      (func (export "left${i}") (param $x i64) (result i64) (i64.${op} (i64.const ${k}) (local.get $x)))`);
    const wat = `(module ${funcs.join("")}
      (func (export "reg") (param $x i64) (param $y i64) (result i64) (i64.${op} (local.get $x) (local.get $y))))`;
    // the immediate form where k (negated for sub) is a sign-extended i32
    const fits = (k: bigint) => { const v = op === "sub" ? -k : k; return v >= -0x80000000n && v <= 0x7fffffffn; };
    constants.forEach((k, i) => expect(opsOf(wat, 2 * i)[0], `${op} x ${k}`).toBe(fits(k) ? "I64AddImm" : op === "add" ? "I64Add" : "I64Sub"));
    const t = instantiateWat(wat, { config: { jsTier: false } });
    constants.forEach((k, i) => {
      for (const x of [0n, 1n, -1n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, -0x8000000000000000n, 0x123456789abcdef0n]) {
        expect(t.call(`right${i}`, x), `${op} ${x} ${k}`).toBe(t.call("reg", x, k));
        expect(t.call(`left${i}`, x), `${op} ${k} ${x}`).toBe(t.call("reg", k, x));
      }
    });
  });
});

describe("fused loop counters", () => {
  // count from `start` by `step` while the new value passes the test against the limit; returns the
  // number of iterations (capped) and the final counter, like a C for-loop compiled by clang
  const LOOPS = [
    ["lt_u", "(local.get $n)"], ["lt_s", "(local.get $n)"], ["ne", "(local.get $n)"],
    ["lt_u", "(i32.const 100)"], ["lt_s", "(i32.const -5)"], ["ne", "(i32.const 64)"],
  ] as const;

  test.each(LOOPS)("increment then br_if i32.%s %s", (cmp, limit) => {
    const t = instantiateWat(`(module
      (func (export "count") (param $i i32) (param $n i32) (param $step i32) (result i32 i32) (local $c i32)
        (loop $l
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br_if $l (i32.and
            (i32.lt_u (local.get $c) (i32.const 1000))
            (i32.${cmp} (local.tee $i (i32.add (local.get $i) (i32.const 4))) ${limit}))))
        (local.get $c) (local.get $i))
      (func (export "fused") (param $i i32) (param $n i32) (result i32 i32) (local $c i32)
        (loop $l
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br_if $l (i32.${cmp} (local.tee $i (i32.add (local.get $i) (i32.const 4))) ${limit})))
        (local.get $c) (local.get $i)))`);
    for (const [start, n] of [[0, 100], [-40, 0], [0x7ffffff0, 0x7fffffff], [-8, 8], [3, 64], [0, 64]]) {
      const expected = t.call("count", start, n, 4) as unknown as number[];
      if (expected[0]! < 1000) expect(t.call("fused", start, n), `${cmp} ${start} ${n}`).toEqual(expected);
    }
  });

  test("decrement then br_if on the counter itself", () => {
    const t = instantiateWat(`(module
      (func (export "sum") (param $n i32) (result i32) (local $s i32)
        (loop $l
          (local.set $s (i32.add (local.get $s) (local.get $n)))
          (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
        (local.get $s)))`);
    expect(t.call("sum", 100)).toBe(5050);
    expect(t.call("sum", 1)).toBe(1);
  });
});

describe("fused pairs", () => {
  test("bit fields: (x >>> k) & mask", () => {
    const t = instantiateWat(`(module
      (func (export "field") (param $x i32) (result i32 i32 i32)
        (i32.and (i32.shr_u (local.get $x) (i32.const 3)) (i32.const 0x1f))
        (i32.and (i32.shr_u (local.get $x) (i32.const 35)) (i32.const -1))
        (i32.and (i32.const 0xff00) (i32.shr_u (local.get $x) (i32.const 0)))))`);
    for (const x of I32_VALUES) {
      expect(t.call("field", x)).toEqual([(x >>> 3) & 0x1f, (x >>> 3) | 0, x & 0xff00]);
    }
  });

  test("copies in a row, including swaps through a temporary", () => {
    const t = instantiateWat(`(module
      (func (export "fibIter") (param $n i32) (result i32) (local $a i32) (local $b i32) (local $t i32)
        (local.set $b (i32.const 1))
        (block $done (loop $l
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $t (local.get $b))
          (local.set $b (i32.add (local.get $a) (local.get $b)))
          (local.set $a (local.get $t))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $l)))
        (local.get $a))
      (func (export "rotate3") (param $x i32) (param $y i32) (param $z i32) (result i32 i32 i32)
        (local.get $y) (local.get $z) (local.get $x)
        (local.set $z) (local.set $y) (local.set $x)
        (local.get $x) (local.get $y) (local.get $z)))`);
    expect(t.call("fibIter", 30)).toBe(832040);
    expect(t.call("rotate3", 1, 2, 3)).toEqual([2, 3, 1]);
  });

  test("xor with a value shifted or rotated by a constant, on either side", () => {
    const shifted = (t: string, op: string, k: number, x: string) => `(${t}.${op} (local.get ${x}) (${t}.const ${k}))`;
    const t = instantiateWat(`(module
      (func (export "i32") (param $a i32) (param $x i32) (result i32 i32 i32 i32)
        (i32.xor (local.get $a) ${shifted("i32", "rotl", 7, "$x")})
        (i32.xor ${shifted("i32", "rotr", 13, "$x")} (local.get $a))
        (i32.xor (local.get $a) ${shifted("i32", "shr_u", 3, "$x")})
        (i32.xor ${shifted("i32", "shr_u", 0, "$x")} (local.get $a)))
      (func (export "i64") (param $a i64) (param $x i64) (result i64 i64 i64 i64)
        (i64.xor (local.get $a) ${shifted("i64", "shl", 25, "$x")})
        (i64.xor ${shifted("i64", "shr_u", 12, "$x")} (local.get $a))
        (i64.xor (local.get $a) ${shifted("i64", "shl", 40, "$x")})
        (i64.xor ${shifted("i64", "shr_u", 33, "$x")} (local.get $a)))
      (func (export "xorshift") (param $x i64) (result i64)
        (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 12))))
        (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 25))))
        (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 27)))))`);
    const rotl = (v: number, k: number) => (v << k) | (v >>> (32 - k));
    const u64 = (v: bigint) => BigInt.asUintN(64, v);
    for (const a of I32_VALUES) {
      for (const x of I32_VALUES) {
        expect(t.call("i32", a, x)).toEqual([a ^ rotl(x, 7), a ^ rotl(x, 19), a ^ (x >>> 3), a ^ x]);
      }
    }
    for (const [a, x] of [[0n, -1n], [0x0123456789abcdefn, -0x123456789abcdefn], [-1n, 0x8000000080000000n]] as const) {
      expect(t.call("i64", a, x)).toEqual([
        BigInt.asIntN(64, a ^ (x << 25n)), BigInt.asIntN(64, a ^ BigInt.asIntN(64, u64(x) >> 12n)),
        BigInt.asIntN(64, a ^ (x << 40n)), BigInt.asIntN(64, a ^ BigInt.asIntN(64, u64(x) >> 33n)),
      ]);
      let v = u64(x);
      v ^= v >> 12n;
      v = u64(v ^ (v << 25n));
      v ^= v >> 27n;
      expect(t.call("xorshift", x)).toBe(BigInt.asIntN(64, v));
    }
  });

  test("sums of three terms, the inner sum on either side, wrapping", () => {
    const t = instantiateWat(`(module
      (func (export "sums") (param $a i32) (param $b i32) (param $c i32) (result i32 i32 i32)
        (i32.add (i32.add (local.get $a) (local.get $b)) (local.get $c))
        (i32.add (local.get $c) (i32.add (local.get $a) (local.get $b)))
        (i32.add (i32.add (local.get $a) (local.get $a)) (i32.add (local.get $b) (local.get $c)))))`);
    for (const a of I32_VALUES) {
      for (const b of [0, -1, 0x7fffffff, 12345]) {
        const c = b ^ 0x5555;
        const sum = (a + b + c) | 0;
        expect(t.call("sums", a, b, c)).toEqual([sum, sum, (a + a + b + c) | 0]);
      }
    }
  });

  test("an add of a product by a constant, and of a loaded word (bounds checked)", () => {
    const t = instantiateWat(`(module (memory 1)
      (data (i32.const 8) "\\01\\02\\03\\04\\ff\\ff\\ff\\ff")
      (func (export "mad") (param $x i32) (param $c i32) (result i32 i32)
        (i32.add (i32.mul (local.get $x) (i32.const 7)) (local.get $c))
        (i32.add (local.get $c) (i32.mul (i32.const -3) (local.get $x))))
      (func (export "sumAt") (param $p i32) (param $c i32) (result i32)
        (i32.add (local.get $c) (i32.load offset=4 (local.get $p)))))`);
    for (const x of I32_VALUES) {
      expect(t.call("mad", x, 5)).toEqual([(Math.imul(x, 7) + 5) | 0, (5 + Math.imul(-3, x)) | 0]);
    }
    expect(t.call("sumAt", 4, 1)).toBe(0x04030201 + 1);
    expect(t.call("sumAt", 9, 0)).toBe(0x00ffffff); // bytes 13..16: ff ff ff 00 (unaligned)
    expect(t.call("sumAt", 4, -1)).toBe(0x04030200);
    expect(t.call("sumAt", 65528, 0)).toBe(0); // the last word
    expect(() => t.call("sumAt", 65529, 0)).toThrow(/out of bounds/);
    expect(() => t.call("sumAt", -4, 0)).toThrow(/out of bounds/);
  });

  test("multiply-accumulate, bit selections and xor-ed rotations (hash rounds)", () => {
    const t = instantiateWat(`(module
      (func (export "mix") (param $a i32) (param $b i32) (param $c i32) (result i32 i32 i32 i32 i32)
        (i32.add (local.get $c) (i32.mul (local.get $a) (local.get $b)))
        (i32.xor (i32.and (local.get $a) (local.get $b)) (local.get $c))
        (i32.and (local.get $c) (i32.xor (local.get $a) (local.get $b)))
        ;; sha256's big sigma 0: rotr 2 ^ rotr 13 ^ rotr 22
        (i32.xor (i32.xor (i32.rotr (local.get $a) (i32.const 2)) (i32.rotr (local.get $a) (i32.const 13)))
                 (i32.rotr (local.get $a) (i32.const 22)))
        (i32.xor (i32.rotl (local.get $a) (i32.const 5)) (i32.rotl (local.get $b) (i32.const 0)))))`);
    const rotr = (v: number, k: number) => (v >>> k) | (v << (32 - k));
    for (const a of I32_VALUES) {
      for (const b of [0, -1, 0x12345678, 0x7fffffff]) {
        const c = ~b;
        expect(t.call("mix", a, b, c)).toEqual([
          (c + Math.imul(a, b)) | 0, (a & b) ^ c, c & (a ^ b), rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22),
          ((a << 5) | (a >>> 27)) ^ b,
        ]);
      }
    }
  });

  test("bit fields feeding an add or a multiply", () => {
    const t = instantiateWat(`(module
      (func (export "f") (param $x i32) (param $c i32) (result i32 i32)
        (i32.add (local.get $c) (i32.and (i32.shr_u (local.get $x) (i32.const 2)) (i32.const 15)))
        (i32.mul (i32.and (i32.shr_u (local.get $x) (i32.const 5)) (i32.const 127)) (local.get $c))))`);
    for (const x of I32_VALUES) {
      for (const c of [0, 3, -7, 0x7fffffff]) {
        expect(t.call("f", x, c)).toEqual([(c + ((x >>> 2) & 15)) | 0, Math.imul((x >>> 5) & 127, c)]);
      }
    }
  });
});
