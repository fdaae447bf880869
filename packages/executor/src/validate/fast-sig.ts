// The validator's fast path: the signature of each single-byte instruction whose typing is a fixed
// [params] -> [results] with at most two params and one result, packed in one int, derived from the
// instruction table (module/opcodes.ts). Covers the numeric instructions (no immediates) and the loads
// and stores (a memarg; the address type is i32, so only for a 32-bit memory 0).

import { ADDRESS_TYPE, Imm, OPS, Op } from "../module/opcodes.js";

// Packing (the validator's main loop unpacks it inline; the accessors below say the same): bits 0-7:
// first param, 8-15: second param, 16-23: result (0: none), 24-25: param count, 26: memarg, 27-29:
// natural alignment, 30: present.
const TYPE_MASK = 0xff;
const PARAM_COUNT_SHIFT = 24;
/** Set for loads and stores: a memarg follows the opcode. */
export const SIG_MEMARG = 1 << 26;
const ALIGN_SHIFT = 27;
/** Set for every instruction in the table (so that `nop`, with no types, is not 0; kinds are below it). */
export const SIG_PRESENT = 1 << 30;

export function sigParam0(sig: number): number {
  return sig & TYPE_MASK;
}
export function sigParam1(sig: number): number {
  return (sig >>> 8) & TYPE_MASK;
}
export function sigResult(sig: number): number {
  return (sig >>> 16) & TYPE_MASK;
}
export function sigParamCount(sig: number): number {
  return (sig >>> PARAM_COUNT_SHIFT) & 3;
}
/** Log2 of the natural alignment of a load or store. */
export function sigNaturalAlign(sig: number): number {
  return (sig >>> ALIGN_SHIFT) & 7;
}

/** Packed signature per opcode byte; 0 for instructions the fast path leaves to the general one. */
export const FAST_SIG: Int32Array = (() => {
  const sigs = new Int32Array(256);
  for (let op = 0; op < 256; op++) {
    const info = OPS[op];
    if (info === undefined || info.feature !== null || info.params === null || info.results === null) continue;
    if (info.imm !== Imm.None && info.imm !== Imm.MemArg) continue;
    if (info.params.length > 2 || info.results.length > 1) continue;
    // The address operand of a load or store: i32 (the fast path requires a 32-bit memory 0).
    const type = (t: number) => (t === ADDRESS_TYPE ? 0x7f : t);
    let sig = SIG_PRESENT | (info.params.length << PARAM_COUNT_SHIFT);
    if (info.params.length > 0) sig |= type(info.params[0]!);
    if (info.params.length > 1) sig |= type(info.params[1]!) << 8;
    if (info.results.length > 0) sig |= type(info.results[0]!) << 16;
    if (info.imm === Imm.MemArg) sig |= SIG_MEMARG | (info.naturalAlign << ALIGN_SHIFT);
    sigs[op] = sig;
  }
  return sigs;
})();

// Other instructions the fast path checks, by kind: small numbers in the same table (below SIG_PRESENT),
// so that the main loop dispatches every instruction on one load.
export const FAST_LOCAL_GET = 1;
export const FAST_LOCAL_SET = 2;
export const FAST_LOCAL_TEE = 3;
/** global.get, br, br_if, call: one index. */
export const FAST_INDEX = 4;
/** block, loop, if. */
export const FAST_BLOCK = 5;
export const FAST_ELSE = 6;
export const FAST_END = 7;
export const FAST_DROP = 8;
export const FAST_I32_CONST = 9;
export const FAST_I64_CONST = 10;
export const FAST_F32_CONST = 11;
export const FAST_F64_CONST = 12;
/** select (untyped). */
export const FAST_SELECT = 13;

/**
 * The fast path's entry per opcode byte: a packed signature (SIG_PRESENT set: FAST_SIG), else a FAST_*
 * kind, else 0 (the general path).
 */
export const FAST_ENTRY: Int32Array = (() => {
  const entries = FAST_SIG.slice();
  const kinds: [number, number][] = [
    [Op.LocalGet, FAST_LOCAL_GET], [Op.LocalSet, FAST_LOCAL_SET], [Op.LocalTee, FAST_LOCAL_TEE],
    [Op.GlobalGet, FAST_INDEX], [Op.Br, FAST_INDEX], [Op.BrIf, FAST_INDEX], [Op.Call, FAST_INDEX],
    [Op.Block, FAST_BLOCK], [Op.Loop, FAST_BLOCK], [Op.If, FAST_BLOCK], [Op.Else, FAST_ELSE], [Op.End, FAST_END],
    [Op.Drop, FAST_DROP], [Op.I32Const, FAST_I32_CONST], [Op.I64Const, FAST_I64_CONST],
    [Op.F32Const, FAST_F32_CONST], [Op.F64Const, FAST_F64_CONST], [Op.Select, FAST_SELECT],
  ];
  for (const [op, kind] of kinds) entries[op] = kind;
  return entries;
})();
