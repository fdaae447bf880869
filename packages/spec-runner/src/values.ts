// Runtime values as the runner sees them: numbers as exact bit patterns, so that floats (NaN payloads,
// signed zeros) compare bit for bit, and references as the host's own objects.

export type Value =
  | { type: "i32"; bits: number } // unsigned 32-bit pattern
  | { type: "i64"; bits: bigint } // unsigned 64-bit pattern
  | { type: "f32"; bits: number } // unsigned 32-bit pattern
  | { type: "f64"; bits: bigint } // unsigned 64-bit pattern
  | { type: "v128"; bytes: Uint8Array } // 16 bytes, little-endian lanes
  | { type: "ref"; ref: unknown }; // null, or a host object (Func, an extern host value, a GC reference)

/** The host value that `ref.extern N` / `ref.host N` stand for; interned so that identity holds. */
export class SpecHostRef {
  constructor(
    readonly kind: "extern" | "host",
    readonly n: number,
  ) {}
  toString(): string {
    return `ref.${this.kind} ${this.n}`;
  }
}

/** One interned `SpecHostRef` per (kind, N) for a whole run, so a value passed in and returned is the same object. */
export class SpecHostRefs {
  private readonly refs = new Map<string, SpecHostRef>();
  get(kind: "extern" | "host", n: number): SpecHostRef {
    // `ref.extern N` is `ref.host N` as an externref (any.convert_extern turns one into the other), and
    // references convert without wrapping here: one object for both
    const key = String(n);
    let ref = this.refs.get(key);
    if (!ref) {
      ref = new SpecHostRef(kind, n);
      this.refs.set(key, ref);
    }
    return ref;
  }
}

const scratch = new DataView(new ArrayBuffer(8));

export function f32BitsOf(x: number): number {
  scratch.setFloat32(0, x, true);
  return scratch.getUint32(0, true);
}
export function f32OfBits(bits: number): number {
  scratch.setUint32(0, bits >>> 0, true);
  return scratch.getFloat32(0, true);
}
export function f64BitsOf(x: number): bigint {
  scratch.setFloat64(0, x, true);
  return scratch.getBigUint64(0, true);
}
export function f64OfBits(bits: bigint): number {
  scratch.setBigUint64(0, BigInt.asUintN(64, bits), true);
  return scratch.getFloat64(0, true);
}

const hex = (n: number | bigint, digits: number): string => `0x${n.toString(16).padStart(digits, "0")}`;

/** A readable rendering for failure messages: the bits and, for floats, the value. */
export function formatValue(v: Value): string {
  switch (v.type) {
    case "i32":
      return `i32:${v.bits >>> 0} (${hex(v.bits >>> 0, 8)})`;
    case "i64":
      return `i64:${BigInt.asUintN(64, v.bits)} (${hex(BigInt.asUintN(64, v.bits), 16)})`;
    case "f32":
      return `f32:${f32OfBits(v.bits)} (${hex(v.bits >>> 0, 8)})`;
    case "f64":
      return `f64:${f64OfBits(v.bits)} (${hex(BigInt.asUintN(64, v.bits), 16)})`;
    case "v128":
      return `v128:${Array.from(v.bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
    case "ref":
      return v.ref === null ? "ref.null" : `ref(${describeRef(v.ref)})`;
  }
}

function describeRef(ref: unknown): string {
  if (ref instanceof SpecHostRef) return ref.toString();
  if (typeof ref === "object" && ref !== null) return ref.constructor?.name ?? "object";
  return String(ref);
}
