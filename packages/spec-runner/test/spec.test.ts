// The spec suites against their committed known-failures lists: every failing check must be listed, and
// every listed check must still fail (the lists only shrink). 2.0 (SIMD included) must have none.
// With UPDATE_KNOWN_FAILURES=1 the lists are rewritten from this run instead.

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { totals, violationLines } from "../src/report.js";
import { runFile } from "../src/run-files.js";
import { runSpec } from "../src/spec-run.js";
import { testsuiteRoot, type SuiteName } from "../src/testsuite.js";

const update = process.env["UPDATE_KNOWN_FAILURES"] === "1";

async function checkSuite(suite: SuiteName, fuel = false) {
  const run = await runSpec({ suite, update: update && !fuel, fuel });
  const { passed, failed } = totals(run.results);
  const how = fuel ? " with fuel metering" : "";
  console.log(`spec suite ${suite}${how}: ${run.results.length} files, ${passed} passed, ${failed} failed (all listed as known)`);
  expect(violationLines(run.violations.get(suite)!, run.results, 50)).toEqual([]);
  return { files: run.results.length, passed, failed };
}

describe("spec suites", () => {
  it("2.0 passes every check", async () => {
    const { files, passed, failed } = await checkSuite("2.0");
    expect(files).toBeGreaterThan(100);
    expect(passed).toBeGreaterThan(50_000);
    expect(failed).toBe(0);
  });

  it("2.0 passes every check with fuel metering on (a second profile)", async () => {
    const { files, passed, failed } = await checkSuite("2.0", true);
    expect(files).toBeGreaterThan(100);
    expect(passed).toBeGreaterThan(50_000);
    expect(failed).toBe(0);
  });

  it("2.0 proposals fail exactly the checks in known-failures/2.0-proposals.txt", async () => {
    await checkSuite("2.0-proposals");
  });

  it("3.0 fails exactly the checks in known-failures/3.0.txt", async () => {
    await checkSuite("3.0");
  });

  it("3.0's exception handling gives the same results with fuel metering on (handlers, catch clauses' regions)", () => {
    const files = ["throw", "throw_ref", "try_table", "legacy/try_catch", "legacy/try_delegate", "legacy/rethrow", "legacy/throw"];
    for (const name of files) {
      const path = join(testsuiteRoot(), "3.0", `${name}.wast`);
      const outcomes = (fuel: boolean) => runFile(path, testsuiteRoot(), fuel).checks.map((c) => `${c.line}: ${c.ok}`);
      const plain = outcomes(false);
      expect(plain.length, name).toBeGreaterThan(10);
      expect(outcomes(true), name).toEqual(plain);
    }
  });
});
