import type { FuncEntity } from "./func.js";
import type { PrunedStore } from "./pruned-store.js";

// References in slots and tables are numbers: 0 is null; a funcref is the function's store address + 1;
// an externref is the address of its host value in `PrunedStore.externs` + 1.

export const NULL_REF = 0;

export function funcRef(f: FuncEntity): number {
  return f.addr + 1;
}

export function funcOfRef(store: PrunedStore, ref: number): FuncEntity | null {
  return ref === NULL_REF ? null : store.funcs[ref - 1]!;
}
