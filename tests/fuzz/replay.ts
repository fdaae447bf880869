// Checks one saved .wasm file in this thread (no worker, no watchdog), for reproducing and debugging a
// failure: `pnpm fuzz --replay tests/fuzz/failures/mutant-1-8-6.wasm`.

import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { caseId, parseCaseId, planSeed } from "./cases.js";
import { formatCounters, type Counters } from "./counters.js";
import { enableV8Features } from "./features.js";
import { checkGenerated } from "./generated-check.js";
import { checkMutant } from "./mutant-check.js";

/** Prints the verdict; returns the exit code (1 on a disagreement). */
export function replay(path: string): number {
  enableV8Features();
  // A saved failure's name is its case id ("mutant-1-8-6.wasm"), which gives the call arguments' seed.
  const ref = parseCaseId(basename(path, ".wasm").replace(/-/g, ":"));
  const isModule = basename(path).startsWith("module-");
  const counters: Counters = {};
  const check = isModule ? checkGenerated : checkMutant;
  const disagreement = check(new Uint8Array(readFileSync(path)), ref === null ? 0 : planSeed(ref), () => {}, counters);
  console.log(`${path}${ref === null ? "" : ` (${caseId(ref)})`}, checked as a ${isModule ? "generated module" : "mutant"}:`);
  console.log(formatCounters(counters));
  console.log(disagreement === null ? "agree" : `DISAGREE: ${disagreement}`);
  return disagreement === null ? 0 : 1;
}
