import { PAGE_SIZE, Trap, TrapCode } from "@wasmi-ts/store";

/**
 * Limits on what a store may hold, decided with the host data in hand (Wasmi's `ResourceLimiter`). Every
 * method is optional; a missing one allows everything. Sizes are in pages (memories: of `pageSize` bytes,
 * 65536 but for memories declared with 1-byte pages) and elements (tables).
 * `memoryGrowing` and `tableGrowing` are asked before each growth and before each creation (`current` 0,
 * `desired` the initial size): returning false makes `memory.grow` / `table.grow` return -1 and creation
 * throw `ResourceLimitError`; throwing a `Trap` traps instead.
 */
export interface ResourceLimiter<T> {
  memoryGrowing?(data: T, current: number, desired: number, maximum: number | null, pageSize: number): boolean;
  tableGrowing?(data: T, current: number, desired: number, maximum: number | null): boolean;
  /** The most instances the store may hold. */
  instances?(data: T): number;
  /** The most memories the store may hold (its instances' and those made with `new Memory`). */
  memories?(data: T): number;
  /** The most tables the store may hold. */
  tables?(data: T): number;
}

/** The settings of `StoreLimits`; each is unlimited when absent. */
export interface StoreLimitsOptions {
  /** The largest size of each memory, in bytes. */
  memorySize?: number;
  /** The largest size of each table, in elements. */
  tableElements?: number;
  instances?: number;
  memories?: number;
  tables?: number;
  /** Make a refused `memory.grow` / `table.grow` trap (`TrapCode.GrowthOperationLimited`) instead of
   * returning -1. */
  trapOnGrowFailure?: boolean;
}

/** Fixed limits, as Wasmi's `StoreLimits`: `store.limiter(new StoreLimits({ memorySize: 16 << 20 }))`. */
export class StoreLimits implements ResourceLimiter<unknown> {
  readonly memorySize: number;
  readonly tableElements: number;
  readonly maxInstances: number;
  readonly maxMemories: number;
  readonly maxTables: number;
  readonly trapOnGrowFailure: boolean;

  constructor(options: StoreLimitsOptions = {}) {
    const limit = (name: keyof StoreLimitsOptions): number => {
      const v = options[name];
      if (v === undefined) return Infinity;
      const valid = typeof v === "number" && v >= 0 && (Number.isInteger(v) || v === Infinity);
      if (!valid) {
        throw new RangeError(`StoreLimits.${name} must be a non-negative integer, got ${String(v)}`);
      }
      return v;
    };
    this.memorySize = limit("memorySize");
    this.tableElements = limit("tableElements");
    this.maxInstances = limit("instances");
    this.maxMemories = limit("memories");
    this.maxTables = limit("tables");
    this.trapOnGrowFailure = options.trapOnGrowFailure === true;
  }

  memoryGrowing(_data: unknown, current: number, desired: number, _maximum: number | null, pageSize = PAGE_SIZE): boolean {
    return this.allow(desired * pageSize <= this.memorySize, current);
  }

  tableGrowing(_data: unknown, current: number, desired: number): boolean {
    return this.allow(desired <= this.tableElements, current);
  }

  instances(): number {
    return this.maxInstances;
  }

  memories(): number {
    return this.maxMemories;
  }

  tables(): number {
    return this.maxTables;
  }

  /** `ok`, or, for a refused growth (not a creation, `current` 0) with `trapOnGrowFailure`, a trap. */
  private allow(ok: boolean, current: number): boolean {
    if (!ok && this.trapOnGrowFailure && current > 0) throw new Trap(TrapCode.GrowthOperationLimited);
    return ok;
  }
}
