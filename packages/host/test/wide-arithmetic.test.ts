// The wide-arithmetic proposal through the host API: i64.add128, i64.sub128, i64.mul_wide_s/u against
// BigInt arithmetic, with the results taken from the stack, stored into locals (the translator writes
// the high result straight into the local) and computed from temporaries (results in their operands'
// registers).
import { describe, expect, it } from "vitest";
import { CompileError, Engine, Instance, Module, Store, WASM2_FEATURES } from "@wasmi-ts/host";
import { parseWat } from "@wasmi-ts/wast";

const WAT = `(module
  (func (export "add128") (param i64 i64 i64 i64) (result i64 i64)
    (i64.add128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "sub128") (param i64 i64 i64 i64) (result i64 i64)
    (i64.sub128 (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func (export "mul_wide_s") (param i64 i64) (result i64 i64)
    (i64.mul_wide_s (local.get 0) (local.get 1)))
  (func (export "mul_wide_u") (param i64 i64) (result i64 i64)
    (i64.mul_wide_u (local.get 0) (local.get 1)))
  ;; results into locals, operands computed into temporaries
  (func (export "mul_u_locals") (param i64 i64) (result i64 i64) (local $lo i64) (local $hi i64)
    (i64.mul_wide_u (i64.add (local.get 0) (i64.const 0)) (i64.add (local.get 1) (i64.const 0)))
    (local.set $hi)
    (local.set $lo)
    (local.get $lo) (local.get $hi))
  ;; a 128-bit multiply-accumulate: (a * b) + (a * b) - (a, b), all in temporaries
  (func (export "mac") (param i64 i64) (result i64 i64)
    (i64.mul_wide_s (local.get 0) (local.get 1))
    (i64.mul_wide_s (local.get 0) (local.get 1))
    (i64.add128)
    (local.get 0) (local.get 1)
    (i64.sub128)))`;

const M64 = (1n << 64n) - 1n;
const M128 = (1n << 128n) - 1n;
const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
/** A 128-bit value as the two i64 results (low, high), signed as the API gives them. */
const halves = (x: bigint): [bigint, bigint] => [s64(x & M64), s64((x & M128) >> 64n)];
const u128 = (lo: bigint, hi: bigint): bigint => ((BigInt.asUintN(64, hi) << 64n) | BigInt.asUintN(64, lo));

const EDGES = [0n, 1n, 2n, 3n, -1n, -2n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, -(1n << 63n),
  0x123456789abcdef0n, -0x0fedcba987654321n, 0xffffffff00000000n, 0x80000000n];

/** Deterministic pseudo-random i64s (xorshift). */
function randoms(n: number): bigint[] {
  let x = 0x9e3779b97f4a7c15n;
  const out: bigint[] = [];
  for (let i = 0; i < n; i++) {
    x ^= (x << 13n) & M64;
    x ^= x >> 7n;
    x ^= (x << 17n) & M64;
    out.push(s64(x));
  }
  return out;
}

const VALUES = [...EDGES, ...randoms(30)].map(s64);

for (const jsTier of [true, false]) {
  describe(`wide arithmetic (jsTier: ${jsTier})`, () => {
    const engine = new Engine({ jsTier });
    const instance = new Instance(new Store(engine, null), new Module(engine, parseWat(WAT)), []);
    const call = (name: string, ...args: bigint[]) => instance.getFunc(name)!.call(...args);

    it("i64.add128 and i64.sub128 are 128-bit addition and subtraction with carries across the halves", () => {
      for (let i = 0; i + 3 < VALUES.length; i++) {
        const [al, ah, bl, bh] = [VALUES[i]!, VALUES[i + 1]!, VALUES[VALUES.length - 1 - i]!, VALUES[(i * 7) % VALUES.length]!];
        expect(call("add128", al, ah, bl, bh)).toEqual(halves(u128(al, ah) + u128(bl, bh)));
        expect(call("sub128", al, ah, bl, bh)).toEqual(halves(u128(al, ah) - u128(bl, bh)));
      }
      expect(call("add128", -1n, -1n, 1n, 0n)).toEqual([0n, 0n]); // the carry leaves the top
      expect(call("sub128", 0n, 0n, 1n, 0n)).toEqual([-1n, -1n]); // the borrow goes through the top
    });

    it("i64.mul_wide_s and i64.mul_wide_u give the full 128-bit product", () => {
      for (const a of VALUES) {
        for (const b of VALUES) {
          expect(call("mul_wide_s", a, b)).toEqual(halves(a * b));
          const unsigned = BigInt.asUintN(64, a) * BigInt.asUintN(64, b);
          expect(call("mul_wide_u", a, b)).toEqual(halves(unsigned));
          expect(call("mul_u_locals", a, b)).toEqual(halves(unsigned));
          expect(call("mac", a, b)).toEqual(halves(2n * a * b - u128(a, b)));
        }
      }
      expect(call("mul_wide_s", -(1n << 63n), -(1n << 63n))).toEqual([0n, 1n << 62n]);
      expect(call("mul_wide_u", -1n, -1n)).toEqual([1n, -2n]);
    });
  });
}

describe("wide arithmetic as a feature", () => {
  it("is refused without the feature (WebAssembly 2.0)", () => {
    const bytes = parseWat(WAT);
    const wasm2 = new Engine({ features: WASM2_FEATURES });
    expect(Module.validate(wasm2, bytes)).toBe(false);
    expect(() => new Module(wasm2, bytes)).toThrow(CompileError);
    expect(() => new Module(wasm2, bytes)).toThrow(/illegal opcode fc 13/);
    expect(Module.validate(new Engine(), bytes)).toBe(true);
  });

  it("is type-checked: four i64 in, two i64 out", () => {
    const bad = parseWat(`(module (func (param i64 i64 i64) (result i64 i64)
      (i64.add128 (local.get 0) (local.get 1) (local.get 2) (local.get 2)) (drop)))`);
    expect(() => new Module(new Engine(), bad)).toThrow(/type mismatch/);
  });
});
