import { describe, expect, it } from "vitest";
import { Trap, TrapCode } from "@wasmi-ts/store";
import * as n from "../src/interpret/numeric/index.js";
import { Rng, edgeValues64, get64, put64, readAsserts, toS64, toU64 } from "./numeric-support.js";

type Binary = (m: Int32Array, d: number, a: number, b: number) => void;
type Unary = (m: Int32Array, d: number, a: number) => void;
type Predicate = (m: Int32Array, a: number, b: number) => number;
/** Reference result on unsigned 64-bit patterns, or the trap code it must raise. */
type Ref = (a: bigint, b: bigint) => bigint | TrapCode;

const s = toS64;
const divRef =
  (op: (a: bigint, b: bigint) => bigint, signed: boolean): Ref =>
  (a, b) => {
    if (b === 0n) return TrapCode.IntegerDivideByZero;
    const x = signed ? s(a) : a;
    const y = signed ? s(b) : b;
    const r = op(x, y);
    // Only the quotient MIN / -1 leaves the signed range.
    if (signed && r === 1n << 63n) return TrapCode.IntegerOverflow;
    return toU64(r);
  };

const binary: Record<string, [Binary, Ref]> = {
  add: [n.i64Add, (a, b) => toU64(a + b)],
  sub: [n.i64Sub, (a, b) => toU64(a - b)],
  mul: [n.i64Mul, (a, b) => toU64(a * b)],
  div_s: [n.i64DivS, divRef((x, y) => x / y, true)],
  div_u: [n.i64DivU, divRef((x, y) => x / y, false)],
  rem_s: [n.i64RemS, divRef((x, y) => x % y, true)],
  rem_u: [n.i64RemU, divRef((x, y) => x % y, false)],
  and: [n.i64And, (a, b) => a & b],
  or: [n.i64Or, (a, b) => a | b],
  xor: [n.i64Xor, (a, b) => a ^ b],
  shl: [n.i64Shl, (a, b) => toU64(a << (b & 63n))],
  shr_s: [n.i64ShrS, (a, b) => toU64(s(a) >> (b & 63n))],
  shr_u: [n.i64ShrU, (a, b) => a >> (b & 63n)],
  rotl: [n.i64Rotl, (a, b) => toU64((a << (b & 63n)) | (a >> ((64n - (b & 63n)) & 63n)))],
  rotr: [n.i64Rotr, (a, b) => toU64((a >> (b & 63n)) | (a << ((64n - (b & 63n)) & 63n)))],
};

const bitLength = (v: bigint): number => v.toString(2).length - (v === 0n ? 1 : 0);
const unary: Record<string, [Unary, (a: bigint) => bigint]> = {
  clz: [n.i64Clz, (a) => BigInt(64 - bitLength(a))],
  ctz: [n.i64Ctz, (a) => (a === 0n ? 64n : BigInt(bitLength(a & -a) - 1))],
  popcnt: [n.i64Popcnt, (a) => BigInt([...a.toString(2)].filter((c) => c === "1").length)],
  extend8_s: [n.i64Extend8S, (a) => toU64(BigInt.asIntN(8, a))],
  extend16_s: [n.i64Extend16S, (a) => toU64(BigInt.asIntN(16, a))],
  extend32_s: [n.i64Extend32S, (a) => toU64(BigInt.asIntN(32, a))],
};

const predicates: Record<string, [Predicate, (a: bigint, b: bigint) => boolean]> = {
  eq: [n.i64Eq, (a, b) => a === b],
  ne: [n.i64Ne, (a, b) => a !== b],
  lt_s: [n.i64LtS, (a, b) => s(a) < s(b)],
  lt_u: [n.i64LtU, (a, b) => a < b],
  gt_s: [n.i64GtS, (a, b) => s(a) > s(b)],
  gt_u: [n.i64GtU, (a, b) => a > b],
  le_s: [n.i64LeS, (a, b) => s(a) <= s(b)],
  le_u: [n.i64LeU, (a, b) => a <= b],
  ge_s: [n.i64GeS, (a, b) => s(a) >= s(b)],
  ge_u: [n.i64GeU, (a, b) => a >= b],
};

type Trunc = (m: Int32Array, d: number, x: number) => void;
const truncs: [string, Trunc, bigint, bigint, boolean][] = [
  ["i64.trunc_f64_s", n.i64TruncF64S, -(1n << 63n), (1n << 63n) - 1n, false],
  ["i64.trunc_f32_s", n.i64TruncF32S, -(1n << 63n), (1n << 63n) - 1n, false],
  ["i64.trunc_f64_u", n.i64TruncF64U, 0n, (1n << 64n) - 1n, false],
  ["i64.trunc_f32_u", n.i64TruncF32U, 0n, (1n << 64n) - 1n, false],
  ["i64.trunc_sat_f64_s", n.i64TruncSatF64S, -(1n << 63n), (1n << 63n) - 1n, true],
  ["i64.trunc_sat_f32_s", n.i64TruncSatF32S, -(1n << 63n), (1n << 63n) - 1n, true],
  ["i64.trunc_sat_f64_u", n.i64TruncSatF64U, 0n, (1n << 64n) - 1n, true],
  ["i64.trunc_sat_f32_u", n.i64TruncSatF32U, 0n, (1n << 64n) - 1n, true],
];

function trapCodeOf(f: () => void): TrapCode | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    if (e instanceof Trap) return e.code;
    throw e;
  }
}

/** Random pairs plus all edge x edge pairs; divisors also drawn small so every division path runs. */
function pairs(seed: number, count: number): [bigint, bigint][] {
  const rng = new Rng(seed);
  const edges = edgeValues64();
  const out: [bigint, bigint][] = [];
  for (const a of edges) for (const b of edges) out.push([a, b]);
  for (let i = 0; i < count; i++) out.push([rng.s64(), rng.s64()]);
  for (let i = 0; i < count; i++) out.push([rng.s64(), BigInt(rng.u32() >>> rng.below(32))]);
  for (let i = 0; i < count; i++) out.push([rng.u64() | (1n << 63n), rng.u64() | (1n << BigInt(32 + rng.below(32)))]);
  return out;
}

const PAIRS = pairs(0x5eed, 4000);

describe("i64 binary operations match BigInt", () => {
  for (const [name, [fn, ref]] of Object.entries(binary)) {
    it(`${name} on ${PAIRS.length} pairs, in place and out of place`, () => {
      const m = new Int32Array(8);
      let failures = 0;
      for (const [a, b] of PAIRS) {
        const want = ref(a, b);
        // Layouts: distinct slots, d == a, d == b.
        for (const [d, wa, wb] of [
          [0, 2, 4],
          [2, 2, 4],
          [4, 2, 4],
        ] as const) {
          put64(m, 2, a);
          put64(m, 4, b);
          const code = trapCodeOf(() => fn(m, d, wa, wb));
          const got = code ?? get64(m, d);
          if (typeof want === "bigint" ? got !== want : code !== want) {
            if (failures++ < 5) expect({ a, b, d, got }).toEqual({ a, b, d, got: want });
          }
        }
      }
      expect(failures).toBe(0);
    });
  }
});

describe("i64 unary operations and predicates match BigInt", () => {
  const values = [...edgeValues64(), ...PAIRS.slice(-3000).map(([a]) => a)];
  for (const [name, [fn, ref]] of Object.entries(unary)) {
    it(name, () => {
      const m = new Int32Array(4);
      for (const a of values) {
        put64(m, 0, a);
        fn(m, 2, 0);
        expect(get64(m, 2)).toBe(ref(a));
        fn(m, 0, 0); // in place
        expect(get64(m, 0)).toBe(ref(a));
      }
    });
  }
  it("eqz", () => {
    const m = new Int32Array(2);
    for (const a of values) {
      put64(m, 0, a);
      expect(n.i64Eqz(m, 0)).toBe(a === 0n ? 1 : 0);
    }
  });
  for (const [name, [fn, ref]] of Object.entries(predicates)) {
    it(name, () => {
      const m = new Int32Array(4);
      const wrong: [bigint, bigint][] = [];
      for (const [a, b] of PAIRS) {
        put64(m, 0, a);
        put64(m, 2, b);
        if (fn(m, 0, 2) !== (ref(a, b) ? 1 : 0)) wrong.push([a, b]);
        if (fn(m, 0, 0) !== (ref(a, a) ? 1 : 0)) wrong.push([a, a]);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
    });
  }
});

describe("i64 conversions", () => {
  it("extend_i32_s / extend_i32_u", () => {
    const m = new Int32Array(2);
    const rng = new Rng(7);
    for (const x of [0, 1, -1, 0x7fffffff, -0x80000000, ...Array.from({ length: 1000 }, () => rng.u32() | 0)]) {
      n.i64ExtendI32S(m, 0, x);
      expect(get64(m, 0)).toBe(toU64(BigInt(x)));
      n.i64ExtendI32U(m, 0, x);
      expect(get64(m, 0)).toBe(BigInt(x >>> 0));
    }
  });

  /** Correctly rounded (ties to even) BigInt -> f32, computed on integers. */
  function f32Of(v: bigint): number {
    const neg = v < 0n;
    let u = neg ? -v : v;
    const len = bitLength(u);
    let scale = 1;
    if (len > 24) {
      const shift = BigInt(len - 24);
      const q = u >> shift;
      const rem = u - (q << shift);
      const half = 1n << (shift - 1n);
      u = rem > half || (rem === half && (q & 1n) === 1n) ? q + 1n : q;
      scale = 2 ** Number(shift);
    }
    const r = Number(u) * scale;
    return neg ? -r : r;
  }

  const convValues = [
    ...edgeValues64(),
    ...PAIRS.slice(-6000).flat(),
    // Classic double-rounding traps: 2^53 + 2^29 + 1 and neighbours around the f32/f64 sticky bits.
    0x20000020000001n,
    0x20000020000000n,
    0x20000010000001n,
    0x7fffff4000000001n,
    0x8000008000000001n,
    0xfffffe8000000001n,
    0x1fffffffffffffn,
    0x20000000000001n,
    0x20000000000003n,
    0xfffffffffffff401n,
    0xfffffffffffffc00n,
    ...nearTies(),
  ].map(toU64);

  /** Exact f32 ties (25 significant bits ending in 1) at every magnitude, and their neighbours ±1. */
  function nearTies(): bigint[] {
    const rng = new Rng(0x71e5);
    const out: bigint[] = [];
    for (let k = 0n; k <= 39n; k++) {
      for (let i = 0; i < 40; i++) {
        const tie = ((BigInt(rng.u32() & 0x7fffff) | 0x800000n) * 2n + 1n) << k;
        out.push(tie, tie + 1n, tie - 1n, -tie, -tie - 1n, -tie + 1n);
      }
    }
    return out;
  }

  it("f64.convert_i64_s/u round to nearest even exactly (Number(bigint) is correctly rounded)", () => {
    const m = new Int32Array(2);
    for (const v of convValues) {
      put64(m, 0, v);
      expect(n.f64ConvertI64U(m, 0)).toBe(Number(v));
      expect(n.f64ConvertI64S(m, 0)).toBe(Number(s(v)));
    }
  });

  it("f32.convert_i64_s/u round once (no double rounding through f64)", () => {
    const m = new Int32Array(2);
    for (const v of convValues) {
      put64(m, 0, v);
      expect(n.f32ConvertI64U(m, 0)).toBe(f32Of(v));
      expect(n.f32ConvertI64S(m, 0)).toBe(f32Of(s(v)));
    }
    // The naive path would give 2^53 here.
    put64(m, 0, 0x20000020000001n);
    expect(n.f32ConvertI64U(m, 0)).toBe(2 ** 53 + 2 ** 30);
    expect(Math.fround(Number(0x20000020000001n))).toBe(2 ** 53);
  });

  const TWO63 = 2 ** 63;
  const TWO64 = 2 ** 64;
  const floats = (() => {
    const rng = new Rng(99);
    const out = [0, -0, 0.5, -0.5, 0.9999, -0.9999, 1, -1, 1.5, -1.5, NaN, Infinity, -Infinity];
    for (const x of [TWO63, TWO64, 2 ** 53, 2 ** 32, 2 ** 31]) {
      for (const y of [x, -x]) {
        // The neighbours of each boundary in f64 and in f32.
        const up = new Float64Array([y]);
        const bits = new BigInt64Array(up.buffer);
        out.push(y);
        bits[0]! += 1n;
        out.push(up[0]!);
        bits[0]! -= 2n;
        out.push(up[0]!);
        const f = new Float32Array([y]);
        const fb = new Int32Array(f.buffer);
        fb[0]! += 1;
        out.push(f[0]!);
        fb[0]! -= 2;
        out.push(f[0]!);
      }
    }
    for (let i = 0; i < 5000; i++) out.push(rng.double());
    for (let i = 0; i < 2000; i++) out.push(Math.fround(rng.double()));
    return out;
  })();

  for (const [name, fn, min, max, sat] of truncs) {
    it(`${name} against exact BigInt truncation`, () => {
      const m = new Int32Array(2);
      const inputs = name.includes("f32") ? floats.map(Math.fround) : floats;
      for (const x of inputs) {
        let want: bigint | TrapCode;
        if (Number.isNaN(x)) want = sat ? 0n : TrapCode.InvalidConversionToInteger;
        else {
          const t = Number.isFinite(x) ? BigInt(Math.trunc(x)) : x > 0 ? max + 1n : min - 1n;
          if (t < min) want = sat ? min : TrapCode.IntegerOverflow;
          else if (t > max) want = sat ? max : TrapCode.IntegerOverflow;
          else want = t;
        }
        m.fill(0x55);
        const code = trapCodeOf(() => fn(m, 0, x));
        if (typeof want === "bigint") {
          expect(code).toBeUndefined();
          expect(get64(m, 0)).toBe(toU64(want));
        } else expect(code).toBe(want);
      }
    });
  }

  it("i64FromBigInt / i64ToBigInt round-trip and wrap modulo 2^64", () => {
    const m = new Int32Array(2);
    for (const v of [...edgeValues64(), ...PAIRS.slice(0, 500).flat()]) {
      n.i64FromBigInt(m, 0, v);
      expect(get64(m, 0)).toBe(v);
      expect(n.i64ToBigInt(m, 0)).toBe(s(v));
    }
    n.i64FromBigInt(m, 0, (1n << 64n) + 5n);
    expect(n.i64ToBigInt(m, 0)).toBe(5n);
    n.i64FromBigInt(m, 0, -1n);
    expect(n.i64ToBigInt(m, 0)).toBe(-1n);
  });
});

// ---- the spec's own expectations ----

const TRAPS: Record<string, TrapCode> = {
  "integer divide by zero": TrapCode.IntegerDivideByZero,
  "integer overflow": TrapCode.IntegerOverflow,
  "invalid conversion to integer": TrapCode.InvalidConversionToInteger,
};

describe("spec i64.wast", () => {
  const names = new Set([...Object.keys(binary), ...Object.keys(unary), ...Object.keys(predicates), "eqz"]);
  const asserts = readAsserts("i64.wast", names);
  it(`covers the arithmetic asserts (${asserts.length})`, () => {
    expect(asserts.length).toBeGreaterThan(350);
    const m = new Int32Array(6);
    for (const a of asserts) {
      const args = a.args.map((v) => (v.type === "i64" || v.type === "i32" ? v.bits : 0n));
      args.forEach((v, i) => put64(m, 2 * i, v));
      const ctx = `i64.wast:${a.line} ${a.name}`;
      let got: bigint | TrapCode | undefined;
      if (a.name in binary) got = trapCodeOf(() => binary[a.name]![0](m, 4, 0, 2)) ?? get64(m, 4);
      else if (a.name in unary) got = (unary[a.name]![0](m, 4, 0), get64(m, 4));
      else if (a.name in predicates) got = BigInt(predicates[a.name]![0](m, 0, 2));
      else got = BigInt(n.i64Eqz(m, 0));
      if (a.trap !== undefined) expect(got, ctx).toBe(TRAPS[a.trap]);
      else {
        const e = a.expected!;
        expect(got, ctx).toBe(e.type === "i32" || e.type === "i64" ? e.bits : undefined);
      }
    }
  });
});

describe("spec conversions.wast (i64 parts)", () => {
  const truncByName = new Map(truncs.map(([name, fn]) => [name, fn]));
  const names = new Set([
    ...truncByName.keys(),
    "i64.extend_i32_s",
    "i64.extend_i32_u",
    "f32.convert_i64_s",
    "f32.convert_i64_u",
    "f64.convert_i64_s",
    "f64.convert_i64_u",
  ]);
  const asserts = readAsserts("conversions.wast", names);
  it(`covers the i64 conversion asserts (${asserts.length})`, () => {
    expect(asserts.length).toBeGreaterThan(180);
    const m = new Int32Array(4);
    for (const a of asserts) {
      const ctx = `conversions.wast:${a.line} ${a.name}`;
      const arg = a.args[0]!;
      const e = a.expected;
      if (a.name.startsWith("i64.trunc")) {
        const code = trapCodeOf(() => truncByName.get(a.name)!(m, 0, (arg as { value: number }).value));
        if (a.trap !== undefined) expect(code, ctx).toBe(TRAPS[a.trap]);
        else expect(code === undefined ? get64(m, 0) : code, ctx).toBe((e as { bits: bigint }).bits);
      } else if (a.name.startsWith("i64.extend")) {
        const x = Number(BigInt.asIntN(32, (arg as { bits: bigint }).bits));
        (a.name.endsWith("_s") ? n.i64ExtendI32S : n.i64ExtendI32U)(m, 0, x);
        expect(get64(m, 0), ctx).toBe((e as { bits: bigint }).bits);
      } else {
        put64(m, 0, (arg as { bits: bigint }).bits);
        const fn = {
          "f32.convert_i64_s": n.f32ConvertI64S,
          "f32.convert_i64_u": n.f32ConvertI64U,
          "f64.convert_i64_s": n.f64ConvertI64S,
          "f64.convert_i64_u": n.f64ConvertI64U,
        }[a.name]!;
        expect(fn(m, 0), ctx).toBe((e as { value: number }).value);
      }
    }
  });
});

describe("stress: every division path on fresh random operands", () => {
  // Operand classes: both < 2^52 (double fast path), 32-bit divisor with a large dividend, and
  // divisors >= 2^32 with dividends of any size.
  const rng = new Rng(0xd1d1);
  const classes: [string, () => [bigint, bigint]][] = [
    ["small", () => [rng.u64() >> 12n, (rng.u64() >> 12n) | 1n]],
    ["32-bit divisor", () => [rng.u64() | (1n << 63n), BigInt(rng.u32() >>> rng.below(32)) | 1n]],
    ["64-bit divisor", () => [rng.u64(), rng.u64() | (1n << BigInt(32 + rng.below(32)))]],
  ];
  for (const [label, draw] of classes) {
    it(`div/rem (u and s) on 30000 ${label} pairs`, () => {
      const m = new Int32Array(6);
      const wrong: unknown[] = [];
      for (let i = 0; i < 30000; i++) {
        const [a, b] = draw();
        put64(m, 0, a);
        put64(m, 2, b);
        n.i64DivU(m, 4, 0, 2);
        if (get64(m, 4) !== a / b) wrong.push(["div_u", a, b]);
        n.i64RemU(m, 4, 0, 2);
        if (get64(m, 4) !== a % b) wrong.push(["rem_u", a, b]);
        const sa = s(a);
        const sb = s(b);
        if (!(sa === -(1n << 63n) && sb === -1n)) {
          n.i64DivS(m, 4, 0, 2);
          if (get64(m, 4) !== toU64(sa / sb)) wrong.push(["div_s", a, b]);
        }
        n.i64RemS(m, 4, 0, 2);
        if (get64(m, 4) !== toU64(sa % sb)) wrong.push(["rem_s", a, b]);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
    });
  }
});
