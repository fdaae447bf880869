// How the decoder's fast path skips each single-byte instruction of a function body, derived from the
// instruction table (module/opcodes.ts). The fast path takes only encodings that are certainly well
// formed; anything else (prefixed and rare instructions, long LEB128s, type-index block types) goes to
// InstrReader, which reports the precise DecodeError.

import { ValType } from "@wasmi-ts/store";
import { Imm, OPS, Op } from "../module/opcodes.js";

/** Not taken by the fast path. */
export const SKIP_GENERAL = 0;
/** No immediates. */
export const SKIP_NONE = 1;
/** One u32 LEB128 (an index). */
export const SKIP_U32 = 2;
/** Two u32 LEB128s (call_indirect). */
export const SKIP_LEB2 = 3;
/** Four fixed bytes (f32.const). */
export const SKIP_FIXED4 = 4;
/** Eight fixed bytes (f64.const). */
export const SKIP_FIXED8 = 5;
/** Alignment flags, then an offset LEB128. */
export const SKIP_MEMARG = 6;
/** block, loop, if: one block-type byte (empty or a value type). */
export const SKIP_BLOCK = 7;
export const SKIP_ELSE = 8;
export const SKIP_END = 9;
/** One s64 LEB128 (an i64 constant). */
export const SKIP_S64 = 10;
/** One s32 LEB128 (an i32 constant). */
export const SKIP_S32 = 11;

/** Fast-path kind per opcode byte, for modules with reference types (2.0) or without (see SKIP_KIND_MVP). */
export const SKIP_KIND: Uint8Array = skipKinds(true);
/** Without reference types the fast path leaves their instructions, and call_indirect's zero byte, to InstrReader. */
export const SKIP_KIND_MVP: Uint8Array = skipKinds(false);

function skipKinds(referenceTypes: boolean): Uint8Array {
  const kinds = new Uint8Array(256);
  for (let op = 0; op < 256; op++) {
    const info = OPS[op];
    if (info === undefined || (info.feature !== null && !(referenceTypes && info.feature === "referenceTypes"))) continue;
    // (and block types, which may name externref)
    if (!referenceTypes && (op === Op.CallIndirect || info.imm === Imm.Block)) continue;
    switch (info.imm) {
      case Imm.None:
        kinds[op] = op === Op.Else ? SKIP_ELSE : op === Op.End ? SKIP_END : SKIP_NONE;
        break;
      case Imm.Label:
      case Imm.Func:
      case Imm.Local:
      case Imm.Global:
      case Imm.Table:
        kinds[op] = SKIP_U32;
        break;
      case Imm.I32:
        kinds[op] = SKIP_S32;
        break;
      case Imm.I64:
        kinds[op] = SKIP_S64;
        break;
      case Imm.CallIndirect:
        kinds[op] = SKIP_LEB2;
        break;
      case Imm.F32:
        kinds[op] = SKIP_FIXED4;
        break;
      case Imm.F64:
        kinds[op] = SKIP_FIXED8;
        break;
      case Imm.MemArg:
        kinds[op] = SKIP_MEMARG;
        break;
      case Imm.Block:
        kinds[op] = SKIP_BLOCK;
        break;
    }
  }
  return kinds;
}

/** Block-type bytes the fast path takes: empty (0x40) or a value type. */
export const SIMPLE_BLOCK_TYPE: Uint8Array = (() => {
  const ok = new Uint8Array(256);
  ok[0x40] = 1;
  for (const t of [ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128, ValType.FuncRef, ValType.ExternRef]) {
    ok[t] = 1;
  }
  return ok;
})();

/** Largest memarg alignment flags the fast path takes (larger ones are malformed, or name a memory). */
export const MAX_SIMPLE_ALIGN_FLAGS = 32;

/**
 * The position after a LEB128 that starts at `p` and ends within `maxBytes` bytes and before `end`,
 * else -1. Up to 4 bytes carry at most 28 bits: valid for every integer immediate (u32, s32, s33, s64,
 * u64); up to 9 bytes (63 bits) for s64 and u64.
 */
export function shortLebEnd(bytes: Uint8Array, p: number, end: number, maxBytes = 4): number {
  const limit = p + maxBytes < end ? p + maxBytes : end;
  for (let q = p; q < limit; q++) if (bytes[q]! < 0x80) return q + 1;
  return -1;
}

/**
 * The position after a u32 (or, if `signed`, s32) LEB128 at `p` (before `end`), or -1 if it is longer
 * than 5 bytes or its fifth byte has bits beyond the 32 (InstrReader then reports which error).
 */
export function leb32End(bytes: Uint8Array, p: number, end: number, signed: boolean): number {
  const q = shortLebEnd(bytes, p, end);
  if (q > 0 || p + 4 >= end) return q;
  const last = bytes[p + 4]!;
  // The fifth byte holds bits 28-31: for an s32, bits 4-6 must repeat the sign (bit 3).
  const ok = signed ? (last & 0xf8) === 0 || (last & 0xf8) === 0x78 : last < 0x10;
  return ok ? p + 5 : -1;
}
