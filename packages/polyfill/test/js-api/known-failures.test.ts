// The known-failure list's format and rules, on made-up outcomes (the real suite runs in ../js-api.test.ts).

import { describe, expect, it } from "vitest";
import { HARNESS_TEST, type FileOutcome, type Outcome } from "./compare.js";
import {
  checkKnownFailures,
  formatKnownFailures,
  parseKnownFailures,
  updateKnownFailures,
  type KnownFailure,
} from "./known-failures.js";
import type { SuiteFile } from "./suite.js";

const PASS: Outcome = { pass: true, status: "PASS", message: null };
const FAIL: Outcome = { pass: false, status: "FAIL", message: "assert_true: expected true got false" };

function suiteFile(id: string): SuiteFile {
  return { id, path: `/suite/js-api/${id}`, scripts: [], skip: null, tentative: false };
}

function outcome(id: string, tests: [string, Outcome, Outcome][]): FileOutcome {
  return { file: suiteFile(id), tests: tests.map(([name, native, polyfill]) => ({ name, native, polyfill })) };
}

const awkwardNames = ["a # b", "x :: y", "trailing space ", "  # not a reason", "#", "(harness)", "é ∞ \"q\" \\"];

describe("js-api-known-failures.txt", () => {
  it("round-trips names containing separators, # and spaces", () => {
    const entries: KnownFailure[] = awkwardNames.map((name, i) => ({ file: "dir/f.any.js", name, reason: `reason ${i}` }));
    expect(parseKnownFailures(formatKnownFailures(entries))).toEqual(entries);
  });

  it("rejects lines without a reason, duplicates, and names with line breaks", () => {
    expect(() => parseKnownFailures("f.any.js :: name\n")).toThrow(/expected/);
    expect(() => parseKnownFailures("f.any.js :: n  # r\nf.any.js :: n  # s\n")).toThrow(/twice/);
    expect(() => formatKnownFailures([{ file: "f.any.js", name: "a\nb", reason: "r" }])).toThrow(/line break/);
  });

  it("fails on unlisted failures, listed passes, and listed tests that do not exist", () => {
    const outcomes = [outcome("f.any.js", [["fails", PASS, FAIL], ["passes", PASS, PASS], [HARNESS_TEST, PASS, PASS]])];
    const known = parseKnownFailures(
      "# comment\nf.any.js :: passes  # r\nf.any.js :: gone  # r\ng.any.js :: x  # r\nskipped.any.js :: y  # r\n",
    );
    const suite = [suiteFile("f.any.js"), { ...suiteFile("skipped.any.js"), skip: "slow" }];
    const violations = checkKnownFailures(outcomes, known, suite);
    expect(violations.unexpected).toEqual(["f.any.js :: fails  (FAIL: assert_true: expected true got false)"]);
    expect(violations.fixed).toEqual(["f.any.js :: passes"]);
    expect(violations.unknown).toEqual([
      "f.any.js :: gone  (no such test in the file)",
      "g.any.js :: x  (no such file in the suite)",
    ]);
  });

  it("updates: keeps reasons, marks V8's failures, keeps the entries of files that did not run", () => {
    const outcomes = [
      outcome("f.any.js", [["new", PASS, FAIL], ["new in V8 too", FAIL, FAIL], ["old", PASS, FAIL], ["old in V8 too", FAIL, FAIL], ["fixed", PASS, PASS]]),
    ];
    const known = parseKnownFailures(
      "f.any.js :: old  # a bug; V8 fails too\nf.any.js :: old in V8 too  # a bug\nf.any.js :: fixed  # r\nskipped.any.js :: y  # slow\n",
    );
    const suite = [suiteFile("f.any.js"), { ...suiteFile("skipped.any.js"), skip: "slow" }];
    expect(updateKnownFailures(outcomes, known, suite)).toEqual([
      { file: "f.any.js", name: "new", reason: "TODO reason" },
      { file: "f.any.js", name: "new in V8 too", reason: "V8 fails too" },
      { file: "f.any.js", name: "old", reason: "a bug" },
      { file: "f.any.js", name: "old in V8 too", reason: "a bug; V8 fails too" },
      { file: "skipped.any.js", name: "y", reason: "slow" },
    ]);
  });
});
