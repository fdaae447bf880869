// Script values against the host: `invoke` arguments to host values, and results (floats as bit
// patterns, as `Func.callBits` gives them) matched against `assert_return`'s expectations.

import { Func, ValType, valTypeName } from "@wasmi-ts/host";
import type { ArgValue, ExpectedValue, LanePattern, LaneShape, NanKind } from "@wasmi-ts/wast";

/** A result: the host's value (`callBits` form) and its type. */
export interface Result {
  type: ValType;
  value: unknown;
}

/** The host value `(ref.extern N)` stands for: one object per N, so one passed in and returned is the same. */
export class HostRef {
  constructor(readonly n: number) {}
}

export class HostRefs {
  private readonly refs = new Map<number, HostRef>();

  get(n: number): HostRef {
    let ref = this.refs.get(n);
    if (ref === undefined) this.refs.set(n, (ref = new HostRef(n)));
    return ref;
  }
}

/** An argument as `Func.callBits` takes it. */
export function hostArg(arg: ArgValue, refs: HostRefs): unknown {
  switch (arg.type) {
    case "i32":
      return arg.value | 0;
    case "i64":
      return BigInt.asIntN(64, arg.value);
    case "f32":
      return arg.bits >>> 0;
    case "f64":
      return BigInt.asUintN(64, arg.bits);
    case "v128":
      return arg.bytes.slice();
    case "ref.null":
      return null;
    case "ref.extern":
    case "ref.host":
      return refs.get(arg.value);
  }
}

function isNan32(bits: number, nan: NanKind): boolean {
  const b = bits >>> 0;
  return nan === "canonical" ? (b & 0x7fffffff) === 0x7fc00000 : (b & 0x7fc00000) === 0x7fc00000;
}

function isNan64(bits: bigint, nan: NanKind): boolean {
  const b = BigInt.asUintN(64, bits);
  return nan === "canonical"
    ? (b & 0x7fffffffffffffffn) === 0x7ff8000000000000n
    : (b & 0x7ff8000000000000n) === 0x7ff8000000000000n;
}

export function matches(actual: Result, expected: ExpectedValue, refs: HostRefs): boolean {
  const v = actual.value;
  switch (expected.type) {
    case "i32":
      return actual.type === ValType.I32 && (v as number) >>> 0 === expected.value >>> 0;
    case "i64":
      return actual.type === ValType.I64 && BigInt.asUintN(64, v as bigint) === BigInt.asUintN(64, expected.value);
    case "f32": {
      if (actual.type !== ValType.F32) return false;
      const p = expected.pattern;
      return p.kind === "nan" ? isNan32(v as number, p.nan) : (v as number) >>> 0 === p.bits >>> 0;
    }
    case "f64": {
      if (actual.type !== ValType.F64) return false;
      const p = expected.pattern;
      return p.kind === "nan" ? isNan64(v as bigint, p.nan) : BigInt.asUintN(64, v as bigint) === BigInt.asUintN(64, p.bits);
    }
    case "v128":
      return actual.type === ValType.V128 && matchesLanes(v as Uint8Array, expected.shape, expected.lanes);
    case "ref.null":
      return v === null;
    case "ref.extern":
    case "ref.host":
      return v === refs.get(expected.value);
    case "ref":
      if (v === null || v === undefined) return false;
      if (expected.kind === "func") return v instanceof Func;
      if (expected.kind === "extern" || expected.kind === "host") return !(v instanceof Func);
      // The host exposes no GC references yet: no value is of a GC heap type.
      return false;
    case "either":
      return expected.alternatives.some((e) => matches(actual, e, refs));
  }
}

const LANES: Record<LaneShape, { size: number; float: boolean }> = {
  i8x16: { size: 1, float: false },
  i16x8: { size: 2, float: false },
  i32x4: { size: 4, float: false },
  i64x2: { size: 8, float: false },
  f32x4: { size: 4, float: true },
  f64x2: { size: 8, float: true },
};

function matchesLanes(bytes: Uint8Array, shape: LaneShape, lanes: readonly LanePattern[]): boolean {
  const { size, float } = LANES[shape];
  if (lanes.length * size !== 16) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 16);
  return lanes.every((lane, i) => {
    const at = i * size;
    if (lane.kind === "nan") {
      if (!float) return false;
      return size === 4 ? isNan32(view.getUint32(at, true), lane.nan) : isNan64(view.getBigUint64(at, true), lane.nan);
    }
    const mask = (1n << BigInt(8 * size)) - 1n;
    const actual = size === 8 ? view.getBigUint64(at, true) : BigInt(size === 4 ? view.getUint32(at, true) : size === 2 ? view.getUint16(at, true) : view.getUint8(at));
    return actual === (lane.bits & mask);
  });
}

const scratch = new DataView(new ArrayBuffer(8));

function f32(bits: number): string {
  scratch.setUint32(0, bits >>> 0, true);
  return `${scratch.getFloat32(0, true)} (0x${(bits >>> 0).toString(16).padStart(8, "0")})`;
}

function f64(bits: bigint): string {
  scratch.setBigUint64(0, BigInt.asUintN(64, bits), true);
  return `${scratch.getFloat64(0, true)} (0x${BigInt.asUintN(64, bits).toString(16).padStart(16, "0")})`;
}

const hexBytes = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(" ");

/** A result as failure messages show it. */
export function formatResult({ type, value }: Result): string {
  switch (type) {
    case ValType.I32:
      return `i32:${value as number}`;
    case ValType.I64:
      return `i64:${BigInt.asIntN(64, value as bigint)}`;
    case ValType.F32:
      return `f32:${f32(value as number)}`;
    case ValType.F64:
      return `f64:${f64(value as bigint)}`;
    case ValType.V128:
      return `v128:${hexBytes(value as Uint8Array)}`;
    default:
      if (value === null) return `${valTypeName(type)}:null`;
      if (value instanceof HostRef) return `ref.extern ${value.n}`;
      return value instanceof Func ? "ref.func" : `${valTypeName(type)}:<ref>`;
  }
}

/** An expectation as failure messages show it. */
export function formatExpected(e: ExpectedValue): string {
  switch (e.type) {
    case "i32":
      return `i32:${e.value | 0}`;
    case "i64":
      return `i64:${BigInt.asIntN(64, e.value)}`;
    case "f32":
      return e.pattern.kind === "nan" ? `f32:nan:${e.pattern.nan}` : `f32:${f32(e.pattern.bits)}`;
    case "f64":
      return e.pattern.kind === "nan" ? `f64:nan:${e.pattern.nan}` : `f64:${f64(e.pattern.bits)}`;
    case "v128":
      return `v128 ${e.shape} ${e.lanes.map((l) => (l.kind === "nan" ? `nan:${l.nan}` : String(l.bits))).join(" ")}`;
    case "ref.null":
      return `ref.null${e.heapType === undefined ? "" : ` ${e.heapType}`}`;
    case "ref.extern":
    case "ref.host":
      return `${e.type} ${e.value}`;
    case "ref":
      return `ref.${e.kind}`;
    case "either":
      return `either(${e.alternatives.map(formatExpected).join(" | ")})`;
  }
}
