// The GC instructions of WebAssembly 3.0 (the `Gc` op, out of the interpreter loop, whose size is limited;
// see bulk.ts): structs, arrays, i31 and casts, dispatched on the 0xfb sub-opcode. The heap is store/gc.ts.
// Operand layout (codegen/instructions/gc.ts): d (result), a (the first operand: the translator puts the
// operands in consecutive slots from a, 2 words each, 4 for a v128), t and u (immediates: canonical type
// ids, a field index, a segment index, a length, or a heap type and nullability), the sub-opcode.
// Instructions on n array elements pay fuel for them, as the bulk memory and table ones do (bulk.ts).

import {
  GcArray, GcStruct, PackedType, fieldSlots, isRefType, storageBytes, Trap, TrapCode, ValType, i31Number, refIsOfHeapType, structLayoutOf, setStructSlot, structSlot,
  CONCRETE_BASE, HeapType,
  type ArrayType, type InstanceEntity, type PrunedStore,
} from "@wasmi-ts/store";
import { consumeFuel, fuelForElements } from "./fuel.js";
import type { ExecState } from "./state.js";

/** 0xfb sub-opcodes. */
export const GcOp = {
  StructNew: 0, StructNewDefault: 1, StructGet: 2, StructGetS: 3, StructGetU: 4, StructSet: 5,
  ArrayNew: 6, ArrayNewDefault: 7, ArrayNewFixed: 8, ArrayNewData: 9, ArrayNewElem: 10,
  ArrayGet: 11, ArrayGetS: 12, ArrayGetU: 13, ArraySet: 14, ArrayLen: 15, ArrayFill: 16, ArrayCopy: 17,
  ArrayInitData: 18, ArrayInitElem: 19, RefTest: 20, RefTestNull: 21, RefCast: 22, RefCastNull: 23,
  BrOnCast: 24, BrOnCastFail: 25, AnyConvertExtern: 26, ExternConvertAny: 27, RefI31: 28, I31GetS: 29, I31GetU: 30,
} as const;

/** Words a value of this storage type takes on the value stack. */
function stackWords(storage: number): number {
  return storage === ValType.V128 ? 4 : 2;
}

/** `Gc`: one 0xfb instruction. */
export function gcOp(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const d = (fp2 + code[(pc + 1) | 0]!) | 0;
  const a = (fp2 + code[(pc + 2) | 0]!) | 0;
  const t = code[(pc + 3) | 0]!;
  const u = code[(pc + 4) | 0]!;
  if (store.refs.size >= store.refs.sweepAt) sweepRefs(store);
  switch (code[(pc + 5) | 0]!) {
    case GcOp.StructNew:
    case GcOp.StructNewDefault:
      newStruct(store, t, code[(pc + 5) | 0] === GcOp.StructNew, i32, d, a);
      return;
    case GcOp.StructGet:
    case GcOp.StructGetS:
    case GcOp.StructGetU: {
      const s = structOf(store, i32[a]!);
      const w = s.layout.slotAt[u]!;
      const storage = s.layout.type.fields[u]!.storage;
      if (isRefType(storage)) {
        setRef(store, i32, d, structSlot(s, w));
        return;
      }
      readNumeric(s, w, storage, code[(pc + 5) | 0] === GcOp.StructGetS, i32, d);
      return;
    }
    case GcOp.StructSet:
      writeField(store, structOf(store, i32[a]!), u, i32, a + 2);
      return;
    case GcOp.ArrayNew:
    case GcOp.ArrayNewDefault: {
      const type = store.types.def(t).composite as ArrayType;
      const fill = code[(pc + 5) | 0] === GcOp.ArrayNew;
      const len = i32[fill ? a + stackWords(type.element.storage) : a]! >>> 0;
      if (store.fuelEnabled) consumeFuel(store, fuelForElements(len));
      const arr = new GcArray(t, type, len);
      if (fill) fillArray(store, arr, 0, len, i32, a);
      setRef(store, i32, d, arr);
      return;
    }
    case GcOp.ArrayNewFixed: {
      const type = store.types.def(t).composite as ArrayType;
      const arr = new GcArray(t, type, u);
      const w = stackWords(type.element.storage);
      for (let i = 0; i < u; i++) writeElem(store, arr, i, i32, a + i * w);
      setRef(store, i32, d, arr);
      return;
    }
    case GcOp.ArrayNewData: {
      const type = store.types.def(t).composite as ArrayType;
      const s = i32[a]! >>> 0;
      const n = i32[a + 2]! >>> 0;
      if (store.fuelEnabled) consumeFuel(store, fuelForElements(n));
      const data = inst.datas[u]!.bytes;
      const bytes = n * storageBytes(type.element.storage);
      if (s + bytes > data.length) throw new Trap(TrapCode.MemoryOutOfBounds);
      const arr = new GcArray(t, type, n);
      arr.elementBytes().set(data.subarray(s, s + bytes));
      setRef(store, i32, d, arr);
      return;
    }
    case GcOp.ArrayNewElem: {
      const type = store.types.def(t).composite as ArrayType;
      const s = i32[a]! >>> 0;
      const n = i32[a + 2]! >>> 0;
      if (store.fuelEnabled) consumeFuel(store, fuelForElements(n));
      const elems = inst.elems[u]!.elements;
      if (s + n > elems.length) throw new Trap(TrapCode.TableOutOfBounds);
      const arr = new GcArray(t, type, n);
      for (let i = 0; i < n; i++) arr.refs![i] = elems[s + i];
      setRef(store, i32, d, arr);
      return;
    }
    case GcOp.ArrayGet:
    case GcOp.ArrayGetS:
    case GcOp.ArrayGetU: {
      const arr = arrayOf(store, i32[a]!);
      const i = i32[a + 2]! >>> 0;
      if (i >= arr.length) throw new Trap(TrapCode.ArrayOutOfBounds);
      readElem(store, arr, i, code[(pc + 5) | 0] === GcOp.ArrayGetS, i32, d);
      return;
    }
    case GcOp.ArraySet: {
      const arr = arrayOf(store, i32[a]!);
      const i = i32[a + 2]! >>> 0;
      if (i >= arr.length) throw new Trap(TrapCode.ArrayOutOfBounds);
      writeElem(store, arr, i, i32, a + 4);
      return;
    }
    case GcOp.ArrayLen:
      i32[d] = arrayOf(store, i32[a]!).length;
      i32[d + 1] = 0;
      return;
    case GcOp.ArrayFill: {
      const arr = arrayOf(store, i32[a]!);
      const at = i32[a + 2]! >>> 0;
      const n = i32[a + 4 + stackWords(arr.type.element.storage)]! >>> 0;
      if (store.fuelEnabled) consumeFuel(store, fuelForElements(n));
      if (at + n > arr.length) throw new Trap(TrapCode.ArrayOutOfBounds);
      fillArray(store, arr, at, n, i32, a + 4);
      return;
    }
    case GcOp.ArrayCopy: {
      const dst = arrayOf(store, i32[a]!);
      const di = i32[a + 2]! >>> 0;
      const src = arrayOf(store, i32[a + 4]!);
      const si = i32[a + 6]! >>> 0;
      const n = i32[a + 8]! >>> 0;
      if (store.fuelEnabled) consumeFuel(store, fuelForElements(n));
      if (di + n > dst.length || si + n > src.length) throw new Trap(TrapCode.ArrayOutOfBounds);
      if (dst.refs !== null) {
        const from = src.refs!;
        const to = dst.refs;
        if (di <= si) for (let i = 0; i < n; i++) to[di + i] = from[si + i];
        else for (let i = n - 1; i >= 0; i--) to[di + i] = from[si + i];
      } else {
        const es = dst.elemBytes;
        dst.elementBytes().set(src.elementBytes().subarray(si * es, (si + n) * es), di * es); // set copies overlapping views right
      }
      return;
    }
    case GcOp.ArrayInitData: {
      const arr = arrayOf(store, i32[a]!);
      const at = i32[a + 2]! >>> 0;
      const s = i32[a + 4]! >>> 0;
      const n = i32[a + 6]! >>> 0;
      if (store.fuelEnabled) consumeFuel(store, fuelForElements(n));
      const data = inst.datas[u]!.bytes;
      if (at + n > arr.length) throw new Trap(TrapCode.ArrayOutOfBounds);
      const es = arr.elemBytes;
      if (s + n * es > data.length) throw new Trap(TrapCode.MemoryOutOfBounds);
      arr.elementBytes().set(data.subarray(s, s + n * es), at * es);
      return;
    }
    case GcOp.ArrayInitElem: {
      const arr = arrayOf(store, i32[a]!);
      const at = i32[a + 2]! >>> 0;
      const s = i32[a + 4]! >>> 0;
      const n = i32[a + 6]! >>> 0;
      if (store.fuelEnabled) consumeFuel(store, fuelForElements(n));
      const elems = inst.elems[u]!.elements;
      if (at + n > arr.length) throw new Trap(TrapCode.ArrayOutOfBounds);
      if (s + n > elems.length) throw new Trap(TrapCode.TableOutOfBounds);
      for (let i = 0; i < n; i++) arr.refs![at + i] = elems[s + i];
      return;
    }
    case GcOp.RefTest:
    case GcOp.RefTestNull:
      i32[d] = refTest(store, i32[a]!, t, u !== 0) ? 1 : 0;
      i32[d + 1] = 0;
      return;
    case GcOp.RefCast:
    case GcOp.RefCastNull: {
      const n = i32[a]!;
      if (!refTest(store, n, t, u !== 0)) throw new Trap(TrapCode.CastFailure);
      i32[d] = n;
      i32[d + 1] = 0;
      return;
    }
    case GcOp.RefI31:
      i32[d] = i31Number(i32[a]!);
      i32[d + 1] = 0;
      return;
    case GcOp.I31GetS:
    case GcOp.I31GetU: {
      const n = i32[a]!;
      if (n === 0) throw new Trap(TrapCode.NullI31Ref);
      i32[d] = code[(pc + 5) | 0] === GcOp.I31GetS ? (n << 1) >> 1 : n & 0x7fffffff;
      i32[d + 1] = 0;
      return;
    }
    default:
      throw new Error(`bad GC sub-opcode ${code[(pc + 5) | 0]}`);
  }
}

/** `StructNew` (a loop case): struct.new of type t, its fields from the consecutive slots from a. */
export function structNew(store: PrunedStore, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  if (store.refs.size >= store.refs.sweepAt) sweepRefs(store);
  newStruct(store, code[(pc + 3) | 0]!, true, i32, (fp2 + code[(pc + 1) | 0]!) | 0, (fp2 + code[(pc + 2) | 0]!) | 0);
}

/** A struct of type t to the stack at d, its fields from the stack words at `a` (`init`) or default. */
function newStruct(store: PrunedStore, t: number, init: boolean, i32: Int32Array, d: number, a: number): void {
  const layout = structLayoutOf(store.types, t);
  const s = init ? layout.allocateFrom(t, i32, a, store.refs) : layout.allocate(t);
  i32[d] = store.refs.numberNew(s);
  i32[d + 1] = 0;
}

/** `RefTest` and `RefCast` (loop cases): whether the reference of number `n` is of concrete type `id`
 * (null: when `nullable`); a GC object of that very type is the fast case (a GC object: a host value, as
 * an anyref, may have a property `typeId` too). */
export function refIs(store: PrunedStore, n: number, id: number, nullable: number): boolean {
  if (n > 0) {
    const o = store.refs.values[n];
    if ((o instanceof GcStruct || o instanceof GcArray) && o.typeId === id) return true;
  }
  return refTest(store, n, CONCRETE_BASE + id, nullable !== 0);
}

/**
 * Forgets the reference numbers no value stack holds any more (`LiveRefs.sweep`), so that a long call
 * allocating GC objects does not keep every one alive until it returns. Run at the start of a GC
 * instruction, when every number in use is in a slot.
 */
function sweepRefs(store: PrunedStore): void {
  const stacks: Int32Array[] = [];
  const exec = store.exec as ExecState | null;
  if (exec !== null) stacks.push(exec.stack.i32);
  for (const s of store.resumableStacks) stacks.push(s.i32);
  store.refs.sweep(stacks);
}

/** Whether the reference of stack number `n` is of heap type `heap` (null: when `nullable`). */
export function refTest(store: PrunedStore, n: number, heap: number, nullable: boolean): boolean {
  if (n === 0) return nullable;
  // an i31 (refs.ts of the store), also as an externref (extern.convert_any)
  if (n < 0) return heap === HeapType.I31 || heap === HeapType.Eq || heap === HeapType.Any || heap === HeapType.Extern;
  if (heap === HeapType.I31) return false;
  return refIsOfHeapType(store.types, store.refs.value(n), heap);
}


function setRef(store: PrunedStore, i32: Int32Array, d: number, value: unknown): void {
  i32[d] = store.refs.number(value);
  i32[d + 1] = 0;
}

/** The struct of number n (of a struct type: never an i31); null traps. */
export function structOf(store: PrunedStore, n: number): GcStruct {
  if (n === 0) throw new Trap(TrapCode.NullStructReference);
  return store.refs.values[n] as GcStruct;
}

/** The array of number n (of an array type: never an i31); null traps. */
export function arrayOf(store: PrunedStore, n: number): GcArray {
  if (n === 0) throw new Trap(TrapCode.NullArrayReference);
  return store.refs.values[n] as GcArray;
}

/** The array of number n, whose element i must exist; null traps. */
export function elementAt(store: PrunedStore, n: number, i: number): GcArray {
  const arr = arrayOf(store, n);
  if (i >= arr.length) throw new Trap(TrapCode.ArrayOutOfBounds);
  return arr;
}

/** Field `i` of `s` from the stack words at `at`. */
function writeField(store: PrunedStore, s: GcStruct, i: number, i32: Int32Array, at: number): void {
  const w = s.layout.slotAt[i]!;
  const storage = s.layout.type.fields[i]!.storage;
  switch (storage) {
    case PackedType.I8: setStructSlot(s, w, i32[at]! & 0xff); return;
    case PackedType.I16: setStructSlot(s, w, i32[at]! & 0xffff); return;
    default:
      if (isRefType(storage)) setStructSlot(s, w, store.refs.value(i32[at]!));
      else for (let k = 0; k < fieldSlots(storage); k++) setStructSlot(s, w + k, i32[at + k]!);
  }
}

/** A numeric field of `storage` at slot w of `s` to the stack at `d`; packed ones extended (signed or not). */
function readNumeric(s: GcStruct, w: number, storage: number, signed: boolean, i32: Int32Array, d: number): void {
  const low = structSlot(s, w) as number;
  i32[d + 1] = 0;
  switch (storage) {
    case PackedType.I8: i32[d] = signed ? (low << 24) >> 24 : low & 0xff; return;
    case PackedType.I16: i32[d] = signed ? (low << 16) >> 16 : low & 0xffff; return;
    default:
      for (let k = 0; k < fieldSlots(storage); k++) i32[d + k] = structSlot(s, w + k) as number;
  }
}

/** Element `i` of `arr` to the stack at `d`. */
function readElem(store: PrunedStore, arr: GcArray, i: number, signed: boolean, i32: Int32Array, d: number): void {
  switch (arr.elemBytes) {
    case 0: setRef(store, i32, d, arr.refs![i]); return;
    case 1: { const b = arr.bytes[i]!; i32[d] = signed ? (b << 24) >> 24 : b; i32[d + 1] = 0; return; }
    case 2: {
      const h = arr.bytes[2 * i]! | (arr.bytes[2 * i + 1]! << 8);
      i32[d] = signed ? (h << 16) >> 16 : h;
      i32[d + 1] = 0;
      return;
    }
    case 4: i32[d] = arr.words![i]!; i32[d + 1] = 0; return;
    case 8: i32[d] = arr.words![2 * i]!; i32[d + 1] = arr.words![2 * i + 1]!; return;
    default: {
      const w = arr.words!;
      for (let k = 0; k < 4; k++) i32[d + k] = w[4 * i + k]!;
    }
  }
}

/** Element `i` of `arr` from the stack words at `at`. */
function writeElem(store: PrunedStore, arr: GcArray, i: number, i32: Int32Array, at: number): void {
  switch (arr.elemBytes) {
    case 0: arr.refs![i] = store.refs.value(i32[at]!); return;
    case 1: arr.bytes[i] = i32[at]!; return;
    case 2: arr.bytes[2 * i] = i32[at]!; arr.bytes[2 * i + 1] = i32[at]! >> 8; return;
    case 4: arr.words![i] = i32[at]!; return;
    case 8: arr.words![2 * i] = i32[at]!; arr.words![2 * i + 1] = i32[at + 1]!; return;
    default: for (let k = 0; k < 4; k++) arr.words![4 * i + k] = i32[at + k]!;
  }
}

/** Elements at .. at + n - 1 of `arr` set to the value at stack words `v`. */
function fillArray(store: PrunedStore, arr: GcArray, at: number, n: number, i32: Int32Array, v: number): void {
  if (arr.refs !== null) {
    arr.refs.fill(store.refs.value(i32[v]!), at, at + n);
    return;
  }
  if (n === 0) return;
  writeElem(store, arr, at, i32, v);
  // double the filled part until done (copyWithin over bytes)
  const es = arr.elemBytes;
  const bytes = arr.elementBytes();
  let done = 1;
  while (done < n) {
    const k = Math.min(done, n - done);
    bytes.copyWithin((at + done) * es, at * es, (at + k) * es);
    done += k;
  }
}
