// The host side of a module, the same on both engines: every imported function (binaryen's
// `fuzzing-support` "log-i32" and co., or whatever a mutant renamed them to) records its name and arguments
// in a log and returns zeros. Other imports (memories, tables, globals) are not provided: both engines fail
// to link.

import { ValType, type FuncType } from "@wasmi-ts/host";
import { describeValue } from "./values.js";

/** Thrown by wasmi-ts's host function where V8 cannot call the JS import at all: a v128 in its type. */
export class V128BoundaryError extends TypeError {
  override name = "V128BoundaryError";
}

/** V8's error for a v128 parameter or result of a JS import or of an exported function called from JS. */
export function isV8V128BoundaryError(error: unknown): boolean {
  return error instanceof TypeError && error.message.includes("type incompatibility when transforming from/to JS");
}

export function hasV128(type: FuncType): boolean {
  return type.params.includes(ValType.V128) || type.results.includes(ValType.V128);
}

/** The JS function behind the import `name` of `type`: logs its call, returns zeros (JS conventions). */
export function hostFunction(name: string, type: FuncType, log: string[]): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    if (hasV128(type)) throw new V128BoundaryError(`import ${name} has a v128 in its type`);
    log.push(`${name}(${type.params.map((t, i) => describeValue(t, args[i])).join(", ")})`);
    const results = type.results.map(zeroOf);
    return results.length === 0 ? undefined : results.length === 1 ? results[0] : results;
  };
}

function zeroOf(type: ValType): unknown {
  switch (type) {
    case ValType.I32:
    case ValType.F32:
    case ValType.F64:
      return 0;
    case ValType.I64:
      return 0n;
    default:
      return null;
  }
}
