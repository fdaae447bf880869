import { describe, expect, it } from "vitest";
import { Trap, TrapCode } from "@wasmi-ts/store";
import * as n from "../src/interpret/numeric/index.js";
import { Rng, readAsserts } from "./numeric-support.js";

type Ref = (a: bigint, b: bigint) => bigint | TrapCode;
const s32 = (v: bigint): bigint => BigInt.asIntN(32, v);
const u32 = (v: bigint): bigint => BigInt.asUintN(32, v);

const divRef =
  (op: (a: bigint, b: bigint) => bigint, signed: boolean): Ref =>
  (a, b) => {
    if (b === 0n) return TrapCode.IntegerDivideByZero;
    const r = signed ? op(s32(a), s32(b)) : op(u32(a), u32(b));
    if (signed && r === 1n << 31n) return TrapCode.IntegerOverflow;
    return s32(r);
  };

const bitLength = (v: bigint): number => (v === 0n ? 0 : v.toString(2).length);
const binary: Record<string, [(a: number, b: number) => number, Ref]> = {
  div_s: [n.i32DivS, divRef((x, y) => x / y, true)],
  div_u: [n.i32DivU, divRef((x, y) => x / y, false)],
  rem_s: [n.i32RemS, divRef((x, y) => x % y, true)],
  rem_u: [n.i32RemU, divRef((x, y) => x % y, false)],
  rotl: [n.i32Rotl, (a, b) => s32((u32(a) << (b & 31n)) | (u32(a) >> ((32n - (b & 31n)) & 31n)))],
  rotr: [n.i32Rotr, (a, b) => s32((u32(a) >> (b & 31n)) | (u32(a) << ((32n - (b & 31n)) & 31n)))],
};
const unary: Record<string, [(a: number) => number, (a: bigint) => bigint]> = {
  clz: [n.i32Clz, (a) => BigInt(32 - bitLength(u32(a)))],
  ctz: [n.i32Ctz, (a) => (u32(a) === 0n ? 32n : BigInt(bitLength(u32(a) & -u32(a)) - 1))],
  popcnt: [n.i32Popcnt, (a) => BigInt([...u32(a).toString(2)].filter((c) => c === "1").length)],
};

function result(f: () => number): number | TrapCode {
  try {
    const r = f();
    // Results must be i32 bit patterns (int32 numbers, never -0); anything else is reported as NaN.
    return Object.is(r, r | 0) ? r : NaN;
  } catch (e) {
    if (e instanceof Trap) return e.code;
    throw e;
  }
}

const values = (() => {
  const set = new Set<number>([0, 1, -1, 2, -2, 0x7fffffff, -0x80000000, -0x7fffffff, 0x12345678]);
  for (let k = 0; k < 32; k++) for (const v of [1 << k, (1 << k) - 1, (1 << k) + 1]) set.add(v | 0).add(-v | 0);
  const rng = new Rng(32);
  for (let i = 0; i < 100; i++) set.add(rng.u32() | 0).add((rng.u32() >>> rng.below(32)) | 0);
  return [...set];
})();

describe("i32 operations match BigInt", () => {
  for (const [name, [fn, ref]] of Object.entries(binary)) {
    it(`${name} on ${values.length ** 2} pairs`, () => {
      const wrong: unknown[] = [];
      for (const a of values)
        for (const b of values) {
          const want = ref(BigInt(a), BigInt(b));
          const got = result(() => fn(a, b));
          if (typeof want === "bigint" ? got !== Number(want) : got !== want) wrong.push({ a, b, got, want });
        }
      expect(wrong.slice(0, 5)).toEqual([]);
    });
  }
  for (const [name, [fn, ref]] of Object.entries(unary)) {
    it(name, () => {
      for (const a of values) expect(fn(a), `${name}(${a})`).toBe(Number(ref(BigInt(a))));
    });
  }
});

describe("spec i32.wast", () => {
  const asserts = readAsserts("i32.wast", new Set([...Object.keys(binary), ...Object.keys(unary)]));
  const TRAPS: Record<string, TrapCode> = {
    "integer divide by zero": TrapCode.IntegerDivideByZero,
    "integer overflow": TrapCode.IntegerOverflow,
  };
  it(`covers div/rem/rot/bit-count asserts (${asserts.length})`, () => {
    expect(asserts.length).toBeGreaterThan(100);
    for (const a of asserts) {
      const args = a.args.map((v) => (v.type === "i32" ? Number(s32(v.bits)) : NaN));
      const got =
        a.name in binary ? result(() => binary[a.name]![0](args[0]!, args[1]!)) : unary[a.name]![0](args[0]!);
      const ctx = `i32.wast:${a.line} ${a.name}`;
      if (a.trap !== undefined) expect(got, ctx).toBe(TRAPS[a.trap]);
      else expect(got, ctx).toBe(a.expected?.type === "i32" ? Number(s32(a.expected.bits)) : undefined);
    }
  });
});
