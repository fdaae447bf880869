// A function's exception handlers, built by the translator and read only when an exception unwinds (the
// interpreter's catch, interpret/exceptions.ts): a try region costs no instruction while nothing throws.
//
// A region is the code of a `try_table` body or of a legacy `try` body: [start, end) in pcs. Regions nest
// like the blocks they come from and are numbered in the order they open (so by start), each with its
// `parent`, the region whose body was innermost where it opened. The innermost region around a pc is the
// last region starting at or before it, or the first of that one's ancestors that contains it (a region
// containing the pc was still open when that last one opened, so it is among its ancestors): a binary
// search and a walk up the nesting. Each region has catch clauses, tried in order, and `next`: the region
// that handles what no clause caught (the parent, or for a legacy `delegate` the one around the
// delegate's label), or -1 to pass the exception on to the caller.

/** Words per region: start, end, next, first clause, clause count, parent. */
export const REGION_WORDS = 6;
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
    // the last region starting at or before pc
    let lo = 0;
    let hi = r.length / REGION_WORDS - 1;
    if (hi < 0 || r[0]! > pc) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (r[mid * REGION_WORDS]! <= pc) lo = mid;
      else hi = mid - 1;
    }
    let k = lo;
    while (k >= 0 && !(pc < r[k * REGION_WORDS + 1]!)) k = r[k * REGION_WORDS + 5]!;
    return k;
  }
}
