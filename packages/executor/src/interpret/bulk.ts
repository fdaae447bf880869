// The bulk memory and table instructions and growth, out of the interpreter loop: they are not hot per
// instruction (each does a whole copy or fill, or allocates), and the loop function must stay under V8's size limit for optimized
// code (--max-optimized-bytecode-size, 60 KiB of bytecode): above it, the whole interpreter runs about 15
// times slower. Each takes the loop's state and the instruction's pc; operand layouts: translate/ops.ts.

import { Trap, TrapCode, growMemory, growTable, type InstanceEntity, type PrunedStore } from "@wasmi-ts/store";
import { consumeFuel, fuelForBytes, fuelForElements, fuelForPages, outOfFuel } from "./fuel.js";
import { addressOperand } from "./memory-access.js";

export function memoryInit(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const data = inst.datas[code[(pc + 1) | 0]]!.bytes;
  const m = inst.memories[code[(pc + 2) | 0]]!;
  const d = addressOperand(i32, fp2 + code[(pc + 3) | 0], m.type.is64 === true);
  const s = i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0;
  const n = i32[(fp2 + code[(pc + 5) | 0]) | 0] >>> 0;
  if (store.fuelEnabled) consumeFuel(store, fuelForBytes(n));
  if (s + n > data.length || d + n > m.u8.length) throw new Trap(TrapCode.MemoryOutOfBounds);
  if (n > 0) m.u8.set(data.subarray(s, s + n), d);
}

export function memoryCopy(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const dm = inst.memories[code[(pc + 1) | 0]]!;
  const sm = inst.memories[code[(pc + 2) | 0]]!;
  const dst64 = dm.type.is64 === true;
  const src64 = sm.type.is64 === true;
  const d = addressOperand(i32, fp2 + code[(pc + 3) | 0], dst64);
  const s = addressOperand(i32, fp2 + code[(pc + 4) | 0], src64);
  const n = addressOperand(i32, fp2 + code[(pc + 5) | 0], dst64 && src64);
  if (store.fuelEnabled) consumeFuel(store, fuelForBytes(n));
  if (s + n > sm.u8.length || d + n > dm.u8.length) throw new Trap(TrapCode.MemoryOutOfBounds);
  if (dm === sm) dm.u8.copyWithin(d, s, s + n);
  else dm.u8.set(sm.u8.subarray(s, s + n), d);
}

export function memoryFill(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const m = inst.memories[code[(pc + 1) | 0]]!;
  const is64 = m.type.is64 === true;
  const d = addressOperand(i32, fp2 + code[(pc + 2) | 0], is64);
  const v = i32[(fp2 + code[(pc + 3) | 0]) | 0];
  const n = addressOperand(i32, fp2 + code[(pc + 4) | 0], is64);
  if (store.fuelEnabled) consumeFuel(store, fuelForBytes(n));
  if (d + n > m.u8.length) throw new Trap(TrapCode.MemoryOutOfBounds);
  m.u8.fill(v, d, d + n);
}

export function tableFill(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const elements = inst.tables[code[(pc + 1) | 0]]!.elements;
  const i = i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0;
  const v = store.refs.value(i32[(fp2 + code[(pc + 3) | 0]) | 0]);
  const n = i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0;
  if (store.fuelEnabled) consumeFuel(store, fuelForElements(n));
  if (i + n > elements.length) throw new Trap(TrapCode.TableOutOfBounds);
  elements.fill(v, i, i + n);
}

export function tableCopy(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const dst = inst.tables[code[(pc + 1) | 0]]!.elements;
  const src = inst.tables[code[(pc + 2) | 0]]!.elements;
  const d = i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0;
  const s = i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0;
  const n = i32[(fp2 + code[(pc + 5) | 0]) | 0] >>> 0;
  if (store.fuelEnabled) consumeFuel(store, fuelForElements(n));
  if (s + n > src.length || d + n > dst.length) throw new Trap(TrapCode.TableOutOfBounds);
  if (dst === src) dst.copyWithin(d, s, s + n);
  else for (let k = 0; k < n; k++) dst[d + k] = src[s + k];
}

export function tableInit(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const src = inst.elems[code[(pc + 1) | 0]]!.elements;
  const dst = inst.tables[code[(pc + 2) | 0]]!.elements;
  const d = i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0;
  const s = i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0;
  const n = i32[(fp2 + code[(pc + 5) | 0]) | 0] >>> 0;
  if (store.fuelEnabled) consumeFuel(store, fuelForElements(n));
  if (s + n > src.length || d + n > dst.length) throw new Trap(TrapCode.TableOutOfBounds);
  for (let k = 0; k < n; k++) dst[d + k] = src[s + k];
}

export function tableGrow(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const table = inst.tables[code[(pc + 2) | 0]]!;
  const delta = i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0;
  const fuel = store.fuelEnabled ? fuelForElements(delta) : 0;
  if (fuel > store.fuel && table.size + delta <= table.maxSize) outOfFuel(store, fuel);
  const old = growTable(store, table, delta, store.refs.value(i32[(fp2 + code[(pc + 3) | 0]) | 0]));
  if (old >= 0) store.fuel -= fuel;
  // both words: the result is an i64 for a table64 (the high word of an i32 result is unused)
  const d = (fp2 + code[(pc + 1) | 0]) | 0;
  i32[d] = old;
  i32[d + 1] = old < 0 ? -1 : 0;
}

/** memory.grow; the caller reloads its views of memory 0 when its generation changed. */
export function memoryGrow(store: PrunedStore, inst: InstanceEntity, i32: Int32Array, fp2: number, code: readonly number[], pc: number): void {
  const m = inst.memories[code[(pc + 3) | 0]!]!;
  const is64 = m.type.is64 === true;
  const delta = addressOperand(i32, fp2 + code[(pc + 2) | 0]!, is64);
  // fuel is paid for a growth that happens: one beyond the maximum fails (-1) without trapping
  const fuel = store.fuelEnabled ? fuelForPages(delta, m.pageSize) : 0;
  if (fuel > store.fuel && m.pages + delta <= m.maxPages) outOfFuel(store, fuel);
  const old = growMemory(store, m, delta);
  if (old >= 0) store.fuel -= fuel;
  const d = (fp2 + code[(pc + 1) | 0]!) | 0;
  i32[d] = old;
  i32[d + 1] = old < 0 ? -1 : 0;
}
