// The GC heap of WebAssembly 3.0: structs and arrays are JavaScript objects, collected by JavaScript's
// garbage collector like every other reference (refs.ts). Each knows its canonical type id (the engine's
// TypeRegistry), which casts compare. Numeric fields and elements are kept as their raw bits, as int32
// words (struct fields, in a JavaScript array) or little-endian bytes (array elements, in a typed array),
// so a get or set copies words between the value stack (slots.ts) and the object: no float conversion,
// no BigInt, an i64 is two words. Reference fields and elements are kept as references (null, objects,
// i31 numbers), in a JavaScript array.

import { Trap, TrapCode } from "./trap.js";
import { FuncEntity } from "./func.js";
import { newFunctionAllowed } from "./new-function.js";
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

/** A struct's slot names, "s0", "s1", ...: a struct keeps its fields as properties of its own (see
 * StructLayout), read and written by name (`struct[STRUCT_SLOTS[j]]`); `StructLayout` makes them. */
export const STRUCT_SLOTS: StructSlot[] = [];

/** The name of a struct's slot (a property of its own). */
export type StructSlot = `s${number}`;

/** Slot names up to `n` (exclusive). Taken from an object's keys: property names V8 has internalized, which
 * keyed accesses look up without converting them. */
function ensureSlots(n: number): void {
  for (let j = STRUCT_SLOTS.length; j < n; j++) STRUCT_SLOTS.push(Object.keys({ [`s${j}`]: 0 })[0] as StructSlot);
}

/** Where each field of a struct type lives: numeric ones at a slot of int32 words (2 each, 4 for a v128;
 * packed fields are kept zero-extended in one word), references at the slot of their field index (the
 * numeric words after them). The slots are the struct's own properties, so a struct is one object (not an
 * object and an array of its fields): allocation and the JS garbage collector's copying are what GC programs
 * spend most on, and a field read touches the struct alone. Each layout has a class of its own, so that
 * V8 gives its structs one shape with every slot in the object (structClass). (Words outside the
 * small-integer range take a heap number.) */
export class StructLayout {
  /** Per field: its first slot, or -1 for a reference field (at the slot of its index). */
  readonly wordAt: Int32Array;
  readonly words: number;
  /** A new struct's slot values (its fields zero and null). */
  readonly template: readonly unknown[];
  /** The class of this layout's structs. */
  private readonly Struct: new (typeId: number, layout: StructLayout) => GcStruct;

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
    const template: unknown[] = new Array<unknown>(w).fill(0);
    if (refs) template.fill(null, 0, n);
    this.template = template;
    ensureSlots(w);
    this.Struct = structClass(template);
  }

  /** A new struct of this layout, its fields zero and null. */
  allocate(typeId: number): GcStruct {
    return new this.Struct(typeId, this);
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
 * `this[STRUCT_SLOTS[j]]`, a reference or an int32 word. Made by `StructLayout.allocate`. */
export class GcStruct extends NumberedRef {
  [slot: StructSlot]: unknown;

  constructor(readonly typeId: number, readonly layout: StructLayout) {
    super();
  }

  static allocate(typeId: number, layout: StructLayout): GcStruct {
    return layout.allocate(typeId);
  }
}

type StructClass = new (typeId: number, layout: StructLayout) => GcStruct;

/**
 * The class of the structs of a layout whose new slots are `template`: its constructor adds the slots in
 * order. Compiled for the layout where code may be made from strings (a store of a constant to a named
 * property, which V8 makes one store into the object), else a loop of keyed stores (each a lookup).
 */
function structClass(template: readonly unknown[]): StructClass {
  if (newFunctionAllowed()) {
    const init = template.map((v, j) => `this.${STRUCT_SLOTS[j]!} = ${v === null ? "null" : "0"};`).join(" ");
    const make = new Function("GcStruct", `return class extends GcStruct { constructor(t, l) { super(t, l); ${init} } };`);
    return (make as (base: typeof GcStruct) => StructClass)(GcStruct);
  }
  return class extends GcStruct {
    constructor(typeId: number, layout: StructLayout) {
      super(typeId, layout);
      for (let j = 0; j < template.length; j++) this[STRUCT_SLOTS[j]!] = template[j];
    }
  };
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
