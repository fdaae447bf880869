import type { Func } from "./func.js";
import type { ResumableCall } from "./resumable.js";
import type { Value } from "./values.js";

/**
 * A function seen with a fixed signature on the TypeScript side: `call` returns the single result itself,
 * an array for several results, undefined for none.
 */
export class TypedFunc<Params extends Value[], Result> {
  constructor(readonly func: Func) {}

  call(...args: Params): Result {
    return single<Result>(this.func.call(...args));
  }

  /** `Func.callAsync`, resolving with the single result itself (an array for several, undefined for none). */
  async callAsync(...args: Params): Promise<Result> {
    return single<Result>(await this.func.callAsync(...args));
  }

  /** `Func.callResumable` (its `finished` results are the full list). */
  callResumable(...args: Params): ResumableCall {
    return this.func.callResumable(...args);
  }
}

function single<Result>(results: Value[]): Result {
  switch (results.length) {
    case 0: return undefined as Result;
    case 1: return results[0] as Result;
    default: return results as Result;
  }
}
