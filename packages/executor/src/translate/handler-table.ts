// A function's exception handlers, built by the translator and read only when an exception unwinds (the
// interpreter's catch, interpret/exceptions.ts): a try region costs no instruction while nothing throws.
//
// A region is the code of a `try_table` body or of a legacy `try` body: [start, end) in pcs. Regions nest
// like the blocks they come from, and are numbered in the order they open, so the innermost region
// around a pc is the last one that contains it. Each has catch clauses, tried in order, and `next`: the
// region that handles what no clause caught (the enclosing one, or for a legacy `delegate` the one around
// the delegate's label), or -1 to pass the exception on to the caller.

/** Words per region: start, end, next, first clause, clause count. */
export const REGION_WORDS = 5;
/** Words per clause: tag index (-1: any tag), target pc, first value register, exnref register (-1: none).
 * Registers are word offsets from the frame base. */
export const CLAUSE_WORDS = 4;
export const ANY_TAG = -1;
export const NO_REGISTER = -1;

export class HandlerTable {
  constructor(
    readonly regions: Int32Array,
    readonly clauses: Int32Array,
  ) {}

  /** The innermost region containing `pc`, or -1. */
  regionAt(pc: number): number {
    const r = this.regions;
    for (let k = r.length / REGION_WORDS - 1; k >= 0; k--) {
      const at = k * REGION_WORDS;
      if (r[at]! <= pc && pc < r[at + 1]!) return k;
    }
    return -1;
  }
}
