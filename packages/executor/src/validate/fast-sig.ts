// The validator's fast path: per opcode byte, which of its inline checks (FuncValidator.checkInline) an
// instruction takes (a FAST_* kind) and, for the instructions of a fixed signature, its types. Derived from the
// instruction table (module/opcodes.ts): the numeric instructions (no immediates), the loads and stores
// (a memarg; the address type is i32, so only for a 32-bit memory 0), and the common control, variable
// and constant instructions.

import { ADDRESS_TYPE, Imm, OPS, OPS_FC, Op } from "../module/opcodes.js";

/** The general path (InstrReader and `step`). */
export const FAST_GENERAL = 0;
export const FAST_LOCAL_GET = 1;
export const FAST_LOCAL_SET = 2;
export const FAST_LOCAL_TEE = 3;
/** global.get, global.set, call: one index. */
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
/** [FAST_PARAM] -> [FAST_RESULT]. */
export const FAST_UNARY = 14;
/** [FAST_PARAM, FAST_PARAM] -> [FAST_RESULT]. */
export const FAST_BINARY = 15;
/** A memarg; [i32] -> [FAST_RESULT]. */
export const FAST_LOAD = 16;
/** A memarg; [i32, FAST_PARAM] -> []. */
export const FAST_STORE = 17;
/** [] -> [] (nop). */
export const FAST_NOP = 18;
export const FAST_BR = 19;
export const FAST_BR_IF = 20;
export const FAST_RETURN = 21;
export const FAST_UNREACHABLE = 22;
/** 0xfc, then a one-byte sub-opcode of FAST_FC_PARAM (the saturating truncations). */
export const FAST_PREFIX_FC = 23;

/** The kind per opcode byte. */
export const FAST_KIND = new Uint8Array(256);
/** The operand type of FAST_UNARY and FAST_BINARY, the stored type of FAST_STORE. */
export const FAST_PARAM = new Uint8Array(256);
/** The result type of FAST_UNARY, FAST_BINARY and FAST_LOAD. */
export const FAST_RESULT = new Uint8Array(256);
/** Log2 of the natural alignment of FAST_LOAD and FAST_STORE. */
export const FAST_ALIGN = new Uint8Array(256);
/** Per byte after 0xfc: the operand type of a [t] -> [FAST_FC_RESULT] instruction, 0 for the others. */
export const FAST_FC_PARAM = new Uint8Array(256);
export const FAST_FC_RESULT = new Uint8Array(256);

for (let op = 0; op < 256; op++) {
  const info = OPS[op];
  if (info === undefined || info.feature !== null || info.params === null || info.results === null) continue;
  const [p0, p1] = info.params;
  const [r0] = info.results;
  const np = info.params.length;
  const nr = info.results.length;
  let kind = FAST_GENERAL;
  if (info.imm === Imm.None) {
    if (np === 0 && nr === 0) kind = FAST_NOP;
    else if (np === 1 && nr === 1) kind = FAST_UNARY;
    else if (np === 2 && nr === 1 && p0 === p1) kind = FAST_BINARY;
  } else if (info.imm === Imm.MemArg && p0 === ADDRESS_TYPE) {
    if (np === 1 && nr === 1) kind = FAST_LOAD;
    else if (np === 2 && nr === 0 && p1 !== ADDRESS_TYPE) kind = FAST_STORE;
    FAST_ALIGN[op] = info.naturalAlign;
  }
  if (kind === FAST_GENERAL) continue;
  FAST_KIND[op] = kind;
  FAST_PARAM[op] = kind === FAST_STORE ? p1! : kind === FAST_LOAD ? 0 : (p0 ?? 0);
  FAST_RESULT[op] = r0 ?? 0;
}
for (let sub = 0; sub < 0x80; sub++) {
  const info = OPS_FC[sub];
  if (info === undefined || info.feature !== null || info.imm !== Imm.None) continue;
  if (info.params?.length !== 1 || info.results?.length !== 1) continue;
  FAST_FC_PARAM[sub] = info.params[0]!;
  FAST_FC_RESULT[sub] = info.results[0]!;
}
for (const [op, kind] of [
  [Op.LocalGet, FAST_LOCAL_GET], [Op.LocalSet, FAST_LOCAL_SET], [Op.LocalTee, FAST_LOCAL_TEE],
  [Op.GlobalGet, FAST_INDEX], [Op.GlobalSet, FAST_INDEX], [Op.Call, FAST_INDEX],
  [Op.Br, FAST_BR], [Op.BrIf, FAST_BR_IF], [Op.Return, FAST_RETURN], [Op.Unreachable, FAST_UNREACHABLE],
  [0xfc, FAST_PREFIX_FC],
  [Op.Block, FAST_BLOCK], [Op.Loop, FAST_BLOCK], [Op.If, FAST_BLOCK], [Op.Else, FAST_ELSE], [Op.End, FAST_END],
  [Op.Drop, FAST_DROP], [Op.I32Const, FAST_I32_CONST], [Op.I64Const, FAST_I64_CONST],
  [Op.F32Const, FAST_F32_CONST], [Op.F64Const, FAST_F64_CONST], [Op.Select, FAST_SELECT],
] as const) {
  FAST_KIND[op] = kind;
}
