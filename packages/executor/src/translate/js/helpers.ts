// What the JavaScript tier's generated functions get from outside (compile-leaf.ts passes it as `h`):
// traps, polling, the i32 helpers the instruction templates call, the leaf frame of a backtrace, and
// calls out.

import { Trap, TrapCode, type InstanceEntity, type PrunedStore } from "@wasmi-ts/store";
import {
  i32Ctz, i32DivS, i32DivU, i32Popcnt, i32RemS, i32RemU, i64Clz, i64Ctz, i64DivS, i64DivU, i64Extend16S, i64Extend32S,
  i64Extend8S, i64Popcnt, i64RemS, i64RemU, i64Rotl, i64Rotr, i64Shl, i64ShrS, i64ShrU,
} from "../../interpret/numeric/index.js";
import { POLL_INTERVAL, poll } from "../../interpret/poll.js";
import { pastCachedLength } from "../../interpret/memory-access.js";
import type { ExecState } from "../../interpret/state.js";
import { callOut, callOutWords, indirectTarget } from "../../interpret/call-out.js";
import { translateFunction } from "../index.js";

function trap(code: TrapCode): never {
  throw new Trap(code);
}

/** An error leaves a leaf function: `frames` (pairs of function index and Wasm offset, innermost first:
 * the function, then the calls that the tier compiled in place) go first in the backtrace (the
 * interpreter, which records backtraces, never saw them: backtrace.ts). */
function leafTrapped(state: ExecState, error: unknown, frames: readonly number[], inst: InstanceEntity): void {
  // from a leaf that this one called: the caller's frames are outer ones
  state.leafFrames = state.leafError === error && state.leafFrames !== null ? [...state.leafFrames, ...frames] : frames;
  state.leafError = error;
  state.leafInst = inst;
}

/** A call out of function `f` of `inst` (imported or refused by the tier; interpret/call-out.ts). */
function callFunc(store: PrunedStore, state: ExecState, inst: InstanceEntity, f: number, words: number): void {
  callOut(store, state, inst, inst.funcs[f]!, words, translateFunction);
}

/** A call out through table `table`, of element `i`, checked against type `typeIndex`. */
function callIndirect(store: PrunedStore, state: ExecState, inst: InstanceEntity, table: number, typeIndex: number, i: number, words: number): void {
  callOut(store, state, inst, indirectTarget(store, inst, table, typeIndex, i), words, translateFunction);
}

/** Typed arrays use the host's byte order; Wasm memory is little-endian. */
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The words of i64 operands and results, for the templates that work on word indexes (one thread runs
 * one leaf at a time, and a leaf calls nothing: one array serves all). */
const scratch = new Int32Array(8);

/** The high word of an i64 that a leaf's direct form returns (compile-leaf.ts). */
const high = new Int32Array(1);

export const JS_TIER_HELPERS = {
  trap, TrapCode, poll, pastCachedLength, leafTrapped, littleEndian, POLL_INTERVAL, scratch, high, callOutWords, callFunc, callIndirect,
  i32DivS, i32DivU, i32RemS, i32RemU, i32Ctz, i32Popcnt,
  i64Clz, i64Ctz, i64Popcnt, i64DivS, i64DivU, i64RemS, i64RemU, i64Shl, i64ShrS, i64ShrU, i64Rotl, i64Rotr,
  i64Extend8S, i64Extend16S, i64Extend32S,
};

let allowed: boolean | undefined;

/** Whether the host lets code be made from strings (not under a strict Content-Security-Policy). */
export function newFunctionAllowed(): boolean {
  if (allowed === undefined) {
    try {
      allowed = new Function("return 1")() === 1;
    } catch {
      allowed = false;
    }
  }
  return allowed;
}
