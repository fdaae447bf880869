// Superinstructions made of two or three fused instructions: each test checks that the translator
// emits the fused instruction for its pattern and that running it gives what the Wasm semantics give
// (a JS reference over many inputs), traps included.
import { describe, expect, test } from "vitest";
import { TrapCode, TypeRegistry } from "@wasmi-ts/store";
import { parseWat } from "@wasmi-ts/wast";
import { DEFAULT_CONFIG, compileModule, disassemble, translateFunction } from "../src/index.js";
import { instantiateWat, trapCode } from "./interpret-harness.js";

const VALUES = [0, 1, -1, 7, 0x80, 0xff, 0x7fffffff, -0x80000000, 0x12345678, -0x1234568, 0x428a2f98, 0x6a09e667];

/** The opcode names in function `index`'s translated code. */
function opsOf(wat: string, index = 0): string[] {
  const module = compileModule(parseWat(wat), new TypeRegistry(), DEFAULT_CONFIG);
  return disassemble(translateFunction(module, index)).map((line) => line.split(" ")[1]!);
}

const rotr = (x: number, k: number): number => (x >>> k) | (x << (32 - k));

describe("fused bit mixes (SHA-2 style)", () => {
  const cases: [string, string, string, (x: number, y: number, z: number) => number][] = [
    ["I32Rotl3XorImm", "(i32.xor (i32.xor (i32.rotr (local.get 0) (i32.const 6)) (i32.rotr (local.get 1) (i32.const 11))) (i32.rotr (local.get 2) (i32.const 25)))",
      "big sigma", (x, y, z) => rotr(x, 6) ^ rotr(y, 11) ^ rotr(z, 25)],
    ["I32Rotl2XorShrUImm", "(i32.xor (i32.xor (i32.rotr (local.get 0) (i32.const 7)) (i32.rotr (local.get 1) (i32.const 18))) (i32.shr_u (local.get 2) (i32.const 3)))",
      "small sigma", (x, y, z) => rotr(x, 7) ^ rotr(y, 18) ^ (z >>> 3)],
    ["I32XorAndXor", "(i32.xor (i32.and (local.get 0) (i32.xor (local.get 1) (local.get 2))) (local.get 2))",
      "choice", (x, y, z) => (x & (y ^ z)) ^ z],
    ["I32AndXorXorAnd", "(i32.xor (i32.and (local.get 0) (i32.xor (local.get 1) (local.get 2))) (i32.and (local.get 1) (local.get 2)))",
      "majority", (x, y, z) => (x & (y ^ z)) ^ (y & z)],
    ["I32AddRotl3XorImm", "(i32.add (local.get 2) (i32.xor (i32.xor (i32.rotr (local.get 0) (i32.const 6)) (i32.rotr (local.get 1) (i32.const 11))) (i32.rotr (local.get 0) (i32.const 25))))",
      "sum plus big sigma", (x, y, z) => z + (rotr(x, 6) ^ rotr(y, 11) ^ rotr(x, 25))],
    ["I32AddXorAndXor", "(i32.add (local.get 0) (i32.xor (i32.and (local.get 1) (i32.xor (local.get 2) (local.get 0))) (local.get 0)))",
      "sum plus choice", (x, y, z) => x + ((y & (z ^ x)) ^ x)],
  ];
  for (const [op, body, what, reference] of cases) {
    test(`${what} is one ${op} and computes the same as its parts`, () => {
      const wat = `(module (func (export "f") (param i32 i32 i32) (result i32) ${body}))`;
      expect(opsOf(wat)).toEqual([op, "ReturnReg"]);
      const t = instantiateWat(wat);
      for (const x of VALUES) for (const y of VALUES) for (const z of [VALUES[3]!, VALUES[9]!, x]) {
        expect(t.call("f", x, y, z), `${what}(${x}, ${y}, ${z})`).toBe(reference(x, y, z) | 0);
      }
    });
  }

  test("a value also kept in a local is not fused away", () => {
    const wat = `(module (func (export "f") (param i32) (result i32) (local i32)
      (i32.add
        (i32.xor (local.tee 1 (i32.xor (i32.rotr (local.get 0) (i32.const 2)) (i32.rotr (local.get 0) (i32.const 13))))
          (i32.rotr (local.get 0) (i32.const 22)))
        (local.get 1))))`;
    expect(opsOf(wat)).not.toContain("I32Rotl3XorImm");
    const t = instantiateWat(wat);
    for (const x of VALUES) {
      const s = rotr(x, 2) ^ rotr(x, 13);
      expect(t.call("f", x)).toBe(((s ^ rotr(x, 22)) + s) | 0);
    }
  });
});

describe("fused loop steps and byte tests", () => {
  test("two induction variables stepped before the loop test are one instruction", () => {
    const wat = `(module (func (export "f") (param $n i32) (result i32) (local $p i32) (local $i i32)
      (loop $l
        (local.set $p (i32.add (local.get $p) (i32.const 12)))
        (br_if $l (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 10))))
      (i32.add (i32.mul (local.get $p) (i32.const 1000)) (local.get $i))))`;
    expect(opsOf(wat)[0]).toBe("I32AddImmAddImmBrIfNeImm");
    expect(instantiateWat(wat).call("f", 0)).toBe(120 * 1000 + 10);
  });

  const strings = `(memory 1) (data (i32.const 16) "hello\\00help\\00")`;

  test("a byte load tested for zero is one instruction (strlen), and still traps out of bounds", () => {
    const wat = `(module ${strings}
      (func (export "strlen") (param $s i32) (result i32) (local $p i32)
        (local.set $p (local.get $s))
        (block $done (loop $l
          (br_if $done (i32.eqz (i32.load8_u (local.get $p))))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $l)))
        (i32.sub (local.get $p) (local.get $s))))`;
    expect(opsOf(wat)).toContain("I32Load8UBrIfEqz");
    const t = instantiateWat(wat);
    expect(t.call("strlen", 16)).toBe(5);
    expect(t.call("strlen", 22)).toBe(4);
    expect(t.call("strlen", 21)).toBe(0);
    expect(t.call("strlen", 65535)).toBe(0);
    expect(trapCode(() => t.call("strlen", 65536))).toBe(TrapCode.MemoryOutOfBounds);
  });

  test("a byte load tested for not zero is one instruction (a do-while scan)", () => {
    const wat = `(module ${strings}
      (func (export "end") (param $p i32) (result i32)
        (loop $l
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br_if $l (i32.load8_u (local.get $p))))
        (local.get $p)))`;
    expect(opsOf(wat)).toContain("I32Load8UBrIfNez");
    const t = instantiateWat(wat);
    expect(t.call("end", 15)).toBe(21); // the zero after "hello"
    expect(t.call("end", 16)).toBe(21);
    expect(t.call("end", 21)).toBe(26);
    expect(trapCode(() => t.call("end", 65535))).toBe(TrapCode.MemoryOutOfBounds);
  });

  test("a word load or a bit test tested for zero is one instruction with the branch (a list walk, flag tests)", () => {
    // nodes at 64, 72, 80: (next, flags); the list 64 -> 80 -> 72 -> null
    const wat = `(module (memory 1)
      (data (i32.const 64) "\\50\\00\\00\\00\\05\\00\\00\\00" "\\00\\00\\00\\00\\02\\00\\00\\00" "\\48\\00\\00\\00\\80\\00\\00\\80")
      (func (export "walk") (param $p i32) (param $mask i32) (result i32) (local $n i32)
        (block $done (loop $l
          (if (i32.and (i32.load offset=4 (local.get $p)) (i32.const 4))
            (then (local.set $n (i32.add (local.get $n) (i32.const 100)))))
          (if (i32.eqz (i32.and (i32.load offset=4 (local.get $p)) (i32.const 0x80)))
            (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
          (br_if $done (i32.eqz (local.tee $p (i32.load (local.get $p)))))
          (br $l)))
        (local.get $n))
      (func (export "has_next") (param $p i32) (result i32)
        (if (result i32) (i32.load (local.get $p)) (then (i32.const 1)) (else (i32.const 0))))
      (func (export "length") (param $p i32) (result i32) (local $n i32)
        (loop $l
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br_if $l (local.tee $p (i32.load (local.get $p)))))
        (local.get $n)))`;
    const ops = opsOf(wat);
    for (const op of ["I32AndImmBrIfEqz", "I32AndImmBrIfNez", "I32LoadBrIfEqz"]) expect(ops, op).toContain(op);
    expect(opsOf(wat, 1)).toContain("I32LoadBrIfEqz"); // `if` branches past its body when the value is zero
    expect(opsOf(wat, 2)).toContain("I32LoadBrIfNez");
    const t = instantiateWat(wat);
    expect(t.call("walk", 64)).toBe(100 + 1 + 1); // 64: flags 5 (bit 2, not 0x80); 80: 0x80000080; 72: 2
    expect(t.call("walk", 72)).toBe(1);
    expect(t.call("walk", 80)).toBe(0 + 1);
    expect([64, 72, 80, 0].map((p) => t.call("has_next", p))).toEqual([1, 0, 1, 0]);
    expect([64, 72, 80].map((p) => t.call("length", p))).toEqual([3, 1, 2]);
    expect(trapCode(() => t.call("has_next", 65533))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCode(() => t.call("walk", 65532))).toBe(TrapCode.MemoryOutOfBounds); // the flags word is out
  });

  test("a byte compare against a loaded byte is one instruction (strcmp-like)", () => {
    const wat = `(module ${strings}
      (func (export "common") (param $a i32) (param $b i32) (result i32) (local $i i32)
        (block $diff (loop $l
          (br_if $diff (i32.ne (i32.load8_u (i32.add (local.get $a) (local.get $i)))
                               (local.get $b)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l)))
        (local.get $i)))`;
    expect(opsOf(wat)).toContain("I32Load8UIdxBrIfNe");
    const t = instantiateWat(wat);
    expect(t.call("common", 0, 0)).toBe(16); // the 16 zero bytes before "hello"
    expect(t.call("common", 16, 0)).toBe(0);
    expect(trapCode(() => t.call("common", 65530, 0))).toBe(TrapCode.MemoryOutOfBounds); // zeros up to the end
  });
});

describe("fused float branches and products", () => {
  const FLOATS = [0, -0, 1, -1, 0.5, 4, Infinity, -Infinity, NaN, 1e300, -1e-300];
  const COMPARES: [string, (a: number, b: number) => boolean][] = [
    ["eq", (a, b) => a === b], ["ne", (a, b) => a !== b], ["lt", (a, b) => a < b],
    ["gt", (a, b) => a > b], ["le", (a, b) => a <= b], ["ge", (a, b) => a >= b],
  ];
  for (const type of ["f32", "f64"]) {
    for (const [cmp, reference] of COMPARES) {
      test(`${type}.${cmp} feeding br_if and if is one branch, NaN included`, () => {
        const wat = `(module
          (func (export "brif") (param ${type} ${type}) (result i32)
            (block (br_if 0 (${type}.${cmp} (local.get 0) (local.get 1))) (return (i32.const 0)))
            (i32.const 1))
          (func (export "if") (param ${type} ${type}) (result i32)
            (if (result i32) (${type}.${cmp} (local.get 0) (local.get 1)) (then (i32.const 1)) (else (i32.const 0)))))`;
        expect(opsOf(wat, 0)[0]).toMatch(/^BrIfF(32|64)/);
        expect(opsOf(wat, 1)[0]).toMatch(/^BrIfF(32|64)/);
        const t = instantiateWat(wat);
        const round = type === "f32" ? Math.fround : (x: number) => x;
        for (const a of FLOATS) for (const b of FLOATS) {
          const expected = reference(round(a), round(b)) ? 1 : 0;
          expect(t.call("brif", a, b), `br_if ${a} ${cmp} ${b}`).toBe(expected);
          expect(t.call("if", a, b), `if ${a} ${cmp} ${b}`).toBe(expected);
        }
      });
    }
  }

  test("sums and differences of f64 products are one instruction, each operation rounded", () => {
    const wat = `(module
      (func (export "addmul") (param f64 f64 f64) (result f64)
        (f64.add (local.get 2) (f64.mul (local.get 0) (local.get 1))))
      (func (export "submul") (param f64 f64 f64) (result f64)
        (f64.sub (local.get 2) (f64.mul (local.get 0) (local.get 1))))
      (func (export "mulsub") (param f64 f64 f64) (result f64)
        (f64.sub (f64.mul (local.get 0) (local.get 1)) (local.get 2)))
      (func (export "dot") (param f64 f64 f64 f64) (result f64)
        (f64.add (f64.mul (local.get 0) (local.get 1)) (f64.mul (local.get 2) (local.get 3))))
      (func (export "cross") (param f64 f64 f64 f64) (result f64)
        (f64.sub (f64.mul (local.get 0) (local.get 1)) (f64.mul (local.get 2) (local.get 3)))))`;
    expect(opsOf(wat, 0)[0]).toBe("F64AddMul");
    expect(opsOf(wat, 1)[0]).toBe("F64SubMul");
    expect(opsOf(wat, 2).slice(0, 2)).toEqual(["F64Mul", "F64Sub"]); // the product is the minuend: not fused
    expect(opsOf(wat, 3)[0]).toBe("F64MulAddMul");
    expect(opsOf(wat, 4)[0]).toBe("F64MulSubMul");
    const t = instantiateWat(wat);
    // 1 + 2^-30 squared needs more than 53 bits: a fused multiply-add would keep the low bits
    const x = 1 + 2 ** -30;
    const values = [x, -x, 3, 0.1, 1e308, -1e308, NaN, Infinity, 0];
    for (const a of values) for (const b of values) for (const c of [x * x, -(x * x), 1, 0]) {
      expect(t.call("addmul", a, b, c)).toBe(c + a * b);
      expect(t.call("submul", a, b, c)).toBe(c - a * b);
      expect(t.call("mulsub", a, b, c)).toBe(a * b - c);
      expect(t.call("dot", a, b, c, x)).toBe(a * b + c * x);
      expect(t.call("cross", a, b, c, x)).toBe(a * b - c * x);
    }
  });
});

describe("fused i64 multiply-accumulate", () => {
  test("c + a * b on i64 is one instruction, wrapping like the separate ones", () => {
    const wat = `(module (func (export "f") (param i64 i64 i64) (result i64)
      (i64.add (local.get 2) (i64.mul (local.get 0) (local.get 1)))))`;
    expect(opsOf(wat)[0]).toBe("I64AddMul");
    const t = instantiateWat(wat);
    const values = [0n, 1n, -1n, 0xffffffffn, 0x100000000n, 0x2545f4914f6cdd1dn, -0x8000000000000000n, 0x7fffffffffffffffn,
      0x1234567890abcdefn, -0x10000n];
    for (const a of values) for (const b of values) for (const c of [0n, -1n, 0xffffffffn, 0x7fffffffffffffffn]) {
      expect(t.call("f", a, b, c), `${c} + ${a} * ${b}`).toBe(BigInt.asIntN(64, c + a * b));
    }
  });
});

describe("while loops", () => {
  test("the exit test is repeated, negated, at the br back to the loop, fused with the counter step", () => {
    const wat = `(module
      (func (export "count") (param $n i32) (result i32) (local $i i32)
        (block $done (loop $l
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l)))
        (local.get $i))
      (func (export "halve") (param $x f64) (result i32) (local $steps i32)
        (block $done (loop $l
          (br_if $done (f64.lt (local.get $x) (f64.const 1)))
          (local.set $x (f64.mul (local.get $x) (f64.const 0.5)))
          (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
          (br_if $done (i32.eq (local.get $steps) (i32.const 2000)))
          (br $l)))
        (local.get $steps)))`;
    // i < n, tested right after i++; the br then only runs when the loop ends
    expect(opsOf(wat, 0)).toEqual(["BrIfI32LeU", "I32AddImmBrIfLtU", "Br", "ReturnReg"]);
    expect(opsOf(wat, 1)).toContain("BrIfF64NotLt"); // !(x < 1): NaN keeps looping, as the original does
    const t = instantiateWat(wat);
    for (const n of [0, 1, 2, 10, 1000]) expect(t.call("count", n)).toBe(n);
    expect(t.call("halve", 0.5)).toBe(0);
    expect(t.call("halve", 1)).toBe(1);
    expect(t.call("halve", 1024)).toBe(11);
    expect(t.call("halve", NaN)).toBe(2000); // NaN < 1 is false for ever: only the step limit ends it
  });
});

describe("stores with a pointer step", () => {
  test("a store followed by an add immediate is one instruction (*p++ = v), unless the step is a loop test", () => {
    const wat = `(module (memory 1)
      (func (export "fill") (param $p i32) (param $n i32) (param $v i32) (result i32) (local $end i32)
        (local.set $end (i32.add (local.get $p) (local.get $n)))
        (block $done (loop $l
          (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
          (i32.store8 (local.get $p) (local.get $v))
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (local.set $v (i32.add (local.get $v) (i32.const 3)))
          (br $l)))
        (local.get $p))
      (func (export "words") (param $p i32) (param $n i32) (result i32)
        (loop $l
          (i32.store (local.get $p) (local.get $n))
          (br_if $l (i32.ne (local.tee $p (i32.add (local.get $p) (i32.const 4))) (i32.const 64))))
        (local.get $p))
      (func (export "byte") (param i32) (result i32) (i32.load8_u (local.get 0)))
      (func (export "word") (param i32) (result i32) (i32.load (local.get 0))))`;
    expect(opsOf(wat, 0)).toContain("I32Store8AddImm");
    expect(opsOf(wat, 1).slice(0, 2)).toEqual(["I32Store", "I32AddImmBrIfNeImm"]); // the step is the loop test
    const t = instantiateWat(wat);
    expect(t.call("fill", 100, 5, 250)).toBe(105);
    expect([100, 101, 102, 103, 104, 105].map((a) => t.call("byte", a))).toEqual([250, 253, 0, 3, 6, 0]);
    expect(t.call("words", 0, 7)).toBe(64);
    expect(t.call("word", 60)).toBe(7);
    expect(trapCode(() => t.call("fill", 65534, 5, 1))).toBe(TrapCode.MemoryOutOfBounds);
    expect(t.call("byte", 65535)).toBe(4); // the bytes before the trap were written, as with separate instructions
  });

  test("a byte store at base + index, then the index stepped, is one instruction (a word store: two)", () => {
    for (const [store, size, load] of [["i32.store", 4, "i32.load"], ["i32.store8", 1, "i32.load8_u"]] as const) {
      const wat = `(module (memory 1)
        (func (export "fill") (param $base i32) (param $n i32) (param $v i32) (local $i i32)
          (block $done (loop $l
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (${store} offset=2 (i32.add (local.get $base) (local.get $i)) (local.get $v))
            (local.set $i (i32.add (local.get $i) (i32.const ${size})))
            (local.set $v (i32.add (local.get $v) (i32.const 1)))
            (br $l))))
        (func (export "at") (param i32) (result i32) (${load} (local.get 0))))`;
      expect(opsOf(wat), store).toContain(store === "i32.store" ? "I32StoreIdx" : "I32Store8IdxAddImm");
      const t = instantiateWat(wat);
      t.call("fill", 100, 3 * size, 0x1fe);
      expect([0, 1, 2].map((k) => t.call("at", 102 + k * size)), store).toEqual(size === 4 ? [0x1fe, 0x1ff, 0x200] : [0xfe, 0xff, 0]);
      expect(t.call("at", 102 + 3 * size)).toBe(0);
      expect(trapCode(() => t.call("fill", 65536 - 2 - size, 2 * size, 7)), store).toBe(TrapCode.MemoryOutOfBounds);
      expect(t.call("at", 65536 - size), store).toBe(7); // the store before the trap was written
    }
  });
});

describe("a step fused into the branch after it", () => {
  test("an add immediate fuses with the branches that loops test, whatever registers they test", () => {
    const conds = ["eq", "ne", "lt_s", "lt_u", "le_s", "le_u", "gt_s", "gt_u", "ge_s", "ge_u", "eqz", "nez"];
    // the branches a step fuses with (fused.ts); a step before another branch stays an add
    const fusing = ["BrIfNez", "BrIfI32Ne", "BrIfI32LtU", "BrIfI32LeS", "BrIfI32LeU", "BrIfI32NeImm", "BrIfI32LtUImm", "BrIfI32GtUImm"];
    const seen = new Set<string>();
    const values = [0, 1, -1, 5, 0x7fffffff, -0x80000000];
    for (const cond of conds) {
      const unary = cond === "eqz" || cond === "nez";
      for (const k of unary ? [null] : [null, 5, -1]) {
        const right = k === null ? "(local.get $b)" : `(i32.const ${k})`;
        const tested = cond === "nez" ? "(local.get $a)" : unary ? "(i32.eqz (local.get $a))" : `(i32.${cond} (local.get $a) ${right})`;
        // p steps, then the branch tests a and b (or a constant): the add is not what is tested
        const wat = `(module (func (export "f") (param $a i32) (param $b i32) (param $p i32) (result i32)
          (block $out (result i32)
            (local.set $p (i32.add (local.get $p) (i32.const 3)))
            (drop (br_if $out (local.get $p) ${tested}))
            (i32.sub (i32.const 0) (local.get $p)))))`;
        const ops = opsOf(wat);
        // I32AddImmBrIfNez fuses BrIfNez, I32AddImmBrIfLtU BrIfI32LtU...
        if (ops[0]!.startsWith("I32AddImmBrIf")) seen.add(ops[0] === "I32AddImmBrIfNez" ? "BrIfNez" : ops[0]!.replace("I32AddImmBrIf", "BrIfI32"));
        else expect([ops[0], fusing.includes(ops[1]!)], `${cond} ${k}: ${ops.join(" ")}`).toEqual(["I32AddImm", false]);
        const t = instantiateWat(wat);
        const cmp = (a: number, b: number): boolean => {
          const [ua, ub] = [a >>> 0, b >>> 0];
          return { eq: a === b, ne: a !== b, lt_s: a < b, lt_u: ua < ub, le_s: a <= b, le_u: ua <= ub,
            gt_s: a > b, gt_u: ua > ub, ge_s: a >= b, ge_u: ua >= ub, eqz: a === 0, nez: a !== 0 }[cond]!;
        };
        for (const a of values) for (const b of values) {
          const expected = cmp(a, k ?? b) ? 10 : -10;
          expect(t.call("f", a, b, 7), `${a} ${cond} ${k ?? b}`).toBe(expected);
        }
      }
    }
    expect([...seen].sort()).toEqual([...fusing].sort());
  });
});

describe("jumps carrying a copy", () => {
  test("a copy just before a br travels with it; to a return of that value, it is the return", () => {
    const wat = `(module
      (func (export "pick") (param $a i32) (param $b i32) (result i32) (local $r i32)
        (block $done
          (if (i32.lt_s (local.get $a) (local.get $b))
            (then (local.set $r (local.get $a)) (br $done)))
          (local.set $r (local.get $b)))
        (i32.mul (local.get $r) (i32.const 3)))
      (func (export "first") (param $a i32) (param $b i32) (result i32)
        (block $done (result i32)
          (br_if $done (local.get $a) (i32.ne (local.get $a) (i32.const 0)))
          (drop)
          (local.get $b))))`;
    expect(opsOf(wat, 0)).toContain("CopyBr");
    const t = instantiateWat(wat);
    const pairs: [number, number][] = [[1, 2], [2, 1], [-5, 5], [7, 7], [0, 9]];
    for (const [a, b] of pairs) {
      expect(t.call("pick", a, b)).toBe(Math.min(a, b) * 3);
      expect(t.call("first", a, b)).toBe(a !== 0 ? a : b);
    }
  });
});

describe("copies travelling with the control after them (interpreter only: no JavaScript tier)", () => {
  const INTERPRETER = { config: { jsTier: false } };

  test("arguments copied from locals are one instruction with the call", () => {
    const wat = `(module
      (func $sub (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
      (func $neg (param i32) (result i32) (i32.sub (i32.const 0) (local.get 0)))
      (func (export "two") (param $a i32) (param $b i32) (result i32) (call $sub (local.get $b) (local.get $a)))
      (func (export "one") (param $a i32) (result i32) (call $neg (local.get $a))))`;
    expect(opsOf(wat, 2)[0]).toBe("Copy2Call");
    expect(opsOf(wat, 3)[0]).toBe("CopyCall");
    const t = instantiateWat(wat, INTERPRETER);
    for (const a of VALUES) for (const b of [0, 1, -7, a]) {
      expect(t.call("two", a, b)).toBe((b - a) | 0);
      expect(t.call("one", a)).toBe(-a | 0);
    }
  });

  test("the copies that start a loop body run at the br back to it, with the jump or before the loop's test", () => {
    // Fibonacci with the loop variables copied at the top of the body, as compilers leave a loop's phis
    const fib = (test: string) => `
        (local.set $nb (i32.const 1))
        (block $done (loop $l
          (local.set $a (local.get $na))
          (local.set $b (local.get $nb))
          ${test}
          (local.set $na (local.get $b))
          (local.set $nb (i32.add (local.get $a) (local.get $b)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l)))
        (local.get $a)`;
    const wat = `(module
      (func (export "fib") (param $n i32) (result i32) (local $a i32) (local $b i32) (local $na i32) (local $nb i32) (local $i i32)
        ${fib("(if (i32.gt_s (local.get $i) (local.get $n)) (then (br $done)))")})
      (func (export "fibWhile") (param $n i32) (result i32) (local $a i32) (local $b i32) (local $na i32) (local $nb i32) (local $i i32)
        ${fib("(br_if $done (i32.gt_s (local.get $i) (local.get $n)))")}))`;
    const reference = (n: number): number => {
      let [a, b] = [0, 1];
      for (let i = 0; i < n; i++) [a, b] = [b, (a + b) | 0];
      return a;
    };
    expect(opsOf(wat, 0)).toContain("Copy2Br");
    // the loop test repeated at the br follows the copies there: the br itself only runs when the loop ends
    const whileOps = opsOf(wat, 1);
    expect(whileOps.filter((op) => op === "Copy2")).toHaveLength(2);
    expect(whileOps).not.toContain("Copy2Br");
    const t = instantiateWat(wat, INTERPRETER);
    for (const n of [-1, 0, 1, 2, 10, 46, 100]) {
      expect(t.call("fib", n)).toBe(reference(n + 1));
      expect(t.call("fibWhile", n)).toBe(reference(n + 1));
    }
  });

  test("a br_table on an index minus a constant is one instruction, which also keeps the difference", () => {
    const wat = `(module
      (func (export "switch") (param $x i32) (result i32)
        (block $c (block $b (block $a
          (br_table $a $b $c (i32.sub (local.get $x) (i32.const 3))))
          (return (i32.const 100)))
          (return (i32.const 200)))
        (i32.const 300))
      (func (export "kept") (param $x i32) (result i32) (local $k i32)
        (block $b (block $a
          (br_table $a $b (local.tee $k (i32.add (local.get $x) (i32.const 5)))))
          (return (local.get $k)))
        (i32.mul (local.get $k) (i32.const 2))))`;
    expect(opsOf(wat, 0)[0]).toBe("I32AddImmBrTable");
    expect(opsOf(wat, 1)[0]).toBe("I32AddImmBrTable");
    const t = instantiateWat(wat, INTERPRETER);
    for (const x of [...VALUES, 2, 3, 4, 5, 6, -3, 0x7ffffffe, -0x7ffffffe]) {
      const i = (x - 3) | 0;
      expect(t.call("switch", x), `switch(${x})`).toBe(i === 0 ? 100 : i === 1 ? 200 : 300);
      const k = (x + 5) | 0;
      expect(t.call("kept", x), `kept(${x})`).toBe(k === 0 ? 0 : (k * 2) | 0);
    }
  });
});

describe("a bytecode interpreter's dispatch and stack pushes (interpreter only)", () => {
  test("a switch on a byte loaded from memory, with its smallest case subtracted or not, is one instruction", () => {
    // bytes 0..5 of memory: the "bytecode"
    const wat = `(module (memory 1) (data (i32.const 0) "\\00\\01\\02\\03\\07\\ff")
      (func (export "op") (param $pc i32) (result i32)
        (block $c (block $b (block $a
          (br_table $a $b $c (i32.load8_u (local.get $pc))))
          (return (i32.const 10)))
          (return (i32.const 20)))
        (i32.const 30))
      (func (export "opMinus1") (param $pc i32) (result i32) (local $byte i32)
        (block $c (block $b (block $a
          (br_table $a $b $c (i32.sub (local.tee $byte (i32.load8_u offset=1 (local.get $pc))) (i32.const 1))))
          (return (local.get $byte)))
          (return (i32.const 200)))
        (i32.add (local.get $byte) (i32.const 1000))))`;
    expect(opsOf(wat, 0)[0]).toBe("I32Load8UAddImmBrTable");
    expect(opsOf(wat, 1)[0]).toBe("I32Load8UAddImmBrTable");
    const t = instantiateWat(wat, { config: { jsTier: false } });
    const bytes = [0, 1, 2, 3, 7, 0xff];
    for (let pc = 0; pc < 5; pc++) {
      const b = bytes[pc]!;
      expect(t.call("op", pc), `op(${pc})`).toBe(b === 0 ? 10 : b === 1 ? 20 : 30);
      const c = bytes[pc + 1]!;
      expect(t.call("opMinus1", pc), `opMinus1(${pc})`).toBe(c === 1 ? 1 : c === 2 ? 200 : c + 1000);
    }
    expect(trapCode(() => t.call("op", 65536))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCode(() => t.call("opMinus1", 65535))).toBe(TrapCode.MemoryOutOfBounds);
  });

  test("an i64 stored, then the pointer stepped (\`*sp++ = v\`), is one instruction that stores at the old pointer", () => {
    const wat = `(module (memory 1)
      (func (export "push2") (param $v i64) (result i32) (local $sp i32)
        (local.set $sp (i32.const 16))
        (i64.store (local.get $sp) (local.get $v))
        (local.set $sp (i32.add (local.get $sp) (i32.const 8)))
        (i64.store (local.get $sp) (i64.add (local.get $v) (i64.const 1)))
        (local.set $sp (i32.add (local.get $sp) (i32.const 8)))
        (local.get $sp))
      (func (export "at") (param $p i32) (result i64) (i64.load (local.get $p))))`;
    expect(opsOf(wat, 0)).toContain("I64StoreAddImm");
    const t = instantiateWat(wat, { config: { jsTier: false } });
    for (const v of [0n, -1n, 0x123456789abcdefn]) {
      expect(t.call("push2", v)).toBe(32);
      expect(t.call("at", 16)).toBe(v);
      expect(t.call("at", 24)).toBe(BigInt.asIntN(64, v + 1n));
    }
  });

  test("a pointer stepped, then read through as i64 (\`v = *--sp\`, sp[-1]), is one instruction", () => {
    const wat = `(module (memory 1) (data (i32.const 8) "\\01\\02\\03\\04\\05\\06\\07\\08\\ff\\ff\\ff\\ff\\ff\\ff\\ff\\ff")
      (func (export "pop") (param $sp i32) (result i64) (local $v i64)
        (local.set $v (i64.load (local.tee $sp (i32.sub (local.get $sp) (i32.const 8)))))
        (i64.add (local.get $v) (i64.extend_i32_u (local.get $sp))))
      (func (export "below") (param $sp i32) (result i64)
        (i64.load offset=8 (i32.add (local.get $sp) (i32.const -16)))))`;
    expect(opsOf(wat, 0)[0]).toBe("I32AddImmI64Load");
    expect(opsOf(wat, 1)[0]).toBe("I32AddImmI64Load");
    const t = instantiateWat(wat, { config: { jsTier: false } });
    expect(t.call("pop", 16)).toBe(0x0807060504030201n + 8n);
    expect(t.call("pop", 24)).toBe(-1n + 16n);
    expect(t.call("below", 24)).toBe(-1n);
    expect(t.call("below", 16)).toBe(0x0807060504030201n);
    expect(trapCode(() => t.call("pop", 4))).toBe(TrapCode.MemoryOutOfBounds); // 4 - 8 wraps around
    expect(trapCode(() => t.call("below", 65536 + 8))).toBe(TrapCode.MemoryOutOfBounds);
  });
});

describe("i64 comparisons fused into the branch (interpreter only)", () => {
  const I64_VALUES = [0n, 1n, -1n, 2n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, -0x100000000n,
    0x7fffffffffffffffn, -0x8000000000000000n, 0x123456789abcdefn, -0x123456789abcdefn];
  const compares: [string, (a: bigint, b: bigint) => boolean][] = [
    ["eq", (a, b) => a === b], ["ne", (a, b) => a !== b],
    ["lt_s", (a, b) => a < b], ["gt_s", (a, b) => a > b], ["le_s", (a, b) => a <= b], ["ge_s", (a, b) => a >= b],
    ["lt_u", (a, b) => BigInt.asUintN(64, a) < BigInt.asUintN(64, b)], ["gt_u", (a, b) => BigInt.asUintN(64, a) > BigInt.asUintN(64, b)],
    ["le_u", (a, b) => BigInt.asUintN(64, a) <= BigInt.asUintN(64, b)], ["ge_u", (a, b) => BigInt.asUintN(64, a) >= BigInt.asUintN(64, b)],
  ];

  test("each comparison, and eqz, branches as it compares, by br_if (taken when true) and by if (skipped when false)", () => {
    const funcs = compares.map(([c]) => `
      (func (export "br_${c}") (param i64 i64) (result i32)
        (block $t (br_if $t (i64.${c} (local.get 0) (local.get 1))) (return (i32.const 0)))
        (i32.const 1))
      (func (export "if_${c}") (param i64 i64) (result i32)
        (if (i64.${c} (local.get 0) (local.get 1)) (then (return (i32.const 1))))
        (i32.const 0))`).join("");
    const wat = `(module ${funcs}
      (func (export "br_eqz") (param i64) (result i32)
        (block $t (br_if $t (i64.eqz (local.get 0))) (return (i32.const 0)))
        (i32.const 1))
      (func (export "if_eqz") (param i64) (result i32)
        (if (i64.eqz (local.get 0)) (then (return (i32.const 1))))
        (i32.const 0)))`;
    compares.forEach((_, k) => {
      expect(opsOf(wat, 2 * k)[0]).toMatch(/^BrIfI64/);
      expect(opsOf(wat, 2 * k + 1)[0]).toMatch(/^BrIfI64/);
    });
    expect(opsOf(wat, 2 * compares.length)[0]).toBe("BrIfI64Eqz");
    expect(opsOf(wat, 2 * compares.length + 1)[0]).toBe("BrIfI64Nez");
    const t = instantiateWat(wat, { config: { jsTier: false } });
    for (const a of I64_VALUES) {
      for (const b of [...I64_VALUES, a]) {
        for (const [c, reference] of compares) {
          const expected = reference(a, b) ? 1 : 0;
          expect(t.call(`br_${c}`, a, b), `br_if i64.${c} ${a} ${b}`).toBe(expected);
          expect(t.call(`if_${c}`, a, b), `if i64.${c} ${a} ${b}`).toBe(expected);
        }
      }
      expect(t.call("br_eqz", a)).toBe(a === 0n ? 1 : 0);
      expect(t.call("if_eqz", a)).toBe(a === 0n ? 1 : 0);
    }
  });
});

describe("scaled indexes and stack frames", () => {
  test("c + (x << k) is one instruction", () => {
    const wat = `(module (func (export "f") (param $c i32) (param $x i32) (result i32)
      (i32.add (local.get $c) (i32.shl (local.get $x) (i32.const 3)))))`;
    expect(opsOf(wat)).toEqual(["I32AddShlImm", "ReturnReg"]);
    const t = instantiateWat(wat, { config: { jsTier: false } });
    for (const c of VALUES) for (const x of VALUES) expect(t.call("f", c, x)).toBe((c + (x << 3)) | 0);
  });

  test("a scaled index used as an address stays a shift and an indexed access", () => {
    const wat = `(module (memory 1) (data (i32.const 8) "\\01\\00\\00\\00\\02\\00\\00\\00\\03\\00\\00\\00")
      (func (export "get") (param $base i32) (param $i i32) (result i32)
        (i32.load (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 2)))))
      (func (export "put") (param $base i32) (param $i i32) (param $v i32)
        (i32.store (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 2))) (local.get $v)))
      ;; the base a temporary too (loaded from memory at 0): the sum's register is the base's
      (func (export "getVia") (param $i i32) (result i32)
        (i32.load (i32.add (i32.load (i32.const 0)) (i32.shl (local.get $i) (i32.const 2))))))`;
    expect(opsOf(wat, 0)).toEqual(["I32ShlImm", "I32LoadIdx", "ReturnReg"]);
    expect(opsOf(wat, 1)).toEqual(["I32ShlImm", "I32StoreIdx", "Return"]);
    expect(opsOf(wat, 2)).toEqual(["I32Load", "I32ShlImm", "I32LoadIdx", "ReturnReg"]);
    const t = instantiateWat(wat, { config: { jsTier: false } });
    expect([0, 1, 2].map((i) => t.call("get", 8, i))).toEqual([1, 2, 3]);
    t.call("put", 0, 0, 8); // the base for getVia
    expect([0, 1, 2].map((i) => t.call("getVia", i))).toEqual([1, 2, 3]);
    t.call("put", 4, 3, -7);
    expect(t.call("get", 8, 2)).toBe(-7);
    expect(trapCode(() => t.call("get", 65532, 1))).toBe(TrapCode.MemoryOutOfBounds);
  });

  test("a function's frame on a stack pointer global: global + k, and global = x + k, each one instruction", () => {
    // as C compilers make them: the frame below the stack pointer, a callee's use of it, the pointer restored
    const wat = `(module (global $sp (mut i32) (i32.const 1024)) (memory 1)
      (func $leaf (param $v i32) (result i32) (local $fp i32)
        (global.set $sp (local.tee $fp (i32.add (global.get $sp) (i32.const -16))))
        ;; an add immediate right after the global.set (not a store with its pointer's step)
        (i32.store (i32.add (local.get $fp) (i32.const 8)) (local.get $v))
        (i32.store (local.get $fp) (i32.load offset=8 (local.get $fp)))
        (local.set $v (i32.add (i32.load (local.get $fp)) (global.get $sp)))
        (global.set $sp (i32.add (local.get $fp) (i32.const 16)))
        (local.get $v))
      (func (export "f") (param $v i32) (result i32) (i32.add (call $leaf (local.get $v)) (global.get $sp))))`;
    const ops = opsOf(wat);
    expect(ops[0]).toBe("GlobalGetAddImm");
    expect(ops[1]).toBe("GlobalSet"); // the tee writes the frame's local first
    expect(ops).toContain("I32AddImmGlobalSet");
    const t = instantiateWat(wat, { config: { jsTier: false } });
    for (const v of VALUES) expect(t.call("f", v)).toBe((v + 1008 + 1024) | 0);
  });
});

describe("a step with the jump after it", () => {
  test("an add immediate just before a br is one instruction with it", () => {
    const wat = `(module
      (func (export "f") (param $x i32) (param $i i32) (result i32)
        (block $done
          (if (i32.lt_s (local.get $x) (i32.const 10))
            (then (local.set $i (i32.add (local.get $i) (i32.const 5))) (br $done)))
          (local.set $i (i32.sub (local.get $i) (i32.const 1))))
        (local.get $i)))`;
    expect(opsOf(wat)).toContain("I32AddImmBr");
    const t = instantiateWat(wat, { config: { jsTier: false } });
    for (const x of VALUES) for (const i of VALUES) expect(t.call("f", x, i)).toBe(x < 10 ? (i + 5) | 0 : (i - 1) | 0);
  });
});

describe("16-bit array elements as operands", () => {
  test("c * a[i] on 16-bit elements is one instruction, signed and unsigned, traps included (c + a[i]: two)", () => {
    const wat = `(module (memory 1) (data (i32.const 0) "\\ff\\ff\\01\\80\\34\\12\\00\\00")
      (func (export "muls") (param $c i32) (param $base i32) (param $i i32) (result i32)
        (i32.mul (local.get $c) (i32.load16_s (i32.add (local.get $base) (local.get $i)))))
      (func (export "mulu") (param $c i32) (param $base i32) (param $i i32) (result i32)
        (i32.mul (local.get $c) (i32.load16_u (i32.add (local.get $base) (local.get $i)))))
      (func (export "adds") (param $c i32) (param $base i32) (param $i i32) (result i32)
        (i32.add (local.get $c) (i32.load16_s (i32.add (local.get $base) (local.get $i))))))`;
    expect(opsOf(wat, 0)[0]).toBe("I32MulLoad16SIdx");
    expect(opsOf(wat, 1)[0]).toBe("I32MulLoad16UIdx");
    expect(opsOf(wat, 2).slice(0, 2)).toEqual(["I32Load16SIdx", "I32Add"]);
    const t = instantiateWat(wat);
    const halves = [-1, -0x7fff, 0x1234, 0]; // little-endian 16-bit values at 0, 2, 4, 6
    for (const c of [3, -7, 0x10001, 0x7fffffff]) {
      halves.forEach((h, k) => {
        expect(t.call("muls", c, 2 * k, 0)).toBe(Math.imul(c, h));
        expect(t.call("mulu", c, 0, 2 * k)).toBe(Math.imul(c, h & 0xffff));
        expect(t.call("adds", c, 2 * k - 1, 1)).toBe((c + h) | 0);
      });
    }
    expect(t.call("muls", 5, 1, 0)).toBe(Math.imul(5, 0x01ff)); // unaligned: bytes ff 01
    expect(trapCode(() => t.call("muls", 1, 65535, 0))).toBe(TrapCode.MemoryOutOfBounds);
    expect(trapCode(() => t.call("adds", 1, -2, 0))).toBe(TrapCode.MemoryOutOfBounds);
  });
});

describe("instruction pairs", () => {
  test("two adds in a row run as one instruction, unless the second is a branch target", () => {
    const wat = `(module
      (func (export "f") (param $a i32) (param $b i32) (param $c i32) (result i32) (local $x i32) (local $y i32)
        (local.set $x (i32.add (local.get $a) (local.get $b)))
        (local.set $y (i32.add (local.get $x) (local.get $c)))
        (i32.mul (local.get $x) (local.get $y)))
      (func (export "g") (param $a i32) (param $b i32) (result i32) (local $x i32)
        (local.set $x (i32.add (local.get $a) (local.get $b)))
        (block $skip (br_if $skip (local.get $a)) (local.set $x (i32.const 100)))
        (local.set $x (i32.add (local.get $x) (local.get $b)))
        (local.get $x)))`;
    const f = opsOf(wat, 0);
    expect(f[0]).toBe("I32AddAdd");
    expect(f).not.toContain("I32Add");
    expect(opsOf(wat, 1)).not.toContain("I32AddAdd");
    const t = instantiateWat(wat);
    for (const [a, b, c] of [[1, 2, 3], [0x7fffffff, 1, -1], [-5, 5, 9]]) {
      const x = (a! + b!) | 0;
      expect(t.call("f", a, b, c)).toBe(Math.imul(x, (x + c!) | 0));
      expect(t.call("g", a, b)).toBe(((a !== 0 ? x : 100) + b!) | 0);
    }
  });
});

describe("GC instructions of their own", () => {
  // what the host's GC tests run (packages/host/test/gc.test.ts, "the GC instructions of their own"),
  // traps included: here, that the translator picks these ops, and the out-of-line Gc op for the rest
  const types = `(type $s (struct (field (mut i32)) (field (mut i8)) (field (mut anyref)) (field (mut v128)) (field (mut f64))))
    (type $a (array (mut i32))) (type $r (array (mut anyref))) (type $b (array (mut i8))) (type $h (array (mut i16)))
    (type $l (array (mut i64)))`;
  const cases: [string, string, string[]][] = [
    ["struct.new", "(result anyref) (struct.new $s (i32.const 1) (i32.const 2) (ref.null any) (v128.const i64x2 0 0) (f64.const 1))", ["StructNew"]],
    ["struct.get of an f64", "(param (ref $s)) (result f64) (struct.get $s 4 (local.get 0))", ["StructGet64"]],
    ["struct.set of an f64", "(param (ref $s)) (struct.set $s 4 (local.get 0) (f64.const 2))", ["StructSet64"]],
    ["struct.get", "(param (ref $s)) (result i32) (struct.get $s 0 (local.get 0))", ["StructGet"]],
    ["struct.get_s", "(param (ref $s)) (result i32) (struct.get_s $s 1 (local.get 0))", ["StructGet"]],
    ["struct.get of a reference", "(param (ref $s)) (result anyref) (struct.get $s 2 (local.get 0))", ["StructGetRef"]],
    ["struct.get of a v128", "(param (ref $s)) (result v128) (struct.get $s 3 (local.get 0))", ["Gc"]],
    ["struct.set", "(param (ref $s) i32) (struct.set $s 1 (local.get 0) (local.get 1))", ["StructSet"]],
    ["struct.set of a reference", "(param (ref $s)) (struct.set $s 2 (local.get 0) (local.get 0))", ["StructSetRef"]],
    ["array.get", "(param (ref $a) i32) (result i32) (array.get $a (local.get 0) (local.get 1))", ["ArrayGet"]],
    ["array.get of a reference", "(param (ref $r) i32) (result anyref) (array.get $r (local.get 0) (local.get 1))", ["ArrayGetRef"]],
    ["array.get_s of a byte", "(param (ref $b) i32) (result i32) (array.get_s $b (local.get 0) (local.get 1))", ["ArrayGet8"]],
    ["array.get_u of an i16", "(param (ref $h) i32) (result i32) (array.get_u $h (local.get 0) (local.get 1))", ["ArrayGet16"]],
    ["array.set of a byte", "(param (ref $b) i32) (array.set $b (local.get 0) (local.get 1) (local.get 1))", ["ArraySet8"]],
    ["array.set of an i16", "(param (ref $h) i32) (array.set $h (local.get 0) (local.get 1) (local.get 1))", ["ArraySet16"]],
    ["array.get of an i64", "(param (ref $l) i32) (result i64) (array.get $l (local.get 0) (local.get 1))", ["Gc"]],
    ["array.set", "(param (ref $a) i32) (array.set $a (local.get 0) (local.get 1) (local.get 1))", ["ArraySet"]],
    ["array.set of a reference", "(param (ref $r) i32) (array.set $r (local.get 0) (local.get 1) (ref.null any))", ["ArraySetRef"]],
    ["array.len", "(param (ref $r)) (result i32) (array.len (local.get 0))", ["ArrayLen"]],
    ["ref.test", "(param anyref) (result i32) (ref.test (ref $s) (local.get 0))", ["RefTest"]],
    ["ref.test of an abstract type", "(param anyref) (result i32) (ref.test (ref struct) (local.get 0))", ["Gc"]],
    ["ref.cast", "(param anyref) (result (ref null $s)) (ref.cast (ref null $s) (local.get 0))", ["RefCast"]],
    ["br_on_cast", "(param anyref) (result anyref) (br_on_cast 0 anyref (ref $s) (local.get 0))", ["RefTest"]],
  ];
  for (const [what, func, ops] of cases) {
    test(`${what}: ${ops.join(", ")}`, () => {
      const translated = opsOf(`(module ${types} (func ${func}))`);
      for (const op of ops) expect(translated, what).toContain(op);
      if (!ops.includes("Gc")) expect(translated, what).not.toContain("Gc");
    });
  }
});
