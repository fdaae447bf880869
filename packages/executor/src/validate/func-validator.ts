import { ValType, isRefType, type FuncType } from "@wasmi-ts/store";
import { BinaryReader } from "../decode/reader.js";
import { InstrReader } from "../decode/instr-reader.js";
import type { WasmFeatures } from "../decode/features.js";
import { ValidationError } from "../errors.js";
import type { FuncBody, ModuleIR } from "../module/ir.js";
import { ADDRESS_TYPE, Imm, Op, type SigType } from "../module/opcodes.js";
import { blockType, funcType, memoryAddressType } from "./module-types.js";

/** The operand type that matches anything: what is popped from the stack of unreachable code. */
const UNKNOWN = 0;

const I32 = ValType.I32;
const I64 = ValType.I64;

/** Kinds of control frames. */
const FRAME_BLOCK = 0;
const FRAME_LOOP = 1;
const FRAME_IF = 2;
const FRAME_ELSE = 3;

/**
 * Type-checks function bodies with the algorithm of the spec's validation appendix: an operand stack
 * of value types (UNKNOWN below the base of unreachable code) and a stack of control frames. Reused for
 * all functions of a module, so it allocates only when its stacks grow.
 */
export class FuncValidator {
  private readonly instr: InstrReader;
  private readonly vals: ValType[] = [];
  private readonly frameKind: number[] = [];
  private readonly frameHeight: number[] = [];
  private readonly frameUnreachable: boolean[] = [];
  private readonly frameParams: (readonly ValType[])[] = [];
  private readonly frameResults: (readonly ValType[])[] = [];
  private locals: ValType[] = [];
  private results: readonly ValType[] = [];
  /** Operands popped by br_table for one target, to push back. */
  private readonly scratch: ValType[] = [];

  constructor(
    private readonly ir: ModuleIR,
    private readonly features: Readonly<WasmFeatures>,
    /** Functions that ref.func may name in code (those referenced outside function bodies). */
    private readonly declaredRefs: ReadonlySet<number>,
  ) {
    this.instr = new InstrReader(features);
  }

  validate(body: FuncBody, type: FuncType): void {
    this.locals = [...type.params, ...body.locals];
    this.results = type.results;
    this.vals.length = 0;
    this.frameKind.length = 0;
    this.frameHeight.length = 0;
    this.frameUnreachable.length = 0;
    this.frameParams.length = 0;
    this.frameResults.length = 0;
    this.pushFrame(FRAME_BLOCK, [], type.results);
    const r = new BinaryReader(this.ir.bytes, body.start, body.end);
    while (this.frameKind.length > 0) {
      this.instr.read(r);
      this.step();
    }
  }

  private fail(reason: string): never {
    throw new ValidationError(reason, this.instr.pos);
  }

  // ---- operand stack ----

  private push(t: ValType): void {
    this.vals.push(t);
  }

  private pushAll(ts: readonly ValType[]): void {
    for (let i = 0; i < ts.length; i++) this.vals.push(ts[i]!);
  }

  private popAny(): ValType {
    const top = this.frameKind.length - 1;
    if (this.vals.length === this.frameHeight[top]) {
      if (this.frameUnreachable[top]) return UNKNOWN;
      this.fail("type mismatch");
    }
    return this.vals.pop()!;
  }

  private pop(expect: ValType): ValType {
    const actual = this.popAny();
    if (actual !== expect && actual !== UNKNOWN && expect !== UNKNOWN) this.fail("type mismatch");
    return actual;
  }

  private popAll(ts: readonly ValType[]): void {
    for (let i = ts.length - 1; i >= 0; i--) this.pop(ts[i]!);
  }

  // ---- control frames ----

  private pushFrame(kind: number, params: readonly ValType[], results: readonly ValType[]): void {
    this.frameKind.push(kind);
    this.frameHeight.push(this.vals.length);
    this.frameUnreachable.push(false);
    this.frameParams.push(params);
    this.frameResults.push(results);
    this.pushAll(params);
  }

  /** Checks that the top frame's results are on the stack and nothing else, and removes it. */
  private popFrame(): number {
    const top = this.frameKind.length - 1;
    this.popAll(this.frameResults[top]!);
    if (this.vals.length !== this.frameHeight[top]) this.fail("type mismatch");
    this.frameHeight.pop();
    this.frameUnreachable.pop();
    this.frameParams.pop();
    this.frameResults.pop();
    return this.frameKind.pop()!;
  }

  private setUnreachable(): void {
    const top = this.frameKind.length - 1;
    this.vals.length = this.frameHeight[top]!;
    this.frameUnreachable[top] = true;
  }

  /** The frame a branch of depth `depth` targets (index into the frame arrays). */
  private label(depth: number): number {
    if (depth >= this.frameKind.length) this.fail("unknown label");
    return this.frameKind.length - 1 - depth;
  }

  private labelTypes(frame: number): readonly ValType[] {
    return this.frameKind[frame] === FRAME_LOOP ? this.frameParams[frame]! : this.frameResults[frame]!;
  }

  // ---- module entities ----

  private block(bt: number) {
    const sig = blockType(this.ir, bt);
    if (sig === undefined) this.fail(`unknown type ${bt}`);
    return sig;
  }

  private func(index: number): FuncType {
    const t = funcType(this.ir, index);
    if (t === undefined) this.fail(`unknown function ${index}`);
    return t;
  }

  private type(index: number): FuncType {
    const t = this.ir.types[index];
    if (t === undefined) this.fail(`unknown type ${index}`);
    return t;
  }

  private tableElem(index: number): ValType {
    const t = this.ir.tables[index];
    if (t === undefined) this.fail(`unknown table ${index}`);
    return t.element;
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
    const t = this.locals[index];
    if (t === undefined) this.fail(`unknown local ${index}`);
    return t;
  }

  /** Memory instructions: memory exists, alignment, offset range; returns the address type. */
  private memArg(naturalAlign: number): ValType {
    const instr = this.instr;
    const at = this.memory(instr.memory);
    if (instr.align > naturalAlign) this.fail("alignment must not be larger than natural");
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
    switch (op) {
      case Op.Unreachable:
        this.setUnreachable();
        return;
      case Op.Block:
      case Op.Loop: {
        const sig = this.block(instr.a);
        this.popAll(sig.params);
        this.pushFrame(op === Op.Loop ? FRAME_LOOP : FRAME_BLOCK, sig.params, sig.results);
        return;
      }
      case Op.If: {
        const sig = this.block(instr.a);
        this.pop(I32);
        this.popAll(sig.params);
        this.pushFrame(FRAME_IF, sig.params, sig.results);
        return;
      }
      case Op.Else: {
        const top = this.frameKind.length - 1;
        const params = this.frameParams[top]!;
        const results = this.frameResults[top]!;
        if (this.popFrame() !== FRAME_IF) this.fail("else without if");
        this.pushFrame(FRAME_ELSE, params, results);
        return;
      }
      case Op.End: {
        const top = this.frameKind.length - 1;
        const params = this.frameParams[top]!;
        const results = this.frameResults[top]!;
        // An `if` without `else` has an implicit empty else branch: [params] -> [results].
        if (this.popFrame() === FRAME_IF && !sameTypes(params, results)) this.fail("type mismatch");
        this.pushAll(results);
        return;
      }
      case Op.Br: {
        this.popAll(this.labelTypes(this.label(instr.a)));
        this.setUnreachable();
        return;
      }
      case Op.BrIf: {
        const types = this.labelTypes(this.label(instr.a));
        this.pop(I32);
        this.popAll(types);
        this.pushAll(types);
        return;
      }
      case Op.BrTable:
        this.brTable();
        return;
      case Op.Return:
        this.popAll(this.results);
        this.setUnreachable();
        return;
      case Op.Call: {
        const t = this.func(instr.a);
        this.popAll(t.params);
        this.pushAll(t.results);
        return;
      }
      case Op.CallIndirect: {
        const t = this.callIndirect();
        this.popAll(t.params);
        this.pushAll(t.results);
        return;
      }
      case Op.ReturnCall: {
        const t = this.func(instr.a);
        this.tailCall(t);
        return;
      }
      case Op.ReturnCallIndirect:
        this.tailCall(this.callIndirect());
        return;
      case Op.Drop:
        this.popAny();
        return;
      case Op.Select: {
        this.pop(I32);
        const t1 = this.popAny();
        const t2 = this.popAny();
        // Untyped select is for numeric and vector operands only.
        if ((t1 !== UNKNOWN && isRefType(t1)) || (t2 !== UNKNOWN && isRefType(t2))) this.fail("type mismatch");
        if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) this.fail("type mismatch");
        this.push(t1 === UNKNOWN ? t2 : t1);
        return;
      }
      case Op.SelectT: {
        if (instr.typeCount !== 1) this.fail("invalid result arity");
        const t = instr.types[0]!;
        this.pop(I32);
        this.pop(t);
        this.pop(t);
        this.push(t);
        return;
      }
      case Op.LocalGet:
        this.push(this.local(instr.a));
        return;
      case Op.LocalSet:
        this.pop(this.local(instr.a));
        return;
      case Op.LocalTee: {
        const t = this.local(instr.a);
        this.pop(t);
        this.push(t);
        return;
      }
      case Op.GlobalGet:
        this.push(this.global(instr.a).type);
        return;
      case Op.GlobalSet: {
        const g = this.global(instr.a);
        if (!g.mutable) this.fail("global is immutable");
        this.pop(g.type);
        return;
      }
      case Op.TableGet: {
        const t = this.tableElem(instr.a);
        this.pop(I32);
        this.push(t);
        return;
      }
      case Op.TableSet: {
        const t = this.tableElem(instr.a);
        this.pop(t);
        this.pop(I32);
        return;
      }
      case Op.TableSize:
        this.tableElem(instr.a);
        this.push(I32);
        return;
      case Op.TableGrow: {
        const t = this.tableElem(instr.a);
        this.pop(I32);
        this.pop(t);
        this.push(I32);
        return;
      }
      case Op.TableFill: {
        const t = this.tableElem(instr.a);
        this.pop(I32);
        this.pop(t);
        this.pop(I32);
        return;
      }
      case Op.TableCopy: {
        const dst = this.tableElem(instr.a);
        const src = this.tableElem(instr.b);
        if (dst !== src) this.fail("type mismatch");
        this.pop(I32);
        this.pop(I32);
        this.pop(I32);
        return;
      }
      case Op.TableInit: {
        const table = this.tableElem(instr.b);
        const seg = this.elem(instr.a);
        if (table !== seg) this.fail("type mismatch");
        this.pop(I32);
        this.pop(I32);
        this.pop(I32);
        return;
      }
      case Op.MemoryInit: {
        const at = this.memory(instr.b);
        this.data(instr.a);
        this.pop(I32);
        this.pop(I32);
        this.pop(at);
        return;
      }
      case Op.MemoryCopy: {
        const dst = this.memory(instr.a);
        const src = this.memory(instr.b);
        this.pop(dst === I64 && src === I64 ? I64 : I32);
        this.pop(src);
        this.pop(dst);
        return;
      }
      case Op.MemoryFill: {
        const at = this.memory(instr.a);
        this.pop(at);
        this.pop(I32);
        this.pop(at);
        return;
      }
      case Op.RefNull:
        this.push(instr.a);
        return;
      case Op.RefIsNull: {
        const t = this.popAny();
        if (t !== UNKNOWN && !isRefType(t)) this.fail("type mismatch");
        this.push(I32);
        return;
      }
      case Op.RefFunc:
        this.func(instr.a);
        if (!this.declaredRefs.has(instr.a)) this.fail("undeclared function reference");
        this.push(ValType.FuncRef);
        return;
      default:
        this.fail(`unsupported instruction ${instr.info.name}`);
    }
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
      for (let k = 0; k < types.length; k++) this.vals.push(popped[k]!);
    }
    this.popAll(this.labelTypes(defaultFrame));
    this.setUnreachable();
  }

  /** Checks call_indirect's immediates and pops the table index; returns the callee type. */
  private callIndirect(): FuncType {
    const instr = this.instr;
    const elem = this.tableElem(instr.b);
    const t = this.type(instr.a);
    if (elem !== ValType.FuncRef) this.fail("type mismatch");
    this.pop(I32);
    return t;
  }

  private tailCall(callee: FuncType): void {
    if (!sameTypes(callee.results, this.results)) this.fail("type mismatch");
    this.popAll(callee.params);
    this.setUnreachable();
  }
}

function sameTypes(a: readonly ValType[], b: readonly ValType[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
