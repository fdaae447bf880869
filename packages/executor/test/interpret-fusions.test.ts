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
