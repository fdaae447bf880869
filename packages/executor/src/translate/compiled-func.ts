import type { HandlerTable } from "./handler-table.js";
import type { JsLeaf } from "./js/compile-leaf.js";

/**
 * A translated function: its register bytecode and frame shape.
 * Frame (in 8-byte slots, from the frame base): parameters | locals | constants | caught exceptions (legacy
 * `catch` clauses that `rethrow`) | temporaries.
 * The caller's first argument register becomes the callee's frame base, so arguments are never copied.
 */
export class CompiledFunc {
  /** The function compiled to JavaScript, when it is a leaf the JavaScript tier takes (translate/js/):
   * the interpreter calls it instead of running `code`. */
  js: JsLeaf | null = null;
  /** `js` calls out (imports, call_indirect, functions the tier refuses: interpret/call-out.ts). */
  jsCallsOut = false;
  /** How many more times the interpreter must find this function running when it polls (every few
   * thousand branches and calls: poll.ts) before the JavaScript tier compiles it (0: never; see
   * `tierPlan`). The polls sample where the time goes, at no cost to the instructions. */
  hotSamples = 0;
  /** Its exception handlers (try_table, legacy try), if it has any (handler-table.ts). */
  handlers: HandlerTable | null = null;

  constructor(
    /** Register bytecode (see ops.ts): a plain array of small integers, which the engine reads with fewer
     * loads and checks than a typed array. */
    readonly code: readonly number[],
    /** Slots taken by the parameters. */
    readonly paramSlots: number,
    /** Slots taken by the declared locals (zeroed on entry). */
    readonly localSlots: number,
    /** The constant area's words (2 per slot), copied into the frame after the locals on entry. */
    readonly consts: Int32Array,
    /** Slots taken by the whole frame. */
    readonly frameSlots: number,
    /** Slots taken by the results. */
    readonly resultSlots: number,
    /** The function's index in its module's function space (for diagnostics). */
    readonly funcIndex: number,
    /** For backtraces: (pc, byte offset in the module of the Wasm instruction it came from) pairs, one per
     * instruction, in pc order. Read only when a trap unwinds (see `wasmOffsetAt`). */
    readonly offsets: Int32Array,
  ) {}

  /** The Wasm byte offset of the instruction starting at or containing `pc`. */
  wasmOffsetAt(pc: number): number {
    const offsets = this.offsets;
    // the last pair whose pc is <= `pc`
    let lo = 0;
    let hi = (offsets.length >> 1) - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[2 * mid]! <= pc) lo = mid;
      else hi = mid - 1;
    }
    return offsets[2 * lo + 1]!;
  }
}
