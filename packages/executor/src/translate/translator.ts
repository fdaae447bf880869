// Single-pass translation of one validated Wasm function body into register bytecode (see ops.ts).
//
// The Wasm operand stack is simulated by a stack of *providers*: a value is either a temporary register
// (its "home": the register of its stack height), a local register (`local.get` emits nothing) or a
// constant (a register of the function's constant area). Instructions read providers directly and write
// fresh temporaries; a `local.set` right after an instruction rewrites that instruction's destination.
// Providers are materialised into their home registers when their meaning could change: before a
// `local.set` of a local still referenced on the stack, at block entries, for call arguments and for
// multi-value branches.
//
// Registers are encoded during translation (registers.ts: the constant area's and temporaries' final
// positions depend on counts known only at the end) and relocated afterwards (code-passes.ts).
//
// Superinstructions (each dispatch of the interpreter loop costs about as much as a simple instruction's
// work, so fewer, larger instructions win): a constant operand becomes an immediate (OpInfo.imm); a
// comparison feeding br_if/if fuses into the branch; an add immediate (a step) fuses into the conditional
// branch right after it, a second induction variable's step too, and a byte load into the branch testing
// it; a `while` loop's exit test is repeated, negated, at its `br`; `i32.add` of an address fuses into the
// access, an add immediate into the store just before it (`*p++ = v`), and a copy into the jump after it;
// a binary instruction fuses with the one computing one of its operands just before (OPERAND_FUSIONS), and
// again with the one before that (CHAINED_FUSIONS); two copies in a row become one. Fusion only looks at
// the last few instructions since the last label (`starts`); an instruction it absorbs must have written
// a temporary, which has no other reader. After translation, code-passes.ts merges some pairs in place.

import {
  CONCRETE_BASE, FuncType, PackedType, TrapCode, ValType, concreteRefType, isRefType, refType, slotCount, storageBytes,
  fieldSlots, structLayout, type ArrayType, type StructType,
} from "@wasmi-ts/store";

import { canonicalHeapType } from "../validate/type-section.js";

/** The 0xfb sub-opcode of ref.test (non-null), which br_on_cast runs with the nullability as its immediate. */
const GC_REF_TEST = 20;
import type { CompiledModule } from "../module/compiled.js";
import { CompiledFunc } from "./compiled-func.js";
import { DeadCode } from "./dead-code.js";
import { moduleInfo, type ModuleInfo } from "./module-info.js";
import { dropUnusedConsts, foldCopyReturns, mergePairs, relocate, slotOfRegister, threadJumps } from "./code-passes.js";
import { ControlFrame, FrameKind, type HandlerClause, type HandlerRegion } from "./control-frame.js";
import { ANY_TAG, CLAUSE_WORDS, HandlerTable, NO_REGISTER, REGION_WORDS } from "./handler-table.js";
import { OP_INFO, OP_OF_WASM, OP_OPERANDS, Op, type OpName } from "./ops.js";
import { OPERAND_FUSIONS as OPERAND_FUSION_ROWS, SEQUENCE_FUSIONS } from "../interpret/op.generated.js";
import { CONST_BASE, EXN_BASE, TEMP_BASE } from "./registers.js";
import { BinaryReader } from "../decode/reader.js";
import { CATCH, CATCH_ALL_REF, CATCH_REF, EMPTY_BLOCK_TYPE, InstrReader } from "../decode/instr-reader.js";
import { blockValType } from "../validate/module-types.js";
import { SIMD_INFO, SimdKind } from "./simd-ops.js";
import { ATOMIC_BASE, Imm, OPS_FE } from "../module/opcodes.js";


/** Fuel charged per Wasm instruction, paid at the start of its region (see `emitFuel`). */
const FUEL_PER_INSTRUCTION = 1;

const TEMP = 0;
const LOCAL = 1;
const CONST = 2;

/** Condition of a conditional branch, after compare fusion. */
/** Each load/store opcode's variant with a `base + index` address, where there is one. */
const INDEXED: readonly (Op | undefined)[] = (Object.keys(OP_INFO) as OpName[]).reduce<(Op | undefined)[]>(
  (acc, name) => {
    const indexed = OP_INFO[name].indexed;
    if (indexed !== undefined) acc[Op[name]] = Op[indexed];
    return acc;
  }, []);

const enum Cond { Nez, Eqz, Eq, Ne, LtS, LtU, LeS, LeU }
const COND_OPS = [Op.BrIfNez, Op.BrIfEqz, Op.BrIfI32Eq, Op.BrIfI32Ne, Op.BrIfI32LtS, Op.BrIfI32LtU,
  Op.BrIfI32LeS, Op.BrIfI32LeU] as const;

/** Comparisons with an immediate, the branches they fuse into, and the index of each one's negation. */
const IMM_CMP_OPS = [Op.I32EqImm, Op.I32NeImm, Op.I32LtSImm, Op.I32LtUImm, Op.I32GtSImm, Op.I32GtUImm,
  Op.I32LeSImm, Op.I32LeUImm, Op.I32GeSImm, Op.I32GeUImm] as const;
const IMM_BR_OPS = [Op.BrIfI32EqImm, Op.BrIfI32NeImm, Op.BrIfI32LtSImm, Op.BrIfI32LtUImm, Op.BrIfI32GtSImm,
  Op.BrIfI32GtUImm, Op.BrIfI32LeSImm, Op.BrIfI32LeUImm, Op.BrIfI32GeSImm, Op.BrIfI32GeUImm] as const;
const IMM_NEGATION = [1, 0, 8, 9, 6, 7, 4, 5, 2, 3] as const; // eq-ne, lt-ge, gt-le

/** The fusions of two instructions described as a sequence `first, second` (codegen/instructions/): second -> fused. */
function sequencesAfter(first: Op, accept: (second: Op) => boolean): ReadonlyMap<Op, Op> {
  return new Map(SEQUENCE_FUSIONS
    .filter(([, parts]) => parts.length === 2 && parts[0] === first && accept(parts[1]!))
    .map(([fused, parts]) => [parts[1]!, fused]));
}

const isBranch = (op: Op): boolean => OP_OPERANDS[op]!.endsWith("t");

/** Conditional branches and their fusion with an add immediate just before them (a step: any registers). */
const ADD_IMM_BRANCH = sequencesAfter(Op.I32AddImm, isBranch);

/** Value instructions (`d, x, k`) fused with the test of d for zero right after them, which still write d:
 * their fusions with BrIfEqz and with BrIfNez. */
const ZERO_TESTS = new Map<number, readonly [Op, Op]>([
  [Op.I32Load8U, [Op.I32Load8UBrIfEqz, Op.I32Load8UBrIfNez]],
  [Op.I32Load, [Op.I32LoadBrIfEqz, Op.I32LoadBrIfNez]],
  [Op.I32AndImm, [Op.I32AndImmBrIfEqz, Op.I32AndImmBrIfNez]],
]);

/** consumer -> producer -> fused, for the operand fusions described (codegen/instructions/fused.ts) with
 * the producer's operands first or not. */
function operandFusions(producerFirst: boolean, consumers: (consumer: Op) => boolean): ReadonlyMap<Op, ReadonlyMap<Op, Op>> {
  const byConsumer = new Map<Op, Map<Op, Op>>();
  for (const [fused, consumer, producer, first] of OPERAND_FUSION_ROWS) {
    if (first !== producerFirst || !consumers(consumer)) continue;
    let byProducer = byConsumer.get(consumer);
    if (byProducer === undefined) byConsumer.set(consumer, byProducer = new Map());
    byProducer.set(producer, fused);
  }
  return byConsumer;
}

/** Binary instructions (consumer) fused with the instruction computing one of their operands just before
 * (producer): consumer -> producer -> fused, `fused dst, other operand, producer's operands` (see
 * emitOperandFusion). */
const OPERAND_FUSIONS = operandFusions(false, () => true);
/** Consumers above that are not commutative: only their second operand may be the one produced. */
const SECOND_OPERAND_ONLY: ReadonlySet<Op> = new Set([Op.F64Sub]);

/** Operand fusions (above) whose other operand the instruction just before computed into a temporary:
 * fused -> that producer -> both fused into one, the producer's operands first (hash bit mixes such as
 * SHA-2's rotr(x, a) ^ rotr(x, b) ^ rotr(x, c), choice and majority). */
const OPERAND_FUSED: ReadonlySet<Op> = new Set([...OPERAND_FUSIONS.values()].flatMap((m) => [...m.values()]));
const CHAINED_FUSIONS = operandFusions(true, (consumer) => OPERAND_FUSED.has(consumer));

/** Stores fused with an add immediate just after them (a pointer step: `*p++ = v`). */
const STORE_ADD_IMM = sequencesAfter(Op.I32AddImm, (second) => /Store/.test(Op[second]));
const STORE_OF_ADD_IMM: ReadonlyMap<Op, Op> = new Map([...STORE_ADD_IMM].map(([store, fused]) => [fused, store]));

/** Side-effect-free conditional branches and their negations (`true`: with the two operands swapped),
 * for testing a loop's exit condition again at its `br` (see emitLoopTest). */
const NEGATED_BRANCHES = new Map<Op, readonly [Op, boolean]>([
  [Op.BrIfNez, [Op.BrIfEqz, false]], [Op.BrIfEqz, [Op.BrIfNez, false]],
  [Op.BrIfI32Eq, [Op.BrIfI32Ne, false]], [Op.BrIfI32Ne, [Op.BrIfI32Eq, false]],
  [Op.BrIfI32LtS, [Op.BrIfI32LeS, true]], [Op.BrIfI32LeS, [Op.BrIfI32LtS, true]],
  [Op.BrIfI32LtU, [Op.BrIfI32LeU, true]], [Op.BrIfI32LeU, [Op.BrIfI32LtU, true]],
  ...IMM_BR_OPS.map((op, k) => [op, [IMM_BR_OPS[IMM_NEGATION[k]!]!, false]] as const),
  [Op.BrIfF32Eq, [Op.BrIfF32Ne, false]], [Op.BrIfF32Ne, [Op.BrIfF32Eq, false]],
  [Op.BrIfF32Lt, [Op.BrIfF32NotLt, false]], [Op.BrIfF32NotLt, [Op.BrIfF32Lt, false]],
  [Op.BrIfF32Le, [Op.BrIfF32NotLe, false]], [Op.BrIfF32NotLe, [Op.BrIfF32Le, false]],
  [Op.BrIfF64Eq, [Op.BrIfF64Ne, false]], [Op.BrIfF64Ne, [Op.BrIfF64Eq, false]],
  [Op.BrIfF64Lt, [Op.BrIfF64NotLt, false]], [Op.BrIfF64NotLt, [Op.BrIfF64Lt, false]],
  [Op.BrIfF64Le, [Op.BrIfF64NotLe, false]], [Op.BrIfF64NotLe, [Op.BrIfF64Le, false]],
  [Op.BrIfI64Eqz, [Op.BrIfI64Nez, false]], [Op.BrIfI64Nez, [Op.BrIfI64Eqz, false]],
  [Op.BrIfI64Eq, [Op.BrIfI64Ne, false]], [Op.BrIfI64Ne, [Op.BrIfI64Eq, false]],
  [Op.BrIfI64LtS, [Op.BrIfI64LeS, true]], [Op.BrIfI64LeS, [Op.BrIfI64LtS, true]],
  [Op.BrIfI64LtU, [Op.BrIfI64LeU, true]], [Op.BrIfI64LeU, [Op.BrIfI64LtU, true]],
]);

/** i64 comparisons fused into a branch: the branch, and whether the operands swap (a > b is b < a);
 * the negated branch is in NEGATED_BRANCHES. */
const I64_BRANCHES = new Map<Op, readonly [Op, boolean]>([
  [Op.I64Eqz, [Op.BrIfI64Eqz, false]], [Op.I64Eq, [Op.BrIfI64Eq, false]], [Op.I64Ne, [Op.BrIfI64Ne, false]],
  [Op.I64LtS, [Op.BrIfI64LtS, false]], [Op.I64GtS, [Op.BrIfI64LtS, true]],
  [Op.I64LeS, [Op.BrIfI64LeS, false]], [Op.I64GeS, [Op.BrIfI64LeS, true]],
  [Op.I64LtU, [Op.BrIfI64LtU, false]], [Op.I64GtU, [Op.BrIfI64LtU, true]],
  [Op.I64LeU, [Op.BrIfI64LeU, false]], [Op.I64GeU, [Op.BrIfI64LeU, true]],
]);

/** Float comparisons fused into a branch: the branch, the branch on the negation (not the mirrored
 * comparison: both are false on NaN), and whether the operands swap (a > b is b < a). */
const FLOAT_BRANCHES = new Map<Op, readonly [Op, Op, boolean]>([
  [Op.F32Eq, [Op.BrIfF32Eq, Op.BrIfF32Ne, false]], [Op.F32Ne, [Op.BrIfF32Ne, Op.BrIfF32Eq, false]],
  [Op.F32Lt, [Op.BrIfF32Lt, Op.BrIfF32NotLt, false]], [Op.F32Gt, [Op.BrIfF32Lt, Op.BrIfF32NotLt, true]],
  [Op.F32Le, [Op.BrIfF32Le, Op.BrIfF32NotLe, false]], [Op.F32Ge, [Op.BrIfF32Le, Op.BrIfF32NotLe, true]],
  [Op.F64Eq, [Op.BrIfF64Eq, Op.BrIfF64Ne, false]], [Op.F64Ne, [Op.BrIfF64Ne, Op.BrIfF64Eq, false]],
  [Op.F64Lt, [Op.BrIfF64Lt, Op.BrIfF64NotLt, false]], [Op.F64Gt, [Op.BrIfF64Lt, Op.BrIfF64NotLt, true]],
  [Op.F64Le, [Op.BrIfF64Le, Op.BrIfF64NotLe, false]], [Op.F64Ge, [Op.BrIfF64Le, Op.BrIfF64NotLe, true]],
]);

/** Memory accesses (fused ones too): the only instructions that a fusion absorbs and that can trap. */
const ACCESSES_MEMORY: readonly boolean[] = (Object.keys(OP_INFO) as OpName[]).reduce<boolean[]>(
  (acc, name) => { acc[Op[name]] = /Load|Store/.test(name); return acc; }, []);

/** Cuts `code` to its first `length` words: pops (a few words), which V8 runs inline, where setting
 * `length` calls into the runtime (2% of translation). */
function truncate(code: number[], length: number): void {
  while (code.length > length) code.pop();
}

/** Per opcode: its immediate forms and how the constant becomes the immediate (see OpInfo.imm). */
const IMM_OF: (Op | undefined)[] = [];
const IMM_FIRST_OF: (Op | undefined)[] = [];
const IMM_VALUE_OF: (((lo: number, hi: number) => number | undefined) | undefined)[] = [];
for (const name of Object.keys(OP_INFO) as OpName[]) {
  const info = OP_INFO[name];
  if (info.imm !== undefined) IMM_OF[Op[name]] = Op[info.imm];
  if (info.immFirst !== undefined) IMM_FIRST_OF[Op[name]] = Op[info.immFirst];
  IMM_VALUE_OF[Op[name]] = info.immValue;
}

export class FuncTranslator {
  private readonly code: number[] = [];
  /** Emit `ConsumeFuel` (Config.consumeFuel). */
  private readonly meterFuel: boolean;
  private readonly info: ModuleInfo;
  private readonly r: BinaryReader;
  /** The instruction just read: opcode and immediates (the decoder's reader, over a validated body). */
  private readonly ins: InstrReader;
  private readonly localSlot: number[] = [];
  private readonly localType: ValType[] = [];
  private readonly paramSlots: number;
  private readonly localsEnd: number;
  private readonly type: FuncType;

  // provider stack
  private height = 0;
  private readonly sKind: number[] = [];
  private readonly sReg: number[] = [];
  private readonly sType: ValType[] = [];
  private readonly sSlot: number[] = [];
  private maxTempSlots = 0;

  private readonly consts: number[] = [];
  /** Slots taken by the constant starting at each constant slot (2 for a v128). */
  private readonly constWidths: number[] = [];
  /** Constant slots by value: a number key for the words of a small value (see constReg), else a string. */
  private readonly constIndex = new Map<number | string, number>();

  private readonly frames: ControlFrame[] = [];

  // exception handling (handler-table.ts)
  private readonly regions: HandlerRegion[] = [];
  /** The innermost try region whose body is being translated (-1: none). */
  private activeRegion = -1;
  /** Catch clauses that go to the function's label: they return, through a `Return` appended last. */
  private readonly returnClauses: HandlerClause[] = [];
  /** Slots before the temporaries for the exceptions legacy catch clauses caught (EXN_BASE). */
  private exnSlots = 0;

  /** For backtraces: (pc, Wasm offset) of every instruction emitted, in pc order (CompiledFunc.offsets). */
  private readonly offsets: number[] = [];
  /** Byte offset in the module of the Wasm instruction being translated. */
  private wasmOffset = 0;
  /** The offset of a memory access just absorbed by a fusion (-1: none): the fused instruction traps
   * where the access does, so it reports that offset rather than the current instruction's. */
  private absorbedOffset = -1;

  /** Position of the destination operand of the last instruction, if it produced the top temporary. */
  private lastDstPos = -1;
  /** Start of the last instruction, if it was a comparison (i32 or float) producing the top temporary. */
  private lastCmpPos = -1;
  /** Starts of the instructions emitted since the last label (fusion never reaches across a label). */
  private readonly starts: number[] = [];
  /** Start of the last instruction, if it was an i32.add (add immediate, add of a shift) producing the top temporary. */
  private lastAddPos = -1;
  /** Start of the last instruction, if it is a Copy2 (which ends the fusion window: see emitCopy). */
  private lastCopy2Pos = -1;

  // the condition taken by `takeCondition`
  private cond: Cond = Cond.Nez;
  /** A comparison with an immediate (condB): its index in IMM_CMP_OPS; -1 for `cond`. */
  private condImm = -1;
  /** The taken condition is a float comparison: its branches (see FLOAT_BRANCHES). */
  private condFloat: readonly [Op, Op, boolean] | undefined = undefined;
  /** The taken condition is an i64 comparison: its branch (see I64_BRANCHES), on condA (and condB). */
  private condI64: Op | undefined = undefined;
  private condA = 0;
  private condB = 0;

  constructor(
    private readonly module: CompiledModule,
    private readonly definedIndex: number,
  ) {
    const ir = module.ir;
    this.meterFuel = module.config.consumeFuel;
    this.info = moduleInfo(module);
    const funcIndex = ir.numImportedFuncs + definedIndex;
    this.type = this.info.funcTypes[funcIndex]!;
    const body = ir.codes[definedIndex]!;
    this.r = new BinaryReader(ir.bytes, body.start, body.end);
    this.ins = new InstrReader(module.config.features);
    let slot = 0;
    for (const t of this.type.params) {
      this.localSlot.push(slot);
      this.localType.push(t);
      slot += slotCount(t);
    }
    this.paramSlots = slot;
    for (const t of body.locals) {
      this.localSlot.push(slot);
      this.localType.push(t);
      slot += slotCount(t);
    }
    this.localsEnd = slot;
  }

  translate(): CompiledFunc {
    const fn = new ControlFrame(FrameKind.Block, 0, [], this.type.results);
    this.frames.push(fn);
    if (this.meterFuel) {
      this.wasmOffset = this.r.pos; // running out on entry is reported at the body's first instruction
      fn.fuelPos = this.emitFuel();
    }
    const r = this.r;
    const ins = this.ins;
    const dead = new DeadCode();
    while (this.frames.length > 0) {
      this.wasmOffset = r.pos;
      this.absorbedOffset = -1;
      ins.read(r);
      const op = ins.op;
      const frame = this.frames[this.frames.length - 1]!;
      if (frame.unreachable && dead.skips(op)) continue;
      if (this.meterFuel) this.code[frame.fuelPos + 1] = (this.code[frame.fuelPos + 1]! + FUEL_PER_INSTRUCTION) | 0;
      this.translateOp(op);
    }
    return this.finish();
  }

  // ---- the provider stack -------------------------------------------------------------------------

  /** Slot offset (within the temporaries) of a new entry at height h. */
  private slotAt(h: number): number {
    return h === 0 ? 0 : this.sSlot[h - 1]! + slotCount(this.sType[h - 1]!);
  }

  private home(h: number): number {
    return TEMP_BASE + this.slotAt(h);
  }

  private push(kind: number, reg: number, type: ValType): void {
    const h = this.height++;
    this.sKind[h] = kind;
    this.sReg[h] = reg;
    this.sType[h] = type;
    this.sSlot[h] = this.slotAt(h);
  }

  private pushTemp(type: ValType): number {
    const h = this.height;
    const slot = this.slotAt(h);
    const end = slot + slotCount(type);
    if (end > this.maxTempSlots) this.maxTempSlots = end;
    this.push(TEMP, TEMP_BASE + slot, type);
    return TEMP_BASE + slot;
  }

  private pop(): number {
    return this.sReg[--this.height]!;
  }

  /** The constant-area register holding the words `lo`, `hi` (an i64, or a narrower value and 0). */
  private constReg(lo: number, hi: number): number {
    lo |= 0;
    hi |= 0;
    // (most constants are small: their key is a number, without making a string)
    const key = hi === lo >> 31 ? lo : `${lo},${hi}`;
    const k = this.constIndex.get(key);
    return k !== undefined ? CONST_BASE + k : this.newConst(key, lo, hi);
  }

  /** The register of the v128 constant of words `w0`..`w3`. */
  private constReg128(w0: number, w1: number, w2: number, w3: number): number {
    const key = `${w0 | 0},${w1 | 0},${w2 | 0},${w3 | 0}`;
    const k = this.constIndex.get(key);
    return k !== undefined ? CONST_BASE + k : this.newConst(key, w0, w1, w2, w3);
  }

  /** A new constant slot for `words`, found by `key` from then on; returns its register. */
  private newConst(key: number | string, ...words: number[]): number {
    const k = this.consts.length >> 1;
    for (const w of words) this.consts.push(w | 0);
    this.constWidths[k] = words.length >> 1;
    this.constIndex.set(key, k);
    return CONST_BASE + k;
  }

  /** The low word of the constant at height h, if that entry is a constant. */
  private constLoAt(h: number): number | undefined {
    return this.sKind[h] === CONST ? this.consts[2 * (this.sReg[h]! - CONST_BASE)] : undefined;
  }

  /** The high word of the constant at height h (see constLoAt). */
  private constHiAt(h: number): number {
    return this.consts[2 * (this.sReg[h]! - CONST_BASE) + 1]!;
  }

  private pushConst(type: ValType, lo: number, hi: number): void {
    this.push(CONST, this.constReg(lo, hi), type);
  }

  /** Puts the entry at height h into its home register. */
  private materialize(h: number): void {
    if (this.sKind[h] === TEMP) return;
    const home = TEMP_BASE + this.sSlot[h]!;
    const end = this.sSlot[h]! + slotCount(this.sType[h]!);
    if (end > this.maxTempSlots) this.maxTempSlots = end;
    this.emitCopy(home, this.sReg[h]!, this.sType[h]!);
    this.sKind[h] = TEMP;
    this.sReg[h] = home;
  }

  private materializeTop(n: number): void {
    for (let h = this.height - n; h < this.height; h++) this.materialize(h);
  }

  /** Block entry: locals on the stack are materialised (a `local.set` inside could change them on one
   * path only), and the block's parameters too (branches to a loop header write them there). */
  private enterBlock(params: number): void {
    for (let h = 0; h < this.height - params; h++) if (this.sKind[h] === LOCAL) this.materialize(h);
    this.materializeTop(params);
  }

  // ---- emission -----------------------------------------------------------------------------------

  private emit(op: Op, ...operands: number[]): number {
    this.lastDstPos = -1;
    this.lastCmpPos = -1;
    this.lastAddPos = -1;
    this.lastCopy2Pos = -1;
    const pos = this.code.length;
    this.starts.push(pos);
    this.offsets.push(pos, this.absorbedOffset >= 0 ? this.absorbedOffset : this.wasmOffset);
    this.absorbedOffset = -1;
    // As int32s (an unsigned offset is passed as is, and a value that went through a double in the engine
    // would be a heap number): the code must stay an array of small integers, of one elements kind, for the
    // interpreter loop (the handler-coverage run checks it: test/handler-coverage/record.ts).
    this.code.push(op | 0);
    for (const w of operands) this.code.push(w | 0);
    return pos;
  }

  private emitCopy(dst: number, src: number, type: ValType): void {
    if (dst === src) return;
    if (slotCount(type) === 2) {
      this.emit(Op.Copy128, dst, src);
      return;
    }
    // two copies in a row (block results, call arguments, loop variables) run as one instruction
    const p = this.lastPos;
    if (p >= 0 && this.code[p] === Op.Copy && p + 3 === this.code.length) {
      this.code[p] = Op.Copy2 | 0;
      this.code.push(dst | 0, src | 0);
      this.bindLabel(); // nothing fuses with a Copy2 but a jump or call after it (not a label: the state is only reset)
      this.lastCopy2Pos = p;
      return;
    }
    this.emit(Op.Copy, dst, src);
  }

  /** Emits `op dst, ...srcs` producing a new temporary of `type` (sources already popped). */
  private emitResult(op: Op, type: ValType, ...srcs: number[]): void {
    const dst = this.pushTemp(type);
    const pos = this.emit(op, dst, ...srcs);
    this.lastDstPos = pos + 1;
    const compare = (op >= Op.I32Eqz && op <= Op.I32GeU) || (op >= Op.I32EqImm && op <= Op.I32GeUImm)
      || FLOAT_BRANCHES.has(op) || I64_BRANCHES.has(op);
    if (compare) this.lastCmpPos = pos;
    else if (op === Op.I32Add || op === Op.I32AddImm || op === Op.I32AddShlImm) this.lastAddPos = pos;
  }

  /** A branch target was bound here: nothing before may be fused with what follows. */
  private bindLabel(): void {
    this.lastDstPos = -1;
    this.lastCmpPos = -1;
    this.lastAddPos = -1;
    this.lastCopy2Pos = -1;
    this.starts.length = 0;
  }

  /** Start of the last instruction since the last label (-1: none). */
  private get lastPos(): number {
    const n = this.starts.length;
    return n > 0 ? this.starts[n - 1]! : -1;
  }

  /** Whether the last instruction (since the last label) is an `op` writing register `dst` first. */
  private lastIs(op: Op, dst: number): boolean {
    const p = this.lastPos;
    return p >= 0 && p + 1 + OP_OPERANDS[op]!.length === this.code.length && this.code[p] === op && this.code[p + 1] === dst;
  }

  /** The operands (`dst, src`, once or twice) of the Copy or Copy2 that is the last instruction, which
   * the caller fuses into the jump or call it emits next; none if the last instruction is neither. */
  private takeCopies(): number[] {
    const p = this.lastPos;
    if (p >= 0 && p + 3 === this.code.length && this.code[p] === Op.Copy) {
      const copy = [this.code[p + 1]!, this.code[p + 2]!];
      this.unemitLast(p);
      return copy;
    }
    const q = this.lastCopy2Pos;
    if (q >= 0 && q + 5 === this.code.length) {
      const copies = this.code.slice(q + 1, q + 5);
      truncate(this.code, q);
      // the first copy's offsets (the second was merged into it: see emitCopy)
      this.offsets.pop();
      this.offsets.pop();
      this.lastCopy2Pos = -1;
      return copies;
    }
    return [];
  }

  /** Removes the last instruction (at `pos`), which a fusion took over. */
  private unemitLast(pos: number): void {
    const offset = this.offsets.pop()!;
    this.offsets.pop();
    if (ACCESSES_MEMORY[this.code[pos]!]) this.absorbedOffset = offset;
    truncate(this.code, pos);
    this.lastDstPos = -1;
    this.lastCmpPos = -1;
    this.lastAddPos = -1;
    this.starts.pop();
  }

  private patch(positions: readonly number[], target: number): void {
    for (const p of positions) this.code[p] = target | 0;
  }

  // ---- conditions and branches --------------------------------------------------------------------

  /** Pops the condition of br_if / if, fusing a preceding i32 comparison into the branch. */
  /** The branch condition "register `reg` (a reference) is (not) null". */
  private conditionOnRef(reg: number, nonNull: boolean): void {
    this.condFloat = undefined;
    this.condI64 = undefined;
    this.condImm = -1;
    this.cond = nonNull ? Cond.Nez : Cond.Eqz;
    this.condA = reg;
  }

  /** A conditional branch to `frame` on the condition taken (br_if, br_on_null, br_on_non_null). */
  private branchIf(frame: ControlFrame): void {
    if (this.copiesNeeded(frame)) {
      const skip = this.emitCondBranch(true);
      this.emitBranch(frame);
      this.code[skip] = this.code.length | 0;
      this.bindLabel();
    } else {
      const pos = this.emitCondBranch(false);
      if (frame.kind === FrameKind.Loop) this.code[pos] = frame.startPc | 0;
      else frame.fixups.push(pos);
    }
  }

  private takeCondition(): void {
    const pos = this.lastCmpPos;
    const reg = this.pop();
    this.condFloat = undefined;
    this.condI64 = undefined;
    if (pos < 0 || this.sKind[this.height] !== TEMP || this.code[pos + 1] !== reg) {
      this.condImm = -1;
      this.cond = Cond.Nez;
      this.condA = reg;
      return;
    }
    const c = this.code;
    const op = c[pos]! as Op;
    const a = c[pos + 2]!;
    const b = c[pos + 3]!;
    this.unemitLast(pos);
    this.condA = a;
    this.condB = b;
    const i64 = I64_BRANCHES.get(op);
    if (i64 !== undefined) {
      this.condI64 = i64[0];
      if (i64[1]) [this.condA, this.condB] = [b, a];
      return;
    }
    this.condFloat = FLOAT_BRANCHES.get(op);
    if (this.condFloat?.[2]) [this.condA, this.condB] = [b, a];
    this.condImm = this.condFloat ? -1 : IMM_CMP_OPS.indexOf(op as (typeof IMM_CMP_OPS)[number]);
    if (this.condFloat) return;
    if (this.condImm >= 0) return;
    switch (op) {
      case Op.I32Eqz: this.cond = Cond.Eqz; break;
      case Op.I32Eq: this.cond = Cond.Eq; break;
      case Op.I32Ne: this.cond = Cond.Ne; break;
      case Op.I32LtS: this.cond = Cond.LtS; break;
      case Op.I32LtU: this.cond = Cond.LtU; break;
      case Op.I32LeS: this.cond = Cond.LeS; break;
      case Op.I32LeU: this.cond = Cond.LeU; break;
      case Op.I32GtS: this.cond = Cond.LtS; this.condA = b; this.condB = a; break;
      case Op.I32GtU: this.cond = Cond.LtU; this.condA = b; this.condB = a; break;
      case Op.I32GeS: this.cond = Cond.LeS; this.condA = b; this.condB = a; break;
      case Op.I32GeU: this.cond = Cond.LeU; this.condA = b; this.condB = a; break;
      default: throw new Error(`not a comparison: ${op}`);
    }
  }

  /** Emits a branch on the taken condition (or its negation); returns the target word's position. */
  private emitCondBranch(negate: boolean): number {
    if (this.condFloat !== undefined) return this.emitBranchOn(this.condFloat[negate ? 1 : 0], this.condA, this.condB);
    if (this.condI64 !== undefined) {
      const [op, swap] = negate ? NEGATED_BRANCHES.get(this.condI64)! : [this.condI64, false];
      if (op === Op.BrIfI64Eqz || op === Op.BrIfI64Nez) return this.emitBranchOn(op, this.condA);
      return swap ? this.emitBranchOn(op, this.condB, this.condA) : this.emitBranchOn(op, this.condA, this.condB);
    }
    if (this.condImm >= 0) {
      const k = negate ? IMM_NEGATION[this.condImm]! : this.condImm;
      return this.emitBranchOn(IMM_BR_OPS[k]!, this.condA, this.condB);
    }
    let cond = this.cond;
    let a = this.condA;
    let b = this.condB;
    if (negate) {
      switch (cond) {
        case Cond.Nez: cond = Cond.Eqz; break;
        case Cond.Eqz: cond = Cond.Nez; break;
        case Cond.Eq: cond = Cond.Ne; break;
        case Cond.Ne: cond = Cond.Eq; break;
        // !(a < b) == b <= a ; !(a <= b) == b < a
        case Cond.LtS: cond = Cond.LeS; [a, b] = [b, a]; break;
        case Cond.LtU: cond = Cond.LeU; [a, b] = [b, a]; break;
        case Cond.LeS: cond = Cond.LtS; [a, b] = [b, a]; break;
        case Cond.LeU: cond = Cond.LtU; [a, b] = [b, a]; break;
      }
    }
    const op = COND_OPS[cond];
    if (cond === Cond.Nez || cond === Cond.Eqz) return this.emitBranchOn(op, a);
    return this.emitBranchOn(op, a, b);
  }

  /** Emits conditional branch `op a (b)` with an unset target (always the last word); returns the target
   * word's position. Fuses with the last instruction when it computes `a`: a loop counter's `i32.add`
   * immediate (and a second induction variable's step before it), or a byte load. */
  private emitBranchOn(op: Op, a: number, b?: number): number {
    let p = this.lastPos;
    let last = p >= 0 && p + 1 + OP_OPERANDS[this.code[p]!]!.length === this.code.length ? this.code[p]! : -1;
    const fused = ADD_IMM_BRANCH.get(op);
    const store = STORE_OF_ADD_IMM.get(last);
    if (fused !== undefined && store !== undefined && this.code[p + 1] === a) {
      // the step tested here fuses with the branch instead: the store goes back to being alone
      const step = this.code.slice(p + 1, p + 4);
      const operands = this.code.slice(p + 4);
      this.unemitLast(p);
      this.emit(store, ...operands);
      p = this.emit(Op.I32AddImm, ...step);
      last = Op.I32AddImm;
    }
    if (fused !== undefined && last === Op.I32AddImm) {
      const step = this.code.slice(p + 1, p + 4);
      this.unemitLast(p);
      const q = this.lastPos;
      if (fused === Op.I32AddImmBrIfNeImm && step[0] === a && q >= 0 && q + 4 === this.code.length
        && this.code[q] === Op.I32AddImm) {
        // a second step before the tested one: dst1, src1, imm1, dst2, src2, imm2, imm (tests dst2), target
        const first = this.code.slice(q + 1, q + 4);
        this.unemitLast(q);
        this.emit(Op.I32AddImmAddImmBrIfNeImm, ...first, ...step, b!, -1);
      } else {
        this.emit(fused, ...step, a, ...(b === undefined ? [] : [b]), -1);
      }
      return this.code.length - 1;
    }
    const zeroTests = (op === Op.BrIfEqz || op === Op.BrIfNez) && this.code[p + 1] === a ? ZERO_TESTS.get(last) : undefined;
    if (zeroTests !== undefined) {
      const value = this.code.slice(p + 1, p + 4);
      this.unemitLast(p);
      this.emit(zeroTests[op === Op.BrIfEqz ? 0 : 1], ...value, -1);
      return this.code.length - 1;
    }
    if (op === Op.BrIfI32Ne && last === Op.I32Load8UIdx && (this.code[p + 1] === a || this.code[p + 1] === b)) {
      const load = this.code.slice(p + 1, p + 5);
      this.unemitLast(p);
      this.emit(Op.I32Load8UIdxBrIfNe, ...load, load[0] === a ? b! : a, -1);
      return this.code.length - 1;
    }
    this.emit(op, ...(b === undefined ? [a] : [a, b]), -1);
    return this.code.length - 1;
  }

  /**
   * Emits br_table on register `index` with `n` targets (unset) and returns the position of the first.
   * Takes in the instructions computing the index: an add immediate (a switch whose smallest case is not
   * 0: compilers subtract it first) and a byte load before it or alone (a bytecode interpreter's
   * `switch (*pc)`); they still write their registers.
   */
  private emitBrTable(index: number, n: number): number {
    const c = this.code;
    const p = this.lastPos;
    if (this.lastIs(Op.I32AddImm, index)) {
      const step = c.slice(p + 1, p + 4);
      const q = this.starts.length >= 2 ? this.starts[this.starts.length - 2]! : -1;
      this.unemitLast(p);
      if (q >= 0 && q + 4 === p && c[q] === Op.I32Load8U && c[q + 1] === step[1]) {
        const load = c.slice(q + 1, q + 4);
        this.unemitLast(q);
        return this.emit(Op.I32Load8UAddImmBrTable, ...load, step[0]!, step[2]!, n) + 7;
      }
      return this.emit(Op.I32AddImmBrTable, ...step, n) + 5;
    }
    if (this.lastIs(Op.I32Load8U, index)) {
      const load = c.slice(p + 1, p + 4);
      this.unemitLast(p);
      return this.emit(Op.I32Load8UAddImmBrTable, ...load, index, 0, n) + 7;
    }
    return this.emit(Op.BrTable, index, n) + 3;
  }

  private frameAt(depth: number): ControlFrame {
    return this.frames[this.frames.length - 1 - depth]!;
  }

  /** Do the values on top of the stack need copying to reach `frame`'s branch registers? */
  private copiesNeeded(frame: ControlFrame): boolean {
    if (frame === this.frames[0]) return true; // a return
    const n = frame.branchTypes.length;
    for (let i = 0; i < n; i++) {
      const h = this.height - n + i;
      if (this.sKind[h] !== TEMP || this.sReg[h] !== TEMP_BASE + this.targetSlot(frame, i)) return true;
    }
    return false;
  }

  /** Slot offset of branch value i of `frame`. */
  private targetSlot(frame: ControlFrame, i: number): number {
    let slot = this.slotAt(frame.height);
    const types = frame.branchTypes;
    for (let j = 0; j < i; j++) slot += slotCount(types[j]!);
    return slot;
  }

  /** Copies the branch values into `frame`'s registers. Ascending order is safe: a temporary source is
   * never below its destination, and locals and constants are not written. */
  private emitBranchCopies(frame: ControlFrame): void {
    const types = frame.branchTypes;
    const n = types.length;
    for (let i = 0; i < n; i++) {
      const h = this.height - n + i;
      this.emitCopy(TEMP_BASE + this.targetSlot(frame, i), this.sReg[h]!, types[i]!);
    }
  }

  /** An unconditional jump to `frame`'s label (after the copies). */
  private emitJump(frame: ControlFrame): void {
    if (frame === this.frames[0]) this.emitReturn();
    else if (frame.kind === FrameKind.Loop) this.emitBr(frame.startPc);
    else frame.fixups.push(this.emitBr(-1));
  }

  /** Emits a jump to `target` (-1: patched later) and returns its target word's position. One or two
   * copies just before (block results, loop variables), or an add immediate, travel with the jump: one
   * instruction. */
  private emitBr(target: number): number {
    const copies = this.takeCopies();
    const p = this.lastPos;
    if (copies.length === 0 && p >= 0 && p + 4 === this.code.length && this.code[p] === Op.I32AddImm) {
      // a step just before (`pOp++` at the end of a case): with the jump too
      const step = this.code.slice(p + 1, p + 4);
      this.unemitLast(p);
      this.emit(Op.I32AddImmBr, ...step, target);
    } else {
      this.emit(copies.length === 0 ? Op.Br : copies.length === 2 ? Op.CopyBr : Op.Copy2Br, ...copies, target);
    }
    return this.code.length - 1;
  }

  private emitBranch(frame: ControlFrame): void {
    if (frame !== this.frames[0]) this.emitBranchCopies(frame);
    if (frame.kind === FrameKind.Loop) this.emitBr(this.emitLoopEntry(frame));
    else this.emitJump(frame);
  }

  /**
   * Before a `br` back to a loop, runs the first instructions of its body here when they are copies
   * (loop variables: `local.set $p (local.get $next)`, as compilers leave them for a loop's phis), so that
   * they travel with the jump, and the loop's test (emitLoopTest) after them; returns the pc to jump to,
   * past what ran here. Each iteration saves the dispatch of the copies.
   */
  private emitLoopEntry(frame: ControlFrame): number {
    let entry = frame.startPc;
    const op = this.code[entry];
    const size = op === Op.Copy ? 3 : op === Op.Copy2 ? 5 : 0;
    // something must follow the copies: else this copy would merge into the header's (emitCopy)
    if (size !== 0 && entry + size < this.code.length) {
      // (any one-slot type: the header's copies are Copy and Copy2, not Copy128)
      for (let w = entry + 1; w < entry + size; w += 2) this.emitCopy(this.code[w]!, this.code[w + 1]!, ValType.I64);
      entry += size;
    }
    return this.emitLoopTest(frame, entry);
  }

  /**
   * Before a `br` back to a loop whose first instruction (at `start`, past the copies emitLoopEntry took)
   * is a conditional branch out of it (a `while` loop: `loop (br_if $exit cond) ... (br $loop)`), tests
   * the negated condition here and branches past that test straight into the body: one dispatch per
   * iteration instead of two. When the loop ends, the `br` still runs the original test, which branches
   * out: returns the pc the `br` jumps to, `start`. (A test that branches within the loop, as `if (c)
   * break;` leaves one, into the rest of the body, is not one to negate.)
   */
  private emitLoopTest(frame: ControlFrame, start: number): number {
    const op = this.code[start] as Op | undefined;
    const negated = op === undefined ? undefined : NEGATED_BRANCHES.get(op);
    if (negated === undefined) return start;
    const size = 1 + OP_OPERANDS[op!]!.length;
    if (start + size > this.code.length) return start;
    const target = this.code[start + size - 1]!; // -1 until a branch out of the loop is patched
    if (target >= frame.startPc && target <= this.code.length) return start;
    const a = this.code[start + 1]!;
    const b = size === 4 ? this.code[start + 2]! : undefined; // `a, b, target` (else `a, target`)
    const [negOp, swap] = negated;
    const negatedTarget = swap ? this.emitBranchOn(negOp, b!, a) : this.emitBranchOn(negOp, a, b);
    this.code[negatedTarget] = (start + size) | 0;
    return start;
  }

  /** Returns the top values as the function's results (slots 0..). */
  private emitReturn(): void {
    const results = this.type.results;
    const n = results.length;
    if (n === 0) {
      this.emit(Op.Return);
    } else if (n === 1 && slotCount(results[0]!) === 1) {
      this.emit(Op.ReturnReg, this.sReg[this.height - 1]!);
    } else {
      // Results go to slots 0..; sources in temporaries are never below their destination, so after
      // copying every other source into its home, ascending copies are safe. The provider stack is left
      // as it is: this may be a branch taken on one path only.
      const first = this.height - n;
      for (let h = first; h < this.height; h++) {
        if (this.sKind[h] === TEMP) continue;
        const end = this.sSlot[h]! + slotCount(this.sType[h]!);
        if (end > this.maxTempSlots) this.maxTempSlots = end;
        this.emitCopy(TEMP_BASE + this.sSlot[h]!, this.sReg[h]!, this.sType[h]!);
      }
      let slot = 0;
      for (let i = 0; i < n; i++) {
        this.emitCopy(slot, TEMP_BASE + this.sSlot[first + i]!, results[i]!);
        slot += slotCount(results[i]!);
      }
      this.emit(Op.Return);
    }
  }

  private setUnreachable(): void {
    const frame = this.frames[this.frames.length - 1]!;
    frame.unreachable = true;
    this.height = frame.height;
    this.bindLabel();
  }

  // ---- blocks -------------------------------------------------------------------------------------

  private blockParams: readonly ValType[] = [];
  private blockResults: readonly ValType[] = [];

  private readBlockType(): void {
    const blockType = this.ins.a;
    if (blockType === EMPTY_BLOCK_TYPE) {
      this.blockParams = [];
      this.blockResults = [];
    } else if (blockType < 0) {
      this.blockParams = [];
      this.blockResults = [blockValType(blockType)];
    } else {
      const t = this.module.ir.types[blockType] as FuncType;
      this.blockParams = t.params;
      this.blockResults = t.results;
    }
  }

  private beginBlock(kind: FrameKind): ControlFrame {
    const params = this.blockParams;
    this.enterBlock(params.length);
    const frame = new ControlFrame(kind, this.height - params.length, params, this.blockResults);
    frame.fuelPos = this.frames[this.frames.length - 1]!.fuelPos;
    frame.regionInside = this.activeRegion;
    this.frames.push(frame);
    return frame;
  }

  /** Resets the stack to the frame's height plus fresh temporaries of `types` in their homes. */
  private resetStack(frame: ControlFrame, types: readonly ValType[]): void {
    this.height = frame.height;
    for (const t of types) this.pushTemp(t);
  }

  private endBlock(): void {
    const frame = this.frames.pop()!;
    if (this.frames.length === 0) {
      if (!frame.unreachable) this.emitReturn();
      return;
    }
    if (frame.region >= 0 && this.regions[frame.region]!.end < 0) this.closeRegion(frame);
    if (!frame.unreachable) this.materializeTop(frame.results.length);
    if (frame.elseFixup >= 0) this.code[frame.elseFixup] = this.code.length | 0; // if without else
    this.patch(frame.fixups, this.code.length);
    for (const c of frame.handlerFixups) c.target = this.code.length;
    this.resetStack(frame, frame.results);
    this.bindLabel();
  }

  private elseArm(): void {
    const frame = this.frames[this.frames.length - 1]!;
    if (!frame.unreachable) {
      this.materializeTop(frame.results.length);
      frame.fixups.push(this.emitBr(-1));
    }
    this.code[frame.elseFixup] = this.code.length | 0;
    frame.elseFixup = -1;
    frame.kind = FrameKind.Else;
    frame.unreachable = false;
    this.resetStack(frame, frame.params);
    this.bindLabel();
    if (this.meterFuel) frame.fuelPos = this.emitFuel();
  }

  /**
   * With fuel metering, a `ConsumeFuel` at the start of each region that runs as a whole or not at all:
   * the function's entry, a loop's header (each iteration pays), an `if` and an `else` arm. Its amount
   * grows as the region's instructions are read (see `translate`); a block's instructions are its parent
   * region's. Returns its position.
   */
  private emitFuel(): number {
    return this.emit(Op.ConsumeFuel, 0);
  }

  // ---- locals -------------------------------------------------------------------------------------

  private setLocal(index: number, tee: boolean): void {
    const slot = this.localSlot[index]!;
    const type = this.localType[index]!;
    const src = this.pop();
    const srcKind = this.sKind[this.height]!;
    let referenced = false;
    for (let h = 0; h < this.height; h++) {
      if (this.sKind[h] === LOCAL && this.sReg[h] === slot) { referenced = true; break; }
    }
    if (referenced) {
      for (let h = 0; h < this.height; h++) {
        if (this.sKind[h] === LOCAL && this.sReg[h] === slot) this.materialize(h);
      }
      this.emitCopy(slot, src, type);
    } else if (srcKind === TEMP && this.lastDstPos >= 0 && this.code[this.lastDstPos] === src) {
      this.code[this.lastDstPos] = slot | 0; // the producing instruction writes the local directly
      this.lastDstPos = -1;
      this.lastCmpPos = -1;
      this.lastAddPos = -1;
    } else {
      this.emitCopy(slot, src, type);
    }
    if (tee) this.push(LOCAL, slot, type);
  }

  // ---- calls --------------------------------------------------------------------------------------

  /** Materialises the arguments of a call and returns the register of the first one. */
  private callArgs(type: FuncType): number {
    const n = type.params.length;
    this.materializeTop(n);
    const base = this.home(this.height - n);
    this.height -= n;
    return base;
  }

  private pushResults(type: FuncType): void {
    for (const t of type.results) this.pushTemp(t);
    this.bindLabel();
  }

  // ---- exception handling (handler-table.ts) --------------------------------------------------------

  private tagType(tag: number): FuncType {
    return this.module.ir.types[this.module.ir.tags[tag]!] as FuncType;
  }

  /** try_table: its catch clauses go to labels outside it, resolved before its block opens. */
  private tryTable(): void {
    const ins = this.ins;
    this.readBlockType();
    const clauses: HandlerClause[] = [];
    for (let i = 0; i < ins.catchCount; i++) {
      const kind = ins.catches[3 * i]!;
      const tag = kind === CATCH || kind === CATCH_REF ? ins.catches[3 * i + 1]! : ANY_TAG;
      const values = tag === ANY_TAG ? 0 : this.tagType(tag).params.length;
      clauses.push(this.clauseTo(this.frameAt(ins.catches[3 * i + 2]!), tag, values, kind === CATCH_REF || kind === CATCH_ALL_REF));
    }
    this.openRegion(this.beginBlock(FrameKind.Block), clauses);
  }

  /** A clause that branches to `frame`'s label with the tag's `values` values (and the exnref if `withRef`),
   * written straight into the label's registers. */
  private clauseTo(frame: ControlFrame, tag: number, values: number, withRef: boolean): HandlerClause {
    if (frame === this.frames[0]) {
      // the function's label: the values are the results, in slots 0..; the clause returns
      let exn = 0;
      for (let i = 0; i < values; i++) exn += slotCount(this.type.results[i]!);
      const clause = { tag, target: -1, dst: 0, exn: withRef ? exn : NO_REGISTER };
      this.returnClauses.push(clause);
      return clause;
    }
    const dst = TEMP_BASE + this.targetSlot(frame, 0);
    const exn = withRef ? TEMP_BASE + this.targetSlot(frame, values) : NO_REGISTER;
    const clause = { tag, target: frame.kind === FrameKind.Loop ? frame.startPc : -1, dst, exn };
    if (frame.kind !== FrameKind.Loop) frame.handlerFixups.push(clause);
    return clause;
  }

  private openRegion(frame: ControlFrame, clauses: HandlerClause[]): void {
    const index = this.regions.length;
    this.regions.push({ start: this.code.length, end: -1, parent: this.activeRegion, next: this.activeRegion, clauses });
    frame.region = index;
    frame.regionInside = index;
    this.activeRegion = index;
    this.bindLabel(); // nothing fuses across the region's bounds
  }

  /** The end of a try region's body: what follows is outside it. */
  private closeRegion(frame: ControlFrame): void {
    const region = this.regions[frame.region]!;
    region.end = this.code.length;
    this.activeRegion = region.parent;
    frame.regionInside = region.parent;
    this.bindLabel();
  }

  /** Legacy `catch` (of `tag`, whose values are `params`) or `catch_all`: a clause of the try's region,
   * whose code follows here; the exception it caught is kept in an EXN_BASE slot if a `rethrow` needs it. */
  private legacyCatch(params: readonly ValType[], tag: number): void {
    const frame = this.frames[this.frames.length - 1]!;
    const region = this.regions[frame.region]!;
    if (region.end < 0) this.closeRegion(frame);
    if (!frame.unreachable) {
      this.materializeTop(frame.results.length);
      frame.fixups.push(this.emitBr(-1));
    }
    if (frame.exnSlot < 0) {
      let k = 0;
      for (const f of this.frames) if (f !== frame && f.exnSlot >= 0) k++;
      frame.exnSlot = k;
      if (k + 1 > this.exnSlots) this.exnSlots = k + 1;
    }
    this.bindLabel();
    frame.unreachable = false;
    // the exception is kept only if a `rethrow` needs it (see 0x09): a reference costs a LiveRefs entry
    const clause = { tag, target: this.code.length, dst: this.home(frame.height), exn: NO_REGISTER };
    region.clauses.push(clause);
    frame.catchClause = clause;
    this.resetStack(frame, params);
    if (this.meterFuel) frame.fuelPos = this.emitFuel(); // a clause runs only when it catches: a region of its own
  }

  /** The handler table, registers relocated (null: the function has no try region). */
  private handlerTable(localsEnd: number, constSlots: number): HandlerTable | null {
    if (this.regions.length === 0) return null;
    const regions = new Int32Array(this.regions.length * REGION_WORDS);
    const clauses: number[] = [];
    const word = (reg: number) => (reg === NO_REGISTER ? NO_REGISTER : 2 * slotOfRegister(reg, localsEnd, constSlots, this.exnSlots));
    this.regions.forEach((r, k) => {
      regions.set([r.start, r.end, r.next, clauses.length / CLAUSE_WORDS, r.clauses.length, r.parent], k * REGION_WORDS);
      for (const c of r.clauses) clauses.push(c.tag, c.target, word(c.dst), word(c.exn));
    });
    return new HandlerTable(regions, Int32Array.from(clauses));
  }

  // ---- the instruction switch ---------------------------------------------------------------------

  private translateOp(op: number): void {
    const ins = this.ins;
    switch (op) {
      case 0x00: // unreachable
        this.emit(Op.Trap, TrapCode.Unreachable);
        this.setUnreachable();
        return;
      case 0x01: return; // nop
      case 0x02: // block
        this.readBlockType();
        this.beginBlock(FrameKind.Block);
        return;
      case 0x03: { // loop
        this.readBlockType();
        const frame = this.beginBlock(FrameKind.Loop);
        frame.startPc = this.code.length;
        this.bindLabel();
        if (this.meterFuel) frame.fuelPos = this.emitFuel();
        return;
      }
      case 0x04: { // if
        this.readBlockType();
        this.takeCondition();
        const frame = this.beginBlock(FrameKind.If);
        frame.elseFixup = this.emitCondBranch(true);
        if (this.meterFuel) frame.fuelPos = this.emitFuel();
        return;
      }
      case 0x05: this.elseArm(); return;
      case 0x0b: this.endBlock(); return;
      case 0x08: { // throw
        const base = this.callArgs(this.tagType(ins.a));
        this.emit(Op.Throw, ins.a, base);
        this.setUnreachable();
        return;
      }
      case 0x0a: // throw_ref
        this.emit(Op.ThrowRef, this.pop());
        this.setUnreachable();
        return;
      case 0x1f: this.tryTable(); return;
      case 0x06: { // try (legacy)
        this.readBlockType();
        this.openRegion(this.beginBlock(FrameKind.Block), []);
        return;
      }
      case 0x07: this.legacyCatch(this.tagType(ins.a).params, ins.a); return; // catch
      case 0x19: this.legacyCatch([], ANY_TAG); return; // catch_all
      case 0x18: { // delegate: what the try's body throws goes on inside label l (counted outside the try)
        const frame = this.frames[this.frames.length - 1]!;
        const target = this.frames[this.frames.length - 2 - ins.a]!;
        this.closeRegion(frame);
        this.regions[frame.region]!.next = target.regionInside;
        this.endBlock();
        return;
      }
      case 0x09: { // rethrow: the exception the catch clause of label l caught
        const frame = this.frameAt(ins.a);
        frame.catchClause!.exn = EXN_BASE + frame.exnSlot;
        this.emit(Op.ThrowRef, frame.catchClause!.exn);
        this.setUnreachable();
        return;
      }
      case 0x0c: { // br
        this.emitBranch(this.frameAt(ins.a));
        this.setUnreachable();
        return;
      }
      case 0x0d: // br_if
        this.takeCondition();
        this.branchIf(this.frameAt(ins.a));
        return;
      case 0xd5: { // br_on_null: branch without the reference when it is null
        const h = --this.height; // (the entry stays as it is, for after the branch)
        this.conditionOnRef(this.sReg[h]!, false);
        this.branchIf(this.frameAt(ins.a));
        this.height++;
        return;
      }
      case 0xd6: // br_on_non_null: branch with the reference when it is not null, else drop it
        this.conditionOnRef(this.sReg[this.height - 1]!, true);
        this.branchIf(this.frameAt(ins.a));
        this.height--;
        return;
      case 0xd4: // ref.as_non_null: a check, the value stays
        this.emit(Op.RefAsNonNull, this.sReg[this.height - 1]!);
        return;
      case 0x14: // call_ref
      case 0x15: { // return_call_ref
        const type = this.module.ir.types[ins.a] as FuncType;
        const ref = this.pop();
        const base = this.callArgs(type);
        if (op === 0x14) {
          this.emit(Op.CallRef, ref, base);
          this.pushResults(type);
        } else {
          this.emit(Op.ReturnCallRef, ref, base);
          this.setUnreachable();
        }
        return;
      }
      case 0x0e: { // br_table
        const n = ins.targetCount;
        const depths = [...ins.targets.subarray(0, n), ins.a]; // the default last
        const pos = this.emitBrTable(this.pop(), n);
        for (let i = 0; i <= n; i++) this.code.push(-1);
        for (let i = 0; i <= n; i++) {
          const frame = this.frameAt(depths[i]!);
          if (this.copiesNeeded(frame)) {
            this.code[pos + i] = this.code.length | 0;
            this.emitBranch(frame);
          } else if (frame.kind === FrameKind.Loop) {
            this.code[pos + i] = frame.startPc | 0;
          } else {
            frame.fixups.push(pos + i);
          }
        }
        this.setUnreachable();
        return;
      }
      case 0x0f: // return
        this.emitReturn();
        this.setUnreachable();
        return;
      case 0x10: { // call
        const f = ins.a;
        const type = this.info.funcTypes[f]!;
        const base = this.callArgs(type);
        const imported = this.module.ir.numImportedFuncs;
        if (f >= imported) {
          // arguments copied from locals travel with the call
          const copies = this.takeCopies();
          this.emit(copies.length === 0 ? Op.Call : copies.length === 2 ? Op.CopyCall : Op.Copy2Call, ...copies, f - imported, base);
        } else {
          this.emit(Op.CallFunc, f, base);
        }
        this.pushResults(type);
        return;
      }
      case 0x11: { // call_indirect
        const typeIndex = ins.a;
        const table = ins.b;
        const type = this.module.ir.types[typeIndex] as FuncType;
        this.tableIndexAt(table, this.height - 1);
        const index = this.pop();
        const base = this.callArgs(type);
        this.emit(Op.CallIndirect, typeIndex, table, index, base);
        this.pushResults(type);
        return;
      }
      case 0x12: { // return_call
        const f = ins.a;
        const base = this.callArgs(this.info.funcTypes[f]!);
        const imported = this.module.ir.numImportedFuncs;
        if (f >= imported) this.emit(Op.ReturnCall, f - imported, base);
        else this.emit(Op.ReturnCallFunc, f, base);
        this.setUnreachable();
        return;
      }
      case 0x13: { // return_call_indirect
        const typeIndex = ins.a;
        const table = ins.b;
        this.tableIndexAt(table, this.height - 1);
        const index = this.pop();
        const base = this.callArgs(this.module.ir.types[typeIndex] as FuncType);
        this.emit(Op.ReturnCallIndirect, typeIndex, table, index, base);
        this.setUnreachable();
        return;
      }
      case 0x1a: this.pop(); return; // drop
      case 0x1b: case 0x1c: { // select, select t
        const cond = this.pop();
        const b = this.pop();
        const a = this.pop();
        const type = this.sType[this.height]!;
        this.emitResult(slotCount(type) === 1 ? Op.Select : Op.Select128, type, cond, a, b);
        return;
      }
      case 0x20: { // local.get
        const i = ins.a;
        this.push(LOCAL, this.localSlot[i]!, this.localType[i]!);
        return;
      }
      case 0x21: this.setLocal(ins.a, false); return;
      case 0x22: this.setLocal(ins.a, true); return;
      case 0x23: { // global.get
        const g = ins.a;
        const type = this.info.globalTypes[g]!;
        this.emitResult(isRefType(type) ? Op.GlobalGetRef : slotCount(type) === 1 ? Op.GlobalGet : Op.GlobalGet128, type, g);
        return;
      }
      case 0x24: { // global.set
        const g = ins.a;
        const type = this.info.globalTypes[g]!;
        const value = this.pop();
        if (this.lastIs(Op.I32AddImm, value)) {
          // a stack pointer's step, `global = x + k`: the sum is still written where it was (a local, say)
          const p = this.lastPos;
          const step = this.code.slice(p + 1, p + 4);
          this.unemitLast(p);
          this.emit(Op.I32AddImmGlobalSet, ...step, g);
          return;
        }
        this.emit(isRefType(type) ? Op.GlobalSetRef : slotCount(type) === 1 ? Op.GlobalSet : Op.GlobalSet128, g, value);
        return;
      }
      case 0x25: { // table.get
        const t = ins.a;
        this.tableIndexAt(t, this.height - 1);
        const index = this.pop();
        this.emitResult(Op.TableGet, this.info.tables[t]!.element, t, index);
        return;
      }
      case 0x26: { // table.set
        const t = ins.a;
        this.tableIndexAt(t, this.height - 2);
        const value = this.pop();
        const index = this.pop();
        this.emit(Op.TableSet, t, index, value);
        return;
      }
      // f32/f64 loads and stores move bits: they are the i32/i64 ones with another result type
      case 0x2a: this.load(Op.I32Load, ValType.F32, 0x28); return;
      case 0x2b: this.load(Op.I64Load, ValType.F64, 0x29); return;
      case 0x38: this.store(Op.I32Store, 0x36); return;
      case 0x39: this.store(Op.I64Store, 0x37); return;
      case 0x3f: { // memory.size
        const m = ins.a;
        this.emitResult(Op.MemorySize, this.is64(m) ? ValType.I64 : ValType.I32, m);
        return;
      }
      case 0x40: { // memory.grow
        const m = ins.a;
        const delta = this.pop();
        this.emitResult(Op.MemoryGrow, this.is64(m) ? ValType.I64 : ValType.I32, delta, m);
        return;
      }
      case 0x41: this.pushConst(ValType.I32, ins.a, 0); return;
      case 0x42: this.pushConst(ValType.I64, ins.a | 0, ins.b); return;
      case 0x43: this.pushConst(ValType.F32, ins.a | 0, 0); return;
      case 0x44: this.pushConst(ValType.F64, ins.a | 0, ins.b); return;
      // wrap and reinterpretations keep the bits: only the type changes
      case 0xa7: this.sType[this.height - 1] = ValType.I32; return;
      case 0xbc: this.sType[this.height - 1] = ValType.I32; return;
      case 0xbd: this.sType[this.height - 1] = ValType.I64; return;
      case 0xbe: this.sType[this.height - 1] = ValType.F32; return;
      case 0xbf: this.sType[this.height - 1] = ValType.F64; return;
      case 0xd0: this.pushConst(ins.a, 0, 0); return; // ref.null t
      case 0xd1: this.emitResult(Op.RefIsNull, ValType.I32, this.pop()); return;
      case 0xd2: this.emitResult(Op.RefFunc, ValType.FuncRef, ins.a); return;
      case 0xd3: { // ref.eq: equal references are equal numbers (store/src/refs.ts)
        const b = this.pop();
        const a = this.pop();
        this.emitResult(Op.I32Eq, ValType.I32, a, b);
        return;
      }
      default:
        if (op >>> 8 === 0xfb) {
          this.translateGc(op & 0xff);
          return;
        }
        if (op >= ATOMIC_BASE) {
          this.translateAtomic(op - ATOMIC_BASE);
          return;
        }
        if (op >= 0xfd00) {
          this.translateSimd(op - 0xfd00);
          return;
        }
        if (op > 0xfc07) { // 0xfc00..0xfc07, the saturating truncations, are numeric (below)
          this.translatePrefixed(op - 0xfc00);
          return;
        }
        break;
    }
    const entry = OP_OF_WASM.get(op);
    if (entry === undefined) throw new Error(`unsupported instruction 0x${op.toString(16)}`);
    const info = entry.info;
    if (info.load !== undefined) this.load(entry.op, info.load, op);
    else if (info.store) this.store(entry.op, op);
    else this.numeric(entry.op, info.pops!, info.result!);
  }

  private numeric(op: Op, pops: number, result: ValType): void {
    if (pops === 1) {
      this.emitResult(op, result, this.pop());
    } else if (!this.emitImmediateForm(op, result) && !this.emitOperandFusion(op, result)) {
      const b = this.pop();
      const a = this.pop();
      this.emitResult(op, result, a, b);
    }
  }

  /** A binary instruction one of whose operands the last instruction just computed into a temporary
   * (which has no other reader): one fused instruction `fused dst, other operand, producer's operands`. */
  private emitOperandFusion(op: Op, result: ValType): boolean {
    const p = this.lastPos;
    const fused = p >= 0 ? OPERAND_FUSIONS.get(op)?.get(this.code[p]! as Op) : undefined;
    if (fused === undefined) return false;
    const end = p + 1 + OP_OPERANDS[this.code[p]!]!.length;
    if (end !== this.code.length) return false;
    const h = this.height;
    const produced = this.code[p + 1]!;
    let other: number;
    let otherIsTemp: boolean;
    if (this.sKind[h - 1] === TEMP && this.sReg[h - 1] === produced) {
      other = this.sReg[h - 2]!;
      otherIsTemp = this.sKind[h - 2] === TEMP;
    } else if (this.sKind[h - 2] === TEMP && this.sReg[h - 2] === produced && !SECOND_OPERAND_ONLY.has(op)) {
      other = this.sReg[h - 1]!;
      otherIsTemp = this.sKind[h - 1] === TEMP;
    } else return false;
    const operands = this.code.slice(p + 2, end);
    this.height -= 2;
    this.unemitLast(p);
    // the other operand may itself be a temporary computed just before: a second fusion
    const q = this.lastPos;
    const chained = otherIsTemp && q >= 0 ? CHAINED_FUSIONS.get(fused)?.get(this.code[q]! as Op) : undefined;
    if (chained !== undefined && this.code[q + 1] === other
      && q + 1 + OP_OPERANDS[this.code[q]!]!.length === this.code.length) {
      const first = this.code.slice(q + 2);
      this.unemitLast(q);
      this.emitResult(chained, result, ...first, ...operands);
      return true;
    }
    this.emitResult(fused, result, other, ...operands);
    return true;
  }

  /** A binary instruction with a constant operand: its immediate form, if it has one. */
  private emitImmediateForm(op: Op, result: ValType): boolean {
    const h = this.height;
    let form = IMM_OF[op];
    let k = this.constLoAt(h - 1);
    let other = h - 2;
    if (k === undefined || form === undefined) {
      form = IMM_FIRST_OF[op];
      k = this.constLoAt(h - 2);
      other = h - 1;
      if (k === undefined || form === undefined) return false;
    }
    const toImm = IMM_VALUE_OF[op];
    const imm = toImm === undefined ? k : toImm(k, this.constHiAt(other === h - 2 ? h - 1 : h - 2));
    if (imm === undefined) return false;
    const a = this.sReg[other]!;
    this.height -= 2;
    const p = this.lastPos;
    if (form === Op.I32AndImm && this.sKind[other] === TEMP && p >= 0 && p + 4 === this.code.length
      && this.code[p] === Op.I32ShrUImm && this.code[p + 1] === a) {
      // `(x >>> k) & mask`, a bit field: one instruction (the shift's temporary has no other reader)
      const x = this.code[p + 2]!;
      const k = this.code[p + 3]!;
      this.unemitLast(p);
      this.emitResult(Op.I32ShrUAndImm, result, x, k, imm);
      return true;
    }
    if (form === Op.I32AddImm && this.sKind[other] === TEMP && this.lastIs(Op.GlobalGet, a)) {
      // a stack pointer's frame, `global + k` (the global's temporary has no other reader)
      const g = this.code[p + 2]!;
      this.unemitLast(p);
      this.emitResult(Op.GlobalGetAddImm, result, g, imm);
      return true;
    }
    const store = p >= 0 && form === Op.I32AddImm ? STORE_ADD_IMM.get(this.code[p]! as Op) : undefined;
    if (store !== undefined && p + 1 + OP_OPERANDS[this.code[p]!]!.length === this.code.length) {
      const operands = this.code.slice(p + 1);
      this.unemitLast(p);
      this.emitResult(store, result, a, imm, ...operands);
      return true;
    }
    this.emitResult(form, result, a, imm);
    return true;
  }

  // the memory and the offset's high word of the last `memarg`
  private memIndex = 0;
  private offsetHi = 0;

  private memarg(): number {
    const offset = this.ins.offset; // exact below 2^53; any offset from 2^32 on traps
    this.memIndex = this.ins.memory;
    this.offsetHi = offset >= 0x1_0000_0000 ? 1 : 0;
    return offset | 0;
  }

  private is64(memory: number): boolean {
    return this.info.memories[memory]!.is64 === true;
  }

  private tableIs64(table: number): boolean {
    return this.info.tables[table]!.is64 === true;
  }

  /** The index (or offset, or length) at height h, for `table`: narrowed when that is a table64. */
  private tableIndexAt(table: number, h: number): void {
    if (this.tableIs64(table)) this.narrowIndexAt(h);
  }

  /**
   * table64: the i64 index (or offset, or length) at height h becomes an i32 one, so that the table
   * instructions of 32-bit tables serve unchanged. An i64 of 2^32 or more becomes 2^32-1, out of bounds
   * wherever the original is: a table's elements are a JavaScript array, which never reaches 2^32-1
   * elements (and maxTableSize caps tables below that in practice).
   */
  private narrowIndexAt(h: number): void {
    if (this.sKind[h] === CONST) {
      const k = 2 * (this.sReg[h]! - CONST_BASE);
      this.sReg[h] = this.constReg(this.consts[k + 1] === 0 ? this.consts[k]! : -1, 0);
    } else {
      const home = TEMP_BASE + this.sSlot[h]!;
      if (this.sSlot[h]! + 1 > this.maxTempSlots) this.maxTempSlots = this.sSlot[h]! + 1;
      this.emit(Op.TableIndex64, home, this.sReg[h]!);
      this.sKind[h] = TEMP;
      this.sReg[h] = home;
    }
    this.sType[h] = ValType.I32;
  }

  /** Memory 0 with 32-bit addresses has its own instructions; other accesses take the general path. */
  private generalAccess(): boolean {
    return this.memIndex !== 0 || this.is64(0);
  }

  /** `wasm`: the Wasm opcode, which the general path (`LoadMem`) dispatches on. */
  private load(op: Op, type: ValType, wasm: number): void {
    const offset = this.memarg();
    const addr = this.pop();
    if (this.offsetHi !== 0) {
      // an offset of 4 GiB or more is always out of bounds
      this.emit(Op.Trap, TrapCode.MemoryOutOfBounds);
      this.pushTemp(type);
    } else if (this.generalAccess()) {
      this.emitResult(Op.LoadMem, type, addr, offset, wasm, this.memIndex);
    } else if (this.takeAddedAddress(op, addr)) {
      this.emitResult(INDEXED[op]!, type, this.addrBase, this.addrIndex, offset);
    } else if (op === Op.I64Load && this.lastIs(Op.I32AddImm, addr)) {
      // a pointer stepped, then read through (`v = *--sp`): the step still writes the pointer
      const p = this.lastPos;
      const step = this.code.slice(p + 1, p + 4);
      this.unemitLast(p);
      const dst = this.pushTemp(type);
      const pos = this.emit(Op.I32AddImmI64Load, ...step, dst, offset);
      this.lastDstPos = pos + 4;
    } else {
      this.emitResult(op, type, addr, offset);
    }
  }

  private store(op: Op, wasm: number): void {
    const offset = this.memarg();
    const value = this.pop();
    const addr = this.pop();
    if (this.offsetHi !== 0) this.emit(Op.Trap, TrapCode.MemoryOutOfBounds);
    else if (this.generalAccess()) this.emit(Op.StoreMem, addr, value, offset, wasm, this.memIndex);
    else if (this.takeAddedAddress(op, addr)) this.emit(INDEXED[op]!, this.addrBase, this.addrIndex, value, offset);
    else this.emit(op, addr, value, offset);
  }

  // the operands of the `i32.add` taken by `takeAddedAddress`
  private addrBase = 0;
  private addrIndex = 0;

  /** If the address `addr` (just popped) was computed by the last instruction, an `i32.add`, and `op`
   * has an indexed variant: removes the add, whose operands become the access's base and index. */
  private takeAddedAddress(op: Op, addr: number): boolean {
    const pos = this.lastAddPos;
    if (pos < 0 || INDEXED[op] === undefined || this.code[pos + 1] !== addr) return false;
    // the address is the entry above the stack top (a store's value, if any, was popped after it
    // without emitting: the add is still the last instruction)
    this.addrBase = this.code[pos + 2]!;
    if (this.code[pos] === Op.I32AddShlImm) {
      // base + (x << k): the shift goes back to being alone, into the temporary it had (the one above the
      // sum's, which may be the base's), and the indexed access reads it: a scaled index with its access,
      // as before the add took the shift
      const [x, k] = this.code.slice(pos + 3, pos + 5);
      const index = this.home(this.height + 1);
      this.unemitLast(pos);
      this.emit(Op.I32ShlImm, index, x!, k!);
      this.addrIndex = index;
      return true;
    }
    // an added immediate goes back to a constant register: one indexed access beats add + access
    this.addrIndex = this.code[pos] === Op.I32AddImm ? this.constReg(this.code[pos + 3]!, 0) : this.code[pos + 3]!;
    this.unemitLast(pos);
    return true;
  }

  private translatePrefixed(sub: number): void {
    const ins = this.ins;
    switch (sub) {
      case 8: { // memory.init
        const seg = ins.a;
        const m = ins.b;
        const [d, s, n] = this.pop3();
        this.emit(Op.MemoryInit, seg, m, d, s, n);
        return;
      }
      case 9: this.emit(Op.DataDrop, ins.a); return;
      case 10: { // memory.copy
        const dm = ins.a;
        const sm = ins.b;
        const [d, s, n] = this.pop3();
        this.emit(Op.MemoryCopy, dm, sm, d, s, n);
        return;
      }
      case 11: { const m = ins.a; const [d, v, n] = this.pop3(); this.emit(Op.MemoryFill, m, d, v, n); return; }
      case 12: { // table.init
        const seg = ins.a;
        const t = ins.b;
        this.tableIndexAt(t, this.height - 3); // the segment's offset and length are i32
        const [d, s, n] = this.pop3();
        this.emit(Op.TableInit, seg, t, d, s, n);
        return;
      }
      case 13: this.emit(Op.ElemDrop, ins.a); return;
      case 14: { // table.copy
        const dt = ins.a;
        const st = ins.b;
        this.tableIndexAt(dt, this.height - 3);
        this.tableIndexAt(st, this.height - 2);
        // the length is i64 only when both tables are 64-bit
        if (this.tableIs64(dt) && this.tableIs64(st)) this.narrowIndexAt(this.height - 1);
        const [d, s, n] = this.pop3();
        this.emit(Op.TableCopy, dt, st, d, s, n);
        return;
      }
      case 15: { // table.grow
        const t = ins.a;
        this.tableIndexAt(t, this.height - 1);
        const delta = this.pop();
        const init = this.pop();
        // TableGrow writes both words of its result: an i64 one for a table64
        this.emitResult(Op.TableGrow, this.tableIs64(t) ? ValType.I64 : ValType.I32, t, init, delta);
        return;
      }
      case 16: { // table.size
        const t = ins.a;
        if (this.tableIs64(t)) this.emitResult(Op.TableSize64, ValType.I64, t);
        else this.emitResult(Op.TableSize, ValType.I32, t);
        return;
      }
      case 17: { // table.fill
        const t = ins.a;
        this.tableIndexAt(t, this.height - 3);
        this.tableIndexAt(t, this.height - 1);
        const [i, v, n] = this.pop3();
        this.emit(Op.TableFill, t, i, v, n);
        return;
      }
      case 19: this.wide(Op.I64Add128, 4); return;
      case 20: this.wide(Op.I64Sub128, 4); return;
      case 21: this.wide(Op.I64MulWideS, 2); return;
      case 22: this.wide(Op.I64MulWideU, 2); return;
      default: throw new Error(`unsupported instruction 0xfc ${sub}`);
    }
  }

  /**
   * A wide-arithmetic instruction: `pops` i64 operands, two i64 results (low, high) in two fresh
   * temporaries, `op lo, hi, operands...`. The instruction reads every operand before it writes, so the
   * results may take the operands' registers. A `local.set` right after may take the high result's
   * destination (the top of the stack).
   */
  private wide(op: Op, pops: number): void {
    const operands: number[] = [];
    for (let k = 0; k < pops; k++) operands.unshift(this.pop());
    const lo = this.pushTemp(ValType.I64);
    const hi = this.pushTemp(ValType.I64);
    const pos = this.emit(op, lo, hi, ...operands);
    this.lastDstPos = pos + 2;
  }

  private translateSimd(sub: number): void {
    const info = SIMD_INFO.get(sub);
    if (info === undefined) throw new Error(`unsupported instruction 0xfd ${sub}`);
    const ins = this.ins;
    const V = ValType.V128;
    switch (info.kind) {
      case SimdKind.Const: {
        const [w0, w1, w2, w3] = this.v128Words();
        this.push(CONST, this.constReg128(w0, w1, w2, w3), V);
        return;
      }
      case SimdKind.Load: case SimdKind.LoadLane: case SimdKind.Store: case SimdKind.StoreLane: {
        const offset = this.memarg();
        const lane = info.kind === SimdKind.LoadLane || info.kind === SimdKind.StoreLane ? ins.lane : 0;
        const vec = info.kind === SimdKind.Load ? 0 : this.pop();
        const addr = this.pop();
        const store = info.kind === SimdKind.Store || info.kind === SimdKind.StoreLane;
        if (this.offsetHi !== 0) {
          this.emit(Op.Trap, TrapCode.MemoryOutOfBounds);
          if (!store) this.pushTemp(V);
        } else if (store) {
          this.emit(Op.SimdMem, 0, addr, vec, offset, sub, this.memIndex, lane);
        } else {
          this.emitResult(Op.SimdMem, V, addr, vec, offset, sub, this.memIndex, lane);
        }
        return;
      }
      case SimdKind.Shuffle: {
        const lanes = this.v128Words();
        const b = this.pop();
        const a = this.pop();
        this.emitResult(Op.SimdShuffle, V, a, b, ...lanes);
        return;
      }
      case SimdKind.Splat: this.emitResult(Op.Simd, V, this.pop(), 0, 0, sub, 0); return;
      case SimdKind.Extract: { const lane = ins.lane; this.emitResult(Op.Simd, info.scalar, this.pop(), 0, 0, sub, lane); return; }
      case SimdKind.Replace: {
        const lane = ins.lane;
        const x = this.pop();
        const v = this.pop();
        this.emitResult(Op.Simd, V, v, x, 0, sub, lane);
        return;
      }
      case SimdKind.Test: this.emitResult(Op.Simd, ValType.I32, this.pop(), 0, 0, sub, 0); return;
      case SimdKind.Shift: {
        const count = this.pop();
        const v = this.pop();
        this.emitResult(Op.Simd, V, v, count, 0, sub, 0);
        return;
      }
      case SimdKind.Lanewise: {
        const c = info.pops >= 3 ? this.pop() : 0;
        const b = info.pops >= 2 ? this.pop() : 0;
        const a = this.pop();
        this.emitResult(Op.Simd, V, a, b, c, sub, 0);
        return;
      }
    }
  }

  /** The top `n` operands in consecutive slots (a GC instruction's): their first register. */
  private gcArgs(n: number): number {
    this.materializeTop(n);
    const base = this.home(this.height - n);
    this.height -= n;
    return base;
  }

  /**
   * The hot 0xfb instructions, as ops of their own (codegen/instructions/gc.ts), when their immediate type
   * allows: struct and array accesses (fields not v128, elements references, packed or 4 bytes), struct.new,
   * array.len, ref.test and ref.cast to a concrete type. Returns whether it emitted one.
   */
  private translateGcFast(sub: number): boolean {
    const ins = this.ins;
    const ir = this.module.ir;
    const x = ins.a;
    switch (sub) {
      case 0: { // struct.new
        const t = ir.types[x] as StructType;
        this.emitResult(Op.StructNew, concreteRefType(ir.typeIds![x]!, false), this.gcArgs(t.fields.length), ir.typeIds![x]!);
        return true;
      }
      case 2: case 3: case 4: case 5: { // struct.get(_s/_u), struct.set
        const t = ir.types[x] as StructType;
        const storage = t.fields[ins.b]!.storage;
        if (storage === ValType.V128) return false;
        const w = structLayout(t).slotAt[ins.b]!;
        const ref = isRefType(storage);
        const packed = storage === PackedType.I8 ? 24 : storage === PackedType.I16 ? 16 : 0;
        const wide = !ref && fieldSlots(storage) === 2;
        if (sub === 5) {
          const v = this.pop();
          const a = this.pop();
          if (ref) this.emit(Op.StructSetRef, a, v, w);
          else if (wide) this.emit(Op.StructSet64, a, v, w);
          else this.emit(Op.StructSet, a, v, w, packed === 0 ? -1 : -1 >>> packed);
          return true;
        }
        const a = this.pop();
        if (ref) this.emitResult(Op.StructGetRef, storage, a, w);
        else if (wide) this.emitResult(Op.StructGet64, storage, a, w);
        else this.emitResult(Op.StructGet, packed === 0 ? storage : ValType.I32, a, w, sub === 3 ? packed : 0);
        return true;
      }
      case 12: case 13: { // array.get_s, array.get_u (packed elements)
        const bytes = storageBytes((ir.types[x] as ArrayType).element.storage);
        const i = this.pop();
        const sh = sub === 12 ? 32 - 8 * bytes : 0;
        this.emitResult(bytes === 1 ? Op.ArrayGet8 : Op.ArrayGet16, ValType.I32, this.pop(), i, sh);
        return true;
      }
      case 11: case 14: { // array.get, array.set (references, 4-byte or packed elements)
        const storage = (ir.types[x] as ArrayType).element.storage;
        const ref = isRefType(storage);
        const bytes = storageBytes(storage);
        const packed = storage === PackedType.I8 || storage === PackedType.I16;
        if (!ref && bytes !== 4 && !(packed && sub === 14)) return false;
        if (sub === 14) {
          const v = this.pop();
          const i = this.pop();
          const op = ref ? Op.ArraySetRef : packed ? (bytes === 1 ? Op.ArraySet8 : Op.ArraySet16) : Op.ArraySet;
          this.emit(op, this.pop(), i, v);
          return true;
        }
        const i = this.pop();
        this.emitResult(ref ? Op.ArrayGetRef : Op.ArrayGet, storage, this.pop(), i);
        return true;
      }
      case 15: this.emitResult(Op.ArrayLen, ValType.I32, this.pop()); return true;
      case 20: case 21: case 22: case 23: { // ref.test, ref.cast (the odd ones nullable)
        const heap = canonicalHeapType(ir, ins.a);
        if (heap < CONCRETE_BASE) return false;
        const a = this.pop();
        if (sub < 22) this.emitResult(Op.RefTest, ValType.I32, a, heap - CONCRETE_BASE, sub & 1);
        else this.emitResult(Op.RefCast, refType(heap, (sub & 1) === 1), a, heap - CONCRETE_BASE, sub & 1);
        return true;
      }
    }
    return false;
  }

  /**
   * A 0xfb instruction: one `Gc` op (`d, a, t, u, sub`: result, first operand, immediates; interpret/gc.ts),
   * with canonical type ids, unless translateGcFast has an op of its own for it; the conversions between any
   * and extern change nothing but the type.
   */
  private translateGc(sub: number): void {
    if (this.translateGcFast(sub)) return;
    const ins = this.ins;
    const ir = this.module.ir;
    const id = (x: number) => ir.typeIds![x]!;
    const unpacked = (s: number) => (s === PackedType.I8 || s === PackedType.I16 ? ValType.I32 : s);
    const ref = (x: number) => concreteRefType(id(x), false);
    const x = ins.a;
    switch (sub) {
      case 0: case 1: { // struct.new(_default)
        const t = ir.types[x] as StructType;
        this.emitResult(Op.Gc, ref(x), this.gcArgs(sub === 0 ? t.fields.length : 0), id(x), 0, sub);
        return;
      }
      case 2: case 3: case 4: { // struct.get(_s/_u)
        const f = (ir.types[x] as StructType).fields[ins.b]!;
        this.emitResult(Op.Gc, unpacked(f.storage), this.pop(), id(x), ins.b, sub);
        return;
      }
      case 5: this.emit(Op.Gc, 0, this.gcArgs(2), id(x), ins.b, sub); return; // struct.set
      case 6: case 9: case 10: this.emitResult(Op.Gc, ref(x), this.gcArgs(2), id(x), ins.b, sub); return;
      case 7: this.emitResult(Op.Gc, ref(x), this.gcArgs(1), id(x), 0, sub); return;
      case 8: this.emitResult(Op.Gc, ref(x), this.gcArgs(ins.b), id(x), ins.b, sub); return;
      case 11: case 12: case 13: { // array.get(_s/_u)
        const e = (ir.types[x] as ArrayType).element;
        this.emitResult(Op.Gc, unpacked(e.storage), this.gcArgs(2), id(x), 0, sub);
        return;
      }
      case 14: this.emit(Op.Gc, 0, this.gcArgs(3), id(x), 0, sub); return; // array.set
      case 15: this.emitResult(Op.Gc, ValType.I32, this.pop(), 0, 0, sub); return; // array.len
      case 16: case 18: case 19: this.emit(Op.Gc, 0, this.gcArgs(4), id(x), ins.b, sub); return;
      case 17: this.emit(Op.Gc, 0, this.gcArgs(5), id(x), ins.b, sub); return; // array.copy
      case 20: case 21: case 22: case 23: { // ref.test, ref.cast (the odd ones nullable)
        const heap = canonicalHeapType(ir, ins.a);
        this.emitResult(Op.Gc, sub < 22 ? ValType.I32 : refType(heap, (sub & 1) === 1), this.pop(), heap, sub & 1, sub);
        return;
      }
      case 24: case 25: { // br_on_cast(_fail): ref.test into a temporary, a branch on it; the reference stays
        const h = this.height - 1;
        const test = this.pushTemp(ValType.I32);
        const heap = canonicalHeapType(ir, ins.heap2);
        if (heap >= CONCRETE_BASE) this.emit(Op.RefTest, test, this.sReg[h]!, heap - CONCRETE_BASE, (ins.b >> 1) & 1);
        else this.emit(Op.Gc, test, this.sReg[h]!, heap, (ins.b >> 1) & 1, GC_REF_TEST);
        this.height--;
        this.conditionOnRef(test, sub === 24);
        this.branchIf(this.frameAt(ins.a));
        return;
      }
      case 26: this.sType[this.height - 1] = ValType.AnyRef; return; // any.convert_extern
      case 27: this.sType[this.height - 1] = ValType.ExternRef; return; // extern.convert_any
      case 28: this.emitResult(Op.Gc, ValType.I31Ref, this.pop(), 0, 0, sub); return; // ref.i31
      case 29: case 30: this.emitResult(Op.Gc, ValType.I32, this.pop(), 0, 0, sub); return; // i31.get_s/u
      default: throw new Error(`unsupported instruction 0xfb ${sub}`);
    }
  }

  /** A 0xfe instruction: one `Atomic` op (`d, addr, a, b, offset, sub, memory`; stores: d = 0, unwritten). */
  private translateAtomic(sub: number): void {
    const info = OPS_FE[sub]!;
    if (info.imm === Imm.Zero) return; // atomic.fence: one thread's accesses are already in order
    const offset = this.memarg();
    const pops = info.params!.length;
    const b = pops >= 3 ? this.pop() : 0;
    const a = pops >= 2 ? this.pop() : 0;
    const addr = this.pop();
    const result = info.results!.length > 0 ? info.results![0]! : null;
    if (this.offsetHi !== 0) {
      // an offset of 4 GiB or more is always out of bounds
      this.emit(Op.Trap, TrapCode.MemoryOutOfBounds);
      if (result !== null) this.pushTemp(result);
    } else if (result !== null) {
      this.emitResult(Op.Atomic, result, addr, a, b, offset, sub, this.memIndex);
    } else {
      this.emit(Op.Atomic, 0, addr, a, b, offset, sub, this.memIndex);
    }
  }

  /** The 16 bytes of a v128.const or shuffle immediate as four little-endian words. */
  private v128Words(): [number, number, number, number] {
    const bytes = this.r.bytes;
    const p = this.ins.bytesPos;
    const word = (q: number): number => bytes[q]! | (bytes[q + 1]! << 8) | (bytes[q + 2]! << 16) | (bytes[q + 3]! << 24);
    return [word(p), word(p + 4), word(p + 8), word(p + 12)];
  }

  private pop3(): [number, number, number] {
    const c = this.pop();
    const b = this.pop();
    const a = this.pop();
    return [a, b, c];
  }

  // ---- finishing ----------------------------------------------------------------------------------

  private finish(): CompiledFunc {
    if (this.returnClauses.length > 0) {
      // catch clauses to the function's label return from here (nothing falls through to it)
      const pad = this.emit(Op.Return);
      for (const c of this.returnClauses) c.target = pad;
    }
    const code = this.code;
    const consts = dropUnusedConsts(code, this.consts, this.constWidths);
    const constSlots = consts.length >> 1;
    relocate(code, this.localsEnd, constSlots, this.exnSlots);
    const handlers = this.handlerTable(this.localsEnd, constSlots);
    threadJumps(code);
    foldCopyReturns(code);
    mergePairs(code, this.regions.flatMap((r) => r.clauses.map((c) => c.target)));
    let resultSlots = 0;
    for (const t of this.type.results) resultSlots += slotCount(t);
    const frameSlots = Math.max(this.localsEnd + constSlots + this.exnSlots + this.maxTempSlots, resultSlots);
    // (a copy: an array of exactly its length, where the translator's has room to grow)
    const compiled = new CompiledFunc(code.slice(), this.paramSlots, this.localsEnd - this.paramSlots, consts,
      frameSlots, resultSlots, this.module.ir.numImportedFuncs + this.definedIndex, Int32Array.from(this.offsets));
    compiled.handlers = handlers;
    return compiled;
  }
}
