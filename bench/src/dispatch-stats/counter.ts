// The counting end of the instrumented interpreter (instrument.ts): every dispatched opcode, and every
// ordered pair of an opcode and the one dispatched right before it, across branches, calls and returns
// too. The pairs whose second instruction starts where the first ends in the same code ("adjacent": the
// first fell through) are also counted apart: only those can become one fused instruction.
import { DISPATCH_HOOK } from "./instrument.js";

export interface DispatchCounter {
  /** ops[op]: dispatches of `op`. */
  readonly ops: Float64Array;
  /** pairs[prev * opCount + op]: dispatches of `op` right after `prev`. */
  readonly pairs: Float64Array;
  /** The same, for the pairs where `op` is the instruction after `prev` in the code. */
  readonly adjacentPairs: Float64Array;
  /** Zeroes the counts; the next dispatch starts a new sequence (it ends no pair). */
  reset(): void;
}

/**
 * Installs the global dispatch function (once per process). `layouts[op]`: the operand layout of opcode
 * `op` (OP_INFO's `operands`), which gives the instruction's length: one word per letter, plus the targets
 * of a list `L` (a count word c, then c + 1 targets).
 */
export function installCounter(layouts: readonly string[]): DispatchCounter {
  const opCount = layouts.length;
  const fixedLength = Int32Array.from(layouts, (layout) => 1 + layout.length);
  const listAt = Int32Array.from(layouts, (layout) => layout.indexOf("L"));
  const ops = new Float64Array(opCount);
  const pairs = new Float64Array(opCount * opCount);
  const adjacentPairs = new Float64Array(opCount * opCount);
  let prevOp = -1;
  let prevCode: readonly number[] | null = null;
  let prevEnd = 0;
  (globalThis as Record<string, unknown>)[DISPATCH_HOOK] = (code: readonly number[], pc: number): number => {
    const op = code[pc];
    ops[op]++;
    if (prevOp >= 0) {
      const pair = prevOp * opCount + op;
      pairs[pair]++;
      if (code === prevCode && pc === prevEnd) adjacentPairs[pair]++;
    }
    prevOp = op;
    prevCode = code;
    prevEnd = pc + fixedLength[op] + (listAt[op] < 0 ? 0 : code[pc + 1 + listAt[op]] + 1);
    return op;
  };
  return {
    ops,
    pairs,
    adjacentPairs,
    reset() {
      ops.fill(0);
      pairs.fill(0);
      adjacentPairs.fill(0);
      prevOp = -1;
      prevCode = null;
    },
  };
}
