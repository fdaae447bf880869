// The outcome of every test of a file in both modes. A file's tests are those either mode reported (a
// test that only one mode defines did not run in the other, and fails there), plus one pseudo-test,
// HARNESS_TEST, which passes if the harness completed with status OK: an uncaught exception, duplicate
// test names or a crash are failures even if no test reports them.

import type { Mode } from "./protocol.js";
import type { FileRun } from "./run-file.js";
import type { SuiteFile } from "./suite.js";

export const HARNESS_TEST = "(harness)";

export interface Outcome {
  pass: boolean;
  /** A test status, or CRASH, or MISSING (the test did not run in this mode), or a harness status. */
  status: string;
  message: string | null;
}

export interface TestOutcome {
  name: string;
  native: Outcome;
  polyfill: Outcome;
}

export interface FileOutcome {
  file: SuiteFile;
  tests: TestOutcome[];
}

export function compareRuns(native: FileRun, polyfill: FileRun): FileOutcome {
  const names = [...new Set([...native.tests, ...polyfill.tests].map((t) => t.name)), HARNESS_TEST];
  const tests = names.map((name) => ({ name, native: outcomeOf(native, name), polyfill: outcomeOf(polyfill, name) }));
  return { file: native.file, tests };
}

function outcomeOf(run: FileRun, name: string): Outcome {
  if (name === HARNESS_TEST) return { pass: run.status === "OK", status: run.status, message: run.message };
  // A crash is a failure of the whole file, even of the tests that passed before it.
  if (run.status === "CRASH") return { pass: false, status: "CRASH", message: run.message };
  // Names should be unique (the harness reports duplicates); if not, one failure fails them all.
  const results = run.tests.filter((t) => t.name === name);
  const result = results.find((t) => t.status !== "PASS") ?? results[0];
  if (result) return { pass: result.status === "PASS", status: result.status, message: result.message };
  if (run.status === "KILLED") return { pass: false, status: "TIMEOUT", message: run.message };
  return { pass: false, status: "MISSING", message: `not defined in ${run.mode} mode` };
}

export function passed(outcome: FileOutcome, mode: Mode): number {
  return outcome.tests.filter((t) => t[mode].pass).length;
}
