// Fuel for what has a size: bulk memory and table operations and growth pay by how much they touch, on
// top of the 1 unit their instruction costs in its region's `ConsumeFuel` (translate/translator.ts).

import { Trap, TrapCode, type PrunedStore } from "@wasmi-ts/store";

/** Bytes that one unit of fuel pays for in `memory.copy`, `memory.fill`, `memory.init` and `memory.grow`
 * (Wasmi's default). */
export const BYTES_PER_FUEL = 64;
/** Table elements that one unit of fuel pays for in `table.copy`, `table.fill`, `table.init`, `table.grow`. */
export const ELEMENTS_PER_FUEL = 8;

/** Takes `amount` fuel, or traps with `OutOfFuel` and leaves the fuel as it was. */
export function consumeFuel(store: PrunedStore, amount: number): void {
  const left = store.fuel - amount;
  if (left < 0) outOfFuel(store, amount);
  store.fuel = left;
}

/** Traps with `OutOfFuel`, noting that `amount` was needed (a resumable call reports what is missing). */
export function outOfFuel(store: PrunedStore, amount: number): never {
  store.fuelRequired = amount - store.fuel;
  throw new Trap(TrapCode.OutOfFuel);
}

/** The fuel of a bulk memory operation on `bytes` bytes. */
export function fuelForBytes(bytes: number): number {
  return Math.floor(bytes / BYTES_PER_FUEL);
}

/** The fuel of a bulk table operation on `elements` elements. */
export function fuelForElements(elements: number): number {
  return Math.floor(elements / ELEMENTS_PER_FUEL);
}

/** The fuel of growing a memory by `pages` pages of `pageSize` bytes (paid only when the growth succeeds). */
export function fuelForPages(pages: number, pageSize: number): number {
  return fuelForBytes(pages * pageSize);
}
