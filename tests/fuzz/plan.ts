// What to do with an instance, decided once from the module's exports and given to both engines: which
// exported functions to call, in export order, with which arguments, and which state to compare afterwards.

import { ValType, type ExportType, type FuncType } from "@wasmi-ts/host";
import { hasV128 } from "./host-imports.js";
import { Prng } from "./prng.js";
import { argumentOf } from "./values.js";

/** binaryen's export that resets the `hangLimit` global; called before every call, as binaryen's harness does. */
export const HANG_LIMIT_RESET = "hangLimitInitializer";

export interface PlannedCall {
  name: string;
  type: FuncType;
  args: unknown[];
}

export interface Plan {
  calls: PlannedCall[];
  /** Exported functions not called: a v128 parameter or result cannot cross V8's JS boundary. */
  skippedV128: number;
  /** Whether the module has binaryen's hang limit reset export. */
  resetsHangLimit: boolean;
  memories: string[];
  globals: { name: string; type: ValType }[];
}

export function makePlan(exports: readonly ExportType[], seed: number): Plan {
  const prng = new Prng(seed);
  const plan: Plan = { calls: [], skippedV128: 0, resetsHangLimit: false, memories: [], globals: [] };
  for (const { name, type: ext } of exports) {
    if (ext.kind === "memory") plan.memories.push(name);
    if (ext.kind === "global" && ext.type.type !== ValType.V128) plan.globals.push({ name, type: ext.type.type });
    if (ext.kind !== "func") continue;
    const type = ext.type;
    if (name === HANG_LIMIT_RESET && type.params.length === 0 && type.results.length === 0) plan.resetsHangLimit = true;
    if (hasV128(type)) {
      plan.skippedV128++;
      continue;
    }
    plan.calls.push({ name, type, args: type.params.map((t) => argumentOf(t, prng)) });
  }
  return plan;
}
