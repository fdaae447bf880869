// Runs one module compiled by both engines with the same plan and imports, and compares what they did.

import type { Engine, Module } from "@wasmi-ts/host";
import { denanModule } from "./binaryen.js";
import { compareTraces } from "./compare.js";
import { compileOnV8, compileOnWasmi } from "./compile.js";
import { count, type Counters } from "./counters.js";
import type { V8Module } from "./node-webassembly.js";
import { makePlan } from "./plan.js";
import { runOnV8 } from "./v8-side.js";
import { runOnWasmi } from "./wasmi-side.js";

/**
 * Told when each engine starts running, so that a watchdog outside the thread can stop a run that does not
 * end (a mutant can lose binaryen's hang limit) and tell which engine it was.
 */
export type Progress = (phase: "v8-run" | "wasmi-run", v8Ms?: number) => void;

export interface Compiled {
  bytes: Uint8Array;
  v8: V8Module;
  engine: Engine;
  wasmi: Module;
}

/**
 * Returns the disagreement (a wasmi-ts bug), or null; counts calls, traps and limit differences. A
 * disagreement that only NaN payloads explain (see explainedByNaNs) is counted, not returned.
 */
export function runOnBoth(compiled: Compiled, planSeed: number, progress: Progress, counters: Counters): string | null {
  const disagreement = compareRuns(compiled, planSeed, progress, counters);
  if (disagreement === null || !explainedByNaNs(compiled, planSeed, progress)) return disagreement;
  count(counters, "disagreements gone with binaryen's --denan (NaN payloads, which the spec leaves open)");
  return null;
}

function compareRuns(compiled: Compiled, planSeed: number, progress: Progress, counters: Counters): string | null {
  const plan = makePlan(compiled.wasmi.exports(), planSeed);
  count(counters, "calls skipped: v128 in the export's type", plan.skippedV128);
  progress("v8-run");
  const start = performance.now();
  const v8 = runOnV8(compiled.v8, compiled.wasmi.imports(), plan);
  progress("wasmi-run", performance.now() - start);
  const wasmi = runOnWasmi(compiled.engine, compiled.wasmi, plan);
  const comparison = compareTraces(v8, wasmi);
  count(counters, "calls compared", comparison.callsCompared);
  count(counters, "calls agreed", comparison.callsAgreed);
  count(counters, "calls agreed on a trap", comparison.trapsAgreed);
  if (comparison.limit !== null) count(counters, "runs compared up to a stack limit difference");
  return comparison.disagreement;
}

/**
 * The spec lets an arithmetic operation on NaNs return any quiet NaN, and the engines differ there: V8
 * keeps the payload through f64.nearest where wasmi-ts returns the canonical NaN; of two NaN operands of
 * f64.add, V8 returns the first and wasmi-ts mostly the second, though not in every run of the same module
 * in one process (so such a difference may not repeat). The bits can then reach memory and integers. A
 * difference that goes away when binaryen's --denan replaces every scalar NaN result by 0 (and changes
 * nothing else) is such a one. (It could also hide a bug that depends on the binary's exact encoding,
 * which binaryen rewrites; and --denan leaves SIMD alone.)
 */
function explainedByNaNs(compiled: Compiled, planSeed: number, progress: Progress): boolean {
  const bytes = denanModule(compiled.bytes);
  if (bytes === null) return false;
  const v8 = compileOnV8(bytes);
  const wasmi = compileOnWasmi(compiled.engine, bytes);
  if (!v8.ok || !wasmi.ok) return false;
  return compareRuns({ ...compiled, bytes, v8: v8.module, wasmi: wasmi.module }, planSeed, progress, {}) === null;
}
