import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseF32Bits, parseF64Bits, parseScript, type List, type SExpr } from "../src/index.js";
import { suiteRoot } from "./conformance/suite.js";

// The suite's literal tests, checked without running anything: functions whose body is one float
// constant (possibly reinterpreted to an integer) are paired with the assert_return on their export.

interface ConstFunc {
  width: 32 | 64;
  literal: string;
}

const isList = (e: SExpr | undefined): e is List => e?.type === "list";
const head = (e: SExpr | undefined): string | undefined =>
  isList(e) && e.items[0]?.type === "atom" ? e.items[0].value : undefined;

/** `(func (export "name") (result t) (f32.const X))`, also wrapped in `iN.reinterpret_fN`. */
function constFuncs(module: List): Map<string, ConstFunc> {
  const out = new Map<string, ConstFunc>();
  for (const field of module.items) {
    if (!isList(field) || head(field) !== "func") continue;
    const exp = field.items.find((e) => head(e) === "export");
    let body = field.items[field.items.length - 1];
    if (head(body)?.endsWith(".reinterpret_f32") || head(body)?.endsWith(".reinterpret_f64")) {
      body = (body as List).items[1];
    }
    const op = head(body);
    if (!isList(exp) || (op !== "f32.const" && op !== "f64.const")) continue;
    const name = exp.items[1];
    const lit = (body as List).items[1];
    if (name?.type !== "atom" || lit?.type !== "atom") continue;
    out.set(name.value, { width: op === "f32.const" ? 32 : 64, literal: lit.value });
  }
  return out;
}

function pairs(file: string): { literal: string; width: 32 | 64; expected: bigint }[] {
  const out: { literal: string; width: 32 | 64; expected: bigint }[] = [];
  let funcs = new Map<string, ConstFunc>();
  for (const cmd of parseScript(readFileSync(join(suiteRoot, file), "utf8"), file)) {
    if (cmd.kind === "module" && cmd.module.source.kind === "text") funcs = constFuncs(cmd.module.source.list);
    if (cmd.kind !== "assert_return" || cmd.action.kind !== "invoke") continue;
    const f = funcs.get(cmd.action.name);
    const e = cmd.expected[0];
    if (f === undefined || e === undefined) continue;
    let expected: bigint | undefined;
    if (e.type === "i32") expected = BigInt(e.value >>> 0);
    else if (e.type === "i64") expected = BigInt.asUintN(64, e.value);
    else if (e.type === "f32" && e.pattern.kind === "bits") expected = BigInt(e.pattern.bits);
    else if (e.type === "f64" && e.pattern.kind === "bits") expected = e.pattern.bits;
    if (expected !== undefined) out.push({ literal: f.literal, width: f.width, expected });
  }
  return out;
}

describe("float literals of the spec suite", () => {
  for (const file of ["3.0/float_literals.wast", "3.0/const.wast"]) {
    it(file, () => {
      const cases = pairs(file);
      expect(cases.length).toBeGreaterThan(90);
      for (const { literal, width, expected } of cases) {
        const bits = width === 32 ? BigInt(parseF32Bits(literal)) : parseF64Bits(literal);
        expect(bits.toString(16), `${file}: f${width}.const ${literal}`).toBe(expected.toString(16));
      }
    });
  }

  it("agrees with JavaScript's correctly rounded Number() for random decimal f64 literals", () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      let digits = String(1 + random(9));
      const count = random(25);
      for (let d = 0; d < count; d++) digits += String(random(10));
      const point = random(digits.length) + 1;
      const text = `${digits.slice(0, point)}.${digits.slice(point)}e${random(640) - 330}`;
      const value = Number(text);
      if (!Number.isFinite(value)) continue;
      const expected = new DataView(new Float64Array([value]).buffer).getBigUint64(0, true);
      expect(parseF64Bits(text), text).toBe(expected);
    }
  });

  it("rounds random decimal f32 literals to the nearest float, ties to even (checked by exact comparison)", () => {
    // Exact value of a positive finite f32 bit pattern as num / 2^shift.
    const exact = (bits: number): [bigint, bigint] => {
      const exponent = bits >>> 23;
      const fraction = BigInt(bits & 0x7fffff);
      const mantissa = exponent === 0 ? fraction : fraction | 0x800000n;
      const e = (exponent === 0 ? 1 : exponent) - 150; // value = mantissa * 2^e
      return e >= 0 ? [mantissa << BigInt(e), 1n] : [mantissa, 1n << BigInt(-e)];
    };
    /** Sign of (a/b - c/d). */
    const cmp = ([a, b]: [bigint, bigint], [c, d]: [bigint, bigint]): number => {
      const l = a * d;
      const r = c * b;
      return l < r ? -1 : l > r ? 1 : 0;
    };
    const mid = (x: [bigint, bigint], y: [bigint, bigint]): [bigint, bigint] => [x[0] * y[1] + y[0] * x[1], 2n * x[1] * y[1]];
    let seed = 7;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let i = 0; i < 2000; i++) {
      let digits = String(1 + random(9));
      const count = random(20);
      for (let d = 0; d < count; d++) digits += String(random(10));
      const exp = random(85) - 50 - count; // magnitudes from about 1e-50 to 1e35
      const text = `${digits}e${exp}`;
      const bits = parseF32Bits(text);
      const value: [bigint, bigint] =
        exp >= 0 ? [BigInt(digits) * 10n ** BigInt(exp), 1n] : [BigInt(digits), 10n ** BigInt(-exp)];
      const here = exact(bits);
      if (bits > 0) {
        const low = mid(exact(bits - 1), here);
        const c = cmp(value, low);
        expect(c > 0 || (c === 0 && bits % 2 === 0), `${text} above the midpoint below`).toBe(true);
      }
      if (bits < 0x7f7fffff) {
        const high = mid(here, exact(bits + 1));
        const c = cmp(value, high);
        expect(c < 0 || (c === 0 && bits % 2 === 0), `${text} below the midpoint above`).toBe(true);
      }
    }
  });
});
