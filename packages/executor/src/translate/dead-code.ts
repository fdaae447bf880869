// Unreachable code (after `br`, `return`, `unreachable`, ... up to its block's `else` or `end`) is valid
// but never runs: the translator and the JavaScript tier skip it, through the blocks nested in it.

export class DeadCode {
  /** Nesting depth of the blocks opened inside the dead code. */
  private depth = 0;

  /** Whether instruction `op`, read in unreachable code, is skipped: all but the `else` or `end` that
   * ends the dead code. */
  skips(op: number): boolean {
    if (op === 0x02 || op === 0x03 || op === 0x04) { // block, loop, if
      this.depth++;
      return true;
    }
    if (op === 0x0b || op === 0x05) { // end, else
      if (this.depth === 0) return false;
      if (op === 0x0b) this.depth--;
      return true;
    }
    return true;
  }
}
