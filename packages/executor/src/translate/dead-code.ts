// Unreachable code (after `br`, `return`, `unreachable`, ... up to its block's `else` or `end`) is valid
// but never runs: the translator and the JavaScript tier skip it, through the blocks nested in it.

export class DeadCode {
  /** Nesting depth of the blocks opened inside the dead code. */
  private depth = 0;

  /** Whether instruction `op`, read in unreachable code, is skipped: all but the `else`, `end` (or
   * legacy `catch`, `catch_all`, `delegate`) that ends the dead code. */
  skips(op: number): boolean {
    if (op === 0x02 || op === 0x03 || op === 0x04 || op === 0x06 || op === 0x1f) { // block, loop, if, try, try_table
      this.depth++;
      return true;
    }
    // end, else, and the legacy catch, catch_all and delegate (which ends its try like an end)
    if (op === 0x0b || op === 0x05 || op === 0x07 || op === 0x19 || op === 0x18) {
      if (this.depth === 0) return false;
      if (op === 0x0b || op === 0x18) this.depth--;
      return true;
    }
    return true;
  }
}
