// The interpreter loop: one `switch` over the register bytecode (opcodes `Op` below, operand layouts in
// translate/ops.ts). Wasm calls push a frame record instead of recursing in JS; the callee's frame starts
// at the caller's first argument register. Everything hot is in local variables: pc, frame base (in
// words), code, the slot views, the current instance's memory-0 view and globals. Offsets are written
// `(pc + k) | 0` and `(fp2 + r) | 0`: the `| 0` tells the JIT the sum stays an int32, which drops an
// overflow check from every operand access (a bad index is still caught by the bounds check).
// Interrupts and deadlines cost a decrement per taken branch and call (poll.ts).
// Backtraces cost nothing on the way: an error leaving the loop gets its Wasm frames in the catch around
// it (backtrace.ts), the one place where pc and depth are known.

import {
  FuncKind, Trap, TrapCode,
  type FuncEntity, type GlobalEntity, type InstanceEntity, type MemoryEntity, type PrunedStore,
} from "@wasmi-ts/store";
import type { CompiledModule } from "../module/compiled.js";
import type { CompiledFunc } from "../translate/compiled-func.js";
import { addressOperand, loadFrom, storeTo } from "./memory-access.js";
import { recordBacktrace } from "./backtrace.js";
import { memoryCopy, memoryFill, memoryGrow, memoryInit, tableCopy, tableFill, tableGrow, tableInit } from "./bulk.js";
import { globalGetRef, globalSetRef, refFunc, tableGet, tableSet } from "./refs.js";
import { suspendsOnFuel } from "./suspend.js";
import { simdMemOp, simdOp, simdShuffleOp } from "./simd/instructions.js";
import { POLL_INTERVAL, poll } from "./poll.js";
import type { ExecState } from "./state.js";
import {
  f32ConvertI64S, f32ConvertI64U, f32Max, f32Min, f32Nearest, f64ConvertI64S, f64ConvertI64U, f64Max, f64Min,
  f64Nearest, i32DivS, i32DivU, i32Popcnt, i32RemS, i32RemU, i32Ctz, i32TruncF32S, i32TruncF32U,
  i32TruncF64S, i32TruncF64U, i32TruncSatF32S, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U,
  i64Clz, i64Ctz, i64DivS, i64DivU, i64Extend16S, i64Extend32S, i64Extend8S,
  i64Popcnt, i64RemS, i64RemU, i64Rotl, i64Rotr, i64Shl, i64ShrS,
  i64ShrU, i64TruncF32S, i64TruncF32U, i64TruncF64S, i64TruncF64U, i64TruncSatF32S, i64TruncSatF32U,
  i64TruncSatF64S, i64TruncSatF64U,
} from "./numeric/index.js";

/**
 * The opcodes of the register bytecode, numbered in declaration order. Declared in this file so that
 * the `case Op.X` labels below compile to literals (transpilers inline enum members only within the
 * declaring file), which lets the engine build a jump table. Operand layouts: translate/ops.ts.
 */
export enum Op {
  // control
  Trap, Br, CopyBr, BrIfNez, BrIfEqz,
  BrIfI32Eq, BrIfI32Ne, BrIfI32LtS, BrIfI32LtU, BrIfI32LeS, BrIfI32LeU,
  BrTable, Return, ReturnReg, Call, CallFunc, CallIndirect, ReturnCall, ReturnCallFunc, ReturnCallIndirect,
  /** Pays a region's fuel (Config.consumeFuel): at function entry, loop headers, `if` and `else` arms. */
  ConsumeFuel,
  // moves
  Copy, Select, GlobalGet, GlobalSet,
  Copy128, Select128, GlobalGet128, GlobalSet128,
  // memory
  I32Load, I64Load, I32Load8S, I32Load8U, I32Load16S, I32Load16U,
  I64Load8S, I64Load8U, I64Load16S, I64Load16U, I64Load32S, I64Load32U,
  I32Store, I64Store, I32Store8, I32Store16, I64Store8, I64Store16, I64Store32,
  MemorySize, MemoryGrow, MemoryInit, DataDrop, MemoryCopy, MemoryFill,
  /** Loads and stores on other memories than a 32-bit memory 0 (multi-memory, memory64). */
  LoadMem, StoreMem,
  /** Loads and stores whose address is an `i32.add` of two registers (the add is folded in). */
  I32LoadIdx, I32Load8SIdx, I32Load8UIdx, I32Load16SIdx, I32Load16UIdx, I32StoreIdx, I32Store8Idx,
  // tables and references
  TableGet, TableSet, TableSize, TableGrow, TableFill, TableCopy, TableInit, ElemDrop,
  RefIsNull, RefFunc, GlobalGetRef, GlobalSetRef,
  // i32
  I32Eqz, I32Eq, I32Ne, I32LtS, I32LtU, I32GtS, I32GtU, I32LeS, I32LeU, I32GeS, I32GeU,
  // i64 comparisons
  I64Eqz, I64Eq, I64Ne, I64LtS, I64LtU, I64GtS, I64GtU, I64LeS, I64LeU, I64GeS, I64GeU,
  // float comparisons
  F32Eq, F32Ne, F32Lt, F32Gt, F32Le, F32Ge,
  F64Eq, F64Ne, F64Lt, F64Gt, F64Le, F64Ge,
  // i32 arithmetic
  I32Clz, I32Ctz, I32Popcnt, I32Add, I32Sub, I32Mul, I32DivS, I32DivU, I32RemS, I32RemU,
  I32And, I32Or, I32Xor, I32Shl, I32ShrS, I32ShrU, I32Rotl, I32Rotr,
  // i64 arithmetic
  I64Clz, I64Ctz, I64Popcnt, I64Add, I64Sub, I64Mul, I64DivS, I64DivU, I64RemS, I64RemU,
  I64And, I64Or, I64Xor, I64Shl, I64ShrS, I64ShrU, I64Rotl, I64Rotr,
  // f32 arithmetic
  F32Abs, F32Neg, F32Ceil, F32Floor, F32Trunc, F32Nearest, F32Sqrt,
  F32Add, F32Sub, F32Mul, F32Div, F32Min, F32Max, F32Copysign,
  // f64 arithmetic
  F64Abs, F64Neg, F64Ceil, F64Floor, F64Trunc, F64Nearest, F64Sqrt,
  F64Add, F64Sub, F64Mul, F64Div, F64Min, F64Max, F64Copysign,
  // conversions (wrap and reinterpret need no instruction: they only retype the value)
  I32TruncF32S, I32TruncF32U, I32TruncF64S, I32TruncF64U,
  I64ExtendI32S, I64ExtendI32U, I64TruncF32S, I64TruncF32U, I64TruncF64S, I64TruncF64U,
  F32ConvertI32S, F32ConvertI32U, F32ConvertI64S, F32ConvertI64U, F32DemoteF64,
  F64ConvertI32S, F64ConvertI32U, F64ConvertI64S, F64ConvertI64U, F64PromoteF32,
  I32Extend8S, I32Extend16S, I64Extend8S, I64Extend16S, I64Extend32S,
  I32TruncSatF32S, I32TruncSatF32U, I32TruncSatF64S, I32TruncSatF64U,
  I64TruncSatF32S, I64TruncSatF32U, I64TruncSatF64S, I64TruncSatF64U,
  // immediate forms: the second operand is a constant, inlined into the code
  I32AddImm, I32MulImm, I32AndImm, I32OrImm, I32XorImm, I32ShlImm, I32ShrSImm, I32ShrUImm, I32RotlImm,
  I32EqImm, I32NeImm, I32LtSImm, I32LtUImm, I32GtSImm, I32GtUImm, I32LeSImm, I32LeUImm, I32GeSImm, I32GeUImm,
  I64ShlImm, I64ShrSImm, I64ShrUImm,
  I32ShrUAndImm, Copy2,
  I32XorRotlImm, I32XorShrUImm, I64XorShlImm, I64XorShrUImm,
  I32AddAdd, I32Add3, I32AddMulImm, I32AddLoad, I32AddMul, I32AddShrUAndImm, I32MulShrUAndImm, I32XorAnd, I32AndXor, I32RotlXorRotlImm,
  I32XorAndXor, I32AndXorXorAnd, I32Rotl3XorImm, I32Rotl2XorShrUImm, I32AddXorAndXor, I32AddRotl3XorImm,
  I64AddMul, I32MulLoad16SIdx, I32MulLoad16UIdx, I32AddLoad16SIdx,
  BrIfI32EqImm, BrIfI32NeImm, BrIfI32LtSImm, BrIfI32LtUImm, BrIfI32GtSImm, BrIfI32GtUImm,
  BrIfI32LeSImm, BrIfI32LeUImm, BrIfI32GeSImm, BrIfI32GeUImm,
  I32AddImmBrIfNez, I32AddImmBrIfEqz, I32AddImmBrIfEq, I32AddImmBrIfNe, I32AddImmBrIfLtS, I32AddImmBrIfLtU, I32AddImmBrIfLeS, I32AddImmBrIfLeU,
  I32AddImmBrIfEqImm, I32AddImmBrIfNeImm, I32AddImmBrIfLtSImm, I32AddImmBrIfLtUImm, I32AddImmBrIfGtSImm,
  I32AddImmBrIfGtUImm, I32AddImmBrIfLeSImm, I32AddImmBrIfLeUImm, I32AddImmBrIfGeSImm, I32AddImmBrIfGeUImm, I32AddImmAddImmBrIfNeImm,
  I32Load8UBrIfEqz, I32Load8UBrIfNez, I32Load8UIdxBrIfNe,
  I32StoreAddImm, I32StoreIdxAddImm, I32Store8AddImm, I32Store8IdxAddImm,
  BrIfF32Eq, BrIfF32Ne, BrIfF32Lt, BrIfF32Le, BrIfF32NotLt, BrIfF32NotLe,
  BrIfF64Eq, BrIfF64Ne, BrIfF64Lt, BrIfF64Le, BrIfF64NotLt, BrIfF64NotLe,
  F64AddMul, F64SubMul, F64MulAddMul, F64MulSubMul,
  // SIMD (see simd-ops.ts and interpret/simd/): lane-wise work on v128 registers (two slots)
  Simd, SimdShuffle, SimdMem,
}

const EMPTY_BYTES = new Uint8Array(0);
const EMPTY_WORDS = new Int32Array(0);
/** Typed arrays use the host's byte order; Wasm memory is little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const EMPTY_VIEW = new DataView(EMPTY_BYTES.buffer);

function trap(code: TrapCode): never {
  throw new Trap(code);
}

/** Lazy translation (translate/: passed in, as the translator depends on this file's `Op`). */
export type Translate = (module: CompiledModule, definedIndex: number) => CompiledFunc;

/** The translated code of a Wasm function entity. */
function compiledOf(func: FuncEntity, translate: Translate): CompiledFunc {
  const module = func.instance!.module as CompiledModule;
  const defined = func.index - module.ir.numImportedFuncs;
  return module.code[defined] ?? translate(module, defined);
}

function slotsOf(types: readonly number[]): number {
  let n = 0;
  for (const t of types) n += t === 0x7b ? 2 : 1;
  return n;
}

/** Runs Wasm function `func` whose parameters are in stack slots `base..`; results end up there. */
export function runInterpreterLoop(store: PrunedStore, state: ExecState, func: FuncEntity, base: number, translate: Translate): void {
  const stack = state.stack;
  // module constants are read through a checked binding (TDZ): a local copy is a plain register
  const littleEndian = LITTLE_ENDIAN;
  const maxDepth = store.limits.maxCallDepth;
  const maxSlots = store.limits.maxValueSlots;
  const entryDepth = state.depth;
  let depth = entryDepth;
  // the call stack (a nested execution may grow `frames`: reloaded after host calls)
  let frames = state.frames;
  const frameFuncs = state.frameFuncs;
  const frameInstances = state.frameInstances;

  // a resumed execution continues where it was suspended (execution.ts), else `func` is called
  const resuming = state.resuming;
  state.resuming = false;
  let inst: InstanceEntity = resuming ? state.contInst! : func.instance!;
  let mod = inst.module as CompiledModule;
  let globals: GlobalEntity[] = inst.globals;
  let mem: MemoryEntity | null = inst.memories.length > 0 ? inst.memories[0]! : null;
  let view = mem === null ? EMPTY_VIEW : mem.view;
  let u8 = mem === null ? EMPTY_BYTES : mem.u8;
  // aligned 32-bit accesses go through an Int32Array view (on little-endian hosts: see littleEndian)
  let m32 = mem === null ? EMPTY_WORDS : mem.i32;
  let memLen = u8.length;
  let memGen = mem === null ? 0 : mem.generation;

  let i32 = stack.i32;
  let f32 = stack.f32;
  let f64 = stack.f64;

  let cf = resuming ? state.contFunc! : compiledOf(func, translate);
  let code = cf.code;
  let pc = resuming ? state.contPc : 0;
  let fp2 = resuming ? state.contFp2 : base * 2;
  if (resuming) depth = state.contDepth;

  // call target, set by the call instructions before they leave the switch (null: a return)
  let callee: CompiledFunc | null = null;
  let calleeInst: InstanceEntity = inst;
  let argOffset = 0;
  let tail = false;

  if (!resuming) {
    if ((fp2 >> 1) + cf.frameSlots > stack.length) {
      if ((fp2 >> 1) + cf.frameSlots > maxSlots) trap(TrapCode.StackOverflow);
      stack.ensure((fp2 >> 1) + cf.frameSlots);
      i32 = stack.i32;
      f32 = stack.f32;
      f64 = stack.f64;
    }
    initFrame(i32, fp2, cf);
  }

  // taken branches and calls until the next check for interrupts and deadlines (poll.ts)
  let budget = POLL_INTERVAL;

  try {
    if (state.rethrow) {
      // resumed with an error (a rejected async host call): it is the suspended call's
      state.rethrow = false;
      state.resumable = false; // an error given to throw is not a reason to suspend again
      pc = state.contCallPc;
      throw state.resumeError;
    }
    for (;;) {
      // Straight-line instructions and returns `continue`. A taken branch leaves the block with `break
      // branch`, and a call falls out of its end: both count down the budget of polling (poll.ts), so
      // every loop iteration and every call can be interrupted. (The block's body is not indented.)
      branch: {
      switch (code[pc]) {
        case Op.Trap: trap(code[(pc + 1) | 0] as TrapCode);
        case Op.Br: pc = code[(pc + 1) | 0]; break branch;
        case Op.I32AddAdd:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) | 0;
          i32[(fp2 + code[(pc + 5) | 0]) | 0] = (i32[(fp2 + code[(pc + 6) | 0]) | 0] + i32[(fp2 + code[(pc + 7) | 0]) | 0]) | 0;
          pc = (pc + 8) | 0;
          continue;
        case Op.CopyBr: {
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const s = (fp2 + code[(pc + 2) | 0]) | 0;
          i32[d] = i32[s];
          i32[d + 1] = i32[s + 1];
          pc = code[(pc + 3) | 0];
          break branch;
        }
        case Op.BrIfNez: if (i32[(fp2 + code[(pc + 1) | 0]) | 0] !== 0) { pc = code[(pc + 2) | 0]; break branch; } pc = (pc + 3) | 0; continue;
        case Op.BrIfEqz: if (i32[(fp2 + code[(pc + 1) | 0]) | 0] === 0) { pc = code[(pc + 2) | 0]; break branch; } pc = (pc + 3) | 0; continue;
        case Op.BrIfI32Eq: if (i32[(fp2 + code[(pc + 1) | 0]) | 0] === i32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32Ne: if (i32[(fp2 + code[(pc + 1) | 0]) | 0] !== i32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32LtS: if (i32[(fp2 + code[(pc + 1) | 0]) | 0] < i32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32LtU:
          if ((i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) < (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0)) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32LeS: if (i32[(fp2 + code[(pc + 1) | 0]) | 0] <= i32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32LeU:
          if ((i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) <= (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0)) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32EqImm: if (i32[(fp2 + code[(pc + 1) | 0]) | 0] === code[(pc + 2) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32NeImm: if (i32[(fp2 + code[(pc + 1) | 0]) | 0] !== code[(pc + 2) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32LtSImm: if (i32[(fp2 + code[(pc + 1) | 0]) | 0] < code[(pc + 2) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32LtUImm:
          if ((i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) < (code[(pc + 2) | 0] >>> 0)) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32GtSImm: if (i32[(fp2 + code[(pc + 1) | 0]) | 0] > code[(pc + 2) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32GtUImm:
          if ((i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) > (code[(pc + 2) | 0] >>> 0)) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32LeSImm: if (i32[(fp2 + code[(pc + 1) | 0]) | 0] <= code[(pc + 2) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32LeUImm:
          if ((i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) <= (code[(pc + 2) | 0] >>> 0)) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32GeSImm: if (i32[(fp2 + code[(pc + 1) | 0]) | 0] >= code[(pc + 2) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfI32GeUImm:
          if ((i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) >= (code[(pc + 2) | 0] >>> 0)) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        // an add immediate (any registers) followed by a conditional branch: dst, src, imm, then the branch's operands
        case Op.I32AddImmBrIfNez:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] !== 0) { pc = code[(pc + 5) | 0]; break branch; }
          pc = (pc + 6) | 0;
          continue;
        case Op.I32AddImmBrIfEqz:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] === 0) { pc = code[(pc + 5) | 0]; break branch; }
          pc = (pc + 6) | 0;
          continue;
        case Op.I32AddImmBrIfEq:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] === i32[(fp2 + code[(pc + 5) | 0]) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfNe:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] !== i32[(fp2 + code[(pc + 5) | 0]) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfLtS:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] < i32[(fp2 + code[(pc + 5) | 0]) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfLtU:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if ((i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) < (i32[(fp2 + code[(pc + 5) | 0]) | 0] >>> 0)) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfLeS:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] <= i32[(fp2 + code[(pc + 5) | 0]) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfLeU:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if ((i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) <= (i32[(fp2 + code[(pc + 5) | 0]) | 0] >>> 0)) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfEqImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] === code[(pc + 5) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfNeImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] !== code[(pc + 5) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfLtSImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] < code[(pc + 5) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfLtUImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if ((i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) < (code[(pc + 5) | 0] >>> 0)) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfGtSImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] > code[(pc + 5) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfGtUImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if ((i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) > (code[(pc + 5) | 0] >>> 0)) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfLeSImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] <= code[(pc + 5) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfLeUImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if ((i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) <= (code[(pc + 5) | 0] >>> 0)) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfGeSImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] >= code[(pc + 5) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmBrIfGeUImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if ((i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) >= (code[(pc + 5) | 0] >>> 0)) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddImmAddImmBrIfNeImm: {
          // two induction variables stepped at the bottom of a loop, the second one tested
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          const v = (i32[(fp2 + code[(pc + 5) | 0]) | 0] + code[(pc + 6) | 0]) | 0;
          i32[(fp2 + code[(pc + 4) | 0]) | 0] = v;
          if (v !== code[(pc + 7) | 0]) { pc = code[(pc + 8) | 0]; break branch; }
          pc = (pc + 9) | 0;
          continue;
        }
        case Op.I32Load8UBrIfEqz: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
          const v = u8[ea];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = v;
          if (v === 0) { pc = code[(pc + 4) | 0]; break branch; }
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.I32Load8UBrIfNez: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
          const v = u8[ea];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = v;
          if (v !== 0) { pc = code[(pc + 4) | 0]; break branch; }
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.I32Load8UIdxBrIfNe: {
          const ea = ((i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
          const v = u8[ea];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = v;
          if (v !== i32[(fp2 + code[(pc + 5) | 0]) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        }
        case Op.BrIfF32Eq: if (f32[(fp2 + code[(pc + 1) | 0]) | 0] === f32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfF32Ne: if (f32[(fp2 + code[(pc + 1) | 0]) | 0] !== f32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfF32Lt: if (f32[(fp2 + code[(pc + 1) | 0]) | 0] < f32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfF32Le: if (f32[(fp2 + code[(pc + 1) | 0]) | 0] <= f32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfF32NotLt: if (!(f32[(fp2 + code[(pc + 1) | 0]) | 0] < f32[(fp2 + code[(pc + 2) | 0]) | 0])) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfF32NotLe: if (!(f32[(fp2 + code[(pc + 1) | 0]) | 0] <= f32[(fp2 + code[(pc + 2) | 0]) | 0])) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfF64Eq: if (f64[(fp2 + code[(pc + 1) | 0]) >> 1] === f64[(fp2 + code[(pc + 2) | 0]) >> 1]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfF64Ne: if (f64[(fp2 + code[(pc + 1) | 0]) >> 1] !== f64[(fp2 + code[(pc + 2) | 0]) >> 1]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfF64Lt: if (f64[(fp2 + code[(pc + 1) | 0]) >> 1] < f64[(fp2 + code[(pc + 2) | 0]) >> 1]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfF64Le: if (f64[(fp2 + code[(pc + 1) | 0]) >> 1] <= f64[(fp2 + code[(pc + 2) | 0]) >> 1]) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfF64NotLt: if (!(f64[(fp2 + code[(pc + 1) | 0]) >> 1] < f64[(fp2 + code[(pc + 2) | 0]) >> 1])) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.BrIfF64NotLe: if (!(f64[(fp2 + code[(pc + 1) | 0]) >> 1] <= f64[(fp2 + code[(pc + 2) | 0]) >> 1])) { pc = code[(pc + 3) | 0]; break branch; } pc = (pc + 4) | 0; continue;
        case Op.F64AddMul: f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] + f64[(fp2 + code[(pc + 3) | 0]) >> 1] * f64[(fp2 + code[(pc + 4) | 0]) >> 1]; pc = (pc + 5) | 0; continue;
        case Op.F64SubMul: f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] - f64[(fp2 + code[(pc + 3) | 0]) >> 1] * f64[(fp2 + code[(pc + 4) | 0]) >> 1]; pc = (pc + 5) | 0; continue;
        case Op.F64MulAddMul: f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] * f64[(fp2 + code[(pc + 3) | 0]) >> 1] + f64[(fp2 + code[(pc + 4) | 0]) >> 1] * f64[(fp2 + code[(pc + 5) | 0]) >> 1]; pc = (pc + 6) | 0; continue;
        case Op.F64MulSubMul: f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] * f64[(fp2 + code[(pc + 3) | 0]) >> 1] - f64[(fp2 + code[(pc + 4) | 0]) >> 1] * f64[(fp2 + code[(pc + 5) | 0]) >> 1]; pc = (pc + 6) | 0; continue;
        case Op.BrTable: {
          const n = code[(pc + 2) | 0];
          const i = i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0;
          pc = code[pc + 3 + (i < n ? i : n)];
          break branch;
        }
        case Op.Return:
          callee = null;
          break;
        case Op.ReturnReg: {
          const s = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[fp2] = i32[s];
          i32[fp2 + 1] = i32[s + 1];
          callee = null;
          break;
        }
        case Op.Call: {
          const m = mod.code[code[(pc + 1) | 0]];
          callee = m !== undefined ? m : translate(mod, code[(pc + 1) | 0]);
          calleeInst = inst;
          argOffset = code[(pc + 2) | 0];
          pc = (pc + 3) | 0;
          break;
        }
        case Op.ReturnCall: {
          const m = mod.code[code[(pc + 1) | 0]];
          callee = m !== undefined ? m : translate(mod, code[(pc + 1) | 0]);
          calleeInst = inst;
          argOffset = code[(pc + 2) | 0];
          tail = true;
          pc = (pc + 3) | 0;
          break;
        }
        case Op.CallFunc:
        case Op.CallIndirect:
        case Op.ReturnCallFunc:
        case Op.ReturnCallIndirect: {
          const op = code[pc];
          let target: FuncEntity;
          let next: number;
          if (op === Op.CallFunc || op === Op.ReturnCallFunc) {
            target = inst.funcs[code[(pc + 1) | 0]]!;
            argOffset = code[(pc + 2) | 0];
            next = pc + 3;
          } else {
            const table = inst.tables[code[(pc + 2) | 0]]!.elements;
            const i = i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0;
            if (i >= table.length) trap(TrapCode.UndefinedElement);
            const ref = table[i];
            if (ref === null) trap(TrapCode.IndirectCallToNull);
            target = ref as FuncEntity;
            if (target.type.id !== inst.typeIds[code[(pc + 1) | 0]]) trap(TrapCode.BadSignature);
            argOffset = code[(pc + 4) | 0];
            next = pc + 5;
          }
          tail = op === Op.ReturnCallFunc || op === Op.ReturnCallIndirect;
          if (target.kind === FuncKind.Host) {
            const argBase = (fp2 + argOffset) >> 1;
            const type = target.type;
            const resultSlots = slotsOf(type.results);
            const need = argBase + Math.max(slotsOf(type.params), resultSlots);
            if (need > maxSlots) trap(TrapCode.StackOverflow);
            stack.ensure(need);
            state.depth = depth;
            state.sp = Math.max(need, (fp2 >> 1) + cf.frameSlots);
            target.host!(store, inst, stack, argBase);
            if (store.suspendRequest !== null) {
              // the host function asked to suspend here (execution.ts); it completes on resume
              state.suspendAt(next, pc, fp2, cf, inst, depth, tail, argBase, resultSlots);
              return;
            }
            pc = next; // only now: an error from the host function is the call's (backtraces)
            frames = state.frames;
            i32 = stack.i32;
            f32 = stack.f32;
            f64 = stack.f64;
            if (mem !== null && mem.generation !== memGen) {
              view = mem.view; u8 = mem.u8; m32 = mem.i32; memLen = u8.length; memGen = mem.generation;
            }
            if (!tail) continue;
            // a host tail call: its results are this function's results
            for (let w = 0; w < 2 * resultSlots; w++) i32[fp2 + w] = i32[fp2 + argOffset + w];
            tail = false;
            callee = null;
            break;
          }
          callee = compiledOf(target, translate);
          calleeInst = target.instance!;
          pc = next;
          break;
        }
        case Op.ConsumeFuel: {
          const left = store.fuel - code[(pc + 1) | 0];
          if (left < 0) trap(TrapCode.OutOfFuel);
          store.fuel = left;
          pc = (pc + 2) | 0;
          continue;
        }

        case Op.Copy: {
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const s = (fp2 + code[(pc + 2) | 0]) | 0;
          i32[d] = i32[s];
          i32[d + 1] = i32[s + 1];
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.Select: {
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const s = fp2 + (i32[(fp2 + code[(pc + 2) | 0]) | 0] !== 0 ? code[(pc + 3) | 0] : code[(pc + 4) | 0]);
          const lo = i32[s];
          const hi = i32[s + 1];
          i32[d] = lo;
          i32[d + 1] = hi;
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.GlobalGet: {
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const g = globals[code[(pc + 2) | 0]]!.i32;
          i32[d] = g[0];
          i32[d + 1] = g[1];
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.GlobalSet: {
          const s = (fp2 + code[(pc + 2) | 0]) | 0;
          const g = globals[code[(pc + 1) | 0]]!.i32;
          g[0] = i32[s];
          g[1] = i32[s + 1];
          pc = (pc + 3) | 0;
          continue;
        }

        case Op.Copy128: {
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const s = (fp2 + code[(pc + 2) | 0]) | 0;
          i32[d] = i32[s];
          i32[d + 1] = i32[s + 1];
          i32[d + 2] = i32[s + 2];
          i32[d + 3] = i32[s + 3];
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.Select128: {
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const s = fp2 + (i32[(fp2 + code[(pc + 2) | 0]) | 0] !== 0 ? code[(pc + 3) | 0] : code[(pc + 4) | 0]);
          const w0 = i32[s], w1 = i32[s + 1], w2 = i32[s + 2], w3 = i32[s + 3];
          i32[d] = w0;
          i32[d + 1] = w1;
          i32[d + 2] = w2;
          i32[d + 3] = w3;
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.GlobalGet128: {
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const g = globals[code[(pc + 2) | 0]]!.i32;
          for (let w = 0; w < 4; w++) i32[d + w] = g[w];
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.GlobalSet128: {
          const s = (fp2 + code[(pc + 2) | 0]) | 0;
          const g = globals[code[(pc + 1) | 0]]!.i32;
          for (let w = 0; w < 4; w++) g[w] = i32[s + w];
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.Simd:
          simdOp(i32, fp2, code, pc);
          pc = (pc + 7) | 0;
          continue;
        case Op.SimdShuffle:
          simdShuffleOp(i32, fp2, code, pc);
          pc = (pc + 8) | 0;
          continue;
        case Op.SimdMem:
          simdMemOp(inst, i32, fp2, code, pc);
          pc = (pc + 8) | 0;
          continue;

        // ---- memory: effective address = u32 address + u32 offset, checked in doubles
        case Op.I32Load: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (ea & 3) === 0 && littleEndian ? m32[ea >>> 2] : view.getInt32(ea, true);
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Load: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 8 > memLen) trap(TrapCode.MemoryOutOfBounds);
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d] = view.getInt32(ea, true);
          i32[d + 1] = view.getInt32(ea + 4, true);
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I32Load8S: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getInt8(ea);
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I32Load8U: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = u8[ea];
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I32Load16S: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.MemoryOutOfBounds);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getInt16(ea, true);
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I32Load16U: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.MemoryOutOfBounds);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getUint16(ea, true);
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Load8S: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const v = view.getInt8(ea);
          i32[d] = v;
          i32[d + 1] = v >> 31;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Load8U: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d] = u8[ea];
          i32[d + 1] = 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Load16S: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.MemoryOutOfBounds);
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const v = view.getInt16(ea, true);
          i32[d] = v;
          i32[d + 1] = v >> 31;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Load16U: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.MemoryOutOfBounds);
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d] = view.getUint16(ea, true);
          i32[d + 1] = 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Load32S: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const v = view.getInt32(ea, true);
          i32[d] = v;
          i32[d + 1] = v >> 31;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Load32U: {
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d] = view.getInt32(ea, true);
          i32[d + 1] = 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I32Store: {
          const ea = (i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
          if ((ea & 3) === 0 && littleEndian) m32[ea >>> 2] = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          else view.setInt32(ea, i32[(fp2 + code[(pc + 2) | 0]) | 0], true);
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Store: {
          const ea = (i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 8 > memLen) trap(TrapCode.MemoryOutOfBounds);
          const s = (fp2 + code[(pc + 2) | 0]) | 0;
          view.setInt32(ea, i32[s], true);
          view.setInt32(ea + 4, i32[s + 1], true);
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I32Store8:
        case Op.I64Store8: {
          const ea = (i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
          u8[ea] = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I32Store16:
        case Op.I64Store16: {
          const ea = (i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.MemoryOutOfBounds);
          view.setInt16(ea, i32[(fp2 + code[(pc + 2) | 0]) | 0], true);
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Store32: {
          const ea = (i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
          view.setInt32(ea, i32[(fp2 + code[(pc + 2) | 0]) | 0], true);
          pc = (pc + 4) | 0;
          continue;
        }
        // ---- memory, address = (base + index) mod 2^32, then + offset
        case Op.I32LoadIdx: {
          const ea = ((i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (ea & 3) === 0 && littleEndian ? m32[ea >>> 2] : view.getInt32(ea, true);
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.I32Load8SIdx: {
          const ea = ((i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (u8[ea] << 24) >> 24;
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.I32Load8UIdx: {
          const ea = ((i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = u8[ea];
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.I32Load16SIdx: {
          const ea = ((i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.MemoryOutOfBounds);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getInt16(ea, true);
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.I32Load16UIdx: {
          const ea = ((i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.MemoryOutOfBounds);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getUint16(ea, true);
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.I32StoreIdx: {
          const ea = ((i32[(fp2 + code[(pc + 1) | 0]) | 0] + i32[(fp2 + code[(pc + 2) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
          if ((ea & 3) === 0 && littleEndian) m32[ea >>> 2] = i32[(fp2 + code[(pc + 3) | 0]) | 0];
          else view.setInt32(ea, i32[(fp2 + code[(pc + 3) | 0]) | 0], true);
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.I32Store8Idx: {
          const ea = ((i32[(fp2 + code[(pc + 1) | 0]) | 0] + i32[(fp2 + code[(pc + 2) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
          u8[ea] = i32[(fp2 + code[(pc + 3) | 0]) | 0];
          pc = (pc + 5) | 0;
          continue;
        }
        // a store, then a pointer step (`*p++ = v`): dst, src, imm, then the store's operands
        case Op.I32StoreAddImm: {
          const ea = (i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) + (code[(pc + 6) | 0] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
          if ((ea & 3) === 0 && littleEndian) m32[ea >>> 2] = i32[(fp2 + code[(pc + 5) | 0]) | 0];
          else view.setInt32(ea, i32[(fp2 + code[(pc + 5) | 0]) | 0], true);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          pc = (pc + 7) | 0;
          continue;
        }
        case Op.I32StoreIdxAddImm: {
          const ea = ((i32[(fp2 + code[(pc + 4) | 0]) | 0] + i32[(fp2 + code[(pc + 5) | 0]) | 0]) >>> 0) + (code[(pc + 7) | 0] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
          if ((ea & 3) === 0 && littleEndian) m32[ea >>> 2] = i32[(fp2 + code[(pc + 6) | 0]) | 0];
          else view.setInt32(ea, i32[(fp2 + code[(pc + 6) | 0]) | 0], true);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          pc = (pc + 8) | 0;
          continue;
        }
        case Op.I32Store8AddImm: {
          const ea = (i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) + (code[(pc + 6) | 0] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
          u8[ea] = i32[(fp2 + code[(pc + 5) | 0]) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          pc = (pc + 7) | 0;
          continue;
        }
        case Op.I32Store8IdxAddImm: {
          const ea = ((i32[(fp2 + code[(pc + 4) | 0]) | 0] + i32[(fp2 + code[(pc + 5) | 0]) | 0]) >>> 0) + (code[(pc + 7) | 0] >>> 0);
          if (ea + 1 > memLen) trap(TrapCode.MemoryOutOfBounds);
          u8[ea] = i32[(fp2 + code[(pc + 6) | 0]) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          pc = (pc + 8) | 0;
          continue;
        }
        case Op.MemorySize: {
          const m = inst.memories[code[(pc + 2) | 0]]!;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d] = m.pages;
          i32[d + 1] = 0;
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.MemoryGrow:
          memoryGrow(store, inst, i32, fp2, code, pc);
          if (mem !== null && mem.generation !== memGen) {
            view = mem.view; u8 = mem.u8; m32 = mem.i32; memLen = u8.length; memGen = mem.generation;
          }
          pc = (pc + 4) | 0;
          continue;
        case Op.MemoryInit:
          memoryInit(store, inst, i32, fp2, code, pc);
          pc = (pc + 6) | 0;
          continue;
        case Op.DataDrop:
          inst.datas[code[(pc + 1) | 0]]!.drop();
          pc = (pc + 2) | 0;
          continue;
        case Op.MemoryCopy:
          memoryCopy(store, inst, i32, fp2, code, pc);
          pc = (pc + 6) | 0;
          continue;
        case Op.MemoryFill:
          memoryFill(store, inst, i32, fp2, code, pc);
          pc = (pc + 5) | 0;
          continue;
        case Op.LoadMem: {
          const m = inst.memories[code[(pc + 5) | 0]]!;
          const ea = addressOperand(i32, fp2 + code[(pc + 2) | 0], m.type.is64 === true) + (code[(pc + 3) | 0] >>> 0);
          loadFrom(m, code[(pc + 4) | 0], ea, i32, fp2 + code[(pc + 1) | 0]);
          pc = (pc + 6) | 0;
          continue;
        }
        case Op.StoreMem: {
          const m = inst.memories[code[(pc + 5) | 0]]!;
          const ea = addressOperand(i32, fp2 + code[(pc + 1) | 0], m.type.is64 === true) + (code[(pc + 3) | 0] >>> 0);
          storeTo(m, code[(pc + 4) | 0], ea, i32, fp2 + code[(pc + 2) | 0]);
          pc = (pc + 6) | 0;
          continue;
        }

        // ---- tables and references
        case Op.TableGet:
          tableGet(store, inst, i32, fp2, code, pc);
          pc = (pc + 4) | 0;
          continue;
        case Op.TableSet:
          tableSet(store, inst, i32, fp2, code, pc);
          pc = (pc + 4) | 0;
          continue;
        case Op.TableSize:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = inst.tables[code[(pc + 2) | 0]]!.elements.length;
          pc = (pc + 3) | 0;
          continue;
        case Op.TableGrow:
          tableGrow(store, inst, i32, fp2, code, pc);
          pc = (pc + 5) | 0;
          continue;
        case Op.TableFill:
          tableFill(store, inst, i32, fp2, code, pc);
          pc = (pc + 5) | 0;
          continue;
        case Op.TableCopy:
          tableCopy(store, inst, i32, fp2, code, pc);
          pc = (pc + 6) | 0;
          continue;
        case Op.TableInit:
          tableInit(store, inst, i32, fp2, code, pc);
          pc = (pc + 6) | 0;
          continue;
        case Op.ElemDrop:
          inst.elems[code[(pc + 1) | 0]]!.drop();
          pc = (pc + 2) | 0;
          continue;
        case Op.RefIsNull:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] === 0 ? 1 : 0;
          pc = (pc + 3) | 0;
          continue;
        case Op.RefFunc:
          refFunc(store, inst, i32, fp2, code, pc);
          pc = (pc + 3) | 0;
          continue;
        case Op.GlobalGetRef:
          globalGetRef(store, inst, i32, fp2, code, pc);
          pc = (pc + 3) | 0;
          continue;
        case Op.GlobalSetRef:
          globalSetRef(store, inst, i32, fp2, code, pc);
          pc = (pc + 3) | 0;
          continue;

        // ---- i32 comparisons
        case Op.I32Eqz: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] === 0 ? 1 : 0; pc = (pc + 3) | 0; continue;
        case Op.I32Eq:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] === i32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.I32Ne:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] !== i32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.I32LtS:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] < i32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.I32LtU:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) < (i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0; continue;
        case Op.I32GtS:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] > i32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.I32GtU:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) > (i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0; continue;
        case Op.I32LeS:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] <= i32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.I32LeU:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) <= (i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0; continue;
        case Op.I32GeS:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >= i32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.I32GeU:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) >= (i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0; continue;

        // ---- i64 comparisons
        case Op.I64Eqz: {
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[a] | i32[a + 1]) === 0 ? 1 : 0;
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.I64Eq: {
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[a] === i32[b] && i32[a + 1] === i32[b + 1] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Ne: {
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[a] !== i32[b] || i32[a + 1] !== i32[b + 1] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64LtS: { // high words first, then the low words unsigned
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const xh = i32[a + 1];
          const yh = i32[b + 1];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = xh < yh || (xh === yh && (i32[a] >>> 0) < (i32[b] >>> 0)) ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64LtU: { // high words first, then the low words unsigned
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const xh = i32[a + 1] >>> 0;
          const yh = i32[b + 1] >>> 0;
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = xh < yh || (xh === yh && (i32[a] >>> 0) < (i32[b] >>> 0)) ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64GtS: { // a > b  <=>  b < a
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const xh = i32[b + 1];
          const yh = i32[a + 1];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = xh < yh || (xh === yh && (i32[b] >>> 0) < (i32[a] >>> 0)) ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64GtU: { // a > b  <=>  b < a
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const xh = i32[b + 1] >>> 0;
          const yh = i32[a + 1] >>> 0;
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = xh < yh || (xh === yh && (i32[b] >>> 0) < (i32[a] >>> 0)) ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64LeS: { // a <= b  <=>  !(b < a)
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const xh = i32[b + 1];
          const yh = i32[a + 1];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = xh < yh || (xh === yh && (i32[b] >>> 0) < (i32[a] >>> 0)) ? 0 : 1;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64LeU: { // a <= b  <=>  !(b < a)
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const xh = i32[b + 1] >>> 0;
          const yh = i32[a + 1] >>> 0;
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = xh < yh || (xh === yh && (i32[b] >>> 0) < (i32[a] >>> 0)) ? 0 : 1;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64GeS: { // a >= b  <=>  !(a < b)
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const xh = i32[a + 1];
          const yh = i32[b + 1];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = xh < yh || (xh === yh && (i32[a] >>> 0) < (i32[b] >>> 0)) ? 0 : 1;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64GeU: { // a >= b  <=>  !(a < b)
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const xh = i32[a + 1] >>> 0;
          const yh = i32[b + 1] >>> 0;
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = xh < yh || (xh === yh && (i32[a] >>> 0) < (i32[b] >>> 0)) ? 0 : 1;
          pc = (pc + 4) | 0;
          continue;
        }

        // ---- float comparisons
        case Op.F32Eq: i32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] === f32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.F32Ne: i32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] !== f32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.F32Lt: i32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] < f32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.F32Gt: i32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] > f32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.F32Le: i32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] <= f32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.F32Ge: i32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] >= f32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.F64Eq:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] === f64[(fp2 + code[(pc + 3) | 0]) >> 1] ? 1 : 0;
          pc = (pc + 4) | 0; continue;
        case Op.F64Ne:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] !== f64[(fp2 + code[(pc + 3) | 0]) >> 1] ? 1 : 0;
          pc = (pc + 4) | 0; continue;
        case Op.F64Lt:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] < f64[(fp2 + code[(pc + 3) | 0]) >> 1] ? 1 : 0;
          pc = (pc + 4) | 0; continue;
        case Op.F64Gt:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] > f64[(fp2 + code[(pc + 3) | 0]) >> 1] ? 1 : 0;
          pc = (pc + 4) | 0; continue;
        case Op.F64Le:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] <= f64[(fp2 + code[(pc + 3) | 0]) >> 1] ? 1 : 0;
          pc = (pc + 4) | 0; continue;
        case Op.F64Ge:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] >= f64[(fp2 + code[(pc + 3) | 0]) >> 1] ? 1 : 0;
          pc = (pc + 4) | 0; continue;

        // ---- i32 arithmetic
        case Op.I32Clz: i32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.clz32(i32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I32Ctz: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32Ctz(i32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I32Popcnt: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32Popcnt(i32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I32Add: i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) | 0; pc = (pc + 4) | 0; continue;
        case Op.I32Sub: i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] - i32[(fp2 + code[(pc + 3) | 0]) | 0]) | 0; pc = (pc + 4) | 0; continue;
        case Op.I32Mul: i32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.imul(i32[(fp2 + code[(pc + 2) | 0]) | 0], i32[(fp2 + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I32DivS: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32DivS(i32[(fp2 + code[(pc + 2) | 0]) | 0], i32[(fp2 + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I32DivU: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32DivU(i32[(fp2 + code[(pc + 2) | 0]) | 0], i32[(fp2 + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I32RemS: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32RemS(i32[(fp2 + code[(pc + 2) | 0]) | 0], i32[(fp2 + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I32RemU: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32RemU(i32[(fp2 + code[(pc + 2) | 0]) | 0], i32[(fp2 + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I32And: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] & i32[(fp2 + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case Op.I32Or: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] | i32[(fp2 + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case Op.I32Xor: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] ^ i32[(fp2 + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case Op.I32Shl: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] << i32[(fp2 + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case Op.I32ShrS: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >> i32[(fp2 + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case Op.I32ShrU: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> i32[(fp2 + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case Op.I32Rotl: {
          const v = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          const n = i32[(fp2 + code[(pc + 3) | 0]) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (v << n) | (v >>> -n); // JS masks shift counts: -n is 32 - n
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I32Rotr: {
          const v = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          const n = i32[(fp2 + code[(pc + 3) | 0]) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (v >>> n) | (v << -n);
          pc = (pc + 4) | 0;
          continue;
        }

        // ---- i32 and i64 with an immediate operand
        case Op.I32AddImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0; pc = (pc + 4) | 0; continue;
        case Op.I32MulImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.imul(i32[(fp2 + code[(pc + 2) | 0]) | 0], code[(pc + 3) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I32AndImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] & code[(pc + 3) | 0]; pc = (pc + 4) | 0; continue;
        case Op.I32OrImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] | code[(pc + 3) | 0]; pc = (pc + 4) | 0; continue;
        case Op.I32XorImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] ^ code[(pc + 3) | 0]; pc = (pc + 4) | 0; continue;
        case Op.I32ShlImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] << code[(pc + 3) | 0]; pc = (pc + 4) | 0; continue;
        case Op.I32ShrSImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >> code[(pc + 3) | 0]; pc = (pc + 4) | 0; continue;
        case Op.I32ShrUImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> code[(pc + 3) | 0]; pc = (pc + 4) | 0; continue;
        case Op.I32RotlImm: {
          const v = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          const n = code[(pc + 3) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (v << n) | (v >>> -n); // JS masks shift counts: -n is 32 - n
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I32EqImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] === code[(pc + 3) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.I32NeImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] !== code[(pc + 3) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.I32LtSImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] < code[(pc + 3) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.I32LtUImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) < (code[(pc + 3) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0; continue;
        case Op.I32GtSImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] > code[(pc + 3) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.I32GtUImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) > (code[(pc + 3) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0; continue;
        case Op.I32LeSImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] <= code[(pc + 3) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.I32LeUImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) <= (code[(pc + 3) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0; continue;
        case Op.I32GeSImm: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >= code[(pc + 3) | 0] ? 1 : 0; pc = (pc + 4) | 0; continue;
        case Op.I32GeUImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) >= (code[(pc + 3) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0; continue;
        case Op.I32ShrUAndImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> code[(pc + 3) | 0]) & code[(pc + 4) | 0];
          pc = (pc + 5) | 0;
          continue;
        case Op.I32Add3:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0] + i32[(fp2 + code[(pc + 4) | 0]) | 0]) | 0;
          pc = (pc + 5) | 0;
          continue;
        case Op.I32AddMulImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + Math.imul(i32[(fp2 + code[(pc + 3) | 0]) | 0], code[(pc + 4) | 0])) | 0;
          pc = (pc + 5) | 0;
          continue;
        case Op.I32AddMul:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] =
            (i32[(fp2 + code[(pc + 2) | 0]) | 0] + Math.imul(i32[(fp2 + code[(pc + 3) | 0]) | 0], i32[(fp2 + code[(pc + 4) | 0]) | 0])) | 0;
          pc = (pc + 5) | 0;
          continue;
        case Op.I32AddShrUAndImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] =
            (i32[(fp2 + code[(pc + 2) | 0]) | 0] + ((i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> code[(pc + 4) | 0]) & code[(pc + 5) | 0])) | 0;
          pc = (pc + 6) | 0;
          continue;
        case Op.I32MulShrUAndImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] =
            Math.imul(i32[(fp2 + code[(pc + 2) | 0]) | 0], (i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> code[(pc + 4) | 0]) & code[(pc + 5) | 0]);
          pc = (pc + 6) | 0;
          continue;
        case Op.I32XorAnd:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] ^ (i32[(fp2 + code[(pc + 3) | 0]) | 0] & i32[(fp2 + code[(pc + 4) | 0]) | 0]);
          pc = (pc + 5) | 0;
          continue;
        case Op.I32AndXor:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] & (i32[(fp2 + code[(pc + 3) | 0]) | 0] ^ i32[(fp2 + code[(pc + 4) | 0]) | 0]);
          pc = (pc + 5) | 0;
          continue;
        case Op.I32RotlXorRotlImm: {
          const x = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          const k = code[(pc + 3) | 0];
          const y = i32[(fp2 + code[(pc + 4) | 0]) | 0];
          const n = code[(pc + 5) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = ((x << k) | (x >>> -k)) ^ ((y << n) | (y >>> -n));
          pc = (pc + 6) | 0;
          continue;
        }
        case Op.I32AddLoad: {
          const ea = (i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 4 > memLen) trap(TrapCode.MemoryOutOfBounds);
          const v = (ea & 3) === 0 && littleEndian ? m32[ea >>> 2] : view.getInt32(ea, true);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + v) | 0;
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.I32XorRotlImm: {
          const x = i32[(fp2 + code[(pc + 3) | 0]) | 0];
          const n = code[(pc + 4) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] ^ ((x << n) | (x >>> -n));
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.I32XorAndXor:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0]
            ^ (i32[(fp2 + code[(pc + 3) | 0]) | 0] & (i32[(fp2 + code[(pc + 4) | 0]) | 0] ^ i32[(fp2 + code[(pc + 5) | 0]) | 0]));
          pc = (pc + 6) | 0;
          continue;
        case Op.I32AndXorXorAnd:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] & (i32[(fp2 + code[(pc + 3) | 0]) | 0] ^ i32[(fp2 + code[(pc + 4) | 0]) | 0]))
            ^ (i32[(fp2 + code[(pc + 5) | 0]) | 0] & i32[(fp2 + code[(pc + 6) | 0]) | 0]);
          pc = (pc + 7) | 0;
          continue;
        case Op.I32Rotl3XorImm: {
          const x = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          const k = code[(pc + 3) | 0];
          const y = i32[(fp2 + code[(pc + 4) | 0]) | 0];
          const n = code[(pc + 5) | 0];
          const z = i32[(fp2 + code[(pc + 6) | 0]) | 0];
          const m = code[(pc + 7) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = ((x << k) | (x >>> -k)) ^ ((y << n) | (y >>> -n)) ^ ((z << m) | (z >>> -m));
          pc = (pc + 8) | 0;
          continue;
        }
        case Op.I32AddXorAndXor:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + (i32[(fp2 + code[(pc + 3) | 0]) | 0] ^ (i32[(fp2 + code[(pc + 4) | 0]) | 0] & (i32[(fp2 + code[(pc + 5) | 0]) | 0] ^ i32[(fp2 + code[(pc + 6) | 0]) | 0])))) | 0;
          pc = (pc + 7) | 0;
          continue;
        case Op.I32AddRotl3XorImm: {
          const x = i32[(fp2 + code[(pc + 3) | 0]) | 0];
          const k = code[(pc + 4) | 0];
          const y = i32[(fp2 + code[(pc + 5) | 0]) | 0];
          const n = code[(pc + 6) | 0];
          const z = i32[(fp2 + code[(pc + 7) | 0]) | 0];
          const m = code[(pc + 8) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + (((x << k) | (x >>> -k)) ^ ((y << n) | (y >>> -n)) ^ ((z << m) | (z >>> -m)))) | 0;
          pc = (pc + 9) | 0;
          continue;
        }
        case Op.I32Rotl2XorShrUImm: {
          const x = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          const k = code[(pc + 3) | 0];
          const y = i32[(fp2 + code[(pc + 4) | 0]) | 0];
          const n = code[(pc + 5) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = ((x << k) | (x >>> -k)) ^ ((y << n) | (y >>> -n)) ^ (i32[(fp2 + code[(pc + 6) | 0]) | 0] >>> code[(pc + 7) | 0]);
          pc = (pc + 8) | 0;
          continue;
        }
        case Op.I32XorShrUImm:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] ^ (i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> code[(pc + 4) | 0]);
          pc = (pc + 5) | 0;
          continue;
        case Op.I64XorShlImm: {
          const n = code[(pc + 4) | 0]; // 1..63
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const x = (fp2 + code[(pc + 3) | 0]) | 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const lo = i32[x];
          const al = i32[a];
          if (n < 32) {
            i32[d + 1] = i32[a + 1] ^ ((i32[x + 1] << n) | (lo >>> (32 - n)));
            i32[d] = al ^ (lo << n);
          } else {
            i32[d + 1] = i32[a + 1] ^ (lo << (n - 32));
            i32[d] = al;
          }
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.I64XorShrUImm: {
          const n = code[(pc + 4) | 0]; // 1..63
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const x = (fp2 + code[(pc + 3) | 0]) | 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const hi = i32[x + 1];
          const ah = i32[a + 1];
          if (n < 32) {
            i32[d] = i32[a] ^ ((i32[x] >>> n) | (hi << (32 - n)));
            i32[d + 1] = ah ^ (hi >>> n);
          } else {
            i32[d] = i32[a] ^ (hi >>> (n - 32));
            i32[d + 1] = ah;
          }
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.Copy2: {
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const s = (fp2 + code[(pc + 2) | 0]) | 0;
          i32[d] = i32[s];
          i32[d + 1] = i32[s + 1];
          const d2 = (fp2 + code[(pc + 3) | 0]) | 0;
          const s2 = (fp2 + code[(pc + 4) | 0]) | 0;
          i32[d2] = i32[s2];
          i32[d2 + 1] = i32[s2 + 1];
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.I64ShlImm: {
          const n = code[(pc + 3) | 0]; // 1..63
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const lo = i32[a];
          if (n < 32) {
            i32[d + 1] = (i32[a + 1] << n) | (lo >>> (32 - n));
            i32[d] = lo << n;
          } else {
            i32[d + 1] = lo << (n - 32);
            i32[d] = 0;
          }
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64ShrSImm: {
          const n = code[(pc + 3) | 0]; // 1..63
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const hi = i32[a + 1];
          if (n < 32) {
            i32[d] = (i32[a] >>> n) | (hi << (32 - n));
            i32[d + 1] = hi >> n;
          } else {
            i32[d] = hi >> (n - 32);
            i32[d + 1] = hi >> 31;
          }
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64ShrUImm: {
          const n = code[(pc + 3) | 0]; // 1..63
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const hi = i32[a + 1];
          if (n < 32) {
            i32[d] = (i32[a] >>> n) | (hi << (32 - n));
            i32[d + 1] = hi >>> n;
          } else {
            i32[d] = hi >>> (n - 32);
            i32[d + 1] = 0;
          }
          pc = (pc + 4) | 0;
          continue;
        }

        // ---- i64 arithmetic (two 32-bit halves; the simple ones inline)
        case Op.I64Clz: i64Clz(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I64Ctz: i64Ctz(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I64Popcnt: i64Popcnt(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I64Add: {
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const al = i32[a];
          const lo = (al + i32[b]) | 0;
          const carry = (lo >>> 0) < (al >>> 0) ? 1 : 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d + 1] = (i32[a + 1] + i32[b + 1] + carry) | 0;
          i32[d] = lo;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Sub: {
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const al = i32[a];
          const bl = i32[b];
          const borrow = (al >>> 0) < (bl >>> 0) ? 1 : 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d + 1] = (i32[a + 1] - i32[b + 1] - borrow) | 0;
          i32[d] = (al - bl) | 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Mul: {
          // low 64 bits of the product: al * bl in full (its high word from 16-bit partial products),
          // plus the low halves of the cross terms in the high word
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const al = i32[a];
          const bl = i32[b];
          const a0 = al & 0xffff;
          const a1 = al >>> 16;
          const b0 = bl & 0xffff;
          const b1 = bl >>> 16;
          const p00 = a0 * b0;
          const p01 = a0 * b1;
          const p10 = a1 * b0;
          const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
          const high = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d + 1] = (high + Math.imul(al, i32[b + 1]) + Math.imul(i32[a + 1], bl)) | 0;
          i32[d] = Math.imul(al, bl);
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I32MulLoad16SIdx: {
          // c op a 16-bit element just loaded: dst, c, base, index, offset
          const ea = ((i32[(fp2 + code[(pc + 3) | 0]) | 0] + i32[(fp2 + code[(pc + 4) | 0]) | 0]) >>> 0) + (code[(pc + 5) | 0] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.MemoryOutOfBounds);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.imul(i32[(fp2 + code[(pc + 2) | 0]) | 0], view.getInt16(ea, true));
          pc = (pc + 6) | 0;
          continue;
        }
        case Op.I32MulLoad16UIdx: {
          // c op a 16-bit element just loaded: dst, c, base, index, offset
          const ea = ((i32[(fp2 + code[(pc + 3) | 0]) | 0] + i32[(fp2 + code[(pc + 4) | 0]) | 0]) >>> 0) + (code[(pc + 5) | 0] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.MemoryOutOfBounds);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.imul(i32[(fp2 + code[(pc + 2) | 0]) | 0], view.getUint16(ea, true));
          pc = (pc + 6) | 0;
          continue;
        }
        case Op.I32AddLoad16SIdx: {
          // c op a 16-bit element just loaded: dst, c, base, index, offset
          const ea = ((i32[(fp2 + code[(pc + 3) | 0]) | 0] + i32[(fp2 + code[(pc + 4) | 0]) | 0]) >>> 0) + (code[(pc + 5) | 0] >>> 0);
          if (ea + 2 > memLen) trap(TrapCode.MemoryOutOfBounds);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + view.getInt16(ea, true)) | 0;
          pc = (pc + 6) | 0;
          continue;
        }
        case Op.I64AddMul: {
          // c + a * b: the product as in I64Mul, then the add as in I64Add
          const a = (fp2 + code[(pc + 3) | 0]) | 0;
          const b = (fp2 + code[(pc + 4) | 0]) | 0;
          const al = i32[a];
          const bl = i32[b];
          const a0 = al & 0xffff;
          const a1 = al >>> 16;
          const b0 = bl & 0xffff;
          const b1 = bl >>> 16;
          const p00 = a0 * b0;
          const p01 = a0 * b1;
          const p10 = a1 * b0;
          const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
          const high = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
          const pl = Math.imul(al, bl);
          const ph = (high + Math.imul(al, i32[b + 1]) + Math.imul(i32[a + 1], bl)) | 0;
          const c = (fp2 + code[(pc + 2) | 0]) | 0;
          const cl = i32[c];
          const lo = (cl + pl) | 0;
          const carry = (lo >>> 0) < (cl >>> 0) ? 1 : 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d + 1] = (i32[c + 1] + ph + carry) | 0;
          i32[d] = lo;
          pc = (pc + 5) | 0;
          continue;
        }
        case Op.I64DivS: i64DivS(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0], fp2 + code[(pc + 3) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I64DivU: i64DivU(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0], fp2 + code[(pc + 3) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I64RemS: i64RemS(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0], fp2 + code[(pc + 3) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I64RemU: i64RemU(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0], fp2 + code[(pc + 3) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I64And: {
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d] = i32[a] & i32[b];
          i32[d + 1] = i32[a + 1] & i32[b + 1];
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Or: {
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d] = i32[a] | i32[b];
          i32[d + 1] = i32[a + 1] | i32[b + 1];
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Xor: {
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d] = i32[a] ^ i32[b];
          i32[d + 1] = i32[a + 1] ^ i32[b + 1];
          pc = (pc + 4) | 0;
          continue;
        }
        case Op.I64Shl: i64Shl(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0], fp2 + code[(pc + 3) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I64ShrS: i64ShrS(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0], fp2 + code[(pc + 3) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I64ShrU: i64ShrU(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0], fp2 + code[(pc + 3) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I64Rotl: i64Rotl(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0], fp2 + code[(pc + 3) | 0]); pc = (pc + 4) | 0; continue;
        case Op.I64Rotr: i64Rotr(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0], fp2 + code[(pc + 3) | 0]); pc = (pc + 4) | 0; continue;

        // ---- f32 arithmetic (sign operations on the bits; stores into the f32 view round)
        case Op.F32Abs: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] & 0x7fffffff; pc = (pc + 3) | 0; continue;
        case Op.F32Neg: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] ^ -0x80000000; pc = (pc + 3) | 0; continue;
        case Op.F32Ceil: f32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.ceil(f32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.F32Floor: f32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.floor(f32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.F32Trunc: f32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.trunc(f32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.F32Nearest: f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32Nearest(f32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.F32Sqrt: f32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.sqrt(f32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.F32Add: f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] + f32[(fp2 + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case Op.F32Sub: f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] - f32[(fp2 + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case Op.F32Mul: f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] * f32[(fp2 + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case Op.F32Div: f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] / f32[(fp2 + code[(pc + 3) | 0]) | 0]; pc = (pc + 4) | 0; continue;
        case Op.F32Min: f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32Min(f32[(fp2 + code[(pc + 2) | 0]) | 0], f32[(fp2 + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case Op.F32Max: f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32Max(f32[(fp2 + code[(pc + 2) | 0]) | 0], f32[(fp2 + code[(pc + 3) | 0]) | 0]); pc = (pc + 4) | 0; continue;
        case Op.F32Copysign:
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] & 0x7fffffff) | (i32[(fp2 + code[(pc + 3) | 0]) | 0] & -0x80000000);
          pc = (pc + 4) | 0; continue;

        // ---- f64 arithmetic
        case Op.F64Abs: {
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d] = i32[a];
          i32[d + 1] = i32[a + 1] & 0x7fffffff;
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.F64Neg: {
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d] = i32[a];
          i32[d + 1] = i32[a + 1] ^ -0x80000000;
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.F64Ceil: {
          const x = Math.ceil(f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = x === x ? x : NaN; // a NaN result must be quiet
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.F64Floor: {
          const x = Math.floor(f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = x === x ? x : NaN; // a NaN result must be quiet
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.F64Trunc: {
          const x = Math.trunc(f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = x === x ? x : NaN; // a NaN result must be quiet
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.F64Nearest: {
          const x = f64Nearest(f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = x === x ? x : NaN;
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.F64Sqrt: f64[(fp2 + code[(pc + 1) | 0]) >> 1] = Math.sqrt(f64[(fp2 + code[(pc + 2) | 0]) >> 1]); pc = (pc + 3) | 0; continue;
        case Op.F64Add:
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] + f64[(fp2 + code[(pc + 3) | 0]) >> 1]; pc = (pc + 4) | 0; continue;
        case Op.F64Sub:
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] - f64[(fp2 + code[(pc + 3) | 0]) >> 1]; pc = (pc + 4) | 0; continue;
        case Op.F64Mul:
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] * f64[(fp2 + code[(pc + 3) | 0]) >> 1]; pc = (pc + 4) | 0; continue;
        case Op.F64Div:
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] / f64[(fp2 + code[(pc + 3) | 0]) >> 1]; pc = (pc + 4) | 0; continue;
        case Op.F64Min:
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64Min(f64[(fp2 + code[(pc + 2) | 0]) >> 1], f64[(fp2 + code[(pc + 3) | 0]) >> 1]);
          pc = (pc + 4) | 0; continue;
        case Op.F64Max:
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64Max(f64[(fp2 + code[(pc + 2) | 0]) >> 1], f64[(fp2 + code[(pc + 3) | 0]) >> 1]);
          pc = (pc + 4) | 0; continue;
        case Op.F64Copysign: {
          const a = (fp2 + code[(pc + 2) | 0]) | 0;
          const b = (fp2 + code[(pc + 3) | 0]) | 0;
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          const hi = (i32[a + 1] & 0x7fffffff) | (i32[b + 1] & -0x80000000);
          i32[d] = i32[a];
          i32[d + 1] = hi;
          pc = (pc + 4) | 0;
          continue;
        }

        // ---- conversions
        case Op.I32TruncF32S: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncF32S(f32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I32TruncF32U: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncF32U(f32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I32TruncF64S: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncF64S(f64[(fp2 + code[(pc + 2) | 0]) >> 1]); pc = (pc + 3) | 0; continue;
        case Op.I32TruncF64U: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncF64U(f64[(fp2 + code[(pc + 2) | 0]) >> 1]); pc = (pc + 3) | 0; continue;
        case Op.I64ExtendI32S: {
          const v = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d] = v;
          i32[d + 1] = v >> 31;
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.I64ExtendI32U: {
          const d = (fp2 + code[(pc + 1) | 0]) | 0;
          i32[d] = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          i32[d + 1] = 0;
          pc = (pc + 3) | 0;
          continue;
        }
        case Op.I64TruncF32S: i64TruncF32S(i32, fp2 + code[(pc + 1) | 0], f32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I64TruncF32U: i64TruncF32U(i32, fp2 + code[(pc + 1) | 0], f32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I64TruncF64S: i64TruncF64S(i32, fp2 + code[(pc + 1) | 0], f64[(fp2 + code[(pc + 2) | 0]) >> 1]); pc = (pc + 3) | 0; continue;
        case Op.I64TruncF64U: i64TruncF64U(i32, fp2 + code[(pc + 1) | 0], f64[(fp2 + code[(pc + 2) | 0]) >> 1]); pc = (pc + 3) | 0; continue;
        case Op.F32ConvertI32S: f32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0]; pc = (pc + 3) | 0; continue;
        case Op.F32ConvertI32U: f32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0; pc = (pc + 3) | 0; continue;
        case Op.F32ConvertI64S: f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32ConvertI64S(i32, fp2 + code[(pc + 2) | 0]); pc = (pc + 3) | 0; continue;
        case Op.F32ConvertI64U: f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32ConvertI64U(i32, fp2 + code[(pc + 2) | 0]); pc = (pc + 3) | 0; continue;
        case Op.F32DemoteF64: f32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1]; pc = (pc + 3) | 0; continue;
        case Op.F64ConvertI32S: f64[(fp2 + code[(pc + 1) | 0]) >> 1] = i32[(fp2 + code[(pc + 2) | 0]) | 0]; pc = (pc + 3) | 0; continue;
        case Op.F64ConvertI32U: f64[(fp2 + code[(pc + 1) | 0]) >> 1] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0; pc = (pc + 3) | 0; continue;
        case Op.F64ConvertI64S: f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64ConvertI64S(i32, fp2 + code[(pc + 2) | 0]); pc = (pc + 3) | 0; continue;
        case Op.F64ConvertI64U: f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64ConvertI64U(i32, fp2 + code[(pc + 2) | 0]); pc = (pc + 3) | 0; continue;
        case Op.F64PromoteF32: f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f32[(fp2 + code[(pc + 2) | 0]) | 0]; pc = (pc + 3) | 0; continue;
        case Op.I32Extend8S: i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] << 24) >> 24; pc = (pc + 3) | 0; continue;
        case Op.I32Extend16S: i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] << 16) >> 16; pc = (pc + 3) | 0; continue;
        case Op.I64Extend8S: i64Extend8S(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I64Extend16S: i64Extend16S(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I64Extend32S: i64Extend32S(i32, fp2 + code[(pc + 1) | 0], fp2 + code[(pc + 2) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I32TruncSatF32S: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncSatF32S(f32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I32TruncSatF32U: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncSatF32U(f32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I32TruncSatF64S: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncSatF64S(f64[(fp2 + code[(pc + 2) | 0]) >> 1]); pc = (pc + 3) | 0; continue;
        case Op.I32TruncSatF64U: i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncSatF64U(f64[(fp2 + code[(pc + 2) | 0]) >> 1]); pc = (pc + 3) | 0; continue;
        case Op.I64TruncSatF32S: i64TruncSatF32S(i32, fp2 + code[(pc + 1) | 0], f32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I64TruncSatF32U: i64TruncSatF32U(i32, fp2 + code[(pc + 1) | 0], f32[(fp2 + code[(pc + 2) | 0]) | 0]); pc = (pc + 3) | 0; continue;
        case Op.I64TruncSatF64S: i64TruncSatF64S(i32, fp2 + code[(pc + 1) | 0], f64[(fp2 + code[(pc + 2) | 0]) >> 1]); pc = (pc + 3) | 0; continue;
        case Op.I64TruncSatF64U: i64TruncSatF64U(i32, fp2 + code[(pc + 1) | 0], f64[(fp2 + code[(pc + 2) | 0]) >> 1]); pc = (pc + 3) | 0; continue;
        default:
          throw new Error(`bad opcode ${code[pc]} at pc ${pc}`);
      }

      // A call or a return left the switch.
      if (callee === null) {
        if (depth === entryDepth) return;
        depth--;
        pc = frames[2 * depth];
        fp2 = frames[2 * depth + 1];
        cf = frameFuncs[depth]!;
        code = cf.code;
        // Same instance: the memory views are current (a grow in the callee refreshed them; host calls
        // refresh them on their return). Another instance: reload everything.
        const caller = frameInstances[depth]!;
        if (caller !== inst) {
          inst = caller;
          mod = inst.module as CompiledModule;
          globals = inst.globals;
          mem = inst.memories.length > 0 ? inst.memories[0]! : null;
          view = mem === null ? EMPTY_VIEW : mem.view;
          u8 = mem === null ? EMPTY_BYTES : mem.u8;
          m32 = mem === null ? EMPTY_WORDS : mem.i32;
          memLen = u8.length;
          memGen = mem === null ? 0 : mem.generation;
        }
        continue;
      }
      const next: CompiledFunc = callee;
      if (tail) {
        // the callee replaces this frame: move the arguments down to the frame base
        tail = false;
        const end = fp2 + 2 * next.paramSlots;
        for (let w = fp2; w < end; w++) i32[w] = i32[w + argOffset];
      } else {
        // push the caller's frame record
        if (depth >= maxDepth) {
          pc = (pc - 1) | 0; // back inside the call: the trap is the call's (backtraces)
          trap(TrapCode.StackOverflow);
        }
        if (2 * depth + 2 > frames.length) {
          state.growFrames();
          frames = state.frames;
        }
        frames[2 * depth] = pc;
        frames[2 * depth + 1] = fp2;
        frameFuncs[depth] = cf;
        frameInstances[depth] = inst;
        depth++;
        fp2 += argOffset;
      }
      const frameEnd = (fp2 >> 1) + next.frameSlots;
      if (frameEnd > i32.length >> 1) {
        if (frameEnd > maxSlots) {
          // the callee's frame does not fit: it traps on entry (backtraces)
          cf = next;
          pc = 0;
          inst = calleeInst;
          trap(TrapCode.StackOverflow);
        }
        stack.ensure(frameEnd);
        i32 = stack.i32;
        f32 = stack.f32;
        f64 = stack.f64;
      }
      if (next.localSlots !== 0 || next.consts.length !== 0) initFrame(i32, fp2, next);
      cf = next;
      code = next.code;
      pc = 0;
      if (calleeInst !== inst) {
        inst = calleeInst;
        mod = inst.module as CompiledModule;
        globals = inst.globals;
        mem = inst.memories.length > 0 ? inst.memories[0]! : null;
        view = mem === null ? EMPTY_VIEW : mem.view;
        u8 = mem === null ? EMPTY_BYTES : mem.u8;
        m32 = mem === null ? EMPTY_WORDS : mem.i32;
        memLen = u8.length;
        memGen = mem === null ? 0 : mem.generation;
      }
      } // branch
      if (--budget < 0) budget = poll(store, state);
    }
  } catch (e) {
    // a resumable execution suspends where its own instruction ran out of fuel (execution.ts)
    if (state.resumable && suspendsOnFuel(e, store, state, pc, fp2, cf, inst, depth)) return;
    // pc and depth live in this function's locals: the error's backtrace is taken here, and only here
    recordBacktrace(e, state, entryDepth, depth, cf, inst, pc);
    throw e;
  }
}

/** Zeroes a new frame's locals and copies in its constants. */
function initFrame(i32: Int32Array, fp2: number, f: CompiledFunc): void {
  let w = fp2 + 2 * f.paramSlots;
  const localsEnd = w + 2 * f.localSlots;
  for (; w < localsEnd; w++) i32[w] = 0;
  const consts = f.consts;
  for (let k = 0; k < consts.length; k++) i32[w + k] = consts[k];
}
