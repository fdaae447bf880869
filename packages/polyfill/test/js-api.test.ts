// The official WebAssembly JavaScript API tests (the suite at ../shared/wasm-js-api next to the repository:
// testharness.js tests, `js-api/**/*.any.js`) on Node's own WebAssembly and on the polyfill.
//
// How it works (js-api/):
// - suite.ts lists the test files and reads their `// META:` lines (`global=` must include `jsshell`;
//   `script=` helpers, `/wasm/jsapi/X` being `js-api/X`). Slow files (limits.any.js) run on request only.
// - run-file.ts runs each file, per mode, in a fresh child process (child.ts, under tsx with the
//   `@wasmi-ts/source` condition), at most 2 at a time, and collects one status per test from fd 3.
//   Modes: `native` (Node's WebAssembly) and `polyfill` (`install({ force: true })` before the tests).
// - child.ts loads testharness.js as a shell global (no DOM, so no `load` event to wait for), the META
//   scripts and the test file, and reports every result (promise_tests included) through
//   add_result_callback / add_completion_callback. Unfinished tests time out after 60 s; a stuck child
//   is killed; a crashed child fails every test of its file with the crash reason.
// - compare.ts pairs the modes per test. Each file also has a pseudo-test "(harness)" that fails when its
//   harness status is not OK (uncaught exception, duplicate names, timeout, crash).
// - known-failures.ts checks the polyfill's failures against js-api-known-failures.txt (may only shrink).
// - report.ts prints a table per file (tests, native passed, polyfill passed), totals, and how many of
//   the polyfill's failures V8 has too.
//
// Environment:
//   UPDATE_KNOWN_FAILURES=1  rewrite the list from this run instead of checking it (keeps the reasons)
//   JS_API_FILTER=memory/    run only the files whose path contains this (the list is checked for them)
//   JS_API_TIMEOUT_MS=60000  per file and mode; unfinished tests then count as timeouts
//   JS_API_SLOW=1            also run the slow files (limits.any.js; give it JS_API_TIMEOUT_MS=600000)
// The entries of the files that did not run (filtered out, or slow) stay in the list, unchecked.

import { describe, expect, it } from "vitest";
import { compareRuns } from "./js-api/compare.js";
import {
  checkKnownFailures,
  knownFailuresPath,
  readKnownFailures,
  updateKnownFailures,
  writeKnownFailures,
} from "./js-api/known-failures.js";
import { mapConcurrent } from "./js-api/pool.js";
import { MODES, type Mode } from "./js-api/protocol.js";
import { formatTable, totals, violationLines } from "./js-api/report.js";
import { runFile, type FileRun } from "./js-api/run-file.js";
import { listSuiteFiles, suiteExists, suiteRoot, type SuiteFile } from "./js-api/suite.js";

const update = process.env["UPDATE_KNOWN_FAILURES"] === "1";
const filter = process.env["JS_API_FILTER"] ?? "";
const timeoutMs = Number(process.env["JS_API_TIMEOUT_MS"] ?? 60_000);
const includeSlow = process.env["JS_API_SLOW"] === "1";
const CONCURRENCY = 2;

describe("WebAssembly JS API tests", () => {
  it("the polyfill fails exactly the tests in js-api-known-failures.txt", async () => {
    expect(suiteExists(), `the suite is missing: ${suiteRoot}`).toBe(true);
    const suite = listSuiteFiles({ includeSlow });
    const files = suite.filter((f) => f.skip === null && f.id.includes(filter));
    expect(files.length, `no test file matches JS_API_FILTER=${filter}`).toBeGreaterThan(0);

    const jobs = files.flatMap((file) => MODES.map((mode) => ({ file, mode })));
    const runs = await mapConcurrent(jobs, CONCURRENCY, ({ file, mode }) => runFile(file, mode, timeoutMs));
    const runOf = (file: SuiteFile, mode: Mode) => runs.find((r) => r.file === file && r.mode === mode) as FileRun;
    const outcomes = files.map((file) => compareRuns(runOf(file, "native"), runOf(file, "polyfill")));
    console.log(formatTable(outcomes, suite.filter((f) => f.skip !== null)));

    // Node's WebAssembly must at least get through every file, or the runner itself is broken.
    const brokenNative = runs.filter((r) => r.mode === "native" && (r.status === "CRASH" || r.status === "KILLED"));
    expect(brokenNative.map((r) => `${r.file.id}: ${r.status}: ${r.message}`)).toEqual([]);

    const known = readKnownFailures();
    if (update) {
      const entries = updateKnownFailures(outcomes, known, suite);
      writeKnownFailures(entries);
      console.log(`wrote ${entries.length} known failures to ${knownFailuresPath}`);
      return;
    }
    const { tests, polyfill } = totals(outcomes);
    console.log(`polyfill: ${polyfill} of ${tests} passed, ${tests - polyfill} failed`);
    expect(violationLines(checkKnownFailures(outcomes, known, suite))).toEqual([]);
  });
});
