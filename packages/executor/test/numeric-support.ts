// Shared helpers for the numeric unit tests: BigInt references, a seeded value generator, and a
// minimal reader for the single-line `assert_return` / `assert_trap` commands of the spec .wast files.
import { readFileSync } from "node:fs";

export const TESTSUITE = "/work/shared/testsuite/2.0";

export const MASK64 = (1n << 64n) - 1n;
export const toU64 = (v: bigint): bigint => BigInt.asUintN(64, v);
export const toS64 = (v: bigint): bigint => BigInt.asIntN(64, v);

/** Writes v (mod 2^64) at word index w, independently of the code under test. */
export function put64(m: Int32Array, w: number, v: bigint): void {
  const u = toU64(v);
  m[w] = Number(BigInt.asIntN(32, u));
  m[w + 1] = Number(BigInt.asIntN(32, u >> 32n));
}

/** Reads the i64 at word index w as an unsigned BigInt. */
export function get64(m: Int32Array, w: number): bigint {
  return (BigInt(m[w + 1] >>> 0) << 32n) | BigInt(m[w] >>> 0);
}

/** Deterministic xorshift PRNG, so failures reproduce. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed | 0 || 1;
  }
  u32(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x;
    return x >>> 0;
  }
  below(n: number): number {
    return this.u32() % n;
  }
  /** A 64-bit value with a random bit length (so small, mid and huge magnitudes all occur). */
  u64(): bigint {
    const bits = this.below(65);
    const v = (BigInt(this.u32()) << 32n) | BigInt(this.u32());
    return bits === 64 ? v : v & ((1n << BigInt(bits)) - 1n);
  }
  s64(): bigint {
    const v = this.u64();
    return this.below(2) === 0 ? toU64(-v) : v;
  }
  /** A random finite double with a random exponent in [-8, 70] (bit patterns around integer ranges). */
  double(): number {
    const mant = 1 + this.u32() / 2 ** 32 + this.u32() / 2 ** 64;
    const e = this.below(79) - 8;
    const v = mant * 2 ** e;
    return this.below(2) === 0 ? -v : v;
  }
}

/** 0, ±1, MIN/MAX and 2^k, 2^k ± 1 for every k, as unsigned 64-bit patterns. */
export function edgeValues64(): bigint[] {
  const set = new Set<bigint>();
  for (let k = 0n; k < 64n; k++) {
    for (const v of [1n << k, (1n << k) - 1n, (1n << k) + 1n]) {
      set.add(toU64(v));
      set.add(toU64(-v));
    }
  }
  for (const v of [0n, 0x7fffffffffffffffn, 0x8000000000000000n, 0x8000000000000001n, 0x123456789abcdef0n]) {
    set.add(toU64(v));
    set.add(toU64(-v));
  }
  return [...set];
}

// ---- .wast reading ----

export type WastValue =
  | { type: "i32" | "i64"; bits: bigint } // unsigned bit pattern
  | { type: "f32" | "f64"; value: number }; // NaN for any nan form

export interface WastAssert {
  line: number;
  name: string;
  args: WastValue[];
  /** Expected result, or undefined for assert_trap. */
  expected: WastValue | undefined;
  trap: string | undefined;
}

function parseInt(text: string, width: 32 | 64): bigint {
  const t = text.replace(/_/g, "");
  const negative = t.startsWith("-");
  const body = t.replace(/^[+-]/, "");
  const v = BigInt(body);
  return BigInt.asUintN(width, negative ? -v : v);
}

function parseFloat(text: string, type: "f32" | "f64"): number {
  const t = text.replace(/_/g, "");
  const negative = t.startsWith("-");
  const body = t.replace(/^[+-]/, "");
  let v: number;
  if (body.startsWith("nan")) v = NaN;
  else if (body === "inf") v = Infinity;
  else if (body.startsWith("0x")) {
    // Hex float: mantissa digits exact as a BigInt, then scaled by a power of two.
    const m = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/i.exec(body);
    if (!m) throw new Error(`bad hex float ${text}`);
    const int = m[1] ?? "";
    const frac = m[2] ?? "";
    const mant = BigInt(`0x${int + frac || "0"}`);
    const exp = Number(m[3] ?? "0") - 4 * frac.length;
    // Split the scaling so intermediate powers of two stay representable.
    const half = Math.trunc(exp / 2);
    v = Number(mant) * 2 ** half * 2 ** (exp - half);
  } else v = Number(body);
  if (negative) v = -v;
  return type === "f32" ? Math.fround(v) : v;
}

const CONST = /\((i32|i64|f32|f64)\.const\s+([^)\s]+)\)/g;

function parseValues(text: string): WastValue[] {
  const out: WastValue[] = [];
  for (const [, type, lit] of text.matchAll(CONST)) {
    if (type === "i32" || type === "i64") out.push({ type, bits: parseInt(lit!, type === "i32" ? 32 : 64) });
    else out.push({ type: type as "f32" | "f64", value: parseFloat(lit!, type as "f32" | "f64") });
  }
  return out;
}

/** Index of the parenthesis closing the (already opened) invoke. */
function invokeEnd(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && depth-- === 0) return i;
  }
  throw new Error(`unbalanced: ${text}`);
}

/** The single-line assert_return/assert_trap commands of a spec file that invoke one of `names`. */
export function readAsserts(file: string, names: ReadonlySet<string>): WastAssert[] {
  const lines = readFileSync(`${TESTSUITE}/${file}`, "utf8").split("\n");
  const out: WastAssert[] = [];
  lines.forEach((raw, i) => {
    const line = raw.replace(/;;.*$/, "").trim();
    const m = /^\(assert_(return|trap) \(invoke "([^"]+)"(.*)\)$/.exec(line);
    if (!m || !names.has(m[2]!)) return;
    const rest = m[3]!;
    // Arguments sit inside the invoke; what follows its closing paren is the result or trap message.
    const close = invokeEnd(rest);
    const args = parseValues(rest.slice(0, close));
    const tail = rest.slice(close + 1);
    if (m[1] === "trap") {
      const t = /"([^"]*)"/.exec(tail);
      out.push({ line: i + 1, name: m[2]!, args, expected: undefined, trap: t?.[1] });
    } else {
      out.push({ line: i + 1, name: m[2]!, args, expected: parseValues(tail)[0], trap: undefined });
    }
  });
  return out;
}
