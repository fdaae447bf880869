import type { TableType } from "./types.js";

/**
 * A table of references. Elements are references as objects (see `refs.ts`): null, a `FuncEntity`
 * (funcref) or a host value (externref).
 */
export class TableEntity {
  elements: unknown[];

  constructor(
    readonly type: TableType,
    /** The largest size this table may reach: the declared maximum, capped by configuration. */
    readonly maxSize: number,
    init: unknown,
  ) {
    this.elements = new Array<unknown>(type.limits.min).fill(init);
  }

  get size(): number {
    return this.elements.length;
  }

  /** Grows by `delta` elements set to `init`; returns the old size, or -1 if it cannot grow that far. */
  grow(delta: number, init: unknown): number {
    const old = this.elements.length;
    if (delta < 0 || old + delta > this.maxSize) return -1;
    for (let i = 0; i < delta; i++) this.elements.push(init);
    return old;
  }
}
