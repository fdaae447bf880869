// The WebAssembly 2.0 spec suite (SIMD included), against the committed known-failures list:
// every failing check must be listed, and every listed check must still fail (the list only shrinks).
// With UPDATE_KNOWN_FAILURES=1 the list is rewritten from this run instead.

import { describe, expect, it } from "vitest";
import { totals, violationLines } from "../src/report.js";
import { runSpec } from "../src/spec-run.js";

describe("spec suite 2.0", () => {
  it("fails exactly the checks in known-failures/2.0.txt", async () => {
    const run = await runSpec({ suite: "2.0", update: process.env["UPDATE_KNOWN_FAILURES"] === "1" });
    const { passed, failed } = totals(run.results);
    console.log(`spec suite 2.0: ${run.results.length} files, ${passed} checks pass, ${failed} known failures`);

    expect(run.results.length).toBeGreaterThan(100);
    expect(passed + failed).toBeGreaterThan(50_000);
    const violations = run.violations.get("2.0")!;
    expect(violationLines(violations, run.results, 50)).toEqual([]);
  });
});
