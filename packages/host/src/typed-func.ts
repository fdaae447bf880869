import type { Func } from "./func.js";
import type { Value } from "./values.js";

/**
 * A function seen with a fixed signature on the TypeScript side: `call` returns the single result itself,
 * an array for several results, undefined for none.
 */
export class TypedFunc<Params extends Value[], Result> {
  constructor(readonly func: Func) {}

  call(...args: Params): Result {
    const results = this.func.call(...args);
    switch (results.length) {
      case 0: return undefined as Result;
      case 1: return results[0] as Result;
      default: return results as Result;
    }
  }
}
