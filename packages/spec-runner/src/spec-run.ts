// One spec run: pick the files, run them, check each suite's known-failures contract (or rewrite the lists).

import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import {
  checkContract,
  type ContractViolations,
  readKnownFailures,
  updatedKnownFailures,
  writeKnownFailures,
} from "./known-failures.js";
import { type FileResult, runFiles } from "./run-files.js";
import { type SuiteName, suiteFiles, suiteOf, suiteRelative, testsuiteRoot } from "./testsuite.js";

export interface SpecRunOptions {
  /** The suite to run (all its files), or the suite of `files`; default "2.0". */
  suite?: SuiteName;
  /** Particular files: absolute, relative to the working folder, to the testsuite root or to the suite's folder. */
  files?: string[];
  /** Rewrite the known-failures lists from this run instead of checking them. */
  update?: boolean;
  /** Run with fuel metering on (`Config.consumeFuel`) and all the fuel a store can hold. */
  fuel?: boolean;
  onFile?: (result: FileResult) => void;
}

export interface SpecRun {
  results: FileResult[];
  /** Per suite that ran: its known-failures contract violations (empty after an update). */
  violations: Map<SuiteName, ContractViolations>;
}

export async function runSpec(options: SpecRunOptions = {}): Promise<SpecRun> {
  const root = testsuiteRoot();
  const suite = options.suite ?? "2.0";
  const paths = options.files && options.files.length > 0
    ? options.files.map((f) => resolveFile(f, suite, root))
    : suiteFiles(suite, root);
  const results = await runFiles(paths, options.onFile, root, options.fuel === true);

  const violations = new Map<SuiteName, ContractViolations>();
  const bySuite = new Map<SuiteName, FileResult[]>();
  for (const r of results) {
    const s = suiteOf(r.file) ?? suite;
    bySuite.set(s, [...(bySuite.get(s) ?? []), r]);
  }
  for (const [s, suiteResults] of bySuite) {
    const known = readKnownFailures(s);
    if (options.update) {
      writeKnownFailures(s, updatedKnownFailures(suiteResults, known));
      violations.set(s, { unexpected: [], fixed: [] });
    } else {
      violations.set(s, checkContract(suiteResults, known));
    }
  }
  return { results, violations };
}

export function hasViolations(run: SpecRun): boolean {
  return [...run.violations.values()].some((v) => v.unexpected.length > 0 || v.fixed.length > 0);
}

function resolveFile(file: string, suite: SuiteName, root: string): string {
  const suiteDir = suite === "2.0" ? "2.0" : suite === "2.0-proposals" ? "2.0/proposals" : "3.0";
  const candidates = isAbsolute(file) ? [file] : [resolve(file), resolve(root, file), resolve(root, suiteDir, file)];
  const found = candidates.find((c) => existsSync(c) && suiteRelative(c, root) !== "");
  if (!found) throw new Error(`spec file not found: ${file} (looked in ${candidates.join(", ")})`);
  return found;
}
