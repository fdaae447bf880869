import {
  parseF32Bits,
  parseF64Bits,
  parseI32,
  parseI64,
  parseIntBits,
  parseUnsigned,
} from "../numbers/index.js";
import { headKeyword } from "../sexpr/guards.js";
import type { List, SExpr } from "../sexpr/types.js";
import { expectLength, parseNumber, syntaxError } from "./syntax.js";
import type { ArgValue, ExpectedValue, LanePattern, LaneShape, NanKind, RefKind } from "./types.js";

// Constants of scripts: arguments of `invoke` and the results assertions expect.

interface ShapeInfo {
  lanes: number;
  /** Bits per lane. */
  width: 8 | 16 | 32 | 64;
  float: boolean;
}

const SHAPES: Record<LaneShape, ShapeInfo> = {
  i8x16: { lanes: 16, width: 8, float: false },
  i16x8: { lanes: 8, width: 16, float: false },
  i32x4: { lanes: 4, width: 32, float: false },
  i64x2: { lanes: 2, width: 64, float: false },
  f32x4: { lanes: 4, width: 32, float: true },
  f64x2: { lanes: 2, width: 64, float: true },
};

/** Kinds of non-null references an expected `(ref.K)` without argument matches. */
const REF_KINDS: ReadonlySet<string> = new Set<RefKind>([
  "func",
  "extern",
  "any",
  "eq",
  "i31",
  "struct",
  "array",
  "exn",
  "host",
]);

function listOf(e: SExpr): List {
  if (e.type !== "list") throw syntaxError("unexpected token", e);
  return e;
}

function shapeOf(list: List): [LaneShape, ShapeInfo] {
  const shape = list.items[1];
  if (shape === undefined || shape.type !== "atom" || !Object.hasOwn(SHAPES, shape.value)) {
    throw syntaxError("unknown lane shape", shape ?? list);
  }
  return [shape.value as LaneShape, SHAPES[shape.value as LaneShape]];
}

/** The bits of one lane literal. */
function laneBits(e: SExpr | undefined, list: List, info: ShapeInfo): bigint {
  if (!info.float) return parseNumber(e, list, (t) => parseIntBits(t, info.width));
  return info.width === 32 ? BigInt(parseNumber(e, list, parseF32Bits)) : parseNumber(e, list, parseF64Bits);
}

function v128Bytes(list: List): Uint8Array {
  const [, info] = shapeOf(list);
  expectLength(list, 2 + info.lanes);
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < info.lanes; i++) {
    const bits = laneBits(list.items[2 + i], list, info);
    const at = (i * info.width) / 8;
    if (info.width === 8) view.setUint8(at, Number(bits));
    else if (info.width === 16) view.setUint16(at, Number(bits), true);
    else if (info.width === 32) view.setUint32(at, Number(bits), true);
    else view.setBigUint64(at, bits, true);
  }
  return bytes;
}

/** A host reference number: unsigned 32-bit. */
function hostRef(list: List): number {
  expectLength(list, 2);
  return Number(parseNumber(list.items[1], list, (t) => parseUnsigned(t, 32)));
}

/** The heap type of `(ref.null ht)` as written. */
function heapTypeText(e: SExpr): string {
  if (e.type !== "atom" || e.kind === "string") throw syntaxError("unexpected token", e);
  return e.kind === "id" ? "$" + e.value : e.value;
}

/** An argument of `invoke`. */
export function parseArg(e: SExpr): ArgValue {
  const list = listOf(e);
  switch (headKeyword(list)) {
    case "i32.const":
      expectLength(list, 2);
      return { type: "i32", value: parseNumber(list.items[1], list, parseI32) };
    case "i64.const":
      expectLength(list, 2);
      return { type: "i64", value: parseNumber(list.items[1], list, parseI64) };
    case "f32.const":
      expectLength(list, 2);
      return { type: "f32", bits: parseNumber(list.items[1], list, parseF32Bits) };
    case "f64.const":
      expectLength(list, 2);
      return { type: "f64", bits: parseNumber(list.items[1], list, parseF64Bits) };
    case "v128.const":
      return { type: "v128", bytes: v128Bytes(list) };
    case "ref.null":
      expectLength(list, 2);
      return { type: "ref.null", heapType: heapTypeText(list.items[1]!) };
    case "ref.extern":
      return { type: "ref.extern", value: hostRef(list) };
    case "ref.host":
      return { type: "ref.host", value: hostRef(list) };
    default:
      throw syntaxError("unexpected token: expected a constant", list);
  }
}

function nanKind(e: SExpr | undefined): NanKind | undefined {
  if (e === undefined || e.type !== "atom" || e.kind !== "keyword") return undefined;
  if (e.value === "nan:canonical") return "canonical";
  if (e.value === "nan:arithmetic") return "arithmetic";
  return undefined;
}

function expectedLanes(list: List): ExpectedValue {
  const [shape, info] = shapeOf(list);
  expectLength(list, 2 + info.lanes);
  const lanes: LanePattern[] = [];
  for (let i = 0; i < info.lanes; i++) {
    const e = list.items[2 + i];
    const nan = info.float ? nanKind(e) : undefined;
    lanes.push(nan !== undefined ? { kind: "nan", nan } : { kind: "bits", bits: laneBits(e, list, info) });
  }
  return { type: "v128", shape, lanes };
}

/** A result an assertion expects. */
export function parseExpected(e: SExpr): ExpectedValue {
  const list = listOf(e);
  const head = headKeyword(list);
  switch (head) {
    case "i32.const":
    case "i64.const":
    case "v128.const":
    case "ref.extern":
    case "ref.host":
    case "f32.const":
    case "f64.const": {
      if (head === "v128.const") return expectedLanes(list);
      if ((head === "ref.extern" || head === "ref.host") && list.items.length === 1) {
        return { type: "ref", kind: head === "ref.extern" ? "extern" : "host" };
      }
      const nan = head === "f32.const" || head === "f64.const" ? nanKind(list.items[1]) : undefined;
      if (nan !== undefined) {
        expectLength(list, 2);
        return head === "f32.const"
          ? { type: "f32", pattern: { kind: "nan", nan } }
          : { type: "f64", pattern: { kind: "nan", nan } };
      }
      const arg = parseArg(list);
      if (arg.type === "f32") return { type: "f32", pattern: { kind: "bits", bits: arg.bits } };
      if (arg.type === "f64") return { type: "f64", pattern: { kind: "bits", bits: arg.bits } };
      return arg as ExpectedValue;
    }
    case "ref.null":
      if (list.items.length === 1) return { type: "ref.null", heapType: undefined };
      expectLength(list, 2);
      return { type: "ref.null", heapType: heapTypeText(list.items[1]!) };
    case "either":
      if (list.items.length < 2) throw syntaxError("unexpected end of list", list);
      return { type: "either", alternatives: list.items.slice(1).map(parseExpected) };
    default: {
      const kind = head?.startsWith("ref.") ? head.slice(4) : undefined;
      if (kind !== undefined && REF_KINDS.has(kind)) {
        // `(ref.func)`; the spec's interpreter ignores a function index, so it is not kept either.
        if (list.items.length > 2) throw syntaxError("unexpected token", list.items[2]!);
        return { type: "ref", kind: kind as RefKind };
      }
      throw syntaxError("unexpected token: expected a result", list);
    }
  }
}
