import type { TableType } from "./types.js";

/**
 * A table of references. Elements are reference numbers (see `refs.ts`): 0 is null, a funcref is its
 * function's store address + 1, an externref is its extern's store address + 1.
 */
export class TableEntity {
  elements: number[];

  constructor(
    readonly type: TableType,
    /** The largest size this table may reach: the declared maximum, capped by configuration. */
    readonly maxSize: number,
    init: number,
  ) {
    this.elements = new Array<number>(type.limits.min).fill(init);
  }

  get size(): number {
    return this.elements.length;
  }

  /** Grows by `delta` elements set to `init`; returns the old size, or -1 if it cannot grow that far. */
  grow(delta: number, init: number): number {
    const old = this.elements.length;
    if (delta < 0 || old + delta > this.maxSize) return -1;
    for (let i = 0; i < delta; i++) this.elements.push(init);
    return old;
  }
}
