import {
  ExceptionEntity, HeapType, ValType, concreteHeapType, heapTypeMatches, heapTypeOf, isNullable, refIsOfHeapType, topHeapType,
  valTypeName,
  type FuncEntity,
} from "@wasmi-ts/store";
import { Exception } from "./exception.js";
import { Func } from "./func.js";
import type { Store } from "./store.js";

/**
 * A Wasm value on the JS side. i32: number; i64: bigint; f32 / f64: number; v128: Uint8Array(16);
 * funcref: Func | null; externref: any JS value (null is the null reference).
 * In "bits" form (see `Func.callBits`), f32 is its u32 bit pattern (number) and f64 its u64 bit pattern
 * (bigint), so NaN payloads survive.
 *
 * Going in (arguments, host results, globals, tables), integers must fit their type, read as signed or
 * unsigned: an i32 is an integral number in [-2^31, 2^32), an i64 a bigint in [-2^63, 2^64). Anything else
 * is a `TypeError` (a number for an i64, a fraction, NaN) or a `RangeError` (too large), never a silent wrap;
 * the CLI and the C API follow the same rule. Coming out, i32 and i64 are signed.
 */
export type Value = unknown;

/** How floats are represented: as JS numbers, or as their raw bit patterns. */
export type FloatForm = "number" | "bits";

const U32 = 0x1_0000_0000;

/** Typed views over 8-byte slots: a `ValueSlots`, or a `GlobalEntity` (one value in slot 0). */
export interface SlotViews {
  i32: Int32Array;
  f32: Float32Array;
  f64: Float64Array;
}

function typeError(type: ValType, v: unknown, what: string): TypeError {
  const shown = typeof v === "bigint" ? `${v}n` : typeof v === "string" ? JSON.stringify(v) : String(v);
  return new TypeError(`${what}: expected a ${valTypeName(type)} value, got ${typeof v} ${shown}`);
}

const I64_MIN = -(2n ** 63n);
const U64_END = 2n ** 64n;

/** The 32-bit pattern of an i32 (or f32 bits) argument: an integral number, signed or unsigned. */
export function toI32(type: ValType, v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw typeError(type, v, what);
  if (v < -(2 ** 31) || v >= U32) throw new RangeError(`${what}: ${v} does not fit in 32 bits`);
  return v | 0;
}

/** The 64-bit pattern of an i64 (or f64 bits) argument: a bigint, signed or unsigned. */
export function toI64(type: ValType, v: unknown, what: string): bigint {
  if (typeof v !== "bigint") {
    const hint = typeof v === "number" && Number.isInteger(v) ? ` (write ${v}n)` : "";
    throw new TypeError(`${typeError(type, v, what).message}${hint}`);
  }
  if (v < I64_MIN || v >= U64_END) throw new RangeError(`${what}: ${v}n does not fit in 64 bits`);
  return v;
}

/** Low and high 32-bit halves (signed words) of a 64-bit pattern. */
export function splitI64(v: bigint): [number, number] {
  return [Number(BigInt.asIntN(32, v)), Number(BigInt.asIntN(32, v >> 32n))];
}

/** The signed i64 made of two 32-bit halves. */
export function joinI64(low: number, high: number): bigint {
  return (BigInt(high | 0) << 32n) | BigInt(low >>> 0);
}

/** The unsigned u64 made of two 32-bit halves. */
export function joinU64(low: number, high: number): bigint {
  return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
}

/** Whether reference type `type` is an extern reference (`externref`, `(ref extern)`, `(ref null? noextern)`),
 * whose values are any JS values. */
export function isExternRefType(type: ValType): boolean {
  const h = heapTypeOf(type);
  return h === HeapType.Extern || h === HeapType.NoExtern;
}

/**
 * The reference a JS reference value stands for, as tables and globals hold it (see `refs.ts` of the
 * store): null, a `FuncEntity` (function references) or the host value itself (extern references).
 * Null only for a nullable type; a function only if its type matches (a concrete type: a subtype of it;
 * nofunc: none). References of the other hierarchies (any, exn) can only be null from JS.
 */
export function toRef(store: Store<unknown>, type: ValType, v: unknown, what: string): unknown {
  if (v === null) {
    if (!isNullable(type)) throw new TypeError(`${what}: null is not a value of type ${valTypeName(type)}`);
    return null;
  }
  if (type === ValType.ExternRef) return v;
  const types = store.pruned.types;
  const heap = heapTypeOf(type);
  switch (topHeapType(types, heap)) {
    case HeapType.Func: {
      if (!(v instanceof Func)) throw typeError(type, v, what);
      store.assertOwns(v.store, "function reference");
      const id = v.entity.type.id;
      const ok = heap === HeapType.Func || (id >= 0 && heapTypeMatches(types, concreteHeapType(id), heap));
      if (!ok) throw new TypeError(`${what}: a function of type ${v.entity.type} is not a value of type ${valTypeName(type)}`);
      return v.entity;
    }
    case HeapType.Extern:
      if (heap === HeapType.NoExtern) throw typeError(type, v, what);
      return v;
    case HeapType.Exn:
      if (heap === HeapType.NoExn || !(v instanceof Exception)) throw typeError(type, v, what);
      store.assertOwns(v.store, "exception reference");
      return v.entity;
    case HeapType.Any:
      // anyref takes any value (a number that fits 31 bits is an i31ref, refs.ts of the store, as in the
      // JS API); the types below it only their GC objects
      if (heap === HeapType.Any || refIsOfHeapType(types, v, heap)) return v;
      throw typeError(type, v, what);
  }
  throw new TypeError(`${what}: values of type ${valTypeName(type)} cannot be passed from JS`);
}

/** The JS value of a reference held by a table or a global. */
export function fromRef(store: Store<unknown>, type: ValType, ref: unknown): Value {
  if (ref === null || type === ValType.ExternRef || isExternRefType(type)) return ref;
  if (ref instanceof ExceptionEntity) return Exception.fromEntity(store, ref);
  if (topHeapType(store.pruned.types, heapTypeOf(type)) === HeapType.Func) return Func.fromEntity(store, ref as FuncEntity);
  return ref;
}

/** Writes `v` of `type` into slot `s` (see the slot layout in `@wasmi-ts/store`). */
export function writeValue(
  store: Store<unknown>, type: ValType, v: unknown, slots: SlotViews, s: number, form: FloatForm, what: string,
): void {
  switch (type) {
    case ValType.I32:
      slots.i32[2 * s] = toI32(type, v, what);
      return;
    case ValType.I64: {
      const [lo, hi] = splitI64(toI64(type, v, what));
      slots.i32[2 * s] = lo;
      slots.i32[2 * s + 1] = hi;
      return;
    }
    case ValType.F32:
      if (form === "bits") {
        slots.i32[2 * s] = toI32(type, v, `${what} (as u32 bits)`);
      } else {
        if (typeof v !== "number") throw typeError(type, v, what);
        slots.f32[2 * s] = v;
      }
      return;
    case ValType.F64:
      if (form === "bits") {
        const [lo, hi] = splitI64(toI64(type, v, `${what} (as u64 bits)`));
        slots.i32[2 * s] = lo;
        slots.i32[2 * s + 1] = hi;
      } else {
        if (typeof v !== "number") throw typeError(type, v, what);
        slots.f64[s] = v;
      }
      return;
    case ValType.V128:
      if (!(v instanceof Uint8Array) || v.length !== 16) throw typeError(type, v, `${what} (as Uint8Array(16))`);
      new Uint8Array(slots.i32.buffer, slots.i32.byteOffset + s * 8, 16).set(v);
      return;
    default: // a reference: its number, valid while the store runs (refs.ts of the store)
      slots.i32[2 * s] = store.pruned.refs.number(toRef(store, type, v, what));
  }
}

/** Reads the value of `type` in slot `s`. */
export function readValue(store: Store<unknown>, type: ValType, slots: SlotViews, s: number, form: FloatForm): Value {
  switch (type) {
    case ValType.I32:
      return slots.i32[2 * s]!;
    case ValType.I64:
      return joinI64(slots.i32[2 * s]!, slots.i32[2 * s + 1]!);
    case ValType.F32:
      return form === "bits" ? slots.i32[2 * s]! >>> 0 : slots.f32[2 * s]!;
    case ValType.F64:
      return form === "bits" ? joinU64(slots.i32[2 * s]!, slots.i32[2 * s + 1]!) : slots.f64[s]!;
    case ValType.V128:
      return new Uint8Array(slots.i32.buffer, slots.i32.byteOffset + s * 8, 16).slice();
    default:
      return fromRef(store, type, store.pruned.refs.value(slots.i32[2 * s]!));
  }
}

/** Slot index of each value of a list of types laid out from slot 0, and the total number of slots. */
export interface SlotLayout {
  offsets: number[];
  width: number;
}

export function slotLayout(types: readonly ValType[]): SlotLayout {
  const offsets: number[] = [];
  let width = 0;
  for (const t of types) {
    offsets.push(width);
    width += t === ValType.V128 ? 2 : 1;
  }
  return { offsets, width };
}
