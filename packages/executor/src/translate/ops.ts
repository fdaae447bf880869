// What the translator knows of the register bytecode's instructions besides their code: for those that
// map 1:1 from Wasm, the Wasm opcode and stack effect (the translator builds its Wasm -> Op map from it),
// their immediate forms and their indexed-address variants. The opcodes (`Op`) and operand layouts are
// generated with the interpreter's cases from the instructions' descriptions (codegen/instructions/);
// OP_INFO joins both, one entry per opcode.
//
// Operand layout letters (one 32-bit word each):
//   r  register: a frame slot, stored as a word offset (2 * slot) from the frame base
//   i  immediate (index, offset, trap code, ...)
//   t  branch target: absolute pc in the function's code
//   L  target list: a count word c, then c + 1 targets (br_table; the last is the default)

import { ValType } from "@wasmi-ts/store";
import { OP_LAYOUTS, Op } from "../interpret/op.generated.js";

export { Op };

export type OpName = keyof typeof Op;

export interface OpInfo {
  /** Operand layout, one letter per word (see the top of this file). */
  readonly operands: string;
  /** Wasm opcode this instruction implements 1:1 (0xfc-prefixed: 0xfc00 | sub-opcode). */
  readonly wasm?: number;
  /** Numeric instructions: how many operands they pop; they push one `result`. */
  readonly pops?: number;
  readonly result?: ValType;
  /** Loads: the value type produced. Stores: true. */
  readonly load?: ValType;
  readonly store?: boolean;
  /** Loads and stores: the variant taking the address as `base + index` registers, if any. */
  readonly indexed?: OpName;
  /** Binary instructions: the variant taking the second operand as an immediate, when it is a constant
   * (`dst, a, imm`: one word; an i64 one is a shift count or a sign-extended i32, see immValue). */
  readonly imm?: OpName;
  /** ... and the variant for a constant first operand (`dst, b, imm`): the same for commutative
   * instructions, the mirrored comparison for comparisons. */
  readonly immFirst?: OpName;
  /** Turns the constant (its low and high words) into the immediate (sub becomes add of the negation,
   * ...); the immediate form is not used where this gives `undefined`. */
  readonly immValue?: (lo: number, hi: number) => number | undefined;
}

const { I32, I64, F32, F64 } = ValType;
type Meta = Omit<OpInfo, "operands">;
/** A numeric instruction: `dst, operands...`. */
const num = (wasm: number, pops: number, result: ValType, more?: Meta): Meta => ({ wasm, pops, result, ...more });
/** A binary instruction with an immediate variant; `immFirst` too if `first` is given. */
const numImm = (wasm: number, result: ValType, imm: OpName, first?: OpName, immValue?: OpInfo["immValue"]): Meta =>
  num(wasm, 2, result, { imm, immFirst: first, immValue });
/** Shift counts as immediates: masked; i64 shifts by 0 keep the general form. */
const count32 = (lo: number): number => lo & 31;
const count64 = (lo: number): number | undefined => (lo & 63) === 0 ? undefined : lo & 63;
/** An i64 constant that is a sign-extended i32 (a step, an offset), as one immediate word; negated for sub. */
const small64 = (lo: number, hi: number): number | undefined => (hi === lo >> 31 ? lo : undefined);
const negatedSmall64 = (lo: number, hi: number): number | undefined =>
  (hi === lo >> 31 && lo !== -0x80000000 ? -lo : hi === 0 && lo === -0x80000000 ? lo : undefined); // -(2^31) too
/** A load: `dst, addr, offset`. */
const load = (wasm: number, type: ValType, indexed?: OpName): Meta => ({ wasm, load: type, indexed });
/** A store: `addr, value, offset`. */
const store = (wasm: number, indexed?: OpName): Meta => ({ wasm, store: true, indexed });

const META: { readonly [K in OpName]?: Meta } = {
  I32Load: load(0x28, I32, "I32LoadIdx"), I64Load: load(0x29, I64),
  I32Load8S: load(0x2c, I32, "I32Load8SIdx"), I32Load8U: load(0x2d, I32, "I32Load8UIdx"),
  I32Load16S: load(0x2e, I32, "I32Load16SIdx"), I32Load16U: load(0x2f, I32, "I32Load16UIdx"),
  I64Load8S: load(0x30, I64), I64Load8U: load(0x31, I64), I64Load16S: load(0x32, I64), I64Load16U: load(0x33, I64),
  I64Load32S: load(0x34, I64), I64Load32U: load(0x35, I64),
  I32Store: store(0x36, "I32StoreIdx"), I64Store: store(0x37), I32Store8: store(0x3a, "I32Store8Idx"),
  I32Store16: store(0x3b),
  I64Store8: store(0x3c), I64Store16: store(0x3d), I64Store32: store(0x3e),
  I32Eqz: num(0x45, 1, I32), I32Eq: numImm(0x46, I32, "I32EqImm", "I32EqImm"),
  I32Ne: numImm(0x47, I32, "I32NeImm", "I32NeImm"),
  I32LtS: numImm(0x48, I32, "I32LtSImm", "I32GtSImm"), I32LtU: numImm(0x49, I32, "I32LtUImm", "I32GtUImm"),
  I32GtS: numImm(0x4a, I32, "I32GtSImm", "I32LtSImm"), I32GtU: numImm(0x4b, I32, "I32GtUImm", "I32LtUImm"),
  I32LeS: numImm(0x4c, I32, "I32LeSImm", "I32GeSImm"), I32LeU: numImm(0x4d, I32, "I32LeUImm", "I32GeUImm"),
  I32GeS: numImm(0x4e, I32, "I32GeSImm", "I32LeSImm"), I32GeU: numImm(0x4f, I32, "I32GeUImm", "I32LeUImm"),
  I64Eqz: num(0x50, 1, I32), I64Eq: num(0x51, 2, I32), I64Ne: num(0x52, 2, I32),
  I64LtS: num(0x53, 2, I32), I64LtU: num(0x54, 2, I32), I64GtS: num(0x55, 2, I32), I64GtU: num(0x56, 2, I32),
  I64LeS: num(0x57, 2, I32), I64LeU: num(0x58, 2, I32), I64GeS: num(0x59, 2, I32), I64GeU: num(0x5a, 2, I32),
  F32Eq: num(0x5b, 2, I32), F32Ne: num(0x5c, 2, I32), F32Lt: num(0x5d, 2, I32),
  F32Gt: num(0x5e, 2, I32), F32Le: num(0x5f, 2, I32), F32Ge: num(0x60, 2, I32),
  F64Eq: num(0x61, 2, I32), F64Ne: num(0x62, 2, I32), F64Lt: num(0x63, 2, I32),
  F64Gt: num(0x64, 2, I32), F64Le: num(0x65, 2, I32), F64Ge: num(0x66, 2, I32),
  I32Clz: num(0x67, 1, I32), I32Ctz: num(0x68, 1, I32), I32Popcnt: num(0x69, 1, I32),
  I32Add: numImm(0x6a, I32, "I32AddImm", "I32AddImm"),
  I32Sub: numImm(0x6b, I32, "I32AddImm", undefined, (lo) => -lo | 0),
  I32Mul: numImm(0x6c, I32, "I32MulImm", "I32MulImm"),
  I32DivS: num(0x6d, 2, I32), I32DivU: num(0x6e, 2, I32), I32RemS: num(0x6f, 2, I32), I32RemU: num(0x70, 2, I32),
  I32And: numImm(0x71, I32, "I32AndImm", "I32AndImm"), I32Or: numImm(0x72, I32, "I32OrImm", "I32OrImm"),
  I32Xor: numImm(0x73, I32, "I32XorImm", "I32XorImm"),
  I32Shl: numImm(0x74, I32, "I32ShlImm", undefined, count32),
  I32ShrS: numImm(0x75, I32, "I32ShrSImm", undefined, count32),
  I32ShrU: numImm(0x76, I32, "I32ShrUImm", undefined, count32),
  I32Rotl: numImm(0x77, I32, "I32RotlImm", undefined, count32),
  I32Rotr: numImm(0x78, I32, "I32RotlImm", undefined, (lo) => -lo & 31),
  I64Clz: num(0x79, 1, I64), I64Ctz: num(0x7a, 1, I64), I64Popcnt: num(0x7b, 1, I64),
  I64Add: numImm(0x7c, I64, "I64AddImm", "I64AddImm", small64), I64Sub: numImm(0x7d, I64, "I64AddImm", undefined, negatedSmall64),
  I64Mul: num(0x7e, 2, I64),
  I64DivS: num(0x7f, 2, I64), I64DivU: num(0x80, 2, I64), I64RemS: num(0x81, 2, I64), I64RemU: num(0x82, 2, I64),
  I64And: num(0x83, 2, I64), I64Or: num(0x84, 2, I64), I64Xor: num(0x85, 2, I64),
  I64Shl: numImm(0x86, I64, "I64ShlImm", undefined, count64),
  I64ShrS: numImm(0x87, I64, "I64ShrSImm", undefined, count64),
  I64ShrU: numImm(0x88, I64, "I64ShrUImm", undefined, count64),
  I64Rotl: num(0x89, 2, I64), I64Rotr: num(0x8a, 2, I64),
  F32Abs: num(0x8b, 1, F32), F32Neg: num(0x8c, 1, F32), F32Ceil: num(0x8d, 1, F32), F32Floor: num(0x8e, 1, F32),
  F32Trunc: num(0x8f, 1, F32), F32Nearest: num(0x90, 1, F32), F32Sqrt: num(0x91, 1, F32),
  F32Add: num(0x92, 2, F32), F32Sub: num(0x93, 2, F32), F32Mul: num(0x94, 2, F32), F32Div: num(0x95, 2, F32),
  F32Min: num(0x96, 2, F32), F32Max: num(0x97, 2, F32), F32Copysign: num(0x98, 2, F32),
  F64Abs: num(0x99, 1, F64), F64Neg: num(0x9a, 1, F64), F64Ceil: num(0x9b, 1, F64), F64Floor: num(0x9c, 1, F64),
  F64Trunc: num(0x9d, 1, F64), F64Nearest: num(0x9e, 1, F64), F64Sqrt: num(0x9f, 1, F64),
  F64Add: num(0xa0, 2, F64), F64Sub: num(0xa1, 2, F64), F64Mul: num(0xa2, 2, F64), F64Div: num(0xa3, 2, F64),
  F64Min: num(0xa4, 2, F64), F64Max: num(0xa5, 2, F64), F64Copysign: num(0xa6, 2, F64),
  I32TruncF32S: num(0xa8, 1, I32), I32TruncF32U: num(0xa9, 1, I32),
  I32TruncF64S: num(0xaa, 1, I32), I32TruncF64U: num(0xab, 1, I32),
  I64ExtendI32S: num(0xac, 1, I64), I64ExtendI32U: num(0xad, 1, I64),
  I64TruncF32S: num(0xae, 1, I64), I64TruncF32U: num(0xaf, 1, I64),
  I64TruncF64S: num(0xb0, 1, I64), I64TruncF64U: num(0xb1, 1, I64),
  F32ConvertI32S: num(0xb2, 1, F32), F32ConvertI32U: num(0xb3, 1, F32),
  F32ConvertI64S: num(0xb4, 1, F32), F32ConvertI64U: num(0xb5, 1, F32), F32DemoteF64: num(0xb6, 1, F32),
  F64ConvertI32S: num(0xb7, 1, F64), F64ConvertI32U: num(0xb8, 1, F64),
  F64ConvertI64S: num(0xb9, 1, F64), F64ConvertI64U: num(0xba, 1, F64), F64PromoteF32: num(0xbb, 1, F64),
  I32Extend8S: num(0xc0, 1, I32), I32Extend16S: num(0xc1, 1, I32),
  I64Extend8S: num(0xc2, 1, I64), I64Extend16S: num(0xc3, 1, I64), I64Extend32S: num(0xc4, 1, I64),
  I32TruncSatF32S: num(0xfc00, 1, I32), I32TruncSatF32U: num(0xfc01, 1, I32),
  I32TruncSatF64S: num(0xfc02, 1, I32), I32TruncSatF64U: num(0xfc03, 1, I32),
  I64TruncSatF32S: num(0xfc04, 1, I64), I64TruncSatF32U: num(0xfc05, 1, I64),
  I64TruncSatF64S: num(0xfc06, 1, I64), I64TruncSatF64U: num(0xfc07, 1, I64),
};

/** Every opcode's operand layout and translator facts. */
export const OP_INFO: { readonly [K in OpName]: OpInfo } = Object.fromEntries(
  (Object.keys(Op).filter((k) => Number.isNaN(Number(k))) as OpName[])
    .map((name) => [name, { operands: OP_LAYOUTS[Op[name]]!, ...META[name] }]),
) as { readonly [K in OpName]: OpInfo };

/** Operand layout of opcode `op`, indexed by number. */
export const OP_OPERANDS: readonly string[] = OP_LAYOUTS;

/** The pc of the instruction after the one at `pc` of encoded `code` (its operand words: one each, a
 * target list its count and count + 1 targets). */
export function nextInstruction(code: ArrayLike<number>, pc: number): number {
  const layout = OP_OPERANDS[code[pc]!]!;
  pc++;
  for (let i = 0; i < layout.length; i++) pc += layout[i] === "L" ? code[pc]! + 2 : 1;
  return pc;
}

/** Wasm opcode -> the instruction implementing it 1:1, with its info. */
export const OP_OF_WASM: ReadonlyMap<number, { op: Op; info: OpInfo }> = new Map(
  (Object.keys(OP_INFO) as OpName[])
    .filter((name) => OP_INFO[name].wasm !== undefined)
    .map((name) => [OP_INFO[name].wasm!, { op: Op[name], info: OP_INFO[name] }]),
);
