// The interpreter loop: one `switch` over the register bytecode. Its cases are generated (between the
// markers) from the instructions' descriptions in codegen/instructions/ by codegen/generate.ts, which also
// gives the opcodes (`Op`, op.generated.ts). The rest, here, is the frame: locals, calls, returns. Wasm calls push a frame record instead of recursing in JS; the callee's frame starts
// at the caller's first argument register. Everything hot is in local variables: pc, frame base (in
// words), code, the slot views, the current instance's memory-0 view. Offsets are written
// `(pc + k) | 0` and `(fp2 + r) | 0`: the `| 0` tells the JIT the sum stays an int32, which drops an
// overflow check from every operand access (a bad index is still caught by the bounds check).
// Interrupts and deadlines cost a decrement per taken branch and call (poll.ts).
// Backtraces cost nothing on the way: an error leaving the loop gets its Wasm frames in the catch around
// it (backtrace.ts), the one place where pc and depth are known.

import {
  ExceptionEntity, FuncKind, Trap, TrapCode, setStructSlot, structSlot,
  type FuncEntity, type InstanceEntity, type MemoryEntity, type PrunedStore,
} from "@wasmi-ts/store";
import type { CompiledModule } from "../module/compiled.js";
import type { CompiledFunc } from "../translate/compiled-func.js";
import { pastCachedLength } from "./memory-access.js";
import { recordBacktrace } from "./backtrace.js";
import { memoryGrow } from "./bulk.js";
import { checkSubtypeSignature, funcOfRef } from "./refs.js";
import { suspendsOnFuel } from "./suspend.js";
import { mayCallOut } from "./call-out.js";
import { callHost } from "./host-call.js";
import { Op } from "./op.generated.js";
import { simdMemOp, simdOp, simdShuffleOp } from "./simd/instructions.js";
import { outOfLine } from "./out-of-line.js";
import { throwException, throwRef, unwindToHandler } from "./exceptions.js";
import { arrayOf, elementAt, gcOp, refIs, structNew, structOf } from "./gc.js";
import { POLL_INTERVAL, poll } from "./poll.js";
import type { ExecState } from "./state.js";
import {
  f32ConvertI64S, f32ConvertI64U, f32Max, f32Min, f32Nearest, f64ConvertI64S, f64ConvertI64U, f64Max, f64Min,
  f64Nearest, i32DivS, i32DivU, i32Popcnt, i32RemS, i32RemU, i32Ctz, i32TruncF32S, i32TruncF32U,
  i32TruncF64S, i32TruncF64U, i32TruncSatF32S, i32TruncSatF32U, i32TruncSatF64S, i32TruncSatF64U,
  i64Clz, i64Extend16S, i64Extend32S, i64Extend8S, i64Rotl, i64Shl, i64ShrS,
  i64ShrU, i64TruncF32S, i64TruncF32U, i64TruncF64S, i64TruncF64U, i64TruncSatF32S, i64TruncSatF32U,
  i64TruncSatF64S, i64TruncSatF64U,
} from "./numeric/index.js";

const EMPTY_BYTES = new Uint8Array(0);
const EMPTY_VIEW = new DataView(EMPTY_BYTES.buffer);

function trap(code: TrapCode): never {
  throw new Trap(code);
}

/** Lazy translation (translate/: passed in, as the translator depends on this file's `Op`); `hot`: the
 * JavaScript tier's compilation of a translated function found hot. */
export type Translate = (module: CompiledModule, definedIndex: number, hot?: boolean) => CompiledFunc;

/** A poll (poll.ts), which gives the next budget, and a sample of where the time goes: a function found
 * running often enough is compiled to JavaScript (at this call site of `translate`, always this function,
 * whatever `translate` is: warm-up.ts trains the site with another). */
function pollAndSample(store: PrunedStore, state: ExecState, cf: CompiledFunc, mod: CompiledModule, translate: Translate): number {
  const budget = poll(store, state);
  if (cf.hotSamples !== 0 && --cf.hotSamples === 0) translate(mod, cf.funcIndex - mod.ir.numImportedFuncs, true);
  return budget;
}

/** The translated code of a Wasm function entity. */
function compiledOf(func: FuncEntity, translate: Translate): CompiledFunc {
  const module = func.instance!.module as CompiledModule;
  const defined = func.index - module.ir.numImportedFuncs;
  return module.code[defined] ?? translate(module, defined);
}

/** The code of a return (after a host tail call, which leaves its results where the caller's go). */
const RETURN_CODE: readonly number[] = [Op.Return];

/** Runs Wasm function `func` whose parameters are in stack slots `base..`; results end up there. */
export function runInterpreterLoop(store: PrunedStore, state: ExecState, func: FuncEntity, base: number, translate: Translate): void {
  const stack = state.stack;
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
  // what depends on the instance: (re)loaded with the stacks' views where the loop (re)starts (below)
  let mod: CompiledModule;
  let mem: MemoryEntity | null;
  let view: DataView;
  let u8: Uint8Array;
  let memLen: number;

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

  // An exception caught by a handler of this run's frames continues the loop there (exceptions.ts).
  for (;;) {
  try {
    if (state.rethrow) {
      // resumed with an error (a rejected async host call): it is the suspended call's
      state.rethrow = false;
      state.resumable = false; // an error given to throw is not a reason to suspend again
      pc = state.contCallPc;
      throw state.resumeError;
    }
    if (!resuming && cf.js !== null && (!cf.jsCallsOut || mayCallOut(store, state))) {
      // the called function is a leaf compiled to JavaScript (translate/js/): it runs alone (never after a
      // caught exception: the tier takes no function with exception handlers)
      pc = -1; // no instruction of the bytecode ran (backtraces)
      state.jsTop = (fp2 >> 1) + cf.frameSlots;
      cf.js(i32, fp2, inst, store, state);
      return;
    }
    for (;;) {
      // What the instance and the stacks give the loop, loaded at entry and after whatever may change
      // them (`break reload`): a call into or a return to another instance, a host call, a leaf's calls
      // out, memory.grow, a caught exception (this one place for all: the loop's size is limited).
      mod = inst.module as CompiledModule;
      mem = inst.memories.length > 0 ? inst.memories[0]! : null;
      view = mem === null ? EMPTY_VIEW : mem.view;
      u8 = mem === null ? EMPTY_BYTES : mem.u8;
      memLen = u8.length;
      frames = state.frames;
      i32 = stack.i32;
      f32 = stack.f32;
      f64 = stack.f64;
      if (budget < 0) budget = pollAndSample(store, state, cf, mod, translate);
      reload: for (;;) {
      // Straight-line instructions and returns `continue`. A taken branch leaves the block with `break
      // branch`, and a call falls out of its end: both count down the budget of polling (poll.ts), so
      // every loop iteration and every call can be interrupted. (The blocks' bodies are not indented.)
      branch: {
      switch (code[pc]) {
        // <generated: instruction cases, by codegen/generate.ts from codegen/instructions/; do not edit>
        case 0: { // Trap: trap with the code
          trap(code[(pc + 1) | 0] as TrapCode);
        }
        case 1: { // Br: jump
          pc = code[(pc + 1) | 0]; break branch;
        }
        case 2: { // CopyBr: a copy (a block's result, a loop variable), then a jump
          {
            const d = ((fp2 + code[(pc + 1) | 0]) | 0);
            const s = ((fp2 + code[(pc + 2) | 0]) | 0);
            i32[d] = i32[s];
            i32[d + 1] = i32[s + 1];
          }
          pc = code[(pc + 3) | 0]; break branch;
        }
        case 3: { // BrIfNez: jump if a is not zero
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] !== 0) { pc = code[(pc + 2) | 0]; break branch; }
          pc = (pc + 3) | 0;
          continue;
        }
        case 4: { // BrIfEqz: jump if a is zero
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] === 0) { pc = code[(pc + 2) | 0]; break branch; }
          pc = (pc + 3) | 0;
          continue;
        }
        case 5: { // BrIfI32Eq: jump if a Eq b (i32)
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] === i32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 6: { // BrIfI32Ne: jump if a Ne b (i32)
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] !== i32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 7: { // BrIfI32LtS: jump if a LtS b (i32)
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] < i32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 8: { // BrIfI32LtU: jump if a LtU b (i32)
          if ((i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) < (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0)) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 9: { // BrIfI32LeS: jump if a LeS b (i32)
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] <= i32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 10: { // BrIfI32LeU: jump if a LeU b (i32)
          if ((i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) <= (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0)) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 11: { // BrTable: jump to the target of index a (the last one when a is past the others)
          const n = code[(pc + 2) | 0];
          // i as an unsigned index, compared in int32s (n < 2^31): `i >>> 0` beyond 2^31 is a double, where
          // V8's code for this case, speculating small integers, deoptimizes ("lost precision")
          const i = i32[(fp2 + code[(pc + 1) | 0]) | 0];
          pc = code[((pc + 2) | 0) + 1 + (i >= 0 && i < n ? i : n)];
          break branch;
        }
        case 12: { // Return: return (results already in place)
          callee = null;
          break;
        }
        case 13: { // ReturnReg: return the value of register a
          const s = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[fp2] = i32[s];
          i32[fp2 + 1] = i32[s + 1];
          callee = null;
          break;
        }
        case 14: { // Call: call defined function f, arguments from register args on
          const m = mod.code[code[(pc + 1) | 0]];
          callee = m !== undefined ? m : translate(mod, code[(pc + 1) | 0]);
          calleeInst = inst;
          argOffset = code[(pc + 2) | 0];
          pc = (pc + 3) | 0;
          break;
        }
        case 15: // CallFunc: call function f of the index space (imports too)
        case 16: // CallIndirect: call the element of register e of table tbl, checked against type ty
        case 18: // ReturnCallFunc: tail call of function f of the index space
        case 19: // ReturnCallIndirect: tail call through a table
        case 308: // CallRef: call the function reference in register r (trap if null)
        case 309: { // ReturnCallRef: tail call of the function reference in register r
          const op = code[pc];
          let target: FuncEntity;
          let next: number;
          if (op === 15 /* CallFunc */ || op === 18 /* ReturnCallFunc */) {
            target = inst.funcs[code[(pc + 1) | 0]]!;
            argOffset = code[(pc + 2) | 0];
            next = pc + 3;
          } else if (op === 308 /* CallRef */ || op === 309 /* ReturnCallRef */) {
            target = funcOfRef(store, i32[(fp2 + code[(pc + 1) | 0]) | 0]);
            argOffset = code[(pc + 2) | 0];
            next = pc + 3;
          } else {
            const table = inst.tables[code[(pc + 2) | 0]]!.elements;
            const i = i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0;
            if (i >= table.length) trap(11 /* UndefinedElement */);
            const ref = table[i];
            if (ref === null) trap(6 /* IndirectCallToNull */);
            target = ref as FuncEntity;
            if (target.type.id !== inst.typeIds[code[(pc + 1) | 0]]) checkSubtypeSignature(store, target, inst.typeIds[code[(pc + 1) | 0]]);
            argOffset = code[(pc + 4) | 0];
            next = pc + 5;
          }
          tail = op === 18 /* ReturnCallFunc */ || op === 19 /* ReturnCallIndirect */ || op === 309 /* ReturnCallRef */;
          if (target.kind === FuncKind.Host) {
            // out of line (host-call.ts); suspended: the loop returns, the call completes on resume
            if (callHost(store, state, target, inst, cf, fp2, argOffset, depth, pc, next, tail)) return;
            pc = next; // only now: an error from the host function is the call's (backtraces)
            if (tail) {
              // a host tail call: its results, now at the frame base, are this function's, which returns them
              tail = false;
              code = RETURN_CODE;
              pc = 0;
            }
            break reload;
          }
          callee = compiledOf(target, translate);
          calleeInst = target.instance!;
          pc = next;
          break;
        }
        case 17: { // ReturnCall: tail call of defined function f
          const m = mod.code[code[(pc + 1) | 0]];
          callee = m !== undefined ? m : translate(mod, code[(pc + 1) | 0]);
          calleeInst = inst;
          argOffset = code[(pc + 2) | 0];
          tail = true;
          pc = (pc + 3) | 0;
          break;
        }
        case 20: { // ConsumeFuel: pay a region's fuel (Config.consumeFuel): at function entry, loop headers, if/else arms
          const left = store.fuel - code[(pc + 1) | 0];
          if (left < 0) trap(10 /* OutOfFuel */);
          store.fuel = left;
          pc = (pc + 2) | 0;
          continue;
        }
        case 21: { // Copy: d = s
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          const s = ((fp2 + code[(pc + 2) | 0]) | 0);
          i32[d] = i32[s];
          i32[d + 1] = i32[s + 1];
          pc = (pc + 3) | 0;
          continue;
        }
        case 22: { // Select: d = c !== 0 ? a : b
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          const s = fp2 + (i32[(fp2 + code[(pc + 2) | 0]) | 0] !== 0 ? code[(pc + 3) | 0] : code[(pc + 4) | 0]);
          const lo = i32[s];
          const hi = i32[s + 1];
          i32[d] = lo;
          i32[d + 1] = hi;
          pc = (pc + 5) | 0;
          continue;
        }
        case 23: { // GlobalGet: d = global g (numbers)
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          const g = inst.globals[code[(pc + 2) | 0]]!.i32;
          i32[d] = g[0];
          i32[d + 1] = g[1];
          pc = (pc + 3) | 0;
          continue;
        }
        case 24: { // GlobalSet: global g = s (numbers)
          const s = ((fp2 + code[(pc + 2) | 0]) | 0);
          const g = inst.globals[code[(pc + 1) | 0]]!.i32;
          g[0] = i32[s];
          g[1] = i32[s + 1];
          pc = (pc + 3) | 0;
          continue;
        }
        case 25: { // Copy128: d = s (v128)
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          const s = ((fp2 + code[(pc + 2) | 0]) | 0);
          i32[d] = i32[s];
          i32[d + 1] = i32[s + 1];
          i32[d + 2] = i32[s + 2];
          i32[d + 3] = i32[s + 3];
          pc = (pc + 3) | 0;
          continue;
        }
        case 26: // Select128: d = c !== 0 ? a : b (v128)
        case 27: // GlobalGet128: d = global g (v128)
        case 28: // GlobalSet128: global g = s (v128)
        case 48: // MemorySize: d = the size in pages of memory m
        case 50: // MemoryInit: memory.init (bulk.ts)
        case 51: // DataDrop: data.drop of segment seg
        case 52: // MemoryCopy: memory.copy (bulk.ts)
        case 53: // MemoryFill: memory.fill (bulk.ts)
        case 54: // LoadMem: a load from memory m (any address type; op: the Wasm load opcode, floats as ints)
        case 55: // StoreMem: a store into memory m (any address type; op: the Wasm store opcode, floats as ints)
        case 63: // TableGet: d = element i of table tbl
        case 64: // TableSet: element i of table tbl = v
        case 65: // TableSize: d = the size of table tbl
        case 66: // TableGrow: d = table.grow of table tbl by n, filled with v
        case 67: // TableFill: table.fill
        case 68: // TableCopy: table.copy
        case 69: // TableInit: table.init
        case 70: // ElemDrop: elem.drop of segment seg
        case 72: // RefFunc: d = a reference to function f
        case 73: // GlobalGetRef: d = global g (references)
        case 74: // GlobalSetRef: global g = s (references)
        case 89: // I64LtS: d = a LtS b (i64)
        case 90: // I64LtU: d = a LtU b (i64)
        case 91: // I64GtS: d = a GtS b (i64)
        case 92: // I64GtU: d = a GtU b (i64)
        case 93: // I64LeS: d = a LeS b (i64)
        case 94: // I64LeU: d = a LeU b (i64)
        case 95: // I64GeS: d = a GeS b (i64)
        case 96: // I64GeU: d = a GeU b (i64)
        case 128: // I64Ctz: d = trailing zero bits of a (i64)
        case 129: // I64Popcnt: d = one bits of a (i64)
        case 133: // I64DivS: d = a / b (i64, signed)
        case 134: // I64DivU: d = a / b (i64, unsigned)
        case 135: // I64RemS: d = a % b (i64, signed)
        case 136: // I64RemU: d = a % b (i64, unsigned)
        case 144: // I64Rotr: d = a rotated right by b (i64)
        case 158: // F32Copysign: d = a with the sign of b (f32, on the bits)
        case 172: // F64Copysign: d = a with the sign of b (f64, on the bits)
        case 221: // I32LeSImm: d = a LeS the immediate b (i32)
        case 222: // I32LeUImm: d = a LeU the immediate b (i32)
        case 223: // I32GeSImm: d = a GeS the immediate b (i32)
        case 224: // I32GeUImm: d = a GeU the immediate b (i32)
        case 230: // I32XorRotlImm: d = a ^ rotl(x, n)
        case 241: // I32XorAnd: d = c ^ (a & b) (bit selections)
        case 242: // I32AndXor: d = c & (a ^ b)
        case 243: // I32RotlXorRotlImm: d = rotl(x, k) ^ rotl(y, n)
        case 244: // I32XorAndXor: d = e ^ (c & (a ^ b)) (choice)
        case 246: // I32Rotl3XorImm: d = rotl(x, k) ^ rotl(y, n) ^ rotl(z, m)
        case 301: // TableIndex64: d = the i64 a as a table index: a, or 2^32-1 (past the end of every table) from 2^32 on
        case 302: // TableSize64: d = the size of table tbl (i64)
        case 303: // I64Add128: (dl, dh) = (al, ah) + (bl, bh) (i64 pairs as 128-bit integers)
        case 304: // I64Sub128: (dl, dh) = (al, ah) - (bl, bh) (i64 pairs as 128-bit integers)
        case 305: // I64MulWideS: (dl, dh) = a * b (i64 to 128 bits, signed)
        case 306: // I64MulWideU: (dl, dh) = a * b (i64 to 128 bits, unsigned)
        case 307: { // Atomic: an atomic access, wait or notify on memory m (0xfe sub-opcode op; interpret/atomics.ts)
          pc = outOfLine(store, state, inst, i32, fp2, code, pc);
          continue;
        }
        case 29: { // I32Load: d = i32 at addr + off
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 4 > memLen) memLen = pastCachedLength(mem, ea + 4);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getInt32(ea, true);
          pc = (pc + 4) | 0;
          continue;
        }
        case 30: { // I64Load: d = i64 at addr + off
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 8 > memLen) memLen = pastCachedLength(mem, ea + 8);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d] = view.getInt32(ea, true);
          i32[d + 1] = view.getInt32(ea + 4, true);
          pc = (pc + 4) | 0;
          continue;
        }
        case 31: { // I32Load8S: d = s8 at addr + off
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getInt8(ea);
          pc = (pc + 4) | 0;
          continue;
        }
        case 32: { // I32Load8U: d = u8 at addr + off
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = u8[ea];
          pc = (pc + 4) | 0;
          continue;
        }
        case 33: { // I32Load16S: d = s16 at addr + off
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 2 > memLen) memLen = pastCachedLength(mem, ea + 2);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getInt16(ea, true);
          pc = (pc + 4) | 0;
          continue;
        }
        case 34: { // I32Load16U: d = u16 at addr + off
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 2 > memLen) memLen = pastCachedLength(mem, ea + 2);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getUint16(ea, true);
          pc = (pc + 4) | 0;
          continue;
        }
        case 35: { // I64Load8S: d = s8 at addr + off, extended to i64
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          const v = view.getInt8(ea);
          i32[d] = v;
          i32[d + 1] = v >> 31;
          pc = (pc + 4) | 0;
          continue;
        }
        case 36: { // I64Load8U: d = u8 at addr + off, extended to i64
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          const v = u8[ea];
          i32[d] = v;
          i32[d + 1] = 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 37: { // I64Load16S: d = s16 at addr + off, extended to i64
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 2 > memLen) memLen = pastCachedLength(mem, ea + 2);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          const v = view.getInt16(ea, true);
          i32[d] = v;
          i32[d + 1] = v >> 31;
          pc = (pc + 4) | 0;
          continue;
        }
        case 38: { // I64Load16U: d = u16 at addr + off, extended to i64
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 2 > memLen) memLen = pastCachedLength(mem, ea + 2);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          const v = view.getUint16(ea, true);
          i32[d] = v;
          i32[d + 1] = 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 39: { // I64Load32S: d = s32 at addr + off, extended to i64
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 4 > memLen) memLen = pastCachedLength(mem, ea + 4);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          const v = view.getInt32(ea, true);
          i32[d] = v;
          i32[d + 1] = v >> 31;
          pc = (pc + 4) | 0;
          continue;
        }
        case 40: { // I64Load32U: d = u32 at addr + off, extended to i64
          const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 4 > memLen) memLen = pastCachedLength(mem, ea + 4);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          const v = view.getInt32(ea, true);
          i32[d] = v;
          i32[d + 1] = 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 41: // I32Store: store 32 bits of v at addr + off
        case 47: { // I64Store32: store 32 bits of v at addr + off
          const ea = (i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 4 > memLen) memLen = pastCachedLength(mem, ea + 4);
          view.setInt32(ea, i32[(fp2 + code[(pc + 2) | 0]) | 0], true);
          pc = (pc + 4) | 0;
          continue;
        }
        case 42: { // I64Store: store the i64 v at addr + off
          const ea = (i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 8 > memLen) memLen = pastCachedLength(mem, ea + 8);
          const s = ((fp2 + code[(pc + 2) | 0]) | 0);
          view.setInt32(ea, i32[s], true);
          view.setInt32(ea + 4, i32[s + 1], true);
          pc = (pc + 4) | 0;
          continue;
        }
        case 43: // I32Store8: store 8 bits of v at addr + off
        case 45: { // I64Store8: store 8 bits of v at addr + off
          const ea = (i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
          u8[ea] = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 44: // I32Store16: store 16 bits of v at addr + off
        case 46: { // I64Store16: store 16 bits of v at addr + off
          const ea = (i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
          if (ea + 2 > memLen) memLen = pastCachedLength(mem, ea + 2);
          view.setInt16(ea, i32[(fp2 + code[(pc + 2) | 0]) | 0], true);
          pc = (pc + 4) | 0;
          continue;
        }
        case 49: { // MemoryGrow: d = memory.grow of memory m by delta (bulk.ts)
          memoryGrow(store, inst, i32, fp2, code, pc);
          pc = (pc + 4) | 0;
          break reload;
        }
        case 56: { // I32LoadIdx: d = i32 at base + index + off
          const ea = ((i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 4 > memLen) memLen = pastCachedLength(mem, ea + 4);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getInt32(ea, true);
          pc = (pc + 5) | 0;
          continue;
        }
        case 57: { // I32Load8SIdx: d = s8 at base + index + off
          const ea = ((i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (u8[ea] << 24) >> 24;
          pc = (pc + 5) | 0;
          continue;
        }
        case 58: { // I32Load8UIdx: d = u8 at base + index + off
          const ea = ((i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = u8[ea];
          pc = (pc + 5) | 0;
          continue;
        }
        case 59: { // I32Load16SIdx: d = s16 at base + index + off
          const ea = ((i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 2 > memLen) memLen = pastCachedLength(mem, ea + 2);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getInt16(ea, true);
          pc = (pc + 5) | 0;
          continue;
        }
        case 60: { // I32Load16UIdx: d = u16 at base + index + off
          const ea = ((i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 2 > memLen) memLen = pastCachedLength(mem, ea + 2);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getUint16(ea, true);
          pc = (pc + 5) | 0;
          continue;
        }
        case 61: { // I32StoreIdx: store 32 bits of v at base + index + off
          const ea = ((i32[(fp2 + code[(pc + 1) | 0]) | 0] + i32[(fp2 + code[(pc + 2) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 4 > memLen) memLen = pastCachedLength(mem, ea + 4);
          view.setInt32(ea, i32[(fp2 + code[(pc + 3) | 0]) | 0], true);
          pc = (pc + 5) | 0;
          continue;
        }
        case 62: { // I32Store8Idx: store 8 bits of v at base + index + off
          const ea = ((i32[(fp2 + code[(pc + 1) | 0]) | 0] + i32[(fp2 + code[(pc + 2) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
          u8[ea] = i32[(fp2 + code[(pc + 3) | 0]) | 0];
          pc = (pc + 5) | 0;
          continue;
        }
        case 71: // RefIsNull: d = a is null
        case 75: { // I32Eqz: d = a is zero (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] === 0 ? 1 : 0;
          pc = (pc + 3) | 0;
          continue;
        }
        case 76: { // I32Eq: d = a Eq b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] === i32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 77: { // I32Ne: d = a Ne b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] !== i32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 78: { // I32LtS: d = a LtS b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] < i32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 79: { // I32LtU: d = a LtU b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) < (i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 80: { // I32GtS: d = a GtS b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] > i32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 81: { // I32GtU: d = a GtU b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) > (i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 82: { // I32LeS: d = a LeS b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] <= i32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 83: { // I32LeU: d = a LeU b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) <= (i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 84: { // I32GeS: d = a GeS b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >= i32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 85: { // I32GeU: d = a GeU b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) >= (i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 86: { // I64Eqz: d = a is zero (i64)
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[a] | i32[a + 1]) === 0 ? 1 : 0;
          pc = (pc + 3) | 0;
          continue;
        }
        case 87: { // I64Eq: d = a Eq b (i64)
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const b = ((fp2 + code[(pc + 3) | 0]) | 0);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[a] === i32[b] && i32[a + 1] === i32[b + 1] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 88: { // I64Ne: d = a Ne b (i64)
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const b = ((fp2 + code[(pc + 3) | 0]) | 0);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[a] !== i32[b] || i32[a + 1] !== i32[b + 1] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 97: { // F32Eq: d = a Eq b (f32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] === f32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 98: { // F32Ne: d = a Ne b (f32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] !== f32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 99: { // F32Lt: d = a Lt b (f32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] < f32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 100: { // F32Gt: d = a Gt b (f32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] > f32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 101: { // F32Le: d = a Le b (f32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] <= f32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 102: { // F32Ge: d = a Ge b (f32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] >= f32[(fp2 + code[(pc + 3) | 0]) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 103: { // F64Eq: d = a Eq b (f64)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] === f64[(fp2 + code[(pc + 3) | 0]) >> 1] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 104: { // F64Ne: d = a Ne b (f64)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] !== f64[(fp2 + code[(pc + 3) | 0]) >> 1] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 105: { // F64Lt: d = a Lt b (f64)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] < f64[(fp2 + code[(pc + 3) | 0]) >> 1] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 106: { // F64Gt: d = a Gt b (f64)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] > f64[(fp2 + code[(pc + 3) | 0]) >> 1] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 107: { // F64Le: d = a Le b (f64)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] <= f64[(fp2 + code[(pc + 3) | 0]) >> 1] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 108: { // F64Ge: d = a Ge b (f64)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] >= f64[(fp2 + code[(pc + 3) | 0]) >> 1] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 109: { // I32Clz: d = leading zero bits of a
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.clz32(i32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 110: { // I32Ctz: d = trailing zero bits of a
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32Ctz(i32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 111: { // I32Popcnt: d = one bits of a
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32Popcnt(i32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 112: { // I32Add: d = a Add b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) | 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 113: { // I32Sub: d = a Sub b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] - i32[(fp2 + code[(pc + 3) | 0]) | 0]) | 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 114: { // I32Mul: d = a Mul b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.imul(i32[(fp2 + code[(pc + 2) | 0]) | 0], i32[(fp2 + code[(pc + 3) | 0]) | 0]);
          pc = (pc + 4) | 0;
          continue;
        }
        case 115: { // I32DivS: d = a DivS b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32DivS(i32[(fp2 + code[(pc + 2) | 0]) | 0], i32[(fp2 + code[(pc + 3) | 0]) | 0]);
          pc = (pc + 4) | 0;
          continue;
        }
        case 116: { // I32DivU: d = a DivU b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32DivU(i32[(fp2 + code[(pc + 2) | 0]) | 0], i32[(fp2 + code[(pc + 3) | 0]) | 0]);
          pc = (pc + 4) | 0;
          continue;
        }
        case 117: { // I32RemS: d = a RemS b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32RemS(i32[(fp2 + code[(pc + 2) | 0]) | 0], i32[(fp2 + code[(pc + 3) | 0]) | 0]);
          pc = (pc + 4) | 0;
          continue;
        }
        case 118: { // I32RemU: d = a RemU b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32RemU(i32[(fp2 + code[(pc + 2) | 0]) | 0], i32[(fp2 + code[(pc + 3) | 0]) | 0]);
          pc = (pc + 4) | 0;
          continue;
        }
        case 119: { // I32And: d = a And b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] & i32[(fp2 + code[(pc + 3) | 0]) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 120: { // I32Or: d = a Or b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] | i32[(fp2 + code[(pc + 3) | 0]) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 121: { // I32Xor: d = a Xor b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] ^ i32[(fp2 + code[(pc + 3) | 0]) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 122: { // I32Shl: d = a Shl b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] << i32[(fp2 + code[(pc + 3) | 0]) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 123: { // I32ShrS: d = a ShrS b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >> i32[(fp2 + code[(pc + 3) | 0]) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 124: { // I32ShrU: d = a ShrU b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> i32[(fp2 + code[(pc + 3) | 0]) | 0]) | 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 125: { // I32Rotl: d = a Rotl b (i32)
          const a = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          const b = i32[(fp2 + code[(pc + 3) | 0]) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (a << b) | (a >>> -b);
          pc = (pc + 4) | 0;
          continue;
        }
        case 126: { // I32Rotr: d = a Rotr b (i32)
          const a = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          const b = i32[(fp2 + code[(pc + 3) | 0]) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (a >>> b) | (a << -b);
          pc = (pc + 4) | 0;
          continue;
        }
        case 127: { // I64Clz: d = leading zero bits of a (i64)
          i64Clz(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0));
          pc = (pc + 3) | 0;
          continue;
        }
        case 130: { // I64Add: d = a + b (i64)
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const b = ((fp2 + code[(pc + 3) | 0]) | 0);
          const al = i32[a];
          const lo = (al + i32[b]) | 0;
          const carry = (lo >>> 0) < (al >>> 0) ? 1 : 0;
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d + 1] = (i32[a + 1] + i32[b + 1] + carry) | 0;
          i32[d] = lo;
          pc = (pc + 4) | 0;
          continue;
        }
        case 131: { // I64Sub: d = a - b (i64)
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const b = ((fp2 + code[(pc + 3) | 0]) | 0);
          const al = i32[a];
          const bl = i32[b];
          const borrow = (al >>> 0) < (bl >>> 0) ? 1 : 0;
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d + 1] = (i32[a + 1] - i32[b + 1] - borrow) | 0;
          i32[d] = (al - bl) | 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 132: { // I64Mul: d = a * b (i64)
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const b = ((fp2 + code[(pc + 3) | 0]) | 0);
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
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d + 1] = ph;
          i32[d] = pl;
          pc = (pc + 4) | 0;
          continue;
        }
        case 137: { // I64And: d = a & b (i64)
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const b = ((fp2 + code[(pc + 3) | 0]) | 0);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d] = i32[a] & i32[b];
          i32[d + 1] = i32[a + 1] & i32[b + 1];
          pc = (pc + 4) | 0;
          continue;
        }
        case 138: { // I64Or: d = a | b (i64)
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const b = ((fp2 + code[(pc + 3) | 0]) | 0);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d] = i32[a] | i32[b];
          i32[d + 1] = i32[a + 1] | i32[b + 1];
          pc = (pc + 4) | 0;
          continue;
        }
        case 139: { // I64Xor: d = a ^ b (i64)
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const b = ((fp2 + code[(pc + 3) | 0]) | 0);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d] = i32[a] ^ i32[b];
          i32[d + 1] = i32[a + 1] ^ i32[b + 1];
          pc = (pc + 4) | 0;
          continue;
        }
        case 140: { // I64Shl: d = a << b (i64)
          i64Shl(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0), ((fp2 + code[(pc + 3) | 0]) | 0));
          pc = (pc + 4) | 0;
          continue;
        }
        case 141: { // I64ShrS: d = a >> b (i64)
          i64ShrS(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0), ((fp2 + code[(pc + 3) | 0]) | 0));
          pc = (pc + 4) | 0;
          continue;
        }
        case 142: { // I64ShrU: d = a >>> b (i64)
          i64ShrU(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0), ((fp2 + code[(pc + 3) | 0]) | 0));
          pc = (pc + 4) | 0;
          continue;
        }
        case 143: { // I64Rotl: d = a rotated left by b (i64)
          i64Rotl(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0), ((fp2 + code[(pc + 3) | 0]) | 0));
          pc = (pc + 4) | 0;
          continue;
        }
        case 145: { // F32Abs: d = |a| (f32, on the bits)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] & 0x7fffffff;
          pc = (pc + 3) | 0;
          continue;
        }
        case 146: { // F32Neg: d = -a (f32, on the bits)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] ^ -0x80000000;
          pc = (pc + 3) | 0;
          continue;
        }
        case 147: { // F32Ceil: d = ceil(a) (f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.ceil(f32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 148: { // F32Floor: d = floor(a) (f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.floor(f32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 149: { // F32Trunc: d = trunc(a) (f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.trunc(f32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 150: { // F32Nearest: d = nearest(a) (f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32Nearest(f32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 151: { // F32Sqrt: d = sqrt(a) (f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.sqrt(f32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 152: { // F32Add: d = a Add b (f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] + f32[(fp2 + code[(pc + 3) | 0]) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 153: { // F32Sub: d = a Sub b (f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] - f32[(fp2 + code[(pc + 3) | 0]) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 154: { // F32Mul: d = a Mul b (f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] * f32[(fp2 + code[(pc + 3) | 0]) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 155: { // F32Div: d = a Div b (f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32[(fp2 + code[(pc + 2) | 0]) | 0] / f32[(fp2 + code[(pc + 3) | 0]) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 156: { // F32Min: d = min(a, b) (f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32Min(f32[(fp2 + code[(pc + 2) | 0]) | 0], f32[(fp2 + code[(pc + 3) | 0]) | 0]);
          pc = (pc + 4) | 0;
          continue;
        }
        case 157: { // F32Max: d = max(a, b) (f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32Max(f32[(fp2 + code[(pc + 2) | 0]) | 0], f32[(fp2 + code[(pc + 3) | 0]) | 0]);
          pc = (pc + 4) | 0;
          continue;
        }
        case 159: { // F64Abs: d = |a| (f64, on the bits)
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d] = i32[a];
          i32[d + 1] = i32[a + 1] & 0x7fffffff;
          pc = (pc + 3) | 0;
          continue;
        }
        case 160: { // F64Neg: d = -a (f64, on the bits)
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d] = i32[a];
          i32[d + 1] = i32[a + 1] ^ -0x80000000;
          pc = (pc + 3) | 0;
          continue;
        }
        case 161: { // F64Ceil: d = ceil(a) (f64)
          const x = Math.ceil(f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = x === x ? x : NaN;
          pc = (pc + 3) | 0;
          continue;
        }
        case 162: { // F64Floor: d = floor(a) (f64)
          const x = Math.floor(f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = x === x ? x : NaN;
          pc = (pc + 3) | 0;
          continue;
        }
        case 163: { // F64Trunc: d = trunc(a) (f64)
          const x = Math.trunc(f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = x === x ? x : NaN;
          pc = (pc + 3) | 0;
          continue;
        }
        case 164: { // F64Nearest: d = nearest(a) (f64)
          const x = f64Nearest(f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = x === x ? x : NaN;
          pc = (pc + 3) | 0;
          continue;
        }
        case 165: { // F64Sqrt: d = sqrt(a) (f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = Math.sqrt(f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 166: { // F64Add: d = a Add b (f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] + f64[(fp2 + code[(pc + 3) | 0]) >> 1];
          pc = (pc + 4) | 0;
          continue;
        }
        case 167: { // F64Sub: d = a Sub b (f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] - f64[(fp2 + code[(pc + 3) | 0]) >> 1];
          pc = (pc + 4) | 0;
          continue;
        }
        case 168: { // F64Mul: d = a Mul b (f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] * f64[(fp2 + code[(pc + 3) | 0]) >> 1];
          pc = (pc + 4) | 0;
          continue;
        }
        case 169: { // F64Div: d = a Div b (f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] / f64[(fp2 + code[(pc + 3) | 0]) >> 1];
          pc = (pc + 4) | 0;
          continue;
        }
        case 170: { // F64Min: d = min(a, b) (f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64Min(f64[(fp2 + code[(pc + 2) | 0]) >> 1], f64[(fp2 + code[(pc + 3) | 0]) >> 1]);
          pc = (pc + 4) | 0;
          continue;
        }
        case 171: { // F64Max: d = max(a, b) (f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64Max(f64[(fp2 + code[(pc + 2) | 0]) >> 1], f64[(fp2 + code[(pc + 3) | 0]) >> 1]);
          pc = (pc + 4) | 0;
          continue;
        }
        case 173: { // I32TruncF32S: d = i32TruncF32S(a) (f32 to i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncF32S(f32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 174: { // I32TruncF32U: d = i32TruncF32U(a) (f32 to i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncF32U(f32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 175: { // I32TruncF64S: d = i32TruncF64S(a) (f64 to i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncF64S(f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 176: { // I32TruncF64U: d = i32TruncF64U(a) (f64 to i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncF64U(f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 177: { // I64ExtendI32S: d = a sign-extended (i32 to i64)
          const v = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d] = v;
          i32[d + 1] = v >> 31;
          pc = (pc + 3) | 0;
          continue;
        }
        case 178: { // I64ExtendI32U: d = a zero-extended (i32 to i64)
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d] = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          i32[d + 1] = 0;
          pc = (pc + 3) | 0;
          continue;
        }
        case 179: { // I64TruncF32S: d = i64TruncF32S(a) (f32 to i64)
          i64TruncF32S(i32, ((fp2 + code[(pc + 1) | 0]) | 0), f32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 180: { // I64TruncF32U: d = i64TruncF32U(a) (f32 to i64)
          i64TruncF32U(i32, ((fp2 + code[(pc + 1) | 0]) | 0), f32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 181: { // I64TruncF64S: d = i64TruncF64S(a) (f64 to i64)
          i64TruncF64S(i32, ((fp2 + code[(pc + 1) | 0]) | 0), f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 182: { // I64TruncF64U: d = i64TruncF64U(a) (f64 to i64)
          i64TruncF64U(i32, ((fp2 + code[(pc + 1) | 0]) | 0), f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 183: { // F32ConvertI32S: d = a (i32 to f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          pc = (pc + 3) | 0;
          continue;
        }
        case 184: { // F32ConvertI32U: d = a >>> 0 (i32 to f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0;
          pc = (pc + 3) | 0;
          continue;
        }
        case 185: { // F32ConvertI64S: d = f32ConvertI64S(a) (i64 to f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32ConvertI64S(i32, ((fp2 + code[(pc + 2) | 0]) | 0));
          pc = (pc + 3) | 0;
          continue;
        }
        case 186: { // F32ConvertI64U: d = f32ConvertI64U(a) (i64 to f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = f32ConvertI64U(i32, ((fp2 + code[(pc + 2) | 0]) | 0));
          pc = (pc + 3) | 0;
          continue;
        }
        case 187: { // F32DemoteF64: d = a (f64 to f32)
          f32[(fp2 + code[(pc + 1) | 0]) | 0] = f64[(fp2 + code[(pc + 2) | 0]) >> 1];
          pc = (pc + 3) | 0;
          continue;
        }
        case 188: { // F64ConvertI32S: d = a (i32 to f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          pc = (pc + 3) | 0;
          continue;
        }
        case 189: { // F64ConvertI32U: d = a >>> 0 (i32 to f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0;
          pc = (pc + 3) | 0;
          continue;
        }
        case 190: { // F64ConvertI64S: d = f64ConvertI64S(a) (i64 to f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64ConvertI64S(i32, ((fp2 + code[(pc + 2) | 0]) | 0));
          pc = (pc + 3) | 0;
          continue;
        }
        case 191: { // F64ConvertI64U: d = f64ConvertI64U(a) (i64 to f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64ConvertI64U(i32, ((fp2 + code[(pc + 2) | 0]) | 0));
          pc = (pc + 3) | 0;
          continue;
        }
        case 192: { // F64PromoteF32: d = a (f32 to f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f32[(fp2 + code[(pc + 2) | 0]) | 0];
          pc = (pc + 3) | 0;
          continue;
        }
        case 193: { // I32Extend8S: d = (a << 24) >> 24 (i32 to i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] << 24) >> 24;
          pc = (pc + 3) | 0;
          continue;
        }
        case 194: { // I32Extend16S: d = (a << 16) >> 16 (i32 to i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] << 16) >> 16;
          pc = (pc + 3) | 0;
          continue;
        }
        case 195: { // I64Extend8S: d = the low 8 bits of a sign-extended (i64)
          i64Extend8S(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0));
          pc = (pc + 3) | 0;
          continue;
        }
        case 196: { // I64Extend16S: d = the low 16 bits of a sign-extended (i64)
          i64Extend16S(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0));
          pc = (pc + 3) | 0;
          continue;
        }
        case 197: { // I64Extend32S: d = the low 32 bits of a sign-extended (i64)
          i64Extend32S(i32, ((fp2 + code[(pc + 1) | 0]) | 0), ((fp2 + code[(pc + 2) | 0]) | 0));
          pc = (pc + 3) | 0;
          continue;
        }
        case 198: { // I32TruncSatF32S: d = i32TruncSatF32S(a) (f32 to i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncSatF32S(f32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 199: { // I32TruncSatF32U: d = i32TruncSatF32U(a) (f32 to i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncSatF32U(f32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 200: { // I32TruncSatF64S: d = i32TruncSatF64S(a) (f64 to i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncSatF64S(f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 201: { // I32TruncSatF64U: d = i32TruncSatF64U(a) (f64 to i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32TruncSatF64U(f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 202: { // I64TruncSatF32S: d = i64TruncSatF32S(a) (f32 to i64)
          i64TruncSatF32S(i32, ((fp2 + code[(pc + 1) | 0]) | 0), f32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 203: { // I64TruncSatF32U: d = i64TruncSatF32U(a) (f32 to i64)
          i64TruncSatF32U(i32, ((fp2 + code[(pc + 1) | 0]) | 0), f32[(fp2 + code[(pc + 2) | 0]) | 0]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 204: { // I64TruncSatF64S: d = i64TruncSatF64S(a) (f64 to i64)
          i64TruncSatF64S(i32, ((fp2 + code[(pc + 1) | 0]) | 0), f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 205: { // I64TruncSatF64U: d = i64TruncSatF64U(a) (f64 to i64)
          i64TruncSatF64U(i32, ((fp2 + code[(pc + 1) | 0]) | 0), f64[(fp2 + code[(pc + 2) | 0]) >> 1]);
          pc = (pc + 3) | 0;
          continue;
        }
        case 206: { // I32AddImm: d = a Add the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 207: { // I32MulImm: d = a Mul the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.imul(i32[(fp2 + code[(pc + 2) | 0]) | 0], code[(pc + 3) | 0]);
          pc = (pc + 4) | 0;
          continue;
        }
        case 208: { // I32AndImm: d = a And the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] & code[(pc + 3) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 209: { // I32OrImm: d = a Or the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] | code[(pc + 3) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 210: { // I32XorImm: d = a Xor the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] ^ code[(pc + 3) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 211: { // I32ShlImm: d = a Shl the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] << code[(pc + 3) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 212: { // I32ShrSImm: d = a ShrS the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] >> code[(pc + 3) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 213: { // I32ShrUImm: d = a ShrU the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> code[(pc + 3) | 0]) | 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 214: { // I32RotlImm: d = a Rotl the immediate b (i32)
          const a = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          const b = code[(pc + 3) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (a << b) | (a >>> -b);
          pc = (pc + 4) | 0;
          continue;
        }
        case 215: { // I32EqImm: d = a Eq the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] === code[(pc + 3) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 216: { // I32NeImm: d = a Ne the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] !== code[(pc + 3) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 217: { // I32LtSImm: d = a LtS the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] < code[(pc + 3) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 218: { // I32LtUImm: d = a LtU the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) < (code[(pc + 3) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 219: { // I32GtSImm: d = a GtS the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] > code[(pc + 3) | 0] ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 220: { // I32GtUImm: d = a GtU the immediate b (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) > (code[(pc + 3) | 0] >>> 0) ? 1 : 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 225: { // I64ShlImm: d = a << n (i64, n in 1..63)
          const n = code[(pc + 3) | 0];
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
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
        case 226: { // I64ShrSImm: d = a >> n (i64, n in 1..63)
          const n = code[(pc + 3) | 0];
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
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
        case 227: { // I64ShrUImm: d = a >>> n (i64, n in 1..63)
          const n = code[(pc + 3) | 0];
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
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
        case 228: { // I32ShrUAndImm: d = (a >>> count) & mask: a bit field
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = ((i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> code[(pc + 3) | 0]) | 0) & code[(pc + 4) | 0];
          pc = (pc + 5) | 0;
          continue;
        }
        case 229: { // Copy2: two copies
          {
            const d = ((fp2 + code[(pc + 1) | 0]) | 0);
            const s = ((fp2 + code[(pc + 2) | 0]) | 0);
            i32[d] = i32[s];
            i32[d + 1] = i32[s + 1];
          }
          const d = ((fp2 + code[(pc + 3) | 0]) | 0);
          const s = ((fp2 + code[(pc + 4) | 0]) | 0);
          i32[d] = i32[s];
          i32[d + 1] = i32[s + 1];
          pc = (pc + 5) | 0;
          continue;
        }
        case 231: { // I32XorShrUImm: d = a ^ (x >>> n)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] ^ ((i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> code[(pc + 4) | 0]) | 0);
          pc = (pc + 5) | 0;
          continue;
        }
        case 232: { // I64XorShlImm: d = a ^ (x << n) (i64, n in 1..63)
          const n = code[(pc + 4) | 0];
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const x = ((fp2 + code[(pc + 3) | 0]) | 0);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
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
        case 233: { // I64XorShrUImm: d = a ^ (x >>> n) (i64, n in 1..63)
          const n = code[(pc + 4) | 0];
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const x = ((fp2 + code[(pc + 3) | 0]) | 0);
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
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
        case 234: { // I32AddAdd: two adds in a row, merged in place (the second opcode word is padding)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) | 0;
          i32[(fp2 + code[(pc + 5) | 0]) | 0] = (i32[(fp2 + code[(pc + 6) | 0]) | 0] + i32[(fp2 + code[(pc + 7) | 0]) | 0]) | 0;
          pc = (pc + 8) | 0;
          continue;
        }
        case 235: { // I32Add3: d = c + a + b
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + ((i32[(fp2 + code[(pc + 3) | 0]) | 0] + i32[(fp2 + code[(pc + 4) | 0]) | 0]) | 0)) | 0;
          pc = (pc + 5) | 0;
          continue;
        }
        case 236: { // I32AddMulImm: d = c + x * k (array indexing)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + (Math.imul(i32[(fp2 + code[(pc + 3) | 0]) | 0], code[(pc + 4) | 0]))) | 0;
          pc = (pc + 5) | 0;
          continue;
        }
        case 237: { // I32AddLoad: d = c + i32 at addr + off (sums over memory)
          const ea = (i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0) + (code[(pc + 4) | 0] >>> 0);
          if (ea + 4 > memLen) memLen = pastCachedLength(mem, ea + 4);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + (view.getInt32(ea, true))) | 0;
          pc = (pc + 5) | 0;
          continue;
        }
        case 238: { // I32AddMul: d = c + a * b (multiply-accumulate)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + (Math.imul(i32[(fp2 + code[(pc + 3) | 0]) | 0], i32[(fp2 + code[(pc + 4) | 0]) | 0]))) | 0;
          pc = (pc + 5) | 0;
          continue;
        }
        case 239: { // I32AddShrUAndImm: d = c + a bit field
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + (((i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> code[(pc + 4) | 0]) | 0) & code[(pc + 5) | 0])) | 0;
          pc = (pc + 6) | 0;
          continue;
        }
        case 240: { // I32MulShrUAndImm: d = c * a bit field
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.imul(i32[(fp2 + code[(pc + 2) | 0]) | 0], (((i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> code[(pc + 4) | 0]) | 0) & code[(pc + 5) | 0]));
          pc = (pc + 6) | 0;
          continue;
        }
        case 245: { // I32AndXorXorAnd: d = (c & (a ^ b)) ^ (x & y) (majority)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] & (i32[(fp2 + code[(pc + 3) | 0]) | 0] ^ i32[(fp2 + code[(pc + 4) | 0]) | 0])) ^ (i32[(fp2 + code[(pc + 5) | 0]) | 0] & i32[(fp2 + code[(pc + 6) | 0]) | 0]);
          pc = (pc + 7) | 0;
          continue;
        }
        case 247: { // I32Rotl2XorShrUImm: d = rotl(x, k) ^ rotl(y, n) ^ (z >>> m)
          const x = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          const k = code[(pc + 3) | 0];
          const y = i32[(fp2 + code[(pc + 4) | 0]) | 0];
          const n = code[(pc + 5) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (((x << k) | (x >>> -k)) ^ ((y << n) | (y >>> -n))) ^ ((i32[(fp2 + code[(pc + 6) | 0]) | 0] >>> code[(pc + 7) | 0]) | 0);
          pc = (pc + 8) | 0;
          continue;
        }
        case 248: { // I32AddXorAndXor: d = s + (e ^ (c & (a ^ b)))
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + (i32[(fp2 + code[(pc + 3) | 0]) | 0] ^ (i32[(fp2 + code[(pc + 4) | 0]) | 0] & (i32[(fp2 + code[(pc + 5) | 0]) | 0] ^ i32[(fp2 + code[(pc + 6) | 0]) | 0])))) | 0;
          pc = (pc + 7) | 0;
          continue;
        }
        case 249: { // I32AddRotl3XorImm: d = c + rotl(x, k) ^ rotl(y, n) ^ rotl(z, m)
          const x = i32[(fp2 + code[(pc + 3) | 0]) | 0];
          const k = code[(pc + 4) | 0];
          const y = i32[(fp2 + code[(pc + 5) | 0]) | 0];
          const n = code[(pc + 6) | 0];
          const z = i32[(fp2 + code[(pc + 7) | 0]) | 0];
          const m = code[(pc + 8) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + ((((x << k) | (x >>> -k)) ^ ((y << n) | (y >>> -n))) ^ ((z << m) | (z >>> -m)))) | 0;
          pc = (pc + 9) | 0;
          continue;
        }
        case 250: { // I64AddMul: d = c + a * b (i64)
          const a = ((fp2 + code[(pc + 3) | 0]) | 0);
          const b = ((fp2 + code[(pc + 4) | 0]) | 0);
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
          const c = ((fp2 + code[(pc + 2) | 0]) | 0);
          const cl = i32[c];
          const lo = (cl + pl) | 0;
          const carry = (lo >>> 0) < (cl >>> 0) ? 1 : 0;
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d + 1] = (i32[c + 1] + ph + carry) | 0;
          i32[d] = lo;
          pc = (pc + 5) | 0;
          continue;
        }
        case 251: { // I32MulLoad16SIdx: d = c * s16 at base + index + off
          const ea = ((i32[(fp2 + code[(pc + 3) | 0]) | 0] + i32[(fp2 + code[(pc + 4) | 0]) | 0]) >>> 0) + (code[(pc + 5) | 0] >>> 0);
          if (ea + 2 > memLen) memLen = pastCachedLength(mem, ea + 2);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.imul(i32[(fp2 + code[(pc + 2) | 0]) | 0], (view.getInt16(ea, true)));
          pc = (pc + 6) | 0;
          continue;
        }
        case 252: { // I32MulLoad16UIdx: d = c * u16 at base + index + off
          const ea = ((i32[(fp2 + code[(pc + 3) | 0]) | 0] + i32[(fp2 + code[(pc + 4) | 0]) | 0]) >>> 0) + (code[(pc + 5) | 0] >>> 0);
          if (ea + 2 > memLen) memLen = pastCachedLength(mem, ea + 2);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = Math.imul(i32[(fp2 + code[(pc + 2) | 0]) | 0], (view.getUint16(ea, true)));
          pc = (pc + 6) | 0;
          continue;
        }
        case 253: { // BrIfI32EqImm: jump if a Eq the immediate b (i32)
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] === code[(pc + 2) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 254: { // BrIfI32NeImm: jump if a Ne the immediate b (i32)
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] !== code[(pc + 2) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 255: { // BrIfI32LtSImm: jump if a LtS the immediate b (i32)
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] < code[(pc + 2) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 256: { // BrIfI32LtUImm: jump if a LtU the immediate b (i32)
          if ((i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) < (code[(pc + 2) | 0] >>> 0)) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 257: { // BrIfI32GtSImm: jump if a GtS the immediate b (i32)
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] > code[(pc + 2) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 258: { // BrIfI32GtUImm: jump if a GtU the immediate b (i32)
          if ((i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) > (code[(pc + 2) | 0] >>> 0)) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 259: { // BrIfI32LeSImm: jump if a LeS the immediate b (i32)
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] <= code[(pc + 2) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 260: { // BrIfI32LeUImm: jump if a LeU the immediate b (i32)
          if ((i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) <= (code[(pc + 2) | 0] >>> 0)) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 261: { // BrIfI32GeSImm: jump if a GeS the immediate b (i32)
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] >= code[(pc + 2) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 262: { // BrIfI32GeUImm: jump if a GeU the immediate b (i32)
          if ((i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) >= (code[(pc + 2) | 0] >>> 0)) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 263: { // I32AddImmBrIfNez: d = s + imm, then jump if Nez
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] !== 0) { pc = code[(pc + 5) | 0]; break branch; }
          pc = (pc + 6) | 0;
          continue;
        }
        case 264: { // I32AddImmBrIfNe: d = s + imm, then jump if Ne
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] !== i32[(fp2 + code[(pc + 5) | 0]) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        }
        case 265: { // I32AddImmBrIfLtU: d = s + imm, then jump if LtU
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if ((i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) < (i32[(fp2 + code[(pc + 5) | 0]) | 0] >>> 0)) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        }
        case 266: { // I32AddImmBrIfLeS: d = s + imm, then jump if LeS
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] <= i32[(fp2 + code[(pc + 5) | 0]) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        }
        case 267: { // I32AddImmBrIfLeU: d = s + imm, then jump if LeU
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if ((i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) <= (i32[(fp2 + code[(pc + 5) | 0]) | 0] >>> 0)) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        }
        case 268: { // I32AddImmBrIfNeImm: d = s + imm, then jump if NeImm
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] !== code[(pc + 5) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        }
        case 269: { // I32AddImmBrIfLtUImm: d = s + imm, then jump if LtUImm
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if ((i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) < (code[(pc + 5) | 0] >>> 0)) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        }
        case 270: { // I32AddImmBrIfGtUImm: d = s + imm, then jump if GtUImm
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          if ((i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) > (code[(pc + 5) | 0] >>> 0)) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        }
        case 271: { // I32AddImmAddImmBrIfNeImm: two induction variables stepped at the bottom of a loop, the second one tested
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          i32[(fp2 + code[(pc + 4) | 0]) | 0] = (i32[(fp2 + code[(pc + 5) | 0]) | 0] + code[(pc + 6) | 0]) | 0;
          if (i32[(fp2 + code[(pc + 4) | 0]) | 0] !== code[(pc + 7) | 0]) { pc = code[(pc + 8) | 0]; break branch; }
          pc = (pc + 9) | 0;
          continue;
        }
        case 272: { // I32Load8UBrIfEqz: d = u8 at addr + off, then jump if it is zero
          {
            const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
            if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
            i32[(fp2 + code[(pc + 1) | 0]) | 0] = u8[ea];
          }
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] === 0) { pc = code[(pc + 4) | 0]; break branch; }
          pc = (pc + 5) | 0;
          continue;
        }
        case 273: { // I32Load8UBrIfNez: d = u8 at addr + off, then jump if it is not zero
          {
            const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
            if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
            i32[(fp2 + code[(pc + 1) | 0]) | 0] = u8[ea];
          }
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] !== 0) { pc = code[(pc + 4) | 0]; break branch; }
          pc = (pc + 5) | 0;
          continue;
        }
        case 274: { // I32LoadBrIfEqz: d = i32 at addr + off, then jump if it is zero
          {
            const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
            if (ea + 4 > memLen) memLen = pastCachedLength(mem, ea + 4);
            i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getInt32(ea, true);
          }
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] === 0) { pc = code[(pc + 4) | 0]; break branch; }
          pc = (pc + 5) | 0;
          continue;
        }
        case 275: { // I32LoadBrIfNez: d = i32 at addr + off, then jump if it is not zero
          {
            const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
            if (ea + 4 > memLen) memLen = pastCachedLength(mem, ea + 4);
            i32[(fp2 + code[(pc + 1) | 0]) | 0] = view.getInt32(ea, true);
          }
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] !== 0) { pc = code[(pc + 4) | 0]; break branch; }
          pc = (pc + 5) | 0;
          continue;
        }
        case 276: { // I32AndImmBrIfEqz: d = a & the immediate b, then jump if it is zero
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] & code[(pc + 3) | 0];
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] === 0) { pc = code[(pc + 4) | 0]; break branch; }
          pc = (pc + 5) | 0;
          continue;
        }
        case 277: { // I32AndImmBrIfNez: d = a & the immediate b, then jump if it is not zero
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = i32[(fp2 + code[(pc + 2) | 0]) | 0] & code[(pc + 3) | 0];
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] !== 0) { pc = code[(pc + 4) | 0]; break branch; }
          pc = (pc + 5) | 0;
          continue;
        }
        case 278: { // I32Load8UIdxBrIfNe: d = u8 at base + index + off, then jump if it is not b
          {
            const ea = ((i32[(fp2 + code[(pc + 2) | 0]) | 0] + i32[(fp2 + code[(pc + 3) | 0]) | 0]) >>> 0) + (code[(pc + 4) | 0] >>> 0);
            if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
            i32[(fp2 + code[(pc + 1) | 0]) | 0] = u8[ea];
          }
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] !== i32[(fp2 + code[(pc + 5) | 0]) | 0]) { pc = code[(pc + 6) | 0]; break branch; }
          pc = (pc + 7) | 0;
          continue;
        }
        case 279: { // I32StoreAddImm: a store, then d = s + imm (the store sees the old d)
          const ea = (i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) + (code[(pc + 6) | 0] >>> 0);
          if (ea + 4 > memLen) memLen = pastCachedLength(mem, ea + 4);
          view.setInt32(ea, i32[(fp2 + code[(pc + 5) | 0]) | 0], true);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          pc = (pc + 7) | 0;
          continue;
        }
        case 280: { // I32Store8AddImm: a store, then d = s + imm (the store sees the old d)
          const ea = (i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) + (code[(pc + 6) | 0] >>> 0);
          if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
          u8[ea] = i32[(fp2 + code[(pc + 5) | 0]) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          pc = (pc + 7) | 0;
          continue;
        }
        case 281: { // I32Store8IdxAddImm: a store, then d = s + imm (the store sees the old d)
          const ea = ((i32[(fp2 + code[(pc + 4) | 0]) | 0] + i32[(fp2 + code[(pc + 5) | 0]) | 0]) >>> 0) + (code[(pc + 7) | 0] >>> 0);
          if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
          u8[ea] = i32[(fp2 + code[(pc + 6) | 0]) | 0];
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          pc = (pc + 8) | 0;
          continue;
        }
        case 282: { // BrIfF32Eq: jump if a Eq b (f32)
          if (f32[(fp2 + code[(pc + 1) | 0]) | 0] === f32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 283: { // BrIfF32Ne: jump if a Ne b (f32)
          if (f32[(fp2 + code[(pc + 1) | 0]) | 0] !== f32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 284: { // BrIfF32Lt: jump if a Lt b (f32)
          if (f32[(fp2 + code[(pc + 1) | 0]) | 0] < f32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 285: { // BrIfF32Le: jump if a Le b (f32)
          if (f32[(fp2 + code[(pc + 1) | 0]) | 0] <= f32[(fp2 + code[(pc + 2) | 0]) | 0]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 286: { // BrIfF32NotLt: jump if not a < b (f32)
          if (!(f32[(fp2 + code[(pc + 1) | 0]) | 0] < f32[(fp2 + code[(pc + 2) | 0]) | 0])) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 287: { // BrIfF32NotLe: jump if not a <= b (f32)
          if (!(f32[(fp2 + code[(pc + 1) | 0]) | 0] <= f32[(fp2 + code[(pc + 2) | 0]) | 0])) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 288: { // BrIfF64Eq: jump if a Eq b (f64)
          if (f64[(fp2 + code[(pc + 1) | 0]) >> 1] === f64[(fp2 + code[(pc + 2) | 0]) >> 1]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 289: { // BrIfF64Ne: jump if a Ne b (f64)
          if (f64[(fp2 + code[(pc + 1) | 0]) >> 1] !== f64[(fp2 + code[(pc + 2) | 0]) >> 1]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 290: { // BrIfF64Lt: jump if a Lt b (f64)
          if (f64[(fp2 + code[(pc + 1) | 0]) >> 1] < f64[(fp2 + code[(pc + 2) | 0]) >> 1]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 291: { // BrIfF64Le: jump if a Le b (f64)
          if (f64[(fp2 + code[(pc + 1) | 0]) >> 1] <= f64[(fp2 + code[(pc + 2) | 0]) >> 1]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 292: { // BrIfF64NotLt: jump if not a < b (f64)
          if (!(f64[(fp2 + code[(pc + 1) | 0]) >> 1] < f64[(fp2 + code[(pc + 2) | 0]) >> 1])) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 293: { // BrIfF64NotLe: jump if not a <= b (f64)
          if (!(f64[(fp2 + code[(pc + 1) | 0]) >> 1] <= f64[(fp2 + code[(pc + 2) | 0]) >> 1])) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 294: { // F64AddMul: d = c + a * b (f64, each rounded)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] + (f64[(fp2 + code[(pc + 3) | 0]) >> 1] * f64[(fp2 + code[(pc + 4) | 0]) >> 1]);
          pc = (pc + 5) | 0;
          continue;
        }
        case 295: { // F64SubMul: d = c - a * b (f64, each rounded)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = f64[(fp2 + code[(pc + 2) | 0]) >> 1] - (f64[(fp2 + code[(pc + 3) | 0]) >> 1] * f64[(fp2 + code[(pc + 4) | 0]) >> 1]);
          pc = (pc + 5) | 0;
          continue;
        }
        case 296: { // F64MulAddMul: d = a * b + x * y (f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = (f64[(fp2 + code[(pc + 2) | 0]) >> 1] * f64[(fp2 + code[(pc + 3) | 0]) >> 1]) + (f64[(fp2 + code[(pc + 4) | 0]) >> 1] * f64[(fp2 + code[(pc + 5) | 0]) >> 1]);
          pc = (pc + 6) | 0;
          continue;
        }
        case 297: { // F64MulSubMul: d = a * b - x * y (f64)
          f64[(fp2 + code[(pc + 1) | 0]) >> 1] = (f64[(fp2 + code[(pc + 2) | 0]) >> 1] * f64[(fp2 + code[(pc + 3) | 0]) >> 1]) - (f64[(fp2 + code[(pc + 4) | 0]) >> 1] * f64[(fp2 + code[(pc + 5) | 0]) >> 1]);
          pc = (pc + 6) | 0;
          continue;
        }
        case 298: { // Simd: a v128 operation (sub-opcode op, lane index)
          simdOp(i32, fp2, code, pc);
          pc = (pc + 7) | 0;
          continue;
        }
        case 299: { // SimdShuffle: i8x16.shuffle of a and b
          simdShuffleOp(i32, fp2, code, pc);
          pc = (pc + 8) | 0;
          continue;
        }
        case 300: { // SimdMem: a v128 memory access (sub-opcode op, memory m, lane index)
          simdMemOp(inst, i32, fp2, code, pc);
          pc = (pc + 8) | 0;
          continue;
        }
        case 310: { // RefAsNonNull: trap if register a holds the null reference
          if (i32[(fp2 + code[(pc + 1) | 0]) | 0] === 0) trap(8 /* NullReference */);
          pc = (pc + 2) | 0;
          continue;
        }
        case 311: { // Throw: throw an exception of tag t, its values from register args on
          throwException(store, inst, i32, fp2, code, pc);
          pc = (pc + 3) | 0;
          continue;
        }
        case 312: { // ThrowRef: throw the exception that register a references again (traps on null)
          throwRef(store, i32, fp2, code, pc);
          pc = (pc + 2) | 0;
          continue;
        }
        case 313: { // Gc: a GC instruction (0xfb sub-opcode op) on the operands from register a, immediates t, u (interpret/gc.ts)
          gcOp(store, inst, i32, fp2, code, pc);
          pc = (pc + 6) | 0;
          continue;
        }
        case 314: { // StructNew: d = struct.new of type t, its fields from the consecutive registers from a (gc.ts)
          structNew(store, i32, fp2, code, pc);
          pc = (pc + 4) | 0;
          continue;
        }
        case 315: { // StructGet: d = the 32-bit numeric field at slot w of struct a, sign-extended from bit 31 - sh (packed)
          const o = structOf(store, i32[(fp2 + code[(pc + 2) | 0]) | 0]);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = ((structSlot(o, code[(pc + 3) | 0]) as number) << code[(pc + 4) | 0]) >> code[(pc + 4) | 0];
          pc = (pc + 5) | 0;
          continue;
        }
        case 316: { // StructGet64: d = the 64-bit numeric field at slots w, w + 1 of struct a
          const o = structOf(store, i32[(fp2 + code[(pc + 2) | 0]) | 0]);
          const k = code[(pc + 3) | 0];
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d] = structSlot(o, k) as number;
          i32[d + 1] = structSlot(o, k + 1) as number;
          pc = (pc + 4) | 0;
          continue;
        }
        case 317: { // StructGetRef: d = the reference field at slot u of struct a
          const o = structOf(store, i32[(fp2 + code[(pc + 2) | 0]) | 0]);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = store.refs.number(structSlot(o, code[(pc + 3) | 0]));
          pc = (pc + 4) | 0;
          continue;
        }
        case 318: { // StructSet: the 32-bit numeric field at slot w of struct a = v, masked (packed)
          const o = structOf(store, i32[(fp2 + code[(pc + 1) | 0]) | 0]);
          setStructSlot(o, code[(pc + 3) | 0], i32[(fp2 + code[(pc + 2) | 0]) | 0] & code[(pc + 4) | 0]);
          pc = (pc + 5) | 0;
          continue;
        }
        case 319: { // StructSet64: the 64-bit numeric field at slots w, w + 1 of struct a = v
          const o = structOf(store, i32[(fp2 + code[(pc + 1) | 0]) | 0]);
          const k = code[(pc + 3) | 0];
          const v = ((fp2 + code[(pc + 2) | 0]) | 0);
          setStructSlot(o, k, i32[v]!);
          setStructSlot(o, k + 1, i32[v + 1]!);
          pc = (pc + 4) | 0;
          continue;
        }
        case 320: { // StructSetRef: the reference field at slot u of struct a = v
          const o = structOf(store, i32[(fp2 + code[(pc + 1) | 0]) | 0]);
          setStructSlot(o, code[(pc + 3) | 0], store.refs.value(i32[(fp2 + code[(pc + 2) | 0]) | 0]));
          pc = (pc + 4) | 0;
          continue;
        }
        case 321: { // ArrayGet: d = element i of array a (4-byte elements)
          const i = i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0;
          const o = elementAt(store, i32[(fp2 + code[(pc + 2) | 0]) | 0], i);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = o.words![i]!;
          pc = (pc + 4) | 0;
          continue;
        }
        case 322: { // ArrayGetRef: d = element i of array a (references)
          const i = i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0;
          const o = elementAt(store, i32[(fp2 + code[(pc + 2) | 0]) | 0], i);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = store.refs.number(o.refs![i]);
          pc = (pc + 4) | 0;
          continue;
        }
        case 323: { // ArraySet: element i of array a = v (4-byte elements)
          const i = i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0;
          const o = elementAt(store, i32[(fp2 + code[(pc + 1) | 0]) | 0], i);
          o.words![i] = i32[(fp2 + code[(pc + 3) | 0]) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 324: { // ArraySetRef: element i of array a = v (references)
          const i = i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0;
          const o = elementAt(store, i32[(fp2 + code[(pc + 1) | 0]) | 0], i);
          o.refs![i] = store.refs.value(i32[(fp2 + code[(pc + 3) | 0]) | 0]);
          pc = (pc + 4) | 0;
          continue;
        }
        case 325: { // ArrayGet8: d = element i of array a (i8 elements), sign-extended from bit 31 - sh
          const i = i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0;
          const o = elementAt(store, i32[(fp2 + code[(pc + 2) | 0]) | 0], i);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (o.bytes[i]! << code[(pc + 4) | 0]) >> code[(pc + 4) | 0];
          pc = (pc + 5) | 0;
          continue;
        }
        case 326: { // ArrayGet16: d = element i of array a (i16 elements, little-endian), sign-extended from bit 31 - sh
          const i = i32[(fp2 + code[(pc + 3) | 0]) | 0] >>> 0;
          const o = elementAt(store, i32[(fp2 + code[(pc + 2) | 0]) | 0], i);
          const b = o.bytes;
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = ((b[2 * i]! | (b[2 * i + 1]! << 8)) << code[(pc + 4) | 0]) >> code[(pc + 4) | 0];
          pc = (pc + 5) | 0;
          continue;
        }
        case 327: { // ArraySet8: element i of array a = v (i8 elements: its low 8 bits)
          const i = i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0;
          const o = elementAt(store, i32[(fp2 + code[(pc + 1) | 0]) | 0], i);
          o.bytes[i] = i32[(fp2 + code[(pc + 3) | 0]) | 0];
          pc = (pc + 4) | 0;
          continue;
        }
        case 328: { // ArraySet16: element i of array a = v (i16 elements: its low 16 bits, little-endian)
          const i = i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0;
          const o = elementAt(store, i32[(fp2 + code[(pc + 1) | 0]) | 0], i);
          const v = i32[(fp2 + code[(pc + 3) | 0]) | 0];
          o.bytes[2 * i] = v;
          o.bytes[2 * i + 1] = v >> 8;
          pc = (pc + 4) | 0;
          continue;
        }
        case 329: { // ArrayLen: d = the length of array a
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = arrayOf(store, i32[(fp2 + code[(pc + 2) | 0]) | 0]).length;
          pc = (pc + 3) | 0;
          continue;
        }
        case 330: { // RefTest: d = whether a is of concrete type id (or null, if nullable)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = refIs(store, i32[(fp2 + code[(pc + 2) | 0]) | 0], code[(pc + 3) | 0], code[(pc + 4) | 0]) ? 1 : 0;
          pc = (pc + 5) | 0;
          continue;
        }
        case 331: { // RefCast: d = a, which must be of concrete type id (or null, if nullable)
          const n = i32[(fp2 + code[(pc + 2) | 0]) | 0];
          if (!refIs(store, n, code[(pc + 3) | 0], code[(pc + 4) | 0])) trap(18 /* CastFailure */);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = n;
          pc = (pc + 5) | 0;
          continue;
        }
        case 332: { // Copy2Br: two copies (loop variables), then a jump
          {
            const d = ((fp2 + code[(pc + 1) | 0]) | 0);
            const s = ((fp2 + code[(pc + 2) | 0]) | 0);
            i32[d] = i32[s];
            i32[d + 1] = i32[s + 1];
          }
          {
            const d = ((fp2 + code[(pc + 3) | 0]) | 0);
            const s = ((fp2 + code[(pc + 4) | 0]) | 0);
            i32[d] = i32[s];
            i32[d + 1] = i32[s + 1];
          }
          pc = code[(pc + 5) | 0]; break branch;
        }
        case 333: { // CopyCall: a copy (an argument), then a call of defined function f
          {
            const d = ((fp2 + code[(pc + 1) | 0]) | 0);
            const s = ((fp2 + code[(pc + 2) | 0]) | 0);
            i32[d] = i32[s];
            i32[d + 1] = i32[s + 1];
          }
          const m = mod.code[code[(pc + 3) | 0]];
          callee = m !== undefined ? m : translate(mod, code[(pc + 3) | 0]);
          calleeInst = inst;
          argOffset = code[(pc + 4) | 0];
          pc = (pc + 5) | 0;
          break;
        }
        case 334: { // Copy2Call: two copies (arguments), then a call of defined function f
          {
            const d = ((fp2 + code[(pc + 1) | 0]) | 0);
            const s = ((fp2 + code[(pc + 2) | 0]) | 0);
            i32[d] = i32[s];
            i32[d + 1] = i32[s + 1];
          }
          {
            const d = ((fp2 + code[(pc + 3) | 0]) | 0);
            const s = ((fp2 + code[(pc + 4) | 0]) | 0);
            i32[d] = i32[s];
            i32[d + 1] = i32[s + 1];
          }
          const m = mod.code[code[(pc + 5) | 0]];
          callee = m !== undefined ? m : translate(mod, code[(pc + 5) | 0]);
          calleeInst = inst;
          argOffset = code[(pc + 6) | 0];
          pc = (pc + 7) | 0;
          break;
        }
        case 335: { // I32AddImmBrTable: d = a + imm, then jump to the target of index d
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          const n = code[(pc + 4) | 0];
          // i as an unsigned index, compared in int32s (n < 2^31): `i >>> 0` beyond 2^31 is a double, where
          // V8's code for this case, speculating small integers, deoptimizes ("lost precision")
          const i = i32[(fp2 + code[(pc + 1) | 0]) | 0];
          pc = code[((pc + 4) | 0) + 1 + (i >= 0 && i < n ? i : n)];
          break branch;
        }
        case 336: { // BrIfI64Eqz: jump if a is zero (i64)
          const a = ((fp2 + code[(pc + 1) | 0]) | 0);
          if ((i32[a] | i32[a + 1]) === 0) { pc = code[(pc + 2) | 0]; break branch; }
          pc = (pc + 3) | 0;
          continue;
        }
        case 337: { // BrIfI64Nez: jump if a is not zero (i64)
          const a = ((fp2 + code[(pc + 1) | 0]) | 0);
          if ((i32[a] | i32[a + 1]) !== 0) { pc = code[(pc + 2) | 0]; break branch; }
          pc = (pc + 3) | 0;
          continue;
        }
        case 338: { // BrIfI64Eq: jump if a Eq b (i64)
          const a = ((fp2 + code[(pc + 1) | 0]) | 0);
          const b = ((fp2 + code[(pc + 2) | 0]) | 0);
          if (i32[a] === i32[b] && i32[a + 1] === i32[b + 1]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 339: { // BrIfI64Ne: jump if a Ne b (i64)
          const a = ((fp2 + code[(pc + 1) | 0]) | 0);
          const b = ((fp2 + code[(pc + 2) | 0]) | 0);
          if (i32[a] !== i32[b] || i32[a + 1] !== i32[b + 1]) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 340: { // BrIfI64LtS: jump if a LtS b (i64)
          const a = ((fp2 + code[(pc + 1) | 0]) | 0);
          const b = ((fp2 + code[(pc + 2) | 0]) | 0);
          const xh = i32[a + 1];
          const yh = i32[b + 1];
          const less = xh < yh || (xh === yh && (i32[a] >>> 0) < (i32[b] >>> 0));
          if (less) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 341: { // BrIfI64LeS: jump if a LeS b (i64)
          const a = ((fp2 + code[(pc + 1) | 0]) | 0);
          const b = ((fp2 + code[(pc + 2) | 0]) | 0);
          const xh = i32[b + 1];
          const yh = i32[a + 1];
          const less = xh < yh || (xh === yh && (i32[b] >>> 0) < (i32[a] >>> 0));
          if (!less) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 342: { // BrIfI64LtU: jump if a LtU b (i64)
          const a = ((fp2 + code[(pc + 1) | 0]) | 0);
          const b = ((fp2 + code[(pc + 2) | 0]) | 0);
          const xh = i32[a + 1] >>> 0;
          const yh = i32[b + 1] >>> 0;
          const less = xh < yh || (xh === yh && (i32[a] >>> 0) < (i32[b] >>> 0));
          if (less) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 343: { // BrIfI64LeU: jump if a LeU b (i64)
          const a = ((fp2 + code[(pc + 1) | 0]) | 0);
          const b = ((fp2 + code[(pc + 2) | 0]) | 0);
          const xh = i32[b + 1] >>> 0;
          const yh = i32[a + 1] >>> 0;
          const less = xh < yh || (xh === yh && (i32[b] >>> 0) < (i32[a] >>> 0));
          if (!less) { pc = code[(pc + 3) | 0]; break branch; }
          pc = (pc + 4) | 0;
          continue;
        }
        case 344: { // I32AddShlImm: d = c + (x << k) (scaled indexes)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + (i32[(fp2 + code[(pc + 3) | 0]) | 0] << code[(pc + 4) | 0])) | 0;
          pc = (pc + 5) | 0;
          continue;
        }
        case 345: { // GlobalGetAddImm: d = global g + the immediate k (i32)
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (inst.globals[code[(pc + 2) | 0]]!.i32[0] + code[(pc + 3) | 0]) | 0;
          pc = (pc + 4) | 0;
          continue;
        }
        case 346: { // I32AddImmGlobalSet: d = a + the immediate k, then global g = d
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          const s = ((fp2 + code[(pc + 1) | 0]) | 0);
          const g = inst.globals[code[(pc + 4) | 0]]!.i32;
          g[0] = i32[s];
          g[1] = i32[s + 1];
          pc = (pc + 5) | 0;
          continue;
        }
        case 347: { // I32Load8UAddImmBrTable: d = u8 at addr + off, e = d + imm, then jump to the target of index e
          {
            const ea = (i32[(fp2 + code[(pc + 2) | 0]) | 0] >>> 0) + (code[(pc + 3) | 0] >>> 0);
            if (ea + 1 > memLen) memLen = pastCachedLength(mem, ea + 1);
            i32[(fp2 + code[(pc + 1) | 0]) | 0] = u8[ea];
          }
          i32[(fp2 + code[(pc + 4) | 0]) | 0] = (i32[(fp2 + code[(pc + 1) | 0]) | 0] + code[(pc + 5) | 0]) | 0;
          const n = code[(pc + 6) | 0];
          // i as an unsigned index, compared in int32s (n < 2^31): `i >>> 0` beyond 2^31 is a double, where
          // V8's code for this case, speculating small integers, deoptimizes ("lost precision")
          const i = i32[(fp2 + code[(pc + 4) | 0]) | 0];
          pc = code[((pc + 6) | 0) + 1 + (i >= 0 && i < n ? i : n)];
          break branch;
        }
        case 348: { // I64StoreAddImm: a store, then d = s + imm (the store sees the old d)
          const ea = (i32[(fp2 + code[(pc + 4) | 0]) | 0] >>> 0) + (code[(pc + 6) | 0] >>> 0);
          if (ea + 8 > memLen) memLen = pastCachedLength(mem, ea + 8);
          const s = ((fp2 + code[(pc + 5) | 0]) | 0);
          view.setInt32(ea, i32[s], true);
          view.setInt32(ea + 4, i32[s + 1], true);
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          pc = (pc + 7) | 0;
          continue;
        }
        case 349: { // I32AddImmI64Load: p = a + the immediate k, then d = i64 at p + off
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          const ea = (i32[(fp2 + code[(pc + 1) | 0]) | 0] >>> 0) + (code[(pc + 5) | 0] >>> 0);
          if (ea + 8 > memLen) memLen = pastCachedLength(mem, ea + 8);
          const d = ((fp2 + code[(pc + 4) | 0]) | 0);
          i32[d] = view.getInt32(ea, true);
          i32[d + 1] = view.getInt32(ea + 4, true);
          pc = (pc + 6) | 0;
          continue;
        }
        case 350: { // I32AddImmBr: d = a + the immediate k, then jump
          i32[(fp2 + code[(pc + 1) | 0]) | 0] = (i32[(fp2 + code[(pc + 2) | 0]) | 0] + code[(pc + 3) | 0]) | 0;
          pc = code[(pc + 4) | 0]; break branch;
        }
        case 351: { // I64AddImm: d = a + the immediate k (i64, k sign-extended)
          const a = ((fp2 + code[(pc + 2) | 0]) | 0);
          const k = code[(pc + 3) | 0];
          const al = i32[a];
          const lo = (al + k) | 0;
          const d = ((fp2 + code[(pc + 1) | 0]) | 0);
          i32[d + 1] = (i32[a + 1] + (k >> 31) + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0;
          i32[d] = lo;
          pc = (pc + 4) | 0;
          continue;
        }
        // </generated>
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
        // Same instance: the memory views are current (a grow in the callee reloaded them, as host calls
        // do on their return). Another instance: reload everything.
        const caller = frameInstances[depth]!;
        if (caller === inst) continue;
        inst = caller;
        break reload;
      }
      const next: CompiledFunc = callee;
      const leaf = next.js;
      if (leaf !== null && !tail && (!next.jsCallsOut || mayCallOut(store, state))) {
        // a leaf function compiled to JavaScript (translate/js/) runs here, on its arguments in this
        // frame's registers, where it leaves its results: no frame to push (its calls out run above it:
        // interpret/call-out.ts)
        const argBase = (fp2 + argOffset) | 0;
        const leafEnd = (argBase >> 1) + next.frameSlots;
        if (leafEnd > i32.length >> 1) {
          if (leafEnd > maxSlots) {
            pc = (pc - 1) | 0;
            trap(TrapCode.StackOverflow);
          }
          stack.ensure(leafEnd);
          i32 = stack.i32;
          f32 = stack.f32;
          f64 = stack.f64;
        }
        pc = (pc - 1) | 0; // inside the call while the leaf runs (backtraces)
        state.depth = depth;
        state.jsTop = leafEnd;
        leaf(i32, argBase, calleeInst, store, state);
        pc = (pc + 1) | 0;
        // what a call out may have replaced: the stacks, the memory's views
        if (next.jsCallsOut) break reload;
        continue;
      }
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
        // a call counts down the budget, then (reload) polls
        inst = calleeInst;
        budget--;
        break reload;
      }
      } // branch
      if (--budget < 0) budget = pollAndSample(store, state, cf, mod, translate);
      } // reload
    }
  } catch (e) {
    // a resumable execution suspends where its own instruction ran out of fuel (execution.ts)
    if (state.resumable && suspendsOnFuel(e, store, state, pc, fp2, cf, inst, depth)) return;
    if (e instanceof ExceptionEntity) {
      // a Wasm exception: continue at its handler, if this run's frames have one; else it leaves, with
      // its backtrace (unwindToHandler)
      budget = unwindToHandler(e, store, state, entryDepth, depth, cf, inst, pc, fp2, budget);
      if (budget < 0) throw e;
      depth = state.contDepth;
      pc = state.contPc;
      fp2 = state.contFp2;
      cf = state.contFunc!;
      code = cf.code;
      inst = state.contInst!;
      tail = false;
      continue; // to the reload

    }
    // pc and depth live in this function's locals: the error's backtrace is taken here, and only here
    recordBacktrace(e, state, entryDepth, depth, cf, inst, pc);
    throw e;
  }
  }
}

/** Words from which a frame's locals are zeroed by `fill` and its constants copied by `set` (a copy of
 * memory), not word by word: a call of those builtins costs about what a loop over 16 words does, and
 * far less beyond (a large function's frame, say quickjs's interpreter function: 260 words of constants
 * and 92 of locals on every call, which the loop took 28% of the run to write). */
const BULK_FRAME_WORDS = 16;

/** Zeroes a new frame's locals and copies in its constants. */
function initFrame(i32: Int32Array, fp2: number, f: CompiledFunc): void {
  let w = fp2 + 2 * f.paramSlots;
  const localsEnd = w + 2 * f.localSlots;
  if (localsEnd - w >= BULK_FRAME_WORDS) i32.fill(0, w, localsEnd);
  else for (; w < localsEnd; w++) i32[w] = 0;
  const consts = f.consts;
  if (consts.length >= BULK_FRAME_WORDS) i32.set(consts, localsEnd);
  else for (let k = 0; k < consts.length; k++) i32[localsEnd + k] = consts[k];
}
