// The GC heap of WebAssembly 3.0: structs and arrays are JavaScript objects, collected by JavaScript's
// garbage collector like every other reference (refs.ts). Each knows its canonical type id (the engine's
// TypeRegistry), which casts compare. Numeric fields and elements are kept as their raw bits, as int32
// words (struct fields, in a JavaScript array) or little-endian bytes (array elements, in a typed array),
// so a get or set copies words between the value stack (slots.ts) and the object: no float conversion,
// no BigInt, an i64 is two words. Reference fields and elements are kept as references (null, objects,
// i31 numbers), in a JavaScript array.

import { Trap, TrapCode } from "./trap.js";
import { FuncEntity } from "./func.js";
import { NumberedRef, isI31 } from "./refs.js";
import type { TypeRegistry } from "./type-registry.js";
import { CONCRETE_BASE, HeapType, PackedType, ValType, isRefType, type ArrayType, type StructType } from "./types.js";

/** The most elements an array may have: lengths are the guest's to choose, so a huge `array.new` traps
 * (`TrapCode.ArrayTooLarge`) rather than allocate gigabytes. 2^25 elements: at most 512 MiB of v128. */
export const MAX_ARRAY_LENGTH = 1 << 25;

/** Bytes a numeric field or element takes in its typed array (refs: 0, they live in `refs`). */
export function storageBytes(storage: number): number {
  switch (storage) {
    case PackedType.I8: return 1;
    case PackedType.I16: return 2;
    case ValType.I32:
    case ValType.F32: return 4;
    case ValType.I64:
    case ValType.F64: return 8;
    case ValType.V128: return 16;
  }
  return 0;
}

/** Where each field of a struct type lives: numeric ones at a word offset in `words` (int32 words, 2 each,
 * 4 for a v128; packed fields are kept zero-extended in one word), references at their field index in `refs`.
 * A struct with references has one array for both (`words` is `refs`, its numeric words after the
 * references): a struct is three objects (the struct, the array and its store) instead of five, and
 * allocation is what GC programs do most. (Words outside the small-integer range then take a heap number.) */
export class StructLayout {
  /** Per field: its first word in `words`, or -1 for a reference field (at its index in `refs`). */
  readonly wordAt: Int32Array;
  readonly words: number;
  readonly hasRefs: boolean;
  /** A new struct's `words` (and `refs`): a copy of this (one allocation, of the right elements kind). */
  private readonly template: unknown[];

  constructor(readonly type: StructType) {
    const n = type.fields.length;
    this.wordAt = new Int32Array(n);
    const refs = type.fields.some((f) => isRefType(f.storage));
    let w = refs ? n : 0;
    for (let i = 0; i < n; i++) {
      const s = type.fields[i]!.storage;
      if (isRefType(s)) {
        this.wordAt[i] = -1;
      } else {
        this.wordAt[i] = w;
        w += s === ValType.V128 ? 4 : 2;
      }
    }
    this.words = w;
    this.hasRefs = refs;
    const template: unknown[] = new Array<unknown>(w).fill(0);
    if (refs) template.fill(null, 0, n);
    this.template = template;
  }

  /** A new struct of this layout, its fields zero and null. */
  allocate(typeId: number): GcStruct {
    const fields = this.template.slice();
    return new GcStruct(typeId, this, fields as number[], this.hasRefs ? fields : null);
  }
}

const layouts = new WeakMap<StructType, StructLayout>();

/** The layout of the struct type of canonical id `id` (cached by id: struct.new asks for it each time). */
export function structLayoutOf(types: TypeRegistry, id: number): StructLayout {
  const cached = types.structLayouts[id];
  if (cached !== undefined) return cached;
  const layout = structLayout(types.def(id).composite as StructType);
  types.structLayouts[id] = layout;
  return layout;
}

/** The (cached) layout of a struct type. */
export function structLayout(type: StructType): StructLayout {
  let l = layouts.get(type);
  if (l === undefined) {
    l = new StructLayout(type);
    layouts.set(type, l);
  }
  return l;
}

/** A struct: its canonical type id, numeric fields' bits and reference fields (see StructLayout). */
export class GcStruct extends NumberedRef {
  constructor(
    readonly typeId: number,
    readonly layout: StructLayout,
    /** The numeric fields' words, int32 each (a JavaScript array: cheaper to allocate than a typed one);
     * the same array as `refs` when there are references (StructLayout). */
    readonly words: number[],
    readonly refs: unknown[] | null,
  ) {
    super();
  }

  static allocate(typeId: number, layout: StructLayout): GcStruct {
    return layout.allocate(typeId);
  }
}

/** An array: its canonical type id and length; numeric elements' bits in `bytes` (a view of one buffer,
 * with `words` over it when elements are 4 bytes or more), reference elements in `refs`. */
export class GcArray extends NumberedRef {
  readonly bytes: Uint8Array;
  readonly words: Int32Array | null;
  readonly refs: unknown[] | null;
  /** Bytes per element (0: references). */
  readonly elemBytes: number;

  constructor(readonly typeId: number, readonly type: ArrayType, readonly length: number) {
    super();
    if (length > MAX_ARRAY_LENGTH) throw new Trap(TrapCode.ArrayTooLarge, `array too large: ${length} elements (at most ${MAX_ARRAY_LENGTH})`);
    const es = storageBytes(type.element.storage);
    this.elemBytes = es;
    if (es === 0) {
      this.refs = new Array<unknown>(length).fill(null);
      this.bytes = new Uint8Array(0);
      this.words = null;
    } else {
      this.refs = null;
      this.bytes = new Uint8Array(length * es);
      this.words = es >= 4 ? new Int32Array(this.bytes.buffer) : null;
    }
  }
}

/**
 * ref.test / ref.cast / br_on_cast: whether reference `value` (as it persists: null, an object, an i31
 * number, a host value) is of heap type `heap` (an abstract code or CONCRETE_BASE + canonical id), nulls
 * aside (the caller decides those). Validation put `value` in `heap`'s hierarchy already.
 */
export function refIsOfHeapType(types: TypeRegistry, value: unknown, heap: number): boolean {
  if (heap >= CONCRETE_BASE) {
    const id = heap - CONCRETE_BASE;
    if (value instanceof GcStruct || value instanceof GcArray) return types.isSubtype(value.typeId, id);
    if (value instanceof FuncEntity) return value.type.id >= 0 && types.isSubtype(value.type.id, id);
    return false;
  }
  switch (heap) {
    case HeapType.Any:
    case HeapType.Func:
    case HeapType.Extern:
    case HeapType.Exn:
      return value !== null;
    case HeapType.Eq:
      return value instanceof GcStruct || value instanceof GcArray || isI31(value);
    case HeapType.I31:
      return isI31(value);
    case HeapType.Struct:
      return value instanceof GcStruct;
    case HeapType.Array:
      return value instanceof GcArray;
    default: // the bottom types: only null
      return false;
  }
}
