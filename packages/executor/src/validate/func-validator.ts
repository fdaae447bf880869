import {
  CONCRETE_BASE, FuncType, PackedType, REF_NON_NULL, TypeRegistry, ValType, heapTypeOf, isDefaultable, isNullable,
  isRefType, refType, topHeapType, valTypeMatches, type ArrayType, type FieldType, type StructType,
} from "@wasmi-ts/store";
import { BinaryReader } from "../decode/reader.js";
import { BLOCK_REF_BASE, CATCH, CATCH_ALL_REF, CATCH_REF, EMPTY_BLOCK_TYPE, InstrReader } from "../decode/instr-reader.js";
import type { WasmFeatures } from "../decode/features.js";
import { DecodeError, ValidationError } from "../errors.js";
import type { ModuleIR } from "../module/ir.js";
import { ADDRESS_TYPE, ATOMIC_BASE, Imm, Op, type SigType } from "../module/opcodes.js";
import { leb32End, shortLebEnd } from "../decode/skip-table.js";
import {
  FAST_ALIGN, FAST_BINARY, FAST_BLOCK, FAST_BR, FAST_BR_IF, FAST_DROP, FAST_ELSE, FAST_END, FAST_F32_CONST,
  FAST_F64_CONST, FAST_I32_CONST, FAST_I64_CONST, FAST_INDEX, FAST_KIND, FAST_LOAD, FAST_LOCAL_GET, FAST_LOCAL_SET,
  FAST_LOCAL_TEE, FAST_NOP, FAST_PARAM, FAST_RESULT, FAST_RETURN, FAST_SELECT, FAST_STORE, FAST_UNARY,
  FAST_UNREACHABLE, FAST_PREFIX_FC, FAST_FC_PARAM, FAST_FC_RESULT,
} from "./fast-sig.js";
import { blockType, funcType, funcTypeAt, memoryAddressType, tableAddressType } from "./module-types.js";
import { canonicalHeapType, canonicalValType } from "./type-section.js";

/** Most operands of one array.new_fixed (the JS API's implementation limit). */
export const MAX_ARRAY_NEW_FIXED = 10_000;

/** The operand type that matches anything: what is popped from the stack of unreachable code. */
const UNKNOWN = 0;

const I32 = ValType.I32;
const I64 = ValType.I64;
const F32 = ValType.F32;
const F64 = ValType.F64;
const V128 = ValType.V128;

/** Kinds of control frames. */
const FRAME_BLOCK = 0;
const FRAME_LOOP = 1;
const FRAME_IF = 2;
const FRAME_ELSE = 3;
/** Legacy exception handling: the body of a `try`, a `catch` clause, the `catch_all` clause. */
const FRAME_TRY = 4;
const FRAME_CATCH = 5;
const FRAME_CATCH_ALL = 6;

/** Fields of a control frame's record (`FuncValidator.frames`), FRAME ints each. */
const FRAME = 8;
/** FRAME_BLOCK, FRAME_LOOP... */
const F_KIND = 0;
/** The operand stack's height at its start. */
const F_HEIGHT = 1;
/** 1 once its code is unreachable (its stack is polymorphic). */
const F_UNREACHABLE = 2;
/** The height of `initStack` at its start (locals initialised inside are reset at its end). */
const F_INITS = 3;
/**
 * For the inline checks (`checkInline`), the types its END takes (F_END) and a branch to it takes (F_LABEL):
 * 0 for none, the type if one, -1 for the general path (several, or an `if` with results and no `else`).
 */
const F_END = 4;
const F_LABEL = 5;
/** The same for the results an `else` takes (an `if` without params only, else -1). */
const F_ELSE = 6;

const NO_TYPES: readonly ValType[] = Object.freeze([]);

/**
 * Type-checks function bodies with the algorithm of the spec's validation appendix: an operand stack
 * of value types (UNKNOWN below the base of unreachable code) and a stack of control frames. Reused for
 * all functions of a module, so it allocates only when its stacks grow. The stacks are typed arrays
 * (value types are int32 numbers, see `@wasmi-ts/store` types.ts; operands of unreachable code may be
 * UNKNOWN, the bottom type, which matches everything), the frames records in one Int32Array; the top
 * frame's height is kept in a field. Locals of non-defaultable types are tracked as initialised or not
 * (`localInit`).
 *
 * Speed (this is the one pass over all the code at compile time): the common instructions (numeric
 * ones, loads and stores, locals, constants, blocks, branches, calls) are checked by `checkInline`
 * straight from the bytes (fast-sig.ts), taking only encodings known to be well formed and the common typings
 * (operands of exactly the types expected, in the current frame); anything else goes through
 * InstrReader and `step`, which also report the errors.
 * So bodies need not have been checked by the decoder: a malformed one ends in a DecodeError here
 * (InstrReader's, or "malformed function body" when it does not end where declared).
 */
export class FuncValidator {
  private readonly instr: InstrReader;
  private vals = new Int32Array(256);
  private sp = 0;
  /** The control frames' records (FRAME ints each, fields F_*). */
  private frames = new Int32Array(32 * FRAME);
  /**
   * The frames' params and results, an entry for each frame `frames` has room for: setting one never
   * grows the arrays (V8's optimized code, made before a module's deepest nesting, would be thrown away).
   */
  private readonly frameParams: (readonly ValType[])[] = new Array<readonly ValType[]>(32).fill(NO_TYPES);
  private readonly frameResults: (readonly ValType[])[] = new Array<readonly ValType[]>(32).fill(NO_TYPES);
  /** Number of open control frames. */
  private depth = 0;
  /** The top frame's operand stack height. */
  private height = 0;
  /** Types of the current function's locals (parameters first), in the first `localCount` entries. */
  private locals = new Int32Array(64);
  private localCount = 0;
  /** Per local: whether it is initialised (locals of non-defaultable types start uninitialised). */
  private localInit = new Uint8Array(64);
  /**
   * For the inline checks, per one-byte local index (0-127): the local's type when it exists and is
   * initialised, else 0; 0 for 128-255 (the first byte of a longer index). One load checks a local.
   */
  private readonly fastLocals = new Int32Array(256);
  /** The locals initialised by local.set / local.tee, in order (to reset at the end of their block). */
  private initStack = new Int32Array(16);
  private initCount = 0;
  /** The defined function last found valid (-1: none), whose locals the next body may reuse. A number: a field
   * that held objects of several shapes would change the validator's hidden class, and V8 would throw
   * away the code optimized for it. */
  private lastValid = -1;
  /** Offset of the current instruction (for errors). */
  private at = 0;
  /** Operands popped by br_table for one target, to push back. */
  private readonly scratch: ValType[] = [];
  /**
   * Per opcode byte of a load or store the inline checks take: its natural alignment when memory 0 exists
   * and is 32-bit (an i32 address), else -1 (the general path).
   */
  private readonly memAlign = new Int8Array(256).fill(-1);
  /** The type of each function (by index), or undefined: `func` reports it. */
  private readonly funcTypes: (FuncType | undefined)[];
  /**
   * Per block type byte the inline checks take (empty, or a value type of the features): the block's
   * results; undefined for the other bytes (an entry for each, so that no read is out of bounds: V8's
   * optimized code would be thrown away at the first such read).
   */
  private readonly blockResults = new Array<readonly ValType[] | undefined>(256).fill(undefined);
  /** Typed references on: ref.func has its function's type. */
  private readonly typed: boolean;

  constructor(
    private readonly ir: ModuleIR,
    features: Readonly<WasmFeatures>,
    /** Functions that ref.func may name in code (those referenced outside function bodies). */
    private readonly declaredRefs: ReadonlySet<number>,
    /** The engine's types (the module's are canonicalised in it): subtyping. */
    private readonly registry: TypeRegistry = new TypeRegistry(),
  ) {
    this.instr = new InstrReader(features);
    // The stacks that grow, stored a second time: V8 then tracks their fields as mutable from the start,
    // where its optimized code would assume that they never change, and be thrown away when one grows.
    this.vals = this.vals.slice();
    this.frames = this.frames.slice();
    this.locals = this.locals.slice();
    this.localInit = this.localInit.slice();
    this.initStack = this.initStack.slice();
    this.typed = features.typedReferences;
    this.funcTypes = ir.funcs.map((typeIndex) => funcTypeAt(ir, typeIndex));
    if (ir.memories.length > 0 && memoryAddressType(ir, 0) === I32) {
      for (let op = 0; op < 256; op++) {
        if (FAST_KIND[op] === FAST_LOAD || FAST_KIND[op] === FAST_STORE) this.memAlign[op] = FAST_ALIGN[op]!;
      }
    }
    // (as InstrReader reads them: externref with reference types only)
    const simple = [0x40, I32, I64, ValType.F32, ValType.F64, ValType.V128, ValType.FuncRef];
    if (features.referenceTypes) simple.push(ValType.ExternRef);
    for (const b of simple) this.blockResults[b] = blockType(ir, b === 0x40 ? EMPTY_BLOCK_TYPE : b - 128)!.results;
  }

  /**
   * Validates the bodies of defined functions [from, to) (function `numImportedFuncs + i` for body i).
   * One loop runs over all of them, so that V8 optimizes it once (on-stack replacement) rather than
   * per function.
   */
  validateFuncs(from = 0, to = this.ir.codes.length): void {
    const ir = this.ir;
    const bytes = ir.bytes;
    // Reads through InstrReader are bounded by the binary's end; a body they overrun is caught by the
    // checks against `end` (bodies may not have been checked by the decoder: decodeModuleDeferringBodies).
    const r = new BinaryReader(bytes);
    for (let index = from; index < to; index++) {
      const body = ir.codes[index]!;
      // The body's locals and its function frame. (Not a method of its own: one called for each body would
      // be hot, and V8 would compile it, with what it inlines, at every cold start.) Locals as the last
      // function that was valid left them (initialised as at its start): the same params and declarations
      // (the decoder shares equal ones) need not be set again.
      const type = this.definedType(index);
      const last = this.lastValid;
      this.lastValid = -1;
      if (last < 0 || body.locals !== ir.codes[last]!.locals || type.params !== this.definedType(last).params) {
        this.setLocals(type.params, body.locals);
      }
      // (frame 0: the frames always have room for it)
      this.setFrame(0, FRAME_BLOCK, 0, NO_TYPES, type.results);
      this.sp = 0;
      this.height = 0;
      this.depth = 1;
      const end = body.end;
      let pos = body.start;
      for (;;) {
        pos = this.checkInline(bytes, pos, end);
        if (this.depth === 0) break; // the function's final END
        this.at = pos;
        // The general path: InstrReader and `step`.
        r.pos = pos;
        this.instr.read(r);
        this.step();
        pos = r.pos;
        if (this.depth === 0) break; // (END of a frame that the inline checks do not take)
      }
      // The body's final END must end it exactly (see decodeModuleDeferringBodies).
      if (pos !== end) malformedBody(pos);
      this.lastValid = index;
    }
  }

  /**
   * The inline checks of the common instructions, from `pos` in the current body (which ends at `end`):
   * returns the position of the first instruction they do not take, or the position after the body's
   * final END (then the depth is 0).
   *
   * A method of its own, apart from the loop over the bodies and the general path: V8 compiles a small
   * function sooner and faster (a cold start runs in its slow tiers until then), and `bytes` as a
   * parameter, not `ir.bytes`, keeps its optimized code from depending on the module's hidden class.
   */
  private checkInline(bytes: Uint8Array, pos: number, end: number): number {
    const memAlign = this.memAlign;
    const blockResults = this.blockResults;
    const fastLocals = this.fastLocals;
    const frames = this.frames;
    // The validator's state in locals (V8's first tiers load fields slowly): `sp` is written back before
    // a method runs and on return, and read again after a method; the checks that change the depth or
    // the height write them back at once.
    let vals = this.vals;
    let cap = vals.length;
    let sp = this.sp;
    let height = this.height;
    let depth = this.depth;
    for (;;) {
      if (pos >= end) malformedBody(pos);
      const op = bytes[pos]!;
      // Literal case labels (`satisfies` checks them against the FAST_* kinds): V8 makes a jump
      // table of literal labels, where it would compare named constants one by one.
      switch (FAST_KIND[op]) {
        // Locals: a one-byte index of an initialised local (fastLocals: its type, else 0).
        case 1 satisfies typeof FAST_LOCAL_GET: {
          const t = fastLocals[bytes[pos + 1]!]!;
          if (t === 0 || sp === cap) break;
          vals[sp++] = t;
          pos += 2;
          continue;
        }
        case 2 satisfies typeof FAST_LOCAL_SET:
        case 3 satisfies typeof FAST_LOCAL_TEE: {
          // (subtypes, unreachable code: the general path)
          const t = fastLocals[bytes[pos + 1]!]!;
          if (t === 0 || sp === height || vals[sp - 1] !== t) break;
          if (op === (0x21 satisfies typeof Op.LocalSet)) sp--;
          pos += 2;
          continue;
        }
        case 14 satisfies typeof FAST_UNARY:
          if (sp === height || vals[sp - 1] !== FAST_PARAM[op]) break;
          vals[sp - 1] = FAST_RESULT[op]!;
          pos++;
          continue;
        case 15 satisfies typeof FAST_BINARY: {
          const t = FAST_PARAM[op];
          if (sp - 2 < height || vals[sp - 1] !== t || vals[sp - 2] !== t) break;
          vals[--sp - 1] = FAST_RESULT[op]!;
          pos++;
          continue;
        }
        // Loads and stores: alignment flags in one byte, within the natural alignment (so no memory
        // index; memAlign: -1 without a 32-bit memory 0); an offset of at most 4 bytes (below 2^32).
        case 16 satisfies typeof FAST_LOAD:
        case 17 satisfies typeof FAST_STORE: {
          if (bytes[pos + 1]! > memAlign[op]!) break;
          const next = bytes[pos + 2]! < 0x80 ? pos + 3 : shortLebEnd(bytes, pos + 2, end);
          if (next < 0) break;
          const result = FAST_RESULT[op]!;
          if (result !== 0) {
            // a load: [i32] -> [result]
            if (sp === height || vals[sp - 1] !== I32) break;
            vals[sp - 1] = result;
          } else {
            // a store: [i32, FAST_PARAM] -> []
            if (sp - 2 < height || vals[sp - 1] !== FAST_PARAM[op] || vals[sp - 2] !== I32) break;
            sp -= 2;
          }
          pos = next;
          continue;
        }
        case 9 satisfies typeof FAST_I32_CONST:
        case 10 satisfies typeof FAST_I64_CONST: {
          const next = bytes[pos + 1]! < 0x80 ? pos + 2
            : op === (0x41 satisfies typeof Op.I32Const) ? leb32End(bytes, pos + 1, end, true)
            : shortLebEnd(bytes, pos + 1, end, 9);
          if (next < 0 || sp === cap) break;
          vals[sp++] = op === (0x41 satisfies typeof Op.I32Const) ? I32 : I64;
          pos = next;
          continue;
        }
        case 11 satisfies typeof FAST_F32_CONST:
        case 12 satisfies typeof FAST_F64_CONST:
          if (sp === cap) break;
          vals[sp++] = op === (0x43 satisfies typeof Op.F32Const) ? F32 : F64;
          pos += op === (0x43 satisfies typeof Op.F32Const) ? 5 : 9;
          continue;
        case 8 satisfies typeof FAST_DROP:
          if (sp === height) break;
          sp--;
          pos++;
          continue;
        case 13 satisfies typeof FAST_SELECT: {
          // Two equal numeric or vector operands and an I32 (the rest: the general path).
          if (sp - 3 < height) break;
          const t = vals[sp - 2]!;
          if (vals[sp - 1] !== I32 || vals[sp - 3] !== t || t < V128 || t > I32) break;
          sp -= 2;
          pos++;
          continue;
        }
        case 23 satisfies typeof FAST_PREFIX_FC: {
          const sub = bytes[pos + 1]!;
          const t = FAST_FC_PARAM[sub]!;
          if (t === 0 || sp === height || vals[sp - 1] !== t) break;
          vals[sp - 1] = FAST_FC_RESULT[sub]!;
          pos += 2;
          continue;
        }
        case 4 satisfies typeof FAST_INDEX: {
          // (of up to five bytes: debug builds pad function and global indices)
          const packed = indexAt(bytes, pos + 1, end);
          if (packed < 0) break;
          const x = packed >>> 3;
          this.sp = sp;
          this.at = pos;
          pos += 1 + (packed & 7);
          if (op === (0x23 satisfies typeof Op.GlobalGet)) this.globalGet(x);
          else if (op === (0x24 satisfies typeof Op.GlobalSet)) this.globalSet(x);
          else this.call(x);
          // (the stack may have grown)
          vals = this.vals;
          cap = vals.length;
          sp = this.sp;
          continue;
        }
        case 18 satisfies typeof FAST_NOP:
          pos++;
          continue;
        // Control: frames whose types the inline checks take (F_END, F_LABEL: 0 for none, a
        // single type, or -1 for the general path), a one-byte label index.
        case 5 satisfies typeof FAST_BLOCK: {
          // Empty or single-value block types (type indices go the general way).
          const results = blockResults[bytes[pos + 1]!];
          if (results === undefined || (depth + 1) * FRAME > frames.length) break;
          let kind = FRAME_BLOCK;
          if (op === (0x04 satisfies typeof Op.If)) {
            if (sp === height || vals[sp - 1] !== I32) break;
            sp--;
            kind = FRAME_IF;
          } else if (op === (0x03 satisfies typeof Op.Loop)) {
            kind = FRAME_LOOP;
          }
          this.setFrame(depth, kind, sp, NO_TYPES, results);
          this.depth = ++depth;
          this.height = height = sp;
          pos += 2;
          continue;
        }
        case 7 satisfies typeof FAST_END: {
          const top = depth - 1;
          const t = frames[top * FRAME + F_END]!;
          // exactly the frame's results on its stack, and no local initialised in it
          if (t === 0 ? sp !== height : sp !== height + 1 || vals[sp - 1] !== t) break;
          if (frames[top * FRAME + F_INITS] !== this.initCount) break;
          this.depth = depth = top;
          pos++;
          if (top === 0) break; // the function's final END
          this.height = height = frames[(top - 1) * FRAME + F_HEIGHT]!;
          continue;
        }
        case 6 satisfies typeof FAST_ELSE: {
          // The then branch ends as at END (an `if` without params), the else branch begins.
          const at = (depth - 1) * FRAME;
          const t = frames[at + F_ELSE]!;
          if (frames[at + F_KIND] !== FRAME_IF || frames[at + F_INITS] !== this.initCount) break;
          if (t === 0 ? sp !== height : sp !== height + 1 || vals[sp - 1] !== t) break;
          frames[at + F_KIND] = FRAME_ELSE;
          frames[at + F_END] = t;
          frames[at + F_UNREACHABLE] = 0;
          sp = height;
          pos++;
          continue;
        }
        case 20 satisfies typeof FAST_BR_IF: {
          const x = bytes[pos + 1]!;
          if (x >= depth || x >= 0x80 || sp === height || vals[sp - 1] !== I32) break;
          const t = frames[(depth - 1 - x) * FRAME + F_LABEL]!;
          if (t !== 0 && (sp - 1 === height || vals[sp - 2] !== t)) break;
          sp--;
          pos += 2;
          continue;
        }
        case 19 satisfies typeof FAST_BR:
        case 21 satisfies typeof FAST_RETURN:
        case 22 satisfies typeof FAST_UNREACHABLE: {
          if (op === (0x00 satisfies typeof Op.Unreachable)) {
            pos++;
          } else {
            // (return: a branch to the function's frame)
            const isReturn = op === (0x0f satisfies typeof Op.Return);
            const x = isReturn ? depth - 1 : bytes[pos + 1]!;
            if (x >= depth || x >= 0x80) break;
            const t = frames[(depth - 1 - x) * FRAME + F_LABEL]!;
            if (t !== 0 && (sp === height || vals[sp - 1] !== t)) break;
            pos += isReturn ? 1 : 2;
          }
          // the rest of the block is unreachable
          sp = height;
          frames[(depth - 1) * FRAME + F_UNREACHABLE] = 1;
          continue;
        }
      }
      // (`break`: the general path checks the instruction, or reports its error)
      break;
    }
    this.sp = sp;
    return pos;
  }

  /** The type of defined function `index`. */
  private definedType(index: number): FuncType {
    const ir = this.ir;
    return ir.types[ir.funcs[ir.numImportedFuncs + index]!] as FuncType;
  }

  private setLocals(params: readonly ValType[], declared: readonly ValType[]): void {
    const n = params.length + declared.length;
    if (n > this.locals.length) {
      this.locals = new Int32Array(Math.max(n, 2 * this.locals.length));
      this.localInit = new Uint8Array(this.locals.length);
    }
    const locals = this.locals;
    const init = this.localInit;
    for (let i = 0; i < params.length; i++) {
      locals[i] = params[i]!;
      init[i] = 1;
    }
    for (let i = 0; i < declared.length; i++) {
      const t = declared[i]!;
      locals[params.length + i] = t;
      init[params.length + i] = isDefaultable(t) ? 1 : 0;
    }
    const fast = this.fastLocals;
    const fastCount = Math.min(n, 128);
    for (let i = 0; i < fastCount; i++) fast[i] = init[i] === 1 ? locals[i]! : 0;
    fast.fill(0, fastCount, 128);
    this.localCount = n;
    this.initCount = 0;
  }

  private fail(reason: string): never {
    throw new ValidationError(reason, this.at);
  }

  // ---- operand stack ----

  private push(t: ValType): void {
    if (this.sp === this.vals.length) this.vals = grow(this.vals);
    this.vals[this.sp++] = t;
  }

  private pushAll(ts: readonly ValType[]): void {
    for (let i = 0; i < ts.length; i++) this.push(ts[i]!);
  }

  private popAny(): ValType {
    if (this.sp === this.height) {
      if (this.frames[(this.depth - 1) * FRAME + F_UNREACHABLE] === 1) return UNKNOWN;
      this.fail("type mismatch");
    }
    return this.vals[--this.sp]!;
  }

  private pop(expect: ValType): ValType {
    if (this.sp === this.height) {
      if (this.frames[(this.depth - 1) * FRAME + F_UNREACHABLE] === 1) return UNKNOWN;
      this.fail("type mismatch");
    }
    const actual = this.vals[--this.sp]!;
    if (actual !== expect && actual !== UNKNOWN && expect !== UNKNOWN && !this.matches(actual, expect)) {
      this.fail("type mismatch");
    }
    return actual;
  }

  /** Whether `a` is a subtype of `b` (both canonical). */
  private matches(a: ValType, b: ValType): boolean {
    return a === b || valTypeMatches(this.registry, a, b);
  }

  /** A reference operand (any reference type), or UNKNOWN (the bottom type) in unreachable code. */
  private popRef(): ValType {
    const t = this.popAny();
    if (t !== UNKNOWN && !isRefType(t)) this.fail("type mismatch");
    return t;
  }

  private popAll(ts: readonly ValType[]): void {
    for (let i = ts.length - 1; i >= 0; i--) this.pop(ts[i]!);
  }

  // ---- control frames ----

  private pushFrame(kind: number, params: readonly ValType[], results: readonly ValType[]): void {
    const d = this.depth;
    if ((d + 1) * FRAME > this.frames.length) {
      this.frames = grow(this.frames);
      while (this.frameParams.length < this.frames.length / FRAME) {
        this.frameParams.push(NO_TYPES);
        this.frameResults.push(NO_TYPES);
      }
    }
    this.setFrame(d, kind, this.sp, params, results);
    this.depth = d + 1;
    this.height = this.sp;
    this.pushAll(params);
  }

  /** Frame `d` (within `frames`) begins, at stack height `height`. */
  private setFrame(d: number, kind: number, height: number, params: readonly ValType[], results: readonly ValType[]): void {
    const f = this.frames;
    const at = d * FRAME;
    f[at + F_KIND] = kind;
    f[at + F_HEIGHT] = height;
    f[at + F_UNREACHABLE] = 0;
    f[at + F_INITS] = this.initCount;
    const label = kind === FRAME_LOOP ? params : results;
    f[at + F_LABEL] = label.length === 0 ? 0 : label.length === 1 ? label[0]! : -1;
    const end = results.length === 0 ? 0 : results.length === 1 ? results[0]! : -1;
    f[at + F_END] = kind === FRAME_IF && (params.length !== 0 || results.length !== 0) ? -1 : end;
    f[at + F_ELSE] = kind === FRAME_IF && params.length === 0 ? end : -1;
    this.frameParams[d] = params;
    this.frameResults[d] = results;
  }

  /** Checks that the top frame's results are on the stack and nothing else, and removes it. */
  private popFrame(): number {
    const top = this.depth - 1;
    this.popAll(this.frameResults[top]!);
    if (this.sp !== this.height) this.fail("type mismatch");
    this.resetInits(this.frames[top * FRAME + F_INITS]!);
    this.depth = top;
    if (top > 0) this.height = this.frames[(top - 1) * FRAME + F_HEIGHT]!;
    return this.frameKind(top);
  }

  /** The kind of frame `d` (FRAME_BLOCK...). */
  private frameKind(d: number): number {
    return this.frames[d * FRAME + F_KIND]!;
  }

  /** Locals initialised since `count` become uninitialised again (the end of the block they were set in). */
  private resetInits(count: number): void {
    const init = this.localInit;
    while (this.initCount > count) {
      const index = this.initStack[--this.initCount]!;
      init[index] = 0;
      if (index < 128) this.fastLocals[index] = 0;
    }
  }

  /** local.set / local.tee: the local is initialised until the end of the current block. */
  private initLocal(index: number): void {
    if (this.localInit[index] === 1) return;
    this.localInit[index] = 1;
    if (index < 128) this.fastLocals[index] = this.locals[index]!;
    if (this.initCount === this.initStack.length) this.initStack = grow(this.initStack);
    this.initStack[this.initCount++] = index;
  }

  private setUnreachable(): void {
    this.sp = this.height;
    this.frames[(this.depth - 1) * FRAME + F_UNREACHABLE] = 1;
  }

  /** The frame a branch of depth `depth` targets (index into the frame arrays). */
  private label(depth: number): number {
    if (depth >= this.depth) this.fail("unknown label");
    return this.depth - 1 - depth;
  }

  private labelTypes(frame: number): readonly ValType[] {
    return this.frameKind(frame) === FRAME_LOOP ? this.frameParams[frame]! : this.frameResults[frame]!;
  }

  // ---- module entities ----

  private block(bt: number) {
    if (bt < -128) bt = BLOCK_REF_BASE - this.valType(BLOCK_REF_BASE - bt);
    const sig = blockType(this.ir, bt);
    if (sig === undefined) this.fail(this.ir.types[bt] === undefined ? `unknown type ${bt}` : "type mismatch");
    return sig;
  }

  private func(index: number): FuncType {
    const t = funcType(this.ir, index);
    if (t === undefined) this.fail(`unknown function ${index}`);
    return t;
  }

  /** The function type of type index `index`. */
  private type(index: number): FuncType {
    const t = funcTypeAt(this.ir, index);
    if (t === undefined) this.fail(this.ir.types[index] === undefined ? `unknown type ${index}` : "type mismatch");
    return t;
  }

  private tableElem(index: number): ValType {
    const t = this.ir.tables[index];
    if (t === undefined) this.fail(`unknown table ${index}`);
    return t.element;
  }

  /** The address type (i32, or i64 for a table64) of a table already checked by `tableElem`. */
  private tableAddress(index: number): ValType {
    return tableAddressType(this.ir, index);
  }

  /** Checks that the memory exists and returns its address type. */
  private memory(index: number): ValType {
    if (index >= this.ir.memories.length) this.fail(`unknown memory ${index}`);
    return memoryAddressType(this.ir, index);
  }

  private elem(index: number): ValType {
    const e = this.ir.elems[index];
    if (e === undefined) this.fail(`unknown elem segment ${index}`);
    return e.type;
  }

  private data(index: number): void {
    if (this.ir.dataCount === null || index >= this.ir.dataCount) this.fail(`unknown data segment ${index}`);
  }

  private global(index: number) {
    const g = this.ir.globalTypes[index];
    if (g === undefined) this.fail(`unknown global ${index}`);
    return g;
  }

  private local(index: number): ValType {
    if (index >= this.localCount) this.fail(`unknown local ${index}`);
    return this.locals[index]!;
  }

  /** A value type read in the body (select's, a block's): canonical. */
  private valType(t: ValType): ValType {
    return t >= CONCRETE_BASE ? canonicalValType(this.ir, t) : t;
  }

  /** Memory instructions: memory exists, alignment, offset range; returns the address type. */
  private memArg(naturalAlign: number): ValType {
    const instr = this.instr;
    const at = this.memory(instr.memory);
    if (instr.align > naturalAlign) this.fail("alignment must not be larger than natural");
    // threads: an atomic access states exactly its natural alignment
    if (instr.op >= ATOMIC_BASE && instr.align !== naturalAlign) this.fail("atomic alignment must be natural");
    if (at === I32 && instr.offset > 0xffff_ffff) this.fail("offset out of range");
    return at;
  }

  // ---- instructions ----

  private step(): void {
    const instr = this.instr;
    const info = instr.info;
    if (info.params !== null) {
      // An instruction with a fixed signature: only its immediates need checks.
      let address: ValType = I32;
      switch (info.imm) {
        case Imm.MemArg:
          address = this.memArg(info.naturalAlign);
          break;
        case Imm.MemArgLane:
          address = this.memArg(info.naturalAlign);
          if (instr.lane >= info.lanes) this.fail("invalid lane index");
          break;
        case Imm.Mem:
          address = this.memory(instr.a);
          break;
        case Imm.Lane:
          if (instr.lane >= info.lanes) this.fail("invalid lane index");
          break;
        case Imm.Shuffle: {
          const bytes = this.ir.bytes;
          for (let i = 0; i < 16; i++) if (bytes[instr.bytesPos + i]! >= 32) this.fail("invalid lane index");
          break;
        }
        case Imm.Data:
          this.data(instr.a);
          break;
        case Imm.Elem:
          this.elem(instr.a);
          break;
      }
      this.popSig(info.params, address);
      this.pushSig(info.results!, address);
      return;
    }
    this.special(instr.op);
  }

  private popSig(ts: readonly SigType[], address: ValType): void {
    for (let i = ts.length - 1; i >= 0; i--) {
      const t = ts[i]!;
      this.pop(t === ADDRESS_TYPE ? address : t);
    }
  }

  private pushSig(ts: readonly SigType[], address: ValType): void {
    for (let i = 0; i < ts.length; i++) {
      const t = ts[i]!;
      this.push(t === ADDRESS_TYPE ? address : t);
    }
  }

  /** Instructions typed by hand: control, calls, variables, references, tables, bulk memory. */
  private special(op: number): void {
    const instr = this.instr;
    // Literal case labels (`satisfies` checks them against Op): V8 makes a jump table of them.
    switch (op) {
      case 0x00 satisfies typeof Op.Unreachable:
        this.setUnreachable();
        return;
      case 0x02 satisfies typeof Op.Block:
      case 0x03 satisfies typeof Op.Loop:
      case 0x04 satisfies typeof Op.If:
        this.beginBlock(op, instr.a);
        return;
      case 0x05 satisfies typeof Op.Else:
        this.elseBranch();
        return;
      case 0x0b satisfies typeof Op.End:
        this.endBlock();
        return;
      case 0x0c satisfies typeof Op.Br:
        this.br(instr.a);
        return;
      case 0x0d satisfies typeof Op.BrIf:
        this.brIf(instr.a);
        return;
      case 0x0e satisfies typeof Op.BrTable:
        this.brTable();
        return;
      case 0x0f satisfies typeof Op.Return:
        this.popAll(this.frameResults[0]!); // the function's results
        this.setUnreachable();
        return;
      case 0x10 satisfies typeof Op.Call:
        this.call(instr.a);
        return;
      case 0x11 satisfies typeof Op.CallIndirect: {
        const t = this.callIndirect();
        this.popAll(t.params);
        this.pushAll(t.results);
        return;
      }
      case 0x12 satisfies typeof Op.ReturnCall: {
        const t = this.func(instr.a);
        this.tailCall(t);
        return;
      }
      case 0x13 satisfies typeof Op.ReturnCallIndirect:
        this.tailCall(this.callIndirect());
        return;
      case 0x1a satisfies typeof Op.Drop:
        this.popAny();
        return;
      case 0x1b satisfies typeof Op.Select:
        this.select();
        return;
      case 0x1c satisfies typeof Op.SelectT: {
        if (instr.typeCount !== 1) this.fail("invalid result arity");
        const t = this.valType(instr.types[0]!);
        this.pop(I32);
        this.pop(t);
        this.pop(t);
        this.push(t);
        return;
      }
      case 0x20 satisfies typeof Op.LocalGet: {
        const t = this.local(instr.a);
        if (this.localInit[instr.a] === 0) this.fail("uninitialized local");
        this.push(t);
        return;
      }
      case 0x21 satisfies typeof Op.LocalSet:
        this.pop(this.local(instr.a));
        this.initLocal(instr.a);
        return;
      case 0x22 satisfies typeof Op.LocalTee: {
        const t = this.local(instr.a);
        this.pop(t);
        this.push(t);
        this.initLocal(instr.a);
        return;
      }
      case 0x23 satisfies typeof Op.GlobalGet:
        this.globalGet(instr.a);
        return;
      case 0x24 satisfies typeof Op.GlobalSet:
        this.globalSet(instr.a);
        return;
      case 0x25 satisfies typeof Op.TableGet: {
        const t = this.tableElem(instr.a);
        this.pop(this.tableAddress(instr.a));
        this.push(t);
        return;
      }
      case 0x26 satisfies typeof Op.TableSet: {
        const t = this.tableElem(instr.a);
        this.pop(t);
        this.pop(this.tableAddress(instr.a));
        return;
      }
      case 0xfc10 satisfies typeof Op.TableSize:
        this.tableElem(instr.a);
        this.push(this.tableAddress(instr.a));
        return;
      case 0xfc0f satisfies typeof Op.TableGrow: {
        const t = this.tableElem(instr.a);
        const at = this.tableAddress(instr.a);
        this.pop(at);
        this.pop(t);
        this.push(at);
        return;
      }
      case 0xfc11 satisfies typeof Op.TableFill: {
        const t = this.tableElem(instr.a);
        const at = this.tableAddress(instr.a);
        this.pop(at);
        this.pop(t);
        this.pop(at);
        return;
      }
      case 0xfc0e satisfies typeof Op.TableCopy: {
        const dst = this.tableElem(instr.a);
        const src = this.tableElem(instr.b);
        if (!this.matches(src, dst)) this.fail("type mismatch");
        const dt = this.tableAddress(instr.a);
        const st = this.tableAddress(instr.b);
        // the length is i64 only when both tables are 64-bit (the smaller address type)
        this.pop(dt === I64 && st === I64 ? I64 : I32);
        this.pop(st);
        this.pop(dt);
        return;
      }
      case 0xfc0c satisfies typeof Op.TableInit: {
        const table = this.tableElem(instr.b);
        const seg = this.elem(instr.a);
        if (!this.matches(seg, table)) this.fail("type mismatch");
        // source offset and length index the segment: i32; the destination is the table's address type
        this.pop(I32);
        this.pop(I32);
        this.pop(this.tableAddress(instr.b));
        return;
      }
      case 0xfc08 satisfies typeof Op.MemoryInit: {
        const at = this.memory(instr.b);
        this.data(instr.a);
        this.pop(I32);
        this.pop(I32);
        this.pop(at);
        return;
      }
      case 0xfc0a satisfies typeof Op.MemoryCopy: {
        const dst = this.memory(instr.a);
        const src = this.memory(instr.b);
        this.pop(dst === I64 && src === I64 ? I64 : I32);
        this.pop(src);
        this.pop(dst);
        return;
      }
      case 0xfc0b satisfies typeof Op.MemoryFill: {
        const at = this.memory(instr.a);
        this.pop(at);
        this.pop(I32);
        this.pop(at);
        return;
      }
      case 0xd0 satisfies typeof Op.RefNull:
        this.push(refType(canonicalHeapType(this.ir, instr.a), true));
        return;
      case 0xd1 satisfies typeof Op.RefIsNull:
        this.popRef();
        this.push(I32);
        return;
      case 0xd2 satisfies typeof Op.RefFunc:
        this.func(instr.a);
        if (!this.declaredRefs.has(instr.a)) this.fail("undeclared function reference");
        // 3.0: a reference to the function's own type, never null
        this.push(this.typed ? refType(CONCRETE_BASE + this.ir.typeIds![this.ir.funcs[instr.a]!]!, false) : ValType.FuncRef);
        return;
      case 0xd4 satisfies typeof Op.RefAsNonNull: {
        const t = this.popRef();
        this.push(t === UNKNOWN ? UNKNOWN : refType(heapTypeOf(t), false));
        return;
      }
      case 0xd5 satisfies typeof Op.BrOnNull: {
        const t = this.popRef();
        const types = this.labelTypes(this.label(instr.a));
        this.popAll(types);
        this.pushAll(types);
        this.push(t === UNKNOWN ? UNKNOWN : refType(heapTypeOf(t), false));
        return;
      }
      case 0xd6 satisfies typeof Op.BrOnNonNull: {
        const types = this.labelTypes(this.label(instr.a));
        const last = types[types.length - 1];
        if (last === undefined || !isRefType(last)) this.fail("type mismatch");
        this.pop(refType(heapTypeOf(last), true));
        for (let i = types.length - 2; i >= 0; i--) this.pop(types[i]!);
        for (let i = 0; i < types.length - 1; i++) this.push(types[i]!);
        return;
      }
      case 0x14 satisfies typeof Op.CallRef: {
        const t = this.callRef();
        this.popAll(t.params);
        this.pushAll(t.results);
        return;
      }
      case 0x15 satisfies typeof Op.ReturnCallRef:
        this.tailCall(this.callRef());
        return;
      case 0x08 satisfies typeof Op.Throw:
        this.popAll(this.tag(instr.a).params);
        this.setUnreachable();
        return;
      case 0x0a satisfies typeof Op.ThrowRef:
        this.pop(ValType.ExnRef);
        this.setUnreachable();
        return;
      case 0x1f satisfies typeof Op.TryTable:
        this.tryTable();
        return;
      case 0x06 satisfies typeof Op.Try: {
        const sig = this.block(instr.a);
        this.popAll(sig.params);
        this.pushFrame(FRAME_TRY, sig.params, sig.results);
        return;
      }
      case 0x07 satisfies typeof Op.Catch:
      case 0x19 satisfies typeof Op.CatchAll: {
        const top = this.depth - 1;
        const kind = this.frameKind(top);
        if (kind !== FRAME_TRY && kind !== FRAME_CATCH) {
          this.fail(kind === FRAME_CATCH_ALL ? "catch after catch_all" : "catch without try");
        }
        const results = this.frameResults[top]!;
        const values = op === Op.Catch ? this.tag(instr.a).params : NO_TYPES;
        this.popFrame();
        // the clause starts with the exception's values on the stack, and ends with the try's results
        this.pushFrame(op === Op.Catch ? FRAME_CATCH : FRAME_CATCH_ALL, values, results);
        return;
      }
      case 0x18 satisfies typeof Op.Delegate: {
        const top = this.depth - 1;
        if (this.frameKind(top) !== FRAME_TRY) this.fail("delegate without try");
        const results = this.frameResults[top]!;
        this.popFrame();
        this.label(instr.a);
        this.pushAll(results);
        return;
      }
      case 0x09 satisfies typeof Op.Rethrow: {
        const kind = this.frameKind(this.label(instr.a));
        if (kind !== FRAME_CATCH && kind !== FRAME_CATCH_ALL) this.fail("invalid rethrow label");
        this.setUnreachable();
        return;
      }
      case 0xd3 satisfies typeof Op.RefEq:
        this.pop(ValType.EqRef);
        this.pop(ValType.EqRef);
        this.push(I32);
        return;
      default:
        if (op >>> 8 === 0xfb) {
          this.gc(op & 0xff);
          return;
        }
        this.fail(`unsupported instruction ${instr.info.name}`);
    }
  }

  // ---- GC (the 0xfb instructions) ----

  /** The struct type of type index `index`. */
  private structType(index: number): StructType {
    const c = this.composite(index);
    if (c.kind !== "struct") this.fail("type mismatch");
    return c;
  }

  private arrayType(index: number): ArrayType {
    const c = this.composite(index);
    if (c.kind !== "array") this.fail("type mismatch");
    return c;
  }

  private composite(index: number) {
    const id = this.ir.typeIds?.[index];
    if (id === undefined) this.fail(`unknown type ${index}`);
    return this.registry.def(id).composite;
  }

  /** (ref null? x) of type index x, canonical. */
  private refOf(index: number, nullable: boolean): ValType {
    return refType(CONCRETE_BASE + this.ir.typeIds![index]!, nullable);
  }

  /** The value type of a field's storage (packed types: i32). */
  private unpacked(storage: number): ValType {
    return storage === PackedType.I8 || storage === PackedType.I16 ? I32 : storage;
  }

  private field(type: StructType, index: number): FieldType {
    const f = type.fields[index];
    if (f === undefined) this.fail(`unknown field ${index}`);
    return f;
  }

  /** get (sign 0), get_s (1), get_u (2) of a field: packed fields need a sign, others none. */
  private checkPacked(f: FieldType, sign: number): void {
    const packed = f.storage === PackedType.I8 || f.storage === PackedType.I16;
    if (packed !== (sign !== 0)) this.fail(packed ? "field is packed" : "field is unpacked");
  }

  private mutable(f: FieldType): void {
    if (!f.mutable) this.fail("field is immutable");
  }

  private numericStorage(f: FieldType): void {
    if (isRefType(f.storage)) this.fail("array type is not numeric or vector");
  }

  /** A heap type immediate, canonical. */
  private heap(h: number): number {
    return canonicalHeapType(this.ir, h);
  }

  private gc(sub: number): void {
    const instr = this.instr;
    const x = instr.a;
    switch (sub) {
      case 0: { // struct.new
        const t = this.structType(x);
        for (let i = t.fields.length - 1; i >= 0; i--) this.pop(this.unpacked(t.fields[i]!.storage));
        this.push(this.refOf(x, false));
        return;
      }
      case 1: { // struct.new_default
        const t = this.structType(x);
        for (const f of t.fields) if (!isDefaultable(f.storage)) this.fail("type mismatch");
        this.push(this.refOf(x, false));
        return;
      }
      case 2: case 3: case 4: { // struct.get(_s/_u)
        const f = this.field(this.structType(x), instr.b);
        this.checkPacked(f, sub - 2);
        this.pop(this.refOf(x, true));
        this.push(this.unpacked(f.storage));
        return;
      }
      case 5: { // struct.set
        const f = this.field(this.structType(x), instr.b);
        this.mutable(f);
        this.pop(this.unpacked(f.storage));
        this.pop(this.refOf(x, true));
        return;
      }
      case 6: { // array.new
        const e = this.arrayType(x).element;
        this.pop(I32);
        this.pop(this.unpacked(e.storage));
        this.push(this.refOf(x, false));
        return;
      }
      case 7: { // array.new_default
        if (!isDefaultable(this.arrayType(x).element.storage)) this.fail("type mismatch");
        this.pop(I32);
        this.push(this.refOf(x, false));
        return;
      }
      case 8: { // array.new_fixed
        const e = this.unpacked(this.arrayType(x).element.storage);
        // (in unreachable code, the pops below would not fail: the count must be bounded first)
        if (instr.b > MAX_ARRAY_NEW_FIXED) this.fail(`array.new_fixed of more than ${MAX_ARRAY_NEW_FIXED} operands`);
        for (let i = 0; i < instr.b; i++) this.pop(e);
        this.push(this.refOf(x, false));
        return;
      }
      case 9: case 10: { // array.new_data, array.new_elem
        const e = this.arrayType(x).element;
        if (sub === 9) {
          this.numericStorage(e);
          this.data(instr.b);
        } else if (!this.matches(this.elem(instr.b), e.storage)) this.fail("type mismatch");
        this.pop(I32);
        this.pop(I32);
        this.push(this.refOf(x, false));
        return;
      }
      case 11: case 12: case 13: { // array.get(_s/_u)
        const e = this.arrayType(x).element;
        this.checkPacked(e, sub - 11);
        this.pop(I32);
        this.pop(this.refOf(x, true));
        this.push(this.unpacked(e.storage));
        return;
      }
      case 14: { // array.set
        const e = this.arrayType(x).element;
        this.mutable(e);
        this.pop(this.unpacked(e.storage));
        this.pop(I32);
        this.pop(this.refOf(x, true));
        return;
      }
      case 15: // array.len
        this.pop(ValType.ArrayRef);
        this.push(I32);
        return;
      case 16: { // array.fill
        const e = this.arrayType(x).element;
        this.mutable(e);
        this.pop(I32);
        this.pop(this.unpacked(e.storage));
        this.pop(I32);
        this.pop(this.refOf(x, true));
        return;
      }
      case 17: { // array.copy
        const d = this.arrayType(x).element;
        const s = this.arrayType(instr.b).element;
        this.mutable(d);
        const packed = (t: number) => t === PackedType.I8 || t === PackedType.I16;
        if (packed(d.storage) || packed(s.storage) ? d.storage !== s.storage : !this.matches(s.storage, d.storage)) {
          this.fail("type mismatch");
        }
        this.pop(I32);
        this.pop(I32);
        this.pop(this.refOf(instr.b, true));
        this.pop(I32);
        this.pop(this.refOf(x, true));
        return;
      }
      case 18: case 19: { // array.init_data, array.init_elem
        const e = this.arrayType(x).element;
        this.mutable(e);
        if (sub === 18) {
          this.numericStorage(e);
          this.data(instr.b);
        } else if (!this.matches(this.elem(instr.b), e.storage)) this.fail("type mismatch");
        this.pop(I32);
        this.pop(I32);
        this.pop(I32);
        this.pop(this.refOf(x, true));
        return;
      }
      case 20: case 21: case 22: case 23: { // ref.test, ref.cast (nullable: the odd ones)
        const h = this.heap(x);
        this.pop(refType(topHeapType(this.registry, h), true));
        this.push(sub < 22 ? I32 : refType(h, (sub & 1) === 1));
        return;
      }
      case 24: case 25: { // br_on_cast, br_on_cast_fail
        const rt1 = refType(this.heap(instr.heap1), (instr.b & 1) !== 0);
        const rt2 = refType(this.heap(instr.heap2), (instr.b & 2) !== 0);
        if (!this.matches(rt2, rt1)) this.fail("type mismatch");
        const types = this.labelTypes(this.label(x));
        const last = types[types.length - 1];
        if (last === undefined || !isRefType(last)) this.fail("type mismatch");
        // the difference rt1 \ rt2: rt1, non-null when rt2 takes the null
        const diff = refType(heapTypeOf(rt1), isNullable(rt1) && !isNullable(rt2));
        if (!this.matches(sub === 24 ? rt2 : diff, last)) this.fail("type mismatch");
        this.pop(rt1);
        for (let i = types.length - 2; i >= 0; i--) this.pop(types[i]!);
        for (let i = 0; i < types.length - 1; i++) this.push(types[i]!);
        this.push(sub === 24 ? diff : rt2);
        return;
      }
      case 26: case 27: { // any.convert_extern, extern.convert_any: nullability kept
        const t = this.pop(sub === 26 ? ValType.ExternRef : ValType.AnyRef);
        const nullable = t === UNKNOWN || isNullable(t);
        this.push(refType(sub === 26 ? ValType.AnyRef : ValType.ExternRef, nullable));
        return;
      }
      case 28: // ref.i31
        this.pop(I32);
        this.push(ValType.I31Ref | REF_NON_NULL);
        return;
      case 29: case 30: // i31.get_s/u
        this.pop(ValType.I31Ref);
        this.push(I32);
        return;
      default:
        this.fail(`unsupported instruction ${instr.info.name}`);
    }
  }

  /** The type of tag `index` (exception handling). */
  private tag(index: number): FuncType {
    const typeIndex = this.ir.tags[index];
    if (typeIndex === undefined) this.fail(`unknown tag ${index}`);
    return this.ir.types[typeIndex] as FuncType;
  }

  /** try_table: each catch clause's values must suit its label (taken outside the new block). */
  private tryTable(): void {
    const instr = this.instr;
    const sig = this.block(instr.a);
    const c = instr.catches;
    for (let i = 0; i < instr.catchCount; i++) {
      const kind = c[3 * i]!;
      const values = kind === CATCH || kind === CATCH_REF ? this.tag(c[3 * i + 1]!).params : NO_TYPES;
      const types = this.labelTypes(this.label(c[3 * i + 2]!));
      const withRef = kind === CATCH_REF || kind === CATCH_ALL_REF;
      if (types.length !== values.length + (withRef ? 1 : 0)) this.fail("type mismatch");
      for (let k = 0; k < values.length; k++) {
        if (!this.matches(values[k]!, types[k]!)) this.fail("type mismatch");
      }
      // the caught exception is a (ref exn)
      if (withRef && !this.matches(ValType.ExnRef | REF_NON_NULL, types[values.length]!)) this.fail("type mismatch");
    }
    this.popAll(sig.params);
    this.pushFrame(FRAME_BLOCK, sig.params, sig.results);
  }

  // ---- instructions that the inline checks also take ----

  /** block, loop or if with block type `bt` (as InstrReader reads it). */
  private beginBlock(op: number, bt: number): void {
    const sig = this.block(bt);
    if (op === Op.If) this.pop(I32);
    this.popAll(sig.params);
    this.pushFrame(op === Op.Loop ? FRAME_LOOP : op === Op.If ? FRAME_IF : FRAME_BLOCK, sig.params, sig.results);
  }

  private elseBranch(): void {
    const top = this.depth - 1;
    const params = this.frameParams[top]!;
    const results = this.frameResults[top]!;
    if (this.popFrame() !== FRAME_IF) this.fail("else without if");
    this.pushFrame(FRAME_ELSE, params, results);
  }

  private endBlock(): void {
    const top = this.depth - 1;
    const params = this.frameParams[top]!;
    const results = this.frameResults[top]!;
    // An `if` without `else` has an implicit empty else branch: [params] -> [results].
    if (this.popFrame() === FRAME_IF && !this.allMatch(params, results)) this.fail("type mismatch");
    this.pushAll(results);
  }

  private br(depth: number): void {
    this.popAll(this.labelTypes(this.label(depth)));
    this.setUnreachable();
  }

  private brIf(depth: number): void {
    const types = this.labelTypes(this.label(depth));
    this.pop(I32);
    this.popAll(types);
    this.pushAll(types);
  }

  private call(funcIndex: number): void {
    const t = this.funcTypes[funcIndex] ?? this.func(funcIndex);
    const params = t.params;
    const results = t.results;
    // The common case in one go: the params exactly, above the frame's height, and room for the results.
    const vals = this.vals;
    const base = this.sp - params.length;
    if (base >= this.height && base + results.length <= vals.length) {
      let i = 0;
      while (i < params.length && vals[base + i] === params[i]) i++;
      if (i === params.length) {
        for (let k = 0; k < results.length; k++) vals[base + k] = results[k]!;
        this.sp = base + results.length;
        return;
      }
    }
    this.popAll(params);
    this.pushAll(results);
  }

  /** Whether each of `a` matches the same of `b` (and as many). */
  private allMatch(a: readonly ValType[], b: readonly ValType[]): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!this.matches(a[i]!, b[i]!)) return false;
    return true;
  }

  /** call_ref / return_call_ref: the type immediate, and the reference operand; returns the callee type. */
  private callRef(): FuncType {
    const index = this.instr.a;
    const t = this.type(index);
    this.pop(refType(CONCRETE_BASE + this.ir.typeIds![index]!, true));
    return t;
  }

  /** Untyped select: for numeric and vector operands only. */
  private select(): void {
    this.pop(I32);
    const t1 = this.popAny();
    const t2 = this.popAny();
    if ((t1 !== UNKNOWN && isRefType(t1)) || (t2 !== UNKNOWN && isRefType(t2))) this.fail("type mismatch");
    if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) this.fail("type mismatch");
    this.push(t1 === UNKNOWN ? t2 : t1);
  }

  private globalGet(index: number): void {
    this.push(this.global(index).type);
  }

  private globalSet(index: number): void {
    const g = this.global(index);
    if (!g.mutable) this.fail("global is immutable");
    this.pop(g.type);
  }

  private brTable(): void {
    const instr = this.instr;
    this.pop(I32);
    const defaultFrame = this.label(instr.a);
    const arity = this.labelTypes(defaultFrame).length;
    const popped = this.scratch;
    for (let i = 0; i < instr.targetCount; i++) {
      const types = this.labelTypes(this.label(instr.targets[i]!));
      if (types.length !== arity) this.fail("type mismatch");
      // Check the operands against this target, then put back what was popped (UNKNOWN included).
      for (let k = types.length - 1; k >= 0; k--) popped[k] = this.pop(types[k]!);
      for (let k = 0; k < types.length; k++) this.push(popped[k]!);
    }
    this.popAll(this.labelTypes(defaultFrame));
    this.setUnreachable();
  }

  /** Checks call_indirect's immediates and pops the table index; returns the callee type. */
  private callIndirect(): FuncType {
    const instr = this.instr;
    const elem = this.tableElem(instr.b);
    const t = this.type(instr.a);
    if (!this.matches(elem, ValType.FuncRef)) this.fail("type mismatch");
    this.pop(this.tableAddress(instr.b));
    return t;
  }

  private tailCall(callee: FuncType): void {
    if (!this.allMatch(callee.results, this.frameResults[0]!)) this.fail("type mismatch");
    this.popAll(callee.params);
    this.setUnreachable();
  }
}

/**
 * The u32 LEB128 index at `p` (of at most five bytes, before `end`) and its length, as `index * 8 +
 * length`; -1 if it does not end there or is 2^28 or more (the general path reads or reports it).
 */
function indexAt(bytes: Uint8Array, p: number, end: number): number {
  let x = 0;
  for (let k = 0; k < 5 && p + k < end; k++) {
    const b = bytes[p + k]!;
    if (k === 4 && b !== 0) return -1;
    x |= (b & 0x7f) << (7 * k);
    if (b < 0x80) return x * 8 + k + 1;
  }
  return -1;
}

/** A typed array twice as long, with the same contents. */
function grow<T extends Uint8Array | Int32Array>(a: T): T {
  const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
  bigger.set(a);
  return bigger;
}

/**
 * A body whose instructions do not end exactly at its end, or run past it: malformed. The caller
 * (compile.ts) decodes the binary fully to report the precise DecodeError.
 */
function malformedBody(pos: number): never {
  throw new DecodeError("malformed function body", pos);
}

