// Passes over a function's finished code: register relocation and peephole clean-ups. They work in place
// on the translator's plain array (the CompiledFunc's code is a copy of it): no conversion to and from a
// typed array, which cost a fifth of the translation's time. Every word written is `| 0`: the array must
// stay one of small integers (see FuncTranslator.emit).

import { OP_OPERANDS, Op } from "./ops.js";
import { CONST_BASE, EXN_BASE, TEMP_BASE } from "./registers.js";

/** Calls `visit` with the position of every operand of `kind` in `code`: "r" registers, "t" branch
 * targets (br_table's lists included). */
function forEachOperand(code: number[], kind: "r" | "t", visit: (pos: number) => void): void {
  let pc = 0;
  while (pc < code.length) {
    const layout = OP_OPERANDS[code[pc]!]!;
    pc++;
    for (let i = 0; i < layout.length; i++) {
      if (layout[i] === "L") {
        const n = code[pc++]!;
        for (let k = 0; k <= n; k++, pc++) if (kind === "t") visit(pc);
      } else {
        if (layout[i] === kind) visit(pc);
        pc++;
      }
    }
  }
}

/**
 * Removes the constants no instruction reads (those that became immediates), renumbering the constant
 * registers of the encoded `code`: fewer words to copy into each new frame. `widths[k]`: slots of the
 * constant at slot k. Returns the remaining constants' words.
 */
export function dropUnusedConsts(code: number[], consts: readonly number[], widths: readonly number[]): Int32Array {
  const slots = consts.length >> 1;
  const used = new Uint8Array(slots);
  forEachOperand(code, "r", (pos) => {
    const reg = code[pos]!;
    if (reg >= CONST_BASE && reg < TEMP_BASE) used[reg - CONST_BASE] = 1;
  });
  const newSlot = new Int32Array(slots);
  const kept: number[] = [];
  for (let k = 0; k < slots; k += widths[k]!) {
    newSlot[k] = kept.length >> 1;
    if (used[k] === 1) for (let w = 2 * k; w < 2 * (k + widths[k]!); w++) kept.push(consts[w]!);
  }
  if (kept.length === consts.length) return Int32Array.from(consts);
  forEachOperand(code, "r", (pos) => {
    const reg = code[pos]!;
    if (reg >= CONST_BASE && reg < TEMP_BASE) code[pos] = (CONST_BASE + newSlot[reg - CONST_BASE]!) | 0;
  });
  return Int32Array.from(kept);
}

/** The frame slot of an encoded register (see registers.ts), once the frame's areas are known: parameters
 * and locals, constants, the slots of caught exceptions, temporaries. (The temporaries come last: a
 * callee's frame starts at its first argument, a temporary, and covers those above it.) */
export function slotOfRegister(reg: number, localsEnd: number, constSlots: number, exnSlots: number): number {
  return reg < CONST_BASE ? reg : reg < TEMP_BASE ? localsEnd + (reg - CONST_BASE)
    : reg < EXN_BASE ? localsEnd + constSlots + exnSlots + (reg - TEMP_BASE)
    : localsEnd + constSlots + (reg - EXN_BASE);
}

/** Turns encoded registers into word offsets from the frame base. */
export function relocate(code: number[], localsEnd: number, constSlots: number, exnSlots: number): void {
  forEachOperand(code, "r", (pos) => {
    code[pos] = (slotOfRegister(code[pos]!, localsEnd, constSlots, exnSlots) * 2) | 0;
  });
}

/** Final target of a jump to `target`, following unconditional jumps. */
function finalTarget(code: number[], target: number): number {
  for (let hops = 0; code[target] === Op.Br && hops < 8; hops++) target = code[target + 1]!;
  return target;
}

/** Jump threading: branches to a `br` go to its target directly, and a `br` to a return becomes
 * the return (both are two words, or `Return` padded with a second, never reached `Return`); so does a
 * `copy; br` of the returned value. */
export function threadJumps(code: number[]): void {
  forEachOperand(code, "t", (pos) => {
    code[pos] = finalTarget(code, code[pos]!) | 0;
  });
  for (let pc = 0; pc < code.length; pc += 1 + operandWords(code, pc)) {
    const op = code[pc]!;
    if (op === Op.Br) {
      const target = code[pc + 1]!;
      if (code[target] === Op.ReturnReg) {
        code[pc] = Op.ReturnReg | 0;
        code[pc + 1] = code[target + 1]! | 0;
      } else if (code[target] === Op.Return) {
        code[pc] = Op.Return | 0;
        code[pc + 1] = Op.Return | 0;
      }
    } else if (op === Op.CopyBr) {
      // `copy d, s; br` to `return d` is `return s` (padded to four words with never reached `Return`s)
      const target = code[pc + 3]!;
      if (code[target] === Op.ReturnReg && code[target + 1] === code[pc + 1]) {
        code[pc] = Op.ReturnReg | 0;
        code[pc + 1] = code[pc + 2]! | 0;
        code[pc + 2] = Op.Return | 0;
        code[pc + 3] = Op.Return | 0;
      }
    }
  }
}

/** `copy d, s; return d` is `return s` (padded to the copy's three words with a never reached `Return`). */
export function foldCopyReturns(code: number[]): void {
  let pc = 0;
  while (pc < code.length) {
    const op = code[pc]!;
    const next = pc + 1 + operandWords(code, pc);
    if (op === Op.Copy && code[next] === Op.ReturnReg && code[next + 1] === code[pc + 1]) {
      code[pc] = Op.ReturnReg | 0;
      code[pc + 1] = code[pc + 2]! | 0;
      code[pc + 2] = Op.Return | 0;
    }
    pc = next;
  }
}

/** Number of operand words of the instruction at `pc`. */
function operandWords(code: number[], pc: number): number {
  const layout = OP_OPERANDS[code[pc]!]!;
  return layout.endsWith("L") ? layout.length + 1 + code[pc + layout.length]! : layout.length;
}

/** Instruction pairs run as one dispatch (see mergePairs): first, second -> merged. */
const MERGED_PAIRS = new Map<Op, ReadonlyMap<Op, Op>>([
  [Op.I32Add, new Map([[Op.I32Add, Op.I32AddAdd]])],
]);

/**
 * Two instructions in a row, the second not a branch target (nor an exception handler's), become one that runs both: the first's
 * opcode word takes the merged opcode and the second's opcode word stays as padding, so nothing moves.
 * (Sums kept in locals, e.g. SHA-2's `a = t1 + t2; e = d + t1`, which operand fusion cannot take.)
 */
export function mergePairs(code: number[], handlerTargets: readonly number[] = []): void {
  const targets = new Uint8Array(code.length + 1);
  for (const t of handlerTargets) targets[t] = 1;
  forEachOperand(code, "t", (pos) => {
    targets[code[pos]!] = 1;
  });
  let pc = 0;
  while (pc < code.length) {
    const next = pc + 1 + operandWords(code, pc);
    const merged = next < code.length && targets[next] === 0 ? MERGED_PAIRS.get(code[pc]!)?.get(code[next]!) : undefined;
    if (merged !== undefined) {
      code[pc] = merged | 0;
      pc = next + 1 + operandWords(code, next);
    } else {
      pc = next;
    }
  }
}

