import { describe, expect, it } from "vitest";
import { Trap, TrapCode } from "@wasmi-ts/store";
import * as n from "../src/interpret/numeric/index.js";
import { Rng, readAsserts } from "./numeric-support.js";

/** Reference round-half-to-even built from floor and an exact comparison of the fraction. */
function nearestRef(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  const f = Math.floor(x);
  const frac = x - f; // exact: x and f share the exponent range
  let r = frac < 0.5 ? f : frac > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  if (r === 0 && x < 0) r = -0;
  return r;
}

const doubles = (() => {
  const rng = new Rng(4242);
  const out = [0, -0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994, 1e-320];
  out.push(2 ** 52 - 0.5, -(2 ** 52 - 0.5), 2 ** 52 + 1, 2 ** 53, 2 ** 23 - 0.5, 2 ** 23 + 0.5, Infinity, -Infinity);
  out.push(Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, NaN);
  for (let i = -10; i <= 10; i++) out.push(i + 0.5, i - 0.5, i + 0.25, i);
  for (let i = 0; i < 5000; i++) out.push(rng.double());
  for (let i = 0; i < 2000; i++) out.push(rng.double() / 2 ** 40);
  return out;
})();
const floats = doubles.map(Math.fround);

describe("rounding", () => {
  it("f64Nearest rounds half to even and keeps -0", () => {
    for (const x of doubles) expect(Object.is(n.f64Nearest(x), nearestRef(x)), `nearest(${x})`).toBe(true);
    expect(Object.is(n.f64Nearest(-0.5), -0)).toBe(true);
    expect(Object.is(n.f64Nearest(0.5), 0)).toBe(true);
    expect(n.f64Nearest(-2.5)).toBe(-2);
    expect(n.f64Nearest(3.5)).toBe(4);
  });
  it("f32Nearest on f32 values", () => {
    for (const x of floats) expect(Object.is(n.f32Nearest(x), Math.fround(nearestRef(x))), `nearest(${x})`).toBe(true);
    expect(n.f32Nearest(Math.fround(2 ** 23 - 0.5))).toBe(2 ** 23); // tie at the top of the fraction range
  });
  it("trunc/ceil/floor keep the sign of zero", () => {
    for (const x of doubles) {
      expect(Object.is(n.f64Trunc(x), Math.trunc(x))).toBe(true);
      expect(Object.is(n.f64Ceil(x), Math.ceil(x))).toBe(true);
      expect(Object.is(n.f64Floor(x), Math.floor(x))).toBe(true);
    }
    for (const x of floats) {
      expect(Object.is(n.f32Trunc(x), Math.fround(Math.trunc(x)))).toBe(true);
      expect(Object.is(n.f32Ceil(x), Math.fround(Math.ceil(x)))).toBe(true);
      expect(Object.is(n.f32Floor(x), Math.fround(Math.floor(x)))).toBe(true);
    }
    expect(Object.is(n.f64Ceil(-0.5), -0)).toBe(true);
    expect(Object.is(n.f32Trunc(-0.7), -0)).toBe(true);
  });
});

describe("min / max", () => {
  const cases: [number, number][] = [];
  for (const a of [0, -0, 1, -1, NaN, Infinity, -Infinity, 5e-324])
    for (const b of [0, -0, 1, -1, NaN, Infinity, -Infinity, 5e-324]) cases.push([a, b]);
  it("propagate NaN and order -0 below +0", () => {
    for (const [a, b] of cases) {
      for (const min of [n.f64Min, n.f32Min]) {
        const r = min(a, b);
        if (Number.isNaN(a) || Number.isNaN(b)) expect(r).toBeNaN();
        else if (a === 0 && b === 0) expect(Object.is(r, Object.is(a, -0) || Object.is(b, -0) ? -0 : 0)).toBe(true);
        else expect(r).toBe(a < b ? a : b);
      }
      for (const max of [n.f64Max, n.f32Max]) {
        const r = max(a, b);
        if (Number.isNaN(a) || Number.isNaN(b)) expect(r).toBeNaN();
        else if (a === 0 && b === 0) expect(Object.is(r, Object.is(a, 0) || Object.is(b, 0) ? 0 : -0)).toBe(true);
        else expect(r).toBe(a > b ? a : b);
      }
    }
  });
});

function result(f: () => number): number | TrapCode {
  try {
    return f();
  } catch (e) {
    if (e instanceof Trap) return e.code;
    throw e;
  }
}

type Trunc = (x: number) => number;
const truncs: [string, Trunc, number, number, boolean][] = [
  ["i32.trunc_f32_s", n.i32TruncF32S, -(2 ** 31), 2 ** 31 - 1, false],
  ["i32.trunc_f64_s", n.i32TruncF64S, -(2 ** 31), 2 ** 31 - 1, false],
  ["i32.trunc_f32_u", n.i32TruncF32U, 0, 2 ** 32 - 1, false],
  ["i32.trunc_f64_u", n.i32TruncF64U, 0, 2 ** 32 - 1, false],
  ["i32.trunc_sat_f32_s", n.i32TruncSatF32S, -(2 ** 31), 2 ** 31 - 1, true],
  ["i32.trunc_sat_f64_s", n.i32TruncSatF64S, -(2 ** 31), 2 ** 31 - 1, true],
  ["i32.trunc_sat_f32_u", n.i32TruncSatF32U, 0, 2 ** 32 - 1, true],
  ["i32.trunc_sat_f64_u", n.i32TruncSatF64U, 0, 2 ** 32 - 1, true],
];

describe("float -> i32 truncation", () => {
  const boundaries: number[] = [];
  for (const b of [2 ** 31, -(2 ** 31), 2 ** 32, -1, 0]) {
    for (const delta of [-1, -0.5, -1e-6, 0, 1e-6, 0.5, 1]) boundaries.push(b + delta);
    const f = new Float32Array([b]);
    const bits = new Int32Array(f.buffer);
    bits[0]! += 1;
    boundaries.push(f[0]!);
    bits[0]! -= 2;
    boundaries.push(f[0]!);
  }
  for (const [name, fn, min, max, sat] of truncs) {
    it(`${name} against exact truncation`, () => {
      const rng = new Rng(31);
      const raw = [...doubles, ...boundaries, ...Array.from({ length: 3000 }, () => (rng.u32() - 2 ** 31) * 1.5)];
      const inputs = name.includes("f32") ? raw.map(Math.fround) : raw;
      for (const x of inputs) {
        let want: number;
        if (Number.isNaN(x)) want = sat ? 0 : TrapCode.InvalidConversionToInteger;
        else {
          const t = Math.trunc(x);
          if (t < min) want = sat ? min : TrapCode.IntegerOverflow;
          else if (t > max) want = sat ? max : TrapCode.IntegerOverflow;
          else want = t;
        }
        const got = result(() => fn(x));
        const inRange = Number.isNaN(x) ? sat : sat || (Math.trunc(x) >= min && Math.trunc(x) <= max);
        if (inRange) {
          expect(got, `${name}(${x})`).toBe(want | 0); // i32 bit pattern
          expect(Object.is(got, (got as number) | 0)).toBe(true); // never -0
        } else expect(got, `${name}(${x})`).toBe(want);
      }
    });
  }
});

describe("spec asserts", () => {
  const TRAPS: Record<string, TrapCode> = {
    "integer overflow": TrapCode.IntegerOverflow,
    "invalid conversion to integer": TrapCode.InvalidConversionToInteger,
  };
  const byName = new Map(truncs.map(([name, fn]) => [name, fn]));
  const conv = readAsserts("conversions.wast", new Set(byName.keys()));
  it(`conversions.wast i32 truncations (${conv.length})`, () => {
    expect(conv.length).toBeGreaterThan(150);
    for (const a of conv) {
      const x = (a.args[0] as { value: number }).value;
      const got = result(() => byName.get(a.name)!(x));
      const ctx = `conversions.wast:${a.line} ${a.name}(${x})`;
      if (a.trap !== undefined) expect(got, ctx).toBe(TRAPS[a.trap]);
      else expect(got, ctx).toBe(Number(BigInt.asIntN(32, (a.expected as { bits: bigint }).bits)));
    }
  });

  const unaryOps = {
    f32: { nearest: n.f32Nearest, ceil: n.f32Ceil, floor: n.f32Floor, trunc: n.f32Trunc, sqrt: n.f32Sqrt },
    f64: { nearest: n.f64Nearest, ceil: n.f64Ceil, floor: n.f64Floor, trunc: n.f64Trunc, sqrt: Math.sqrt },
  };
  const binaryOps = { f32: { min: n.f32Min, max: n.f32Max }, f64: { min: n.f64Min, max: n.f64Max } };
  for (const type of ["f32", "f64"] as const) {
    const names = new Set([...Object.keys(unaryOps[type]), ...Object.keys(binaryOps[type])]);
    const asserts = readAsserts(`${type}.wast`, names);
    it(`${type}.wast nearest/ceil/floor/trunc/sqrt/min/max (${asserts.length})`, () => {
      expect(asserts.length).toBeGreaterThan(800);
      for (const a of asserts) {
        const [x, y] = a.args.map((v) => (v as { value: number }).value);
        const un = unaryOps[type] as Record<string, (x: number) => number>;
        const bin = binaryOps[type] as Record<string, (x: number, y: number) => number>;
        const got = a.name in un ? un[a.name]!(x!) : bin[a.name]!(x!, y!);
        const want = (a.expected as { value: number }).value;
        const ctx = `${type}.wast:${a.line} ${a.name}(${x}, ${y}) = ${got}, want ${want}`;
        expect(Number.isNaN(want) ? Number.isNaN(got) : Object.is(got, want), ctx).toBe(true);
      }
    });
  }

  it("float_misc.wast rounding and sqrt", () => {
    const ops: Record<string, (x: number) => number> = {};
    for (const type of ["f32", "f64"] as const)
      for (const [name, fn] of Object.entries(unaryOps[type])) ops[`${type}.${name}`] = fn;
    const asserts = readAsserts("float_misc.wast", new Set(Object.keys(ops)));
    expect(asserts.length).toBeGreaterThan(90);
    for (const a of asserts) {
      const x = (a.args[0] as { value: number }).value;
      const got = ops[a.name]!(x);
      const want = (a.expected as { value: number }).value;
      const ctx = `float_misc.wast:${a.line} ${a.name}(${x}) = ${got}, want ${want}`;
      expect(Number.isNaN(want) ? Number.isNaN(got) : Object.is(got, want), ctx).toBe(true);
    }
  });
});
