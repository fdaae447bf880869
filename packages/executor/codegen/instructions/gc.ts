// Garbage collection (WebAssembly 3.0): the 0xfb instructions the translator cannot specialize (array
// allocations, bulk array operations, i31, abstract casts, packed or v128 array elements) are one out-of-line
// instruction, `Gc`, dispatched on the sub-opcode in interpret/gc.ts; its operands sit in consecutive slots
// from register a, d is the result (if any). br_on_cast is a ref.test into a temporary and a conditional
// branch on it (translator.ts).
//
// The hot ones get cases of their own, the translator choosing them by the immediate type (the store's
// layout of the struct type, the array's element type): field and element accesses, struct.new, array.len,
// and ref.test / ref.cast to a concrete type. A reference register holds a number of the store's LiveRefs
// (store/refs.ts); a struct or array type's register holds null (0) or the number of a GcStruct or GcArray
// (validation says which), whose object is `store.refs.values[n]`. A struct's fields are its own properties
// (`STRUCT_SLOTS`, read and written by structSlot and setStructSlot): numeric fields int32 words (one for
// 32 bits or less, a packed field zero-extended; two for i64 and f64, four for a v128), references one, in
// field order (the store's StructLayout.slotAt). Array elements of 4 bytes are words.

import { instr, type Instr } from "../dsl.js";

/** The object `o` of register a (null traps: gc.ts). */
const STRUCT = "const o = structOf(store, $a);";
/** ... and its element index i, checked. */
const ELEMENT = "const i = $i >>> 0;\nconst o = elementAt(store, $a, i);";

export const GC: Instr[] = [
  instr("Gc", "a GC instruction (0xfb sub-opcode op) on the operands from register a, immediates t, u (interpret/gc.ts)",
    "d:r a:r t:i u:i op:i", "gcOp(store, inst, i32, fp2, code, pc);"),
  instr("StructNew", "d = struct.new of type t, its fields from the consecutive registers from a (gc.ts)", "d:r a:r t:i",
    "structNew(store, i32, fp2, code, pc);"),
  instr("StructGet", "d = the 32-bit numeric field at slot w of struct a, sign-extended from bit 31 - sh (packed)",
    "d:r a:r w:i sh:i", `${STRUCT}
    $d = ((structSlot(o, $w) as number) << $sh) >> $sh;`),
  instr("StructGet64", "d = the 64-bit numeric field at slots w, w + 1 of struct a", "d:r a:r w:i", `${STRUCT}
    const k = $w;
    const d = $d.at;
    i32[d] = structSlot(o, k) as number;
    i32[d + 1] = structSlot(o, k + 1) as number;`),
  instr("StructGetRef", "d = the reference field at slot u of struct a", "d:r a:r u:i", `${STRUCT}
    $d = store.refs.number(structSlot(o, $u));`),
  instr("StructSet", "the 32-bit numeric field at slot w of struct a = v, masked (packed)", "a:r v:r w:i mask:i",
    `${STRUCT}
    setStructSlot(o, $w, $v & $mask);`),
  instr("StructSet64", "the 64-bit numeric field at slots w, w + 1 of struct a = v", "a:r v:r w:i", `${STRUCT}
    const k = $w;
    const v = $v.at;
    setStructSlot(o, k, i32[v]!);
    setStructSlot(o, k + 1, i32[v + 1]!);`),
  instr("StructSetRef", "the reference field at slot u of struct a = v", "a:r v:r u:i", `${STRUCT}
    setStructSlot(o, $u, store.refs.value($v));`),
  instr("ArrayGet", "d = element i of array a (4-byte elements)", "d:r a:r i:r", `${ELEMENT}
    $d = o.words![i]!;`),
  instr("ArrayGetRef", "d = element i of array a (references)", "d:r a:r i:r", `${ELEMENT}
    $d = store.refs.number(o.refs![i]);`),
  instr("ArraySet", "element i of array a = v (4-byte elements)", "a:r i:r v:r", `${ELEMENT}
    o.words![i] = $v;`),
  instr("ArraySetRef", "element i of array a = v (references)", "a:r i:r v:r", `${ELEMENT}
    o.refs![i] = store.refs.value($v);`),
  instr("ArrayGet8", "d = element i of array a (i8 elements), sign-extended from bit 31 - sh", "d:r a:r i:r sh:i",
    `${ELEMENT}
    $d = (o.bytes[i]! << $sh) >> $sh;`),
  instr("ArrayGet16", "d = element i of array a (i16 elements, little-endian), sign-extended from bit 31 - sh",
    "d:r a:r i:r sh:i", `${ELEMENT}
    const b = o.bytes;
    $d = ((b[2 * i]! | (b[2 * i + 1]! << 8)) << $sh) >> $sh;`),
  instr("ArraySet8", "element i of array a = v (i8 elements: its low 8 bits)", "a:r i:r v:r", `${ELEMENT}
    o.bytes[i] = $v;`),
  instr("ArraySet16", "element i of array a = v (i16 elements: its low 16 bits, little-endian)", "a:r i:r v:r", `${ELEMENT}
    const v = $v;
    o.bytes[2 * i] = v;
    o.bytes[2 * i + 1] = v >> 8;`),
  instr("ArrayLen", "d = the length of array a", "d:r a:r", "$d = arrayOf(store, $a).length;"),
  instr("RefTest", "d = whether a is of concrete type id (or null, if nullable)", "d:r a:r id:i nullable:i",
    "$d = refIs(store, $a, $id, $nullable) ? 1 : 0;"),
  instr("RefCast", "d = a, which must be of concrete type id (or null, if nullable)", "d:r a:r id:i nullable:i", `
    const n = $a;
    if (!refIs(store, n, $id, $nullable)) trap(TrapCode.CastFailure);
    $d = n;`),
];
