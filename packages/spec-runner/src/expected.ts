// Matching actual results against `assert_return` expectations, on bit patterns.

import type { Const, Expected, LanePattern, LaneShape, NanKind } from "./script-model.js";
import { SpecHostRef, type Value } from "./values.js";

/** What the matcher needs to know about the engine's reference objects. */
export interface RefInspector {
  isFunc(ref: unknown): boolean;
  /** True if `ref` is a non-null reference of the given GC heap type (any, eq, i31, struct, array, exn ...). */
  isOfHeapType(ref: unknown, heap: string): boolean;
}

export function isNanBits32(bits: number, nan: NanKind): boolean {
  const b = bits >>> 0;
  return nan === "canonical" ? (b & 0x7fffffff) === 0x7fc00000 : (b & 0x7fc00000) === 0x7fc00000;
}

const F64_ABS = 0x7fffffffffffffffn;
const F64_QNAN = 0x7ff8000000000000n;

export function isNanBits64(bits: bigint, nan: NanKind): boolean {
  return nan === "canonical" ? (bits & F64_ABS) === F64_QNAN : (bits & F64_QNAN) === F64_QNAN;
}

export function matches(actual: Value, expected: Expected, refs: RefInspector): boolean {
  switch (expected.kind) {
    case "const":
      return matchesConst(actual, expected.value);
    case "nan":
      if (actual.type !== expected.type) return false;
      return actual.type === "f32"
        ? isNanBits32(actual.bits, expected.nan)
        : actual.type === "f64" && isNanBits64(actual.bits, expected.nan);
    case "v128":
      return actual.type === "v128" && matchesLanes(actual.bytes, expected.shape, expected.lanes);
    case "ref.func":
      return actual.type === "ref" && actual.ref !== null && refs.isFunc(actual.ref);
    case "ref.extern":
      if (actual.type !== "ref" || actual.ref === null) return false;
      if (expected.n === undefined) return true;
      return actual.ref instanceof SpecHostRef && actual.ref.n === expected.n;
    case "ref":
      return actual.type === "ref" && actual.ref !== null && refs.isOfHeapType(actual.ref, expected.heap);
    case "either":
      return expected.options.some((option) => matches(actual, option, refs));
  }
}

function matchesConst(actual: Value, expected: Const): boolean {
  switch (expected.type) {
    case "i32":
    case "f32":
      return actual.type === expected.type && actual.bits >>> 0 === expected.bits >>> 0;
    case "i64":
    case "f64":
      return actual.type === expected.type && BigInt.asUintN(64, actual.bits) === BigInt.asUintN(64, expected.bits);
    case "v128":
      return actual.type === "v128" && actual.bytes.every((b, i) => b === expected.bytes[i]);
    case "ref.null":
      return actual.type === "ref" && actual.ref === null;
    case "ref.extern":
    case "ref.host":
      // one host value, seen as an externref or (any.convert_extern) an anyref: the same reference
      return actual.type === "ref" && actual.ref instanceof SpecHostRef && actual.ref.n === expected.n;
  }
}

const laneBytes: Record<LaneShape, number> = { i8: 1, i16: 2, i32: 4, i64: 8, f32: 4, f64: 8 };

function matchesLanes(bytes: Uint8Array, shape: LaneShape, lanes: LanePattern[]): boolean {
  const size = laneBytes[shape];
  if (lanes.length * size !== 16) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  return lanes.every((lane, i) => {
    const at = i * size;
    if ("nan" in lane) {
      if (shape === "f32") return isNanBits32(view.getUint32(at, true), lane.nan);
      if (shape === "f64") return isNanBits64(view.getBigUint64(at, true), lane.nan);
      return false;
    }
    switch (size) {
      case 1:
        return view.getUint8(at) === (Number(lane.bits) & 0xff);
      case 2:
        return view.getUint16(at, true) === (Number(lane.bits) & 0xffff);
      case 4:
        return view.getUint32(at, true) === Number(lane.bits) >>> 0;
      default:
        return view.getBigUint64(at, true) === BigInt.asUintN(64, BigInt(lane.bits));
    }
  });
}

/** A readable rendering of an expectation, for failure messages. */
export function formatExpected(e: Expected): string {
  switch (e.kind) {
    case "const":
      return formatConst(e.value);
    case "nan":
      return `${e.type}:nan:${e.nan}`;
    case "v128":
      return `v128 ${e.shape}x${e.lanes.length} ${e.lanes.map((l) => ("nan" in l ? `nan:${l.nan}` : String(l.bits))).join(" ")}`;
    case "ref.func":
      return "ref.func";
    case "ref.extern":
      return e.n === undefined ? "ref.extern" : `ref.extern ${e.n}`;
    case "ref":
      return `ref.${e.heap}`;
    case "either":
      return `either(${e.options.map(formatExpected).join(" | ")})`;
  }
}

export function formatConst(c: Const): string {
  switch (c.type) {
    case "i32":
    case "f32":
      return `${c.type}:0x${(c.bits >>> 0).toString(16).padStart(8, "0")}`;
    case "i64":
    case "f64":
      return `${c.type}:0x${BigInt.asUintN(64, c.bits).toString(16).padStart(16, "0")}`;
    case "v128":
      return `v128:${Array.from(c.bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
    case "ref.null":
      return `ref.null ${c.heap}`;
    case "ref.extern":
    case "ref.host":
      return `${c.type} ${c.n}`;
  }
}
