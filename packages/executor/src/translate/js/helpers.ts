// What the JavaScript tier's generated functions get from outside (compile-leaf.ts passes it as `h`):
// traps, polling, the numeric helpers the instruction templates call (the interpreter's), the exact
// conversions between a float's number and its bits, the leaf frame of a backtrace, and calls out.

import { Trap, TrapCode, ValType, type FuncEntity, type FuncType, type InstanceEntity, type PrunedStore } from "@wasmi-ts/store";
import {
  f32ConvertI64S, f32ConvertI64U, f32Max, f32Min, f32Nearest, f64ConvertI64S, f64ConvertI64U, f64Max, f64Min, f64Nearest,
  i32Ctz, i32DivS, i32DivU, i32Popcnt, i32RemS, i32RemU, i32TruncF32S, i32TruncF32U, i32TruncF64S, i32TruncF64U,
  i32TruncSatF32S, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U, i64Clz, i64Ctz, i64DivS, i64DivU, i64Extend16S,
  i64Extend32S, i64Extend8S, i64Popcnt, i64RemS, i64RemU, i64Rotl, i64Rotr, i64Shl, i64ShrS, i64ShrU, i64TruncF32S,
  i64TruncF32U, i64TruncF64S, i64TruncF64U, i64TruncSatF32S, i64TruncSatF32U, i64TruncSatF64S, i64TruncSatF64U,
} from "../../interpret/numeric/index.js";
import { POLL_INTERVAL, poll } from "../../interpret/poll.js";
import { pastCachedLength } from "../../interpret/memory-access.js";
import type { ExecState } from "../../interpret/state.js";
import { callOut, callOutWords, indirectTarget } from "../../interpret/call-out.js";
import { translateFunction } from "../index.js";

function trap(code: TrapCode): never {
  throw new Trap(code);
}

/** An access out of bounds of the memory (the tier's is unshared: its length changes only by a call out,
 * after which the leaf reads it again). A short name: the generated code calls it at every access. */
function oob(): never {
  throw new Trap(TrapCode.MemoryOutOfBounds);
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

/** The frames of a trap at site `site` of inlined code (compile-leaf.ts, `site`): k * span + a Wasm offset
 * in the body of inlined call k, whose function index, body offset and call sites' frames are `calls[k]`. */
function inlinedFrames(calls: readonly (readonly number[])[], site: number, span: number): number[] {
  const [func, start, ...callers] = calls[Math.floor(site / span)]!;
  return [func!, start! + (site % span), ...callers];
}

/** A call out of function `f` of `inst` (imported or refused by the tier; interpret/call-out.ts). */
function callFunc(store: PrunedStore, state: ExecState, inst: InstanceEntity, f: number, words: number): void {
  callOut(store, state, inst, inst.funcs[f]!, words, translateFunction);
}

/**
 * A call out of function `f` (of type `type`) made as a call of its direct form: `(inst, store, state,
 * ...arguments)`, two per i64, an f32 or f64 as a number, giving the result (an i64's high word in
 * `high[0]`). For a callee whose direct form the tier refuses (compile-leaf.ts, `lazyDirect`). The words
 * are written and read as the tier's calls out do (compile-leaf.ts, writeWords and readWords).
 */
export function callOutDirect(f: number, type: FuncType): (...args: unknown[]) => number {
  const { params, results } = type;
  const slots = Math.max(params.length, results.length, 1);
  return (...args: unknown[]) => {
    const [inst, store, state] = args as [InstanceEntity, PrunedStore, ExecState];
    const o = callOutWords(store, state, slots);
    let w = state.stack.i32;
    let a = 3;
    for (let k = 0; k < params.length; k++) {
      const i = o + 2 * k;
      const t = params[k];
      if (t === ValType.F64) {
        setF64(w, i, args[a++] as number);
        continue;
      }
      w[i] = t === ValType.F32 ? f32Bits(args[a++] as number) : (args[a++] as number);
      w[i + 1] = t === ValType.I64 ? (args[a++] as number) : 0;
    }
    callFunc(store, state, inst, f, o);
    w = state.stack.i32;
    switch (results[0]) {
      case undefined: return 0;
      case ValType.I64: high[0] = w[o + 1]!; return w[o]!;
      case ValType.F32: return f32FromBits(w[o]!);
      case ValType.F64: return getF64(w, o);
      default: return w[o]!;
    }
  };
}

/** A call out of `target` (a `call_indirect`'s, found by indirectTarget). */
function callTarget(store: PrunedStore, state: ExecState, inst: InstanceEntity, target: FuncEntity, words: number): void {
  callOut(store, state, inst, target, words, translateFunction);
}

/** A call out through table `table`, of element `i`, checked against type `typeIndex`. */
function callIndirect(store: PrunedStore, state: ExecState, inst: InstanceEntity, table: number, typeIndex: number, i: number, words: number): void {
  callOut(store, state, inst, indirectTarget(store, inst, table, typeIndex, i), words, translateFunction);
}

/** Typed arrays use the host's byte order; Wasm memory is little-endian. */
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The words of i64 operands and results, for the templates that work on word indexes (a template uses
 * them within its instruction, which calls nothing: one array serves all). */
const scratch = new Int32Array(8);

/** The scratch words as an f64 (index k: words 2k, 2k + 1): an f64 operand of a template on words. */
const scratch64 = new Float64Array(scratch.buffer);

// The tier's floats are numbers (an f32: a double holding an f32 value). Typed arrays and DataView keep
// a double's bits, NaN payloads included, and so do JavaScript's moves and negation; but converting a
// signalling NaN between f32 and f64 in hardware quiets it. So an f32's bits become a number, and a
// number an f32's bits, through these (a NaN exactly), and what the interpreter reads as an f32 to make
// an f64 (f64.promote_f32: its Float32Array read quiets) goes through f64Quiet.

/** Words for the conversions below (their own: they run inside templates' expressions). */
const bits = new Int32Array(2);
const bitsF32 = new Float32Array(bits.buffer);
const bitsF64 = new Float64Array(bits.buffer);
const LO = littleEndian ? 0 : 1;
const HI = 1 - LO;

/** The f32 of bits `b` as a number (a NaN's payload in the double's top bits, as a conversion would put
 * it, without quieting it). */
function f32FromBits(b: number): number {
  if ((b & 0x7f800000) !== 0x7f800000 || (b & 0x7fffff) === 0) {
    bits[0] = b;
    return bitsF32[0]!;
  }
  bits[LO] = b << 29;
  bits[HI] = (b & -0x80000000) | 0x7ff00000 | ((b & 0x7fffff) >>> 3);
  return bitsF64[0]!;
}

/** The bits of f32 `x` (a number f32FromBits gives, or Math.fround). */
function f32Bits(x: number): number {
  if (x === x) {
    bitsF32[0] = x;
    return bits[0]!;
  }
  bitsF64[0] = x;
  const hi = bits[HI]!;
  return (hi & -0x80000000) | 0x7f800000 | ((hi & 0xfffff) << 3) | (bits[LO]! >>> 29);
}

/** f64 `x`, a NaN quiet. */
function f64Quiet(x: number): number {
  if (x === x) return x;
  bitsF64[0] = x;
  bits[HI] |= 0x80000;
  return bitsF64[0]!;
}

/** The f64 of words `w[i]`, `w[i + 1]` (of a stack slot: as the stack's f64 view reads them). */
function getF64(w: Int32Array, i: number): number {
  bits[0] = w[i]!;
  bits[1] = w[i + 1]!;
  return bitsF64[0]!;
}

/** Writes f64 `x` to words `w[i]`, `w[i + 1]` (as the stack's f64 view writes them). */
function setF64(w: Int32Array, i: number, x: number): void {
  bitsF64[0] = x;
  w[i] = bits[0]!;
  w[i + 1] = bits[1]!;
}

/** The f64 of words `lo`, `hi` (f64.const of a NaN, f64.reinterpret_i64). */
function f64FromWords(lo: number, hi: number): number {
  bits[LO] = lo;
  bits[HI] = hi;
  return bitsF64[0]!;
}

/** The high word of an i64 that a leaf's direct form returns (compile-leaf.ts). */
const high = new Int32Array(1);

export const JS_TIER_HELPERS = {
  trap, oob, TrapCode, poll, pastCachedLength, leafTrapped, inlinedFrames, POLL_INTERVAL, scratch, high, callOutWords, callFunc, callIndirect,
  indirectTarget, callTarget,
  i32DivS, i32DivU, i32RemS, i32RemU, i32Ctz, i32Popcnt,
  i64Clz, i64Ctz, i64Popcnt, i64DivS, i64DivU, i64RemS, i64RemU, i64Shl, i64ShrS, i64ShrU, i64Rotl, i64Rotr,
  i64Extend8S, i64Extend16S, i64Extend32S,
  scratch64, f32FromBits, f32Bits, f64Quiet, getF64, setF64, f64FromWords,
  f32Nearest, f32Min, f32Max, f64Nearest, f64Min, f64Max, f32ConvertI64S, f32ConvertI64U, f64ConvertI64S, f64ConvertI64U,
  i32TruncF32S, i32TruncF32U, i32TruncF64S, i32TruncF64U, i32TruncSatF32S, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U,
  i64TruncF32S, i64TruncF32U, i64TruncF64S, i64TruncF64U, i64TruncSatF32S, i64TruncSatF32U, i64TruncSatF64S, i64TruncSatF64U,
};

export { newFunctionAllowed } from "@wasmi-ts/store";
