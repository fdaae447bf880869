// Suspending a resumable execution when one of its own instructions runs out of fuel: the instruction
// checks its fuel before it does anything, so it can simply run again, from the start, once the host
// has added fuel. An out-of-fuel trap that comes from elsewhere (a nested execution, through a host
// function) is not this execution's to suspend: it unwinds as usual.

import { Trap, TrapCode, type InstanceEntity, type PrunedStore } from "@wasmi-ts/store";
import type { CompiledFunc } from "../translate/compiled-func.js";
import { Op } from "./op.generated.js";
import type { ExecState } from "./state.js";

/** What `PrunedStore.suspendRequest` holds while an execution is suspended for want of fuel. */
export const OUT_OF_FUEL = Object.freeze({ outOfFuel: true });

/** The instructions that consume fuel (all check it before any effect); made on first use, as this
 * module and loop.ts import each other. */
let fuelOps: Set<number> | null = null;

function consumesFuel(op: number): boolean {
  fuelOps ??= new Set<number>([
    Op.ConsumeFuel, Op.MemoryGrow, Op.MemoryInit, Op.MemoryCopy, Op.MemoryFill,
    Op.TableGrow, Op.TableInit, Op.TableCopy, Op.TableFill,
  ]);
  return fuelOps.has(op);
}

/** If `e` is this execution's own out-of-fuel trap at `pc`, suspends there and returns true. */
export function suspendsOnFuel(
  e: unknown, store: PrunedStore, state: ExecState, pc: number, fp2: number, cf: CompiledFunc, inst: InstanceEntity, depth: number,
): boolean {
  if (!(e instanceof Trap) || e.code !== TrapCode.OutOfFuel || !consumesFuel(cf.code[pc]!)) return false;
  if (cf.code[pc] === Op.ConsumeFuel) store.fuelRequired = cf.code[pc + 1]! - store.fuel;
  state.suspendAt(pc, pc, fp2, cf, inst, depth, false, 0, 0);
  store.suspendRequest = OUT_OF_FUEL;
  return true;
}
