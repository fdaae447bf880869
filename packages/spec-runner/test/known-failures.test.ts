import { describe, expect, it } from "vitest";
import { checkContract, failingIds, updatedKnownFailures } from "../src/known-failures.js";
import type { FileResult } from "../src/run-files.js";
import { totalLine, fileLine } from "../src/report.js";

const result = (file: string, checks: [line: number, ok: boolean][]): FileResult => ({
  file,
  checks: checks.map(([line, ok]) => ({ line, ok, command: "assert_return" })),
});

const results = [
  result("2.0/a.wast", [[1, true], [2, false], [3, true], [3, false]]),
  result("2.0/b.wast", [[1, true], [5, true]]),
];

describe("known failures", () => {
  it("identifies failing checks by file and line; a line fails if any of its checks fails", () => {
    expect([...failingIds(results)].sort()).toEqual(["2.0/a.wast:2", "2.0/a.wast:3"]);
  });

  it("holds when exactly the failing checks are listed", () => {
    expect(checkContract(results, new Set(["2.0/a.wast:2", "2.0/a.wast:3"]))).toEqual({ unexpected: [], fixed: [] });
  });

  it("reports unlisted failures", () => {
    expect(checkContract(results, new Set(["2.0/a.wast:2"])).unexpected).toEqual(["2.0/a.wast:3"]);
  });

  it("reports listed checks that pass now, and listed lines that no longer exist, of the files that ran", () => {
    const known = new Set(["2.0/a.wast:2", "2.0/a.wast:3", "2.0/b.wast:5", "2.0/b.wast:99", "2.0/other.wast:1"]);
    expect(checkContract(results, known)).toEqual({ unexpected: [], fixed: ["2.0/b.wast:5", "2.0/b.wast:99"] });
  });

  it("updates only the entries of the files that ran, sorted by file and line", () => {
    const known = new Set(["2.0/z.wast:10", "2.0/b.wast:5", "2.0/z.wast:9"]);
    expect(updatedKnownFailures(results, known)).toEqual(["2.0/a.wast:2", "2.0/a.wast:3", "2.0/z.wast:9", "2.0/z.wast:10"]);
  });

  it("prints per-file and total lines", () => {
    expect(fileLine(results[0]!)).toBe("2.0/a.wast: 2 passed, 2 failed");
    expect(totalLine(results)).toBe("4 passed, 2 failed");
  });
});
