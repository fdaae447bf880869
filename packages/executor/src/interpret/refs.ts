// The reference instructions that move references between the value stack, where they are numbers, and
// tables, globals and functions, where they are objects (see `refs.ts` of the store): out of the
// interpreter loop, which must stay small (see bulk.ts), and rare enough per instruction to pay a call.

import { Trap, TrapCode, type FuncEntity, type InstanceEntity, type PrunedStore } from "@wasmi-ts/store";

export function tableGet(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const elements = inst.tables[code[(pc + 2) | 0]!]!.elements;
  const i = i32[(fp2 + code[(pc + 3) | 0]!) | 0]! >>> 0;
  if (i >= elements.length) throw new Trap(TrapCode.TableOutOfBounds);
  const d = (fp2 + code[(pc + 1) | 0]!) | 0;
  i32[d] = store.refs.number(elements[i]);
  i32[d + 1] = 0;
}

export function tableSet(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const elements = inst.tables[code[(pc + 1) | 0]!]!.elements;
  const i = i32[(fp2 + code[(pc + 2) | 0]!) | 0]! >>> 0;
  if (i >= elements.length) throw new Trap(TrapCode.TableOutOfBounds);
  elements[i] = store.refs.value(i32[(fp2 + code[(pc + 3) | 0]!) | 0]!);
}

/** table64: the i64 index in register a as an i32 one, 2^32-1 (out of bounds of every table, whose
 * elements are a JavaScript array) when it is 2^32 or more. */
export function tableIndex64(i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const a = (fp2 + code[(pc + 2) | 0]!) | 0;
  i32[(fp2 + code[(pc + 1) | 0]!) | 0] = i32[a + 1] === 0 ? i32[a]! : -1;
}

/** table.size of a table64: the size as an i64. */
export function tableSize64(inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const d = (fp2 + code[(pc + 1) | 0]!) | 0;
  i32[d] = inst.tables[code[(pc + 2) | 0]!]!.elements.length;
  i32[d + 1] = 0;
}

/** call_ref: the function a reference number stands for; traps on null. */
export function funcOfRef(store: PrunedStore, ref: number): FuncEntity {
  const f = store.refs.value(ref);
  if (f === null) throw new Trap(TrapCode.NullFunctionReference);
  return f as FuncEntity;
}

/**
 * call_indirect of a function whose type id is not the expected one: it still matches when its type is a
 * declared subtype of the expected type (Wasm 3.0); else the "indirect call type mismatch" trap.
 */
export function checkSubtypeSignature(store: PrunedStore, target: FuncEntity, expected: number): void {
  const id = target.type.id;
  if (id < 0 || !store.types.isSubtype(id, expected)) throw new Trap(TrapCode.BadSignature);
}

export function refFunc(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const d = (fp2 + code[(pc + 1) | 0]!) | 0;
  i32[d] = store.refs.number(inst.funcs[code[(pc + 2) | 0]!]!);
  i32[d + 1] = 0;
}

export function globalGetRef(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const d = (fp2 + code[(pc + 1) | 0]!) | 0;
  i32[d] = store.refs.number(inst.globals[code[(pc + 2) | 0]!]!.ref);
  i32[d + 1] = 0;
}

export function globalSetRef(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  inst.globals[code[(pc + 1) | 0]!]!.ref = store.refs.value(i32[(fp2 + code[(pc + 2) | 0]!) | 0]!);
}
