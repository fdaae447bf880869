// The classes of structs (gc.ts). A struct keeps its fields as properties of its own, its slots "s0", "s1",
// ... (StructLayout says which field is where), so that it is one object: allocation and the JS garbage
// collector's copying are what GC programs spend most on, and a field read touches the struct alone. Each
// layout has a class whose constructor adds the slots in order, so that V8 gives the layout's structs one
// shape with every slot in the object; it fills them from the value stack (struct.new) or with defaults.

import type { GcStruct, StructLayout } from "./gc.js";
import { newFunctionAllowed } from "./new-function.js";
import { NumberedRef, type LiveRefs } from "./refs.js";

/** The name of a struct's slot. */
export type StructSlot = `s${number}`;

/** Slot names by index: slot j of struct s is `s[STRUCT_SLOTS[j]]` (StructLayout makes the names it needs). */
export const STRUCT_SLOTS: StructSlot[] = [];

/** Slot names up to `n` (exclusive). Taken from an object's keys: property names V8 has internalized, which
 * keyed accesses look up without converting them. */
export function ensureSlots(n: number): void {
  for (let j = STRUCT_SLOTS.length; j < n; j++) STRUCT_SLOTS.push(Object.keys({ [`s${j}`]: 0 })[0] as StructSlot);
}

/**
 * Slot `k` of struct `s` (`s[STRUCT_SLOTS[k]]`), by name for the first eight: an access by a computed name
 * is one of V8's keyed loads, which a site that sees several names makes a lookup in its megamorphic
 * cache; a load of a fixed name is one of the struct's shape (gc-tree's count phase: 10% faster).
 */
export function structSlot(s: GcStruct, k: number): unknown {
  switch (k) {
    case 0: return s.s0;
    case 1: return s.s1;
    case 2: return s.s2;
    case 3: return s.s3;
    case 4: return s.s4;
    case 5: return s.s5;
    case 6: return s.s6;
    case 7: return s.s7;
    default: return s[STRUCT_SLOTS[k]!];
  }
}

/** Sets slot `k` of struct `s` to `v` (see structSlot). */
export function setStructSlot(s: GcStruct, k: number, v: unknown): void {
  switch (k) {
    case 0: s.s0 = v; return;
    case 1: s.s1 = v; return;
    case 2: s.s2 = v; return;
    case 3: s.s3 = v; return;
    case 4: s.s4 = v; return;
    case 5: s.s5 = v; return;
    case 6: s.s6 = v; return;
    case 7: s.s7 = v; return;
    default: s[STRUCT_SLOTS[k]!] = v;
  }
}

/** Where a new struct's slot gets its value from the stack words of struct.new's operands: a reference, an
 * int32 word, a packed field's word. */
export const SlotFrom = { Ref: 0, Word: 1, I8: 2, I16: 3 } as const;

/** A slot's source: `from` (SlotFrom), at operand word `word` (relative to the first operand's). */
export interface SlotSource {
  readonly from: number;
  readonly word: number;
}

/** A struct class's constructor: slots from the operands at stack word `a` (numbers of `refs` for the
 * references), or defaults (zero and null) when `i32` is null. */
export type StructClass = new (i32: Int32Array | null, a: number, refs: LiveRefs | null) => GcStruct;

/** A new struct's slot by default: null for references, else zero. */
export function defaultSlot(src: SlotSource): null | 0 {
  return src.from === SlotFrom.Ref ? null : 0;
}

/** A new struct's slot from the operands at stack word `a`. */
function operandSlot(src: SlotSource, i32: Int32Array, a: number, refs: LiveRefs): unknown {
  const w = i32[a + src.word]!;
  switch (src.from) {
    case SlotFrom.Ref: return refs.value(w);
    case SlotFrom.I8: return w & 0xff;
    case SlotFrom.I16: return w & 0xffff;
    default: return w;
  }
}

/** `operandSlot` as an expression of the constructor's parameters. */
function operandSlotSource(src: SlotSource): string {
  const w = `i32[a + ${src.word}]`;
  switch (src.from) {
    case SlotFrom.Ref: return `refs.value(${w})`;
    case SlotFrom.I8: return `${w} & 0xff`;
    case SlotFrom.I16: return `${w} & 0xffff`;
    default: return w;
  }
}

/**
 * The class of the structs of canonical type `typeId` and `layout`, of base class `Base`, whose slots come
 * from `sources`; its prototype has the type id and the layout. Compiled where code may be made from strings
 * (stores to named properties, which V8 makes stores into the object), else a loop of keyed stores (a
 * lookup each).
 */
export function structClass(Base: typeof GcStruct, sources: readonly SlotSource[], typeId: number, layout: StructLayout): StructClass {
  ensureSlots(sources.length);
  let Struct: StructClass;
  if (newFunctionAllowed()) {
    const init = (value: (src: SlotSource) => string) => sources.map((src, j) => `this.${STRUCT_SLOTS[j]!} = ${value(src)};`).join(" ");
    const body = `if (i32 === null) { ${init((src) => String(defaultSlot(src)))} } else { ${init(operandSlotSource)} }`;
    // A constructor function, not a class: V8 constructs a base function's objects at once, where a derived
    // class's constructor calls its bases' (gc-tree's building of trees: 15% faster). Its prototype is the
    // class's, so the structs are instances of Base and NumberedRef, with NumberedRef's fields first.
    const own = Object.entries(new NumberedRef()).map(([k, v]) => `this.${k} = ${Number(v)};`).join(" ");
    const make = new Function("Base", `function Struct(i32, a, refs) { ${own} ${body} }
      Struct.prototype = Object.create(Base.prototype, { constructor: { value: Struct, writable: true, configurable: true } });
      return Struct;`);
    Struct = (make as (base: typeof GcStruct) => StructClass)(Base);
  } else {
    Struct = class extends Base {
      constructor(i32: Int32Array | null, a: number, refs: LiveRefs | null) {
        super();
        for (let j = 0; j < sources.length; j++) {
          this[STRUCT_SLOTS[j]!] = i32 === null ? defaultSlot(sources[j]!) : operandSlot(sources[j]!, i32, a, refs!);
        }
      }
    };
  }
  Object.defineProperties(Struct.prototype, { typeId: { value: typeId }, layout: { value: layout } });
  return Struct;
}
