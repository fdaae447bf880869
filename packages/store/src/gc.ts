// The GC heap of WebAssembly 3.0: structs and arrays are JavaScript objects, collected by JavaScript's
// garbage collector like every other reference (refs.ts). Each knows its canonical type id (the engine's
// TypeRegistry), which casts compare. Numeric fields and elements are kept as their raw bits, as int32
// words (struct fields, properties of the struct: struct-class.ts) or little-endian bytes (array elements,
// in a typed array), so a get or set copies words between the value stack (slots.ts) and the object: no
// float conversion, no BigInt, an i64 is two words. Reference fields and elements are kept as references
// (null, objects, i31 numbers): a struct's in its properties, an array's in a JavaScript array.

import { Trap, TrapCode } from "./trap.js";
import { FuncEntity } from "./func.js";
import { NumberedRef, isI31, type LiveRefs } from "./refs.js";
import { SlotFrom, structClass, type SlotSource, type StructClass, type StructSlot } from "./struct-class.js";
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

/** Slots of int32 words a numeric struct field takes: 1 (32 bits or less; packed fields are kept
 * zero-extended), 2 (i64, f64) or 4 (v128). */
export function fieldSlots(storage: number): number {
  return storage === ValType.V128 ? 4 : storage === ValType.I64 || storage === ValType.F64 ? 2 : 1;
}

/** Where each field of a struct type lives: its slots, in field order, a reference's one, a numeric field's
 * int32 words (fieldSlots). The slots are the struct's own properties (struct-class.ts). (Words outside the
 * small-integer range take a heap number.) */
export class StructLayout {
  /** Per field: its (first) slot. */
  readonly slotAt: Int32Array;
  /** How many slots a struct has. */
  readonly slots: number;
  /** Where a new struct's slots come from (struct-class.ts). */
  private readonly sources: readonly SlotSource[];
  /** The classes of this layout's structs, by canonical type id (one, but for types of equal fields in
   * different modules' views: the translator's layouts allocate nothing), the last one used first. */
  private readonly classes = new Map<number, StructClass>();
  private lastId = -1;
  private last: StructClass | null = null;

  constructor(readonly type: StructType) {
    const n = type.fields.length;
    this.slotAt = new Int32Array(n);
    const sources: SlotSource[] = [];
    for (let i = 0, at = 0; i < n; i++, at += 2) { // at: the field's first operand word in struct.new
      const s = type.fields[i]!.storage;
      this.slotAt[i] = sources.length;
      if (isRefType(s)) sources.push({ from: SlotFrom.Ref, word: at });
      else if (s === PackedType.I8 || s === PackedType.I16) sources.push({ from: s === PackedType.I8 ? SlotFrom.I8 : SlotFrom.I16, word: at });
      else for (let k = 0; k < fieldSlots(s); k++) sources.push({ from: SlotFrom.Word, word: at + k });
      if (s === ValType.V128) at += 2;
    }
    this.slots = sources.length;
    this.sources = sources;
  }

  /** A new struct of this layout and canonical type id, its fields zero and null. */
  allocate(typeId: number): GcStruct {
    return new (this.classOf(typeId))(null, 0, null);
  }

  /** A new struct of this layout and canonical type id, its fields from struct.new's operands at stack word
   * `a` (2 words each, 4 for a v128; references as numbers of `refs`). */
  allocateFrom(typeId: number, i32: Int32Array, a: number, refs: LiveRefs): GcStruct {
    return new (this.classOf(typeId))(i32, a, refs);
  }

  private classOf(typeId: number): StructClass {
    if (typeId === this.lastId) return this.last!;
    let c = this.classes.get(typeId);
    if (c === undefined) {
      c = structClass(GcStruct, this.sources, typeId, this);
      this.classes.set(typeId, c);
    }
    this.lastId = typeId;
    this.last = c;
    return c;
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

/** A struct: its canonical type id, and its fields in slots of its own (see StructLayout): slot j is
 * `this[STRUCT_SLOTS[j]]`, a reference or an int32 word. Made by `StructLayout.allocate`, by the class of
 * its type (struct-class.ts), whose prototype has the type id and the layout: a struct is its slots. */
export class GcStruct extends NumberedRef {
  [slot: StructSlot]: unknown;
  declare readonly typeId: number;
  declare readonly layout: StructLayout;

  static allocate(typeId: number, layout: StructLayout): GcStruct {
    return layout.allocate(typeId);
  }
}

/** The `bytes` of every array of references (they have none; one empty view for all, not one each). */
const NO_BYTES = new Uint8Array(0);

/**
 * An array: its canonical type id and length; reference elements in `refs`, numeric ones' bits in `bytes`
 * (i8, i16) or `words` (elements of 4 bytes or more). One typed array each, never two views of a buffer:
 * V8 keeps a small typed array in its heap until its buffer is asked for, which moves the elements out (a
 * malloc, and a sweep of it after the array dies: an array of eight i32s took 850 ns to make, against
 * 400 ns for eight i8s). Bulk operations get the bytes of `words` through `elementBytes`.
 */
export class GcArray extends NumberedRef {
  /** The elements of an i8 or i16 array (else empty, until `elementBytes` makes them a view of `words`). */
  bytes: Uint8Array;
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
      this.bytes = NO_BYTES;
      this.words = null;
    } else if (es < 4) {
      this.refs = null;
      this.bytes = new Uint8Array(length * es);
      this.words = null;
    } else {
      this.refs = null;
      this.bytes = NO_BYTES;
      this.words = new Int32Array((length * es) >> 2);
    }
  }

  /** The numeric elements' bytes, little-endian (of `words`: a view made at the first call). */
  elementBytes(): Uint8Array {
    const words = this.words;
    if (words !== null && this.bytes === NO_BYTES) this.bytes = new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
    return this.bytes;
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
