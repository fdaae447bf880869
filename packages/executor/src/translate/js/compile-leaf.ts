// The JavaScript tier: a leaf function (one that calls nothing) on i32 values only is also compiled to
// a JavaScript function, which the engine's own JIT (or, without one, its bytecode interpreter) runs
// directly, without our dispatch loop in between. The interpreter calls it in place of the function's
// bytecode (interpret/loop.ts): arguments and results stay in the caller's frame, so no frame is pushed
// and no JavaScript recursion can come of it (leaf functions call nothing).
//
// Wasm's structured control maps onto JavaScript's labelled statements: a block is `Ln: { }`, a loop
// `Ln: for (;;) { }` (a branch to it `continue Ln`), an if `Ln: if (c) { } else { }`. The operand stack
// becomes local variables by depth (s0, s1, ...), the Wasm locals l0, l1, ... Each instruction's code is
// the interpreter's (OP_TEMPLATES, generated from the same descriptions), on these variables.
//
// The source holds nothing but numbers from the module (no names, no strings), so a hostile module can
// put nothing else into it. Functions with other types, calls, float, SIMD, table, bulk-memory or
// memory.grow instructions, or `if` blocks with parameters, are not compiled (null): the interpreter
// runs them. Loops count down the polling budget, so deadlines and interrupts stop them as they stop the
// interpreter. Not used with fuel.

import { ValType, type InstanceEntity, type PrunedStore } from "@wasmi-ts/store";
import { EMPTY_BLOCK_TYPE, InstrReader } from "../../decode/instr-reader.js";
import { BinaryReader } from "../../decode/reader.js";
import { OP_TEMPLATES } from "../../interpret/op.generated.js";
import type { ExecState } from "../../interpret/state.js";
import type { CompiledModule } from "../../module/compiled.js";
import { moduleInfo } from "../module-info.js";
import { OP_OF_WASM } from "../ops.js";
import { JS_TIER_HELPERS, newFunctionAllowed } from "./helpers.js";

/** A leaf function compiled to JavaScript: reads its arguments from `i32` at word `base` (two words per
 * slot), and writes its results there. */
export type JsLeaf = (i32: Int32Array, base: number, inst: InstanceEntity, store: PrunedStore, state: ExecState) => void;

/** Functions longer than this (in bytes of Wasm code) are left to the interpreter. */
const MAX_BODY_BYTES = 16 * 1024;
/** ... and so are those whose JavaScript is longer than this: V8 optimizes no function of more than 60 KiB
 * of bytecode (--max-optimized-bytecode-size), about 100,000 characters of this code; unoptimized, a
 * large leaf runs slower than the interpreter. */
const MAX_SOURCE_CHARS = 60_000;

interface Frame {
  readonly kind: "block" | "loop" | "if" | "body";
  readonly label: string;
  /** Stack height below the block's parameters. */
  readonly height: number;
  readonly params: number;
  readonly results: number;
  unreachable: boolean;
}

/** Why a function is not compiled (internal: the caller only sees null). */
class NotCompiled extends Error {}

/** Compiles defined function `definedIndex` of `module`, or gives null when the tier does not apply. */
export function compileLeaf(module: CompiledModule, definedIndex: number): JsLeaf | null {
  if (module.config.consumeFuel || !newFunctionAllowed()) return null;
  const ir = module.ir;
  const body = ir.codes[definedIndex]!;
  if (body.end - body.start > MAX_BODY_BYTES) return null;
  const info = moduleInfo(module);
  const funcIndex = ir.numImportedFuncs + definedIndex;
  const type = info.funcTypes[funcIndex]!;
  const allI32 = (types: readonly ValType[]): boolean => types.every((t) => t === ValType.I32);
  if (!allI32(type.params) || !allI32(type.results) || !allI32(body.locals)) return null;
  try {
    const source = new LeafCompiler(module, definedIndex, type.params.length, type.results.length).compile();
    if (source.length > MAX_SOURCE_CHARS) return null;
    const factory = new Function("h", source) as (h: typeof JS_TIER_HELPERS) => JsLeaf;
    return factory(JS_TIER_HELPERS);
  } catch (error) {
    if (error instanceof NotCompiled) return null;
    throw error;
  }
}

class LeafCompiler {
  private readonly r: BinaryReader;
  private readonly ins: InstrReader;
  private readonly info: ReturnType<typeof moduleInfo>;
  private readonly out: string[] = [];
  private readonly frames: Frame[] = [];
  private readonly globals = new Set<number>();
  private h = 0;
  /** Per stack depth: null when the value is in variable s{depth}, else the local or constant it is. */
  private readonly sym: (string | null)[] = [];
  private maxHeight = 0;
  private labels = 0;
  private usesMemory = false;
  private skipDepth = 0;

  constructor(
    private readonly module: CompiledModule,
    definedIndex: number,
    private readonly numParams: number,
    private readonly numResults: number,
  ) {
    const body = module.ir.codes[definedIndex]!;
    this.funcIndex = module.ir.numImportedFuncs + definedIndex;
    this.r = new BinaryReader(module.ir.bytes, body.start, body.end);
    this.ins = new InstrReader(module.config.features);
    this.info = moduleInfo(module);
    this.numLocals = numParams + body.locals.length;
  }

  private readonly numLocals: number;
  private readonly funcIndex: number;

  compile(): string {
    this.frames.push({ kind: "body", label: "body", height: 0, params: 0, results: this.numResults, unreachable: false });
    const r = this.r;
    while (this.frames.length > 0) {
      const at = r.pos;
      this.ins.read(r);
      this.instruction(this.ins.op, at);
    }
    return this.source();
  }

  private source(): string {
    const lines = ["\"use strict\";", "const { trap, TrapCode, poll, leafTrapped, littleEndian, i32DivS, i32DivU, i32RemS, i32RemU, i32Ctz, i32Popcnt, POLL_INTERVAL } = h;"];
    lines.push("return function leaf(i32, base, inst, store, state) {");
    const vars: string[] = [];
    for (let k = 0; k < this.numLocals; k++) vars.push(k < this.numParams ? `l${k} = i32[base + ${2 * k}]` : `l${k} = 0`);
    for (let k = 0; k < this.maxHeight; k++) vars.push(`s${k} = 0`);
    vars.push("at = 0", "budget = POLL_INTERVAL");
    lines.push(`let ${vars.join(", ")};`);
    if (this.usesMemory) {
      lines.push("const mem = inst.memories[0];", "const u8 = mem.u8, view = mem.view, m32 = mem.i32, memLen = u8.length;");
    }
    for (const g of this.globals) lines.push(`const g${g} = inst.globals[${g}].i32;`);
    lines.push("try {", ...this.out, "} catch (e) {", `leafTrapped(state, e, at, ${this.funcIndex}, inst);`, "throw e;", "}", "};");
    return lines.join("\n");
  }

  private emit(line: string): void {
    this.out.push(line);
  }

  /** A new value in variable s{h}. Values below that are expressions reading s{h} (an operand of theirs,
   * popped since) are computed first: the variable is about to change. */
  private push(): string {
    const v = `s${this.h}`;
    this.protect(this.h);
    this.sym[this.h] = null;
    this.grow();
    return v;
  }

  /** A new value that is a local or a constant, used in place until something needs it in a variable. */
  private pushSymbol(text: string): void {
    this.sym[this.h] = text;
    this.grow();
  }

  private grow(): number {
    const k = this.h++;
    if (this.h > this.maxHeight) this.maxHeight = this.h;
    return k;
  }

  /** The code of the value at depth k: its variable, or the local or constant it is. */
  private operand(k: number): string {
    return this.sym[k] ?? `s${k}`;
  }

  private pop(): string {
    return this.operand(--this.h);
  }

  /** Puts the value at depth k into its variable. */
  private materialize(k: number): void {
    const text = this.sym[k];
    if (text === null || text === undefined) return;
    this.protect(k);
    this.emit(`s${k} = ${text};`);
    this.sym[k] = null;
  }

  /** Variable s{k} is about to change: the expressions below that read it (it held one of their
   * operands) are computed first. */
  private protect(k: number): void {
    const reads = new RegExp(`\\bs${k}\\b`);
    for (let j = 0; j < k; j++) if (this.sym[j] !== null && reads.test(this.sym[j]!)) this.materialize(j);
  }

  /** Every value into its variable: control flow meets here, and must find the values in one place. */
  private materializeAll(): void {
    for (let k = 0; k < this.h; k++) this.materialize(k);
  }

  private top(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  /** Block type -> [params, results], all i32 (else the function is not compiled). */
  private blockType(): [number, number] {
    const bt = this.ins.a;
    if (bt === EMPTY_BLOCK_TYPE) return [0, 0];
    if (bt < 0) {
      if (bt + 128 !== ValType.I32) throw new NotCompiled();
      return [0, 1];
    }
    const t = this.module.ir.types[bt]!;
    if (![...t.params, ...t.results].every((v) => v === ValType.I32)) throw new NotCompiled();
    return [t.params.length, t.results.length];
  }

  private openBlock(kind: Frame["kind"], params: number, results: number): Frame {
    const frame: Frame = { kind, label: `L${this.labels++}`, height: this.h - params, params, results, unreachable: false };
    this.frames.push(frame);
    return frame;
  }

  /** Moves the top `n` values to the frame's base and jumps to it (a `br`). */
  private branchTo(depth: number): void {
    const frame = this.frames[this.frames.length - 1 - depth]!;
    if (frame.kind === "body") {
      this.emitReturn();
      return;
    }
    const n = frame.kind === "loop" ? frame.params : frame.results;
    for (let k = 0; k < n; k++) {
      const from = this.h - n + k;
      if (from !== frame.height + k) this.emit(`s${frame.height + k} = s${from};`);
    }
    this.emit(frame.kind === "loop" ? `continue ${frame.label};` : `break ${frame.label};`);
  }

  private emitReturn(): void {
    for (let k = 0; k < this.numResults; k++) this.emit(`i32[base + ${2 * k}] = ${this.operand(this.h - this.numResults + k)};`);
    this.emit("return;");
  }

  private setUnreachable(): void {
    const frame = this.top();
    frame.unreachable = true;
  }

  private instruction(op: number, at: number): void {
    const ins = this.ins;
    const frame = this.top();
    if (frame.unreachable) {
      // skip to the frame's `else` or `end`, through the blocks nested in the dead code
      if (op === 0x02 || op === 0x03 || op === 0x04) { this.skipDepth++; return; }
      if (op === 0x0b && this.skipDepth > 0) { this.skipDepth--; return; }
      if (op === 0x05 && this.skipDepth > 0) return;
      if (op !== 0x0b && op !== 0x05) return;
    }
    switch (op) {
      case 0x00: // unreachable
        this.emit(`at = ${at}; trap(TrapCode.Unreachable);`);
        this.setUnreachable();
        return;
      case 0x01: return;
      case 0x02: { // block
        const [params, results] = this.blockType();
        this.materializeAll();
        const f = this.openBlock("block", params, results);
        this.emit(`${f.label}: {`);
        return;
      }
      case 0x03: { // loop
        const [params, results] = this.blockType();
        this.materializeAll();
        const f = this.openBlock("loop", params, results);
        this.emit(`${f.label}: for (;;) {`);
        this.emit("if (--budget < 0) budget = poll(store, state);");
        return;
      }
      case 0x04: { // if
        const [params, results] = this.blockType();
        if (params !== 0) throw new NotCompiled(); // the else arm would need the parameters kept apart
        const c = this.pop();
        this.materializeAll();
        const f = this.openBlock("if", 0, results);
        this.emit(`${f.label}: if (${c} !== 0) {`);
        return;
      }
      case 0x05: { // else
        const f = this.top();
        if (!f.unreachable) this.materializeAll();
        f.unreachable = false;
        this.h = f.height;
        this.emit("} else {");
        return;
      }
      case 0x0b: { // end
        const f = this.frames.pop()!;
        if (f.kind === "body") {
          if (!f.unreachable) this.emitReturn();
          return;
        }
        if (!f.unreachable) this.materializeAll();
        this.h = f.height + f.results;
        for (let k = f.height; k < this.h; k++) this.sym[k] = null; // the results are in their variables
        if (f.kind === "loop") this.emit(`break ${f.label};`);
        this.emit("}");
        return;
      }
      case 0x0c: // br
        this.materializeAll();
        this.branchTo(ins.a);
        this.setUnreachable();
        return;
      case 0x0d: { // br_if
        const c = this.pop();
        this.materializeAll();
        this.emit(`if (${c} !== 0) {`);
        this.branchTo(ins.a);
        this.emit("}");
        return;
      }
      case 0x0e: { // br_table
        const i = this.pop();
        this.materializeAll();
        this.emit(`switch (${i}) {`);
        for (let k = 0; k < ins.targetCount; k++) {
          this.emit(`case ${k}: {`);
          this.branchTo(ins.targets[k]!);
          this.emit("}");
        }
        this.emit("default: {");
        this.branchTo(ins.a);
        this.emit("}");
        this.emit("}");
        this.setUnreachable();
        return;
      }
      case 0x0f: // return
        this.emitReturn();
        this.setUnreachable();
        return;
      case 0x1a: this.h--; return; // drop
      case 0x1b: case 0x1c: { // select (all values are i32 here)
        if (op === 0x1c && this.ins.types[0] !== ValType.I32) throw new NotCompiled();
        const c = this.pop();
        const b = this.pop();
        const a = this.pop();
        this.emit(`${this.push()} = ${c} !== 0 ? ${a} : ${b};`);
        return;
      }
      case 0x20: this.pushSymbol(`l${ins.a}`); return;
      case 0x21: case 0x22: { // local.set, local.tee: values that are this local get their own copy first
        const local = `l${ins.a}`;
        const reads = new RegExp(`\\b${local}\\b`);
        for (let k = 0; k < this.h; k++) if (this.sym[k] !== null && reads.test(this.sym[k]!)) this.materialize(k);
        this.emit(`${local} = ${op === 0x21 ? this.pop() : this.operand(this.h - 1)};`);
        if (op === 0x22) this.sym[this.h - 1] = local; // the value is the local's now
        return;
      }
      case 0x23: case 0x24: { // global.get, global.set
        const g = ins.a;
        if (this.info.globalTypes[g] !== ValType.I32) throw new NotCompiled();
        this.globals.add(g);
        if (op === 0x23) this.emit(`${this.push()} = g${g}[0];`);
        else this.emit(`g${g}[0] = ${this.pop()};`);
        return;
      }
      case 0x3f: // memory.size
        this.memory(ins.a);
        this.emit(`${this.push()} = mem.pages;`);
        return;
      case 0x41: this.pushSymbol(ins.a < 0 ? `(${ins.a | 0})` : String(ins.a | 0)); return;
      default:
        this.simple(op, at);
    }
  }

  /** Memory `m` must be memory 0, with 32-bit addresses. */
  private memory(m: number): void {
    if (m !== 0 || this.info.memories[0]?.is64 === true) throw new NotCompiled();
    this.usesMemory = true;
  }

  /** An instruction with a template: numeric, load or store on i32. */
  private simple(wasmOp: number, at: number): void {
    const entry = OP_OF_WASM.get(wasmOp);
    if (entry === undefined) throw new NotCompiled();
    const template = OP_TEMPLATES[entry.op];
    if (template === null || template === undefined) throw new NotCompiled();
    const info = entry.info;
    let operands: string[];
    if (info.load !== undefined) {
      if (info.load !== ValType.I32) throw new NotCompiled();
      this.memory(this.ins.memory);
      const addr = this.pop();
      operands = [this.push(), addr, String(this.ins.offset)];
    } else if (info.store) {
      if (wasmOp !== 0x36 && wasmOp !== 0x3a && wasmOp !== 0x3b) throw new NotCompiled(); // i32 stores only
      this.memory(this.ins.memory);
      const v = this.pop();
      const addr = this.pop();
      operands = [addr, v, String(this.ins.offset)];
    } else {
      if (!isI32Numeric(wasmOp) || info.pops === undefined) throw new NotCompiled();
      const args: string[] = [];
      for (let k = info.pops; k > 0; k--) args.push(this.operand(this.h - k));
      this.h -= info.pops;
      const pure = PURE_VALUE.exec(template);
      if (pure !== null && !MAY_TRAP.test(template)) {
        // an expression that cannot trap waits, as an operand, for the instruction using it
        this.pushSymbol(`(${substitute(pure[1]!, ["", ...args])})`);
        return;
      }
      operands = [this.push(), ...args];
    }
    // the Wasm offset, for the backtrace, before what may trap (a bounds check, a division)
    if (MAY_TRAP.test(template)) this.emit(`at = ${at};`);
    this.emit(`{ ${substitute(template, operands)} }`);
  }
}

/** A template that is one expression of its operands: `$1 = expr;`. */
const PURE_VALUE = /^\$1 = ([^;]*);$/;
/** A template that may trap: a bounds check, a division. */
const MAY_TRAP = /\btrap\(|i32(?:Div|Rem)[SU]\(/;

/** The template's code on the given operands ($1 is operands[0]). A template's local holding an operand
 * that is a variable or a number (`const a = $2;`) becomes that operand: less code for the engine. */
function substitute(template: string, operands: readonly string[]): string {
  let code = template;
  for (const [line, name, k] of template.matchAll(/const ([a-z]\w*) = \$(\d+);\n?/g)) {
    const operand = operands[Number(k) - 1]!;
    if (!/^(?:[a-z]\w*|\d+|\(-\d+\))$/.test(operand)) continue;
    code = code.replace(line, "").replace(new RegExp(`\\b${name}\\b`, "g"), `$${k}`);
  }
  return code.replace(/\$(\d+)/g, (_, k: string) => operands[Number(k) - 1]!);
}

/** The numeric instructions on i32 operands giving i32: eqz and comparisons, arithmetic, sign extensions. */
function isI32Numeric(wasm: number): boolean {
  return (wasm >= 0x45 && wasm <= 0x4f) || (wasm >= 0x67 && wasm <= 0x78) || wasm === 0xc0 || wasm === 0xc1;
}
