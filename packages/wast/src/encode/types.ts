import type { Atom, List, SExpr } from "../sexpr/types.js";
import type { IndexSpace } from "./context.js";
import { Cursor, fail, headOf } from "./cursor.js";
import { ByteWriter } from "./writer.js";

// Value, heap, reference and composite types, parsed straight to their binary encodings (byte arrays),
// so that types can be compared by their bytes.

export type TypeBytes = number[];

const NUM_TYPES: Record<string, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b };
const PACKED_TYPES: Record<string, number> = { i8: 0x78, i16: 0x77 };

/** Abstract heap types, which double as the nullable reference shorthand bytes. */
export const ABSTRACT_HEAP: Record<string, number> = {
  func: 0x70, extern: 0x6f, any: 0x6e, eq: 0x6d, i31: 0x6c, struct: 0x6b, array: 0x6a,
  none: 0x71, noextern: 0x72, nofunc: 0x73, exn: 0x69, noexn: 0x74,
};

/** `funcref` etc.: the shorthand for `(ref null <heap type>)`. */
const REF_SHORTHANDS: Record<string, number> = {
  funcref: 0x70, externref: 0x6f, anyref: 0x6e, eqref: 0x6d, i31ref: 0x6c, structref: 0x6b,
  arrayref: 0x6a, nullref: 0x71, nullexternref: 0x72, nullfuncref: 0x73, exnref: 0x69, nullexnref: 0x74,
};

export function heapType(e: SExpr, types: IndexSpace): TypeBytes {
  if (e.type === "atom" && e.kind === "keyword") {
    const b = ABSTRACT_HEAP[e.value];
    if (b === undefined) fail("unexpected token", e);
    return [b];
  }
  return Array.from(new ByteWriter().sleb(types.resolve(e)).finish());
}

/** A reference type: `(ref null? ht)` or a shorthand; undefined if `e` is not one. */
export function refTypeOrUndefined(e: SExpr, types: IndexSpace): { bytes: TypeBytes; nullable: boolean; heap: TypeBytes } | undefined {
  if (e.type === "atom") {
    const b = e.kind === "keyword" ? REF_SHORTHANDS[e.value] : undefined;
    return b === undefined ? undefined : { bytes: [b], nullable: true, heap: [b] };
  }
  if (headOf(e) !== "ref") return undefined;
  const c = Cursor.of(e);
  const nullable = c.takeKeyword("null");
  const heap = heapType(c.next(), types);
  c.expectEnd();
  // `(ref null func)` etc. use their one-byte shorthand (abstract heap types are single bytes >= 0x40).
  const shorthand = nullable && heap.length === 1 && heap[0]! >= 0x40;
  return { bytes: shorthand ? heap : [nullable ? 0x63 : 0x64, ...heap], nullable, heap };
}

export function refType(e: SExpr, types: IndexSpace): TypeBytes {
  const r = refTypeOrUndefined(e, types);
  if (r === undefined) fail("unexpected token", e);
  return r.bytes;
}

export function valType(e: SExpr, types: IndexSpace): TypeBytes {
  if (e.type === "atom" && e.kind === "keyword") {
    const b = NUM_TYPES[e.value];
    if (b !== undefined) return [b];
  }
  return refType(e, types);
}

export function isValType(e: SExpr | undefined): boolean {
  if (e === undefined) return false;
  if (e.type === "atom") return e.kind === "keyword" && (e.value in NUM_TYPES || e.value in REF_SHORTHANDS);
  return headOf(e) === "ref";
}

function storageType(e: SExpr, types: IndexSpace): TypeBytes {
  if (e.type === "atom" && e.kind === "keyword") {
    const b = PACKED_TYPES[e.value];
    if (b !== undefined) return [b];
  }
  return valType(e, types);
}

/** `storagetype` or `(mut storagetype)`: storage bytes then the mutability byte. */
export function fieldType(e: SExpr, types: IndexSpace): TypeBytes {
  if (headOf(e) === "mut") {
    const c = Cursor.of(e as List);
    const t = storageType(c.next(), types);
    c.expectEnd();
    return [...t, 1];
  }
  return [...storageType(e, types), 0];
}

/** `valtype` or `(mut valtype)` of a global. */
export function globalType(e: SExpr, types: IndexSpace): TypeBytes {
  if (headOf(e) === "mut") {
    const c = Cursor.of(e as List);
    const t = valType(c.next(), types);
    c.expectEnd();
    return [...t, 1];
  }
  return [...valType(e, types), 0];
}

export interface FuncSig {
  params: TypeBytes[];
  /** `$name` of each parameter, where written. */
  paramNames: (Atom | undefined)[];
  results: TypeBytes[];
}

/** Reads `(param ...)* (result ...)*` from the cursor. */
export function funcSig(c: Cursor, types: IndexSpace, allowNames = true): FuncSig {
  const sig: FuncSig = { params: [], paramNames: [], results: [] };
  while (c.peekHead() === "param") {
    const p = Cursor.of(c.expectList());
    const id = p.takeId();
    if (id !== undefined) {
      if (!allowNames) fail("unexpected token", id);
      sig.params.push(valType(p.next(), types));
      sig.paramNames.push(id);
      p.expectEnd();
    } else {
      while (!p.atEnd()) {
        sig.params.push(valType(p.next(), types));
        sig.paramNames.push(undefined);
      }
    }
  }
  while (c.peekHead() === "result") {
    const r = Cursor.of(c.expectList());
    while (!r.atEnd()) sig.results.push(valType(r.next(), types));
  }
  return sig;
}

export function sigKey(params: TypeBytes[], results: TypeBytes[]): string {
  return `${params.map((t) => t.join(".")).join(",")}->${results.map((t) => t.join(".")).join(",")}`;
}

export function encodeSig(params: TypeBytes[], results: TypeBytes[]): TypeBytes {
  const w = new ByteWriter().byte(0x60).u32(params.length);
  for (const t of params) w.bytes(t);
  w.u32(results.length);
  for (const t of results) w.bytes(t);
  return Array.from(w.finish());
}
