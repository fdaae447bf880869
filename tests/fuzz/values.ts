// Wasm values as they cross the JS boundary, in a form both engines produce alike: V8 gives numbers, bigints
// and functions; wasmi-ts's `Func.call` gives the same JS types (see the host README's value table).

import { ValType } from "@wasmi-ts/host";
import type { Prng } from "./prng.js";

/** The value as text, equal for equal Wasm values. A NaN is "nan": JS numbers do not keep NaN payloads. */
export function describeValue(type: ValType, value: unknown): string {
  switch (type) {
    case ValType.I32:
      return String((value as number) | 0);
    case ValType.I64:
      return String(BigInt.asIntN(64, value as bigint));
    case ValType.F32:
    case ValType.F64:
      return describeFloat(value as number);
    default:
      return value === null ? "null" : "ref"; // a reference: only null-ness is comparable across engines
  }
}

function describeFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  return Object.is(x, -0) ? "-0" : String(x);
}

/** A result of a Wasm call as a list: V8 returns undefined (no result), the value (one) or an array. */
export function resultList(count: number, returned: unknown): unknown[] {
  if (count === 0) return [];
  if (count === 1) return [returned];
  return [...(returned as Iterable<unknown>)];
}

const I32S = [0, 1, -1, 2, 7, 255, 65535, 65536, 0x7fffffff, -0x80000000];
const I64S = [0n, 1n, -1n, 2n, 0xffffffffn, 0x1_0000_0000n, 0x7fff_ffff_ffff_ffffn, -0x8000_0000_0000_0000n];
const FLOATS = [0, -0, 1, -1, 0.5, -1.5, 1e10, NaN, Infinity, -Infinity, 3.4028234663852886e38, 1.401298464324817e-45,
  2.2250738585072014e-308, 1.7976931348623157e308];

/** A deterministic argument of `type`: a boundary value most of the time, else a random one. */
export function argumentOf(type: ValType, prng: Prng): unknown {
  const special = prng.below(4) !== 0;
  switch (type) {
    case ValType.I32:
      return special ? prng.pick(I32S) : prng.u32() | 0;
    case ValType.I64:
      return special ? prng.pick(I64S) : BigInt.asIntN(64, (BigInt(prng.u32()) << 32n) | BigInt(prng.u32()));
    case ValType.F32:
      return Math.fround(special ? prng.pick(FLOATS) : (prng.u32() | 0) / 1024);
    case ValType.F64:
      return special ? prng.pick(FLOATS) : (prng.u32() | 0) / 65536;
    default:
      return null; // references: null on both sides
  }
}
