import { FuncType, type ValType } from "@wasmi-ts/store";
import { BLOCK_REF_BASE, EMPTY_BLOCK_TYPE } from "../decode/instr-reader.js";
import type { ModuleIR } from "../module/ir.js";

/** Parameter and result types of a block. */
export interface BlockSignature {
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
}

const NO_TYPES: readonly ValType[] = Object.freeze([]);
const EMPTY_BLOCK: BlockSignature = Object.freeze({ params: NO_TYPES, results: NO_TYPES });
/** One shared signature per single-result value type (blocks of that type are common). */
const SINGLE_RESULT = new Map<ValType, BlockSignature>();

/**
 * The signature of a block type as read by InstrReader (s33: a type index if >= 0, -64 for none, else a
 * value type `bt + 128`), or undefined if the type index is out of range.
 */
export function blockType(ir: ModuleIR, bt: number): BlockSignature | undefined {
  if (bt >= 0) return funcTypeAt(ir, bt);
  if (bt === EMPTY_BLOCK_TYPE) return EMPTY_BLOCK;
  const t = blockValType(bt);
  let sig = SINGLE_RESULT.get(t);
  if (sig === undefined) {
    sig = Object.freeze({ params: NO_TYPES, results: Object.freeze([t]) });
    SINGLE_RESULT.set(t, sig);
  }
  return sig;
}

/** The value type of a single-result block type (`bt` < 0 and not EMPTY_BLOCK_TYPE). */
export function blockValType(bt: number): ValType {
  return bt <= BLOCK_REF_BASE ? BLOCK_REF_BASE - bt : bt + 128;
}

/** The function type of type index `typeIndex`, or undefined if there is none (or it is a struct or array type). */
export function funcTypeAt(ir: ModuleIR, typeIndex: number): FuncType | undefined {
  const t = ir.types[typeIndex];
  return t?.kind === "func" ? t : undefined;
}

/** The type of a function in the module's function index space (imports first). */
export function funcType(ir: ModuleIR, funcIndex: number): FuncType | undefined {
  const typeIndex = ir.funcs[funcIndex];
  return typeIndex === undefined ? undefined : funcTypeAt(ir, typeIndex);
}

/** The address type (i32 or i64) of a memory. */
export function memoryAddressType(ir: ModuleIR, memIndex: number): ValType {
  return ir.memories[memIndex]?.is64 ? 0x7e : 0x7f;
}

/** The address type (i32 or i64) of a table: i64 for a table64. */
export function tableAddressType(ir: ModuleIR, tableIndex: number): ValType {
  return ir.tables[tableIndex]?.is64 ? 0x7e : 0x7f;
}
