// @wasmi-ts/spec-runner: runs the WebAssembly spec suite (.wast scripts) on wasmi-ts.
export { runSpec, hasViolations, type SpecRun, type SpecRunOptions } from "./spec-run.js";
export { runFile, runFiles, passedCount, failedCount, type FileResult } from "./run-files.js";
export { ScriptRunner, type CheckResult } from "./script-runner.js";
export { specMain } from "./spec-cli.js";
export {
  checkContract,
  checkId,
  failingIds,
  knownFailuresPath,
  readKnownFailures,
  updatedKnownFailures,
  type ContractViolations,
} from "./known-failures.js";
export { fileLine, totalLine, totals, failureLines, reasonHistogram } from "./report.js";
export { SUITES, type SuiteName, suiteFiles, suiteOf, testsuiteRoot } from "./testsuite.js";
export { matches, isNanBits32, isNanBits64, type RefInspector } from "./expected.js";
export type { Command, Const, Expected, Action, ModuleSource } from "./script-model.js";
export { SpecHostRef, SpecHostRefs, type Value } from "./values.js";
