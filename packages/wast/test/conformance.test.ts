import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkFile, type CheckFailure } from "./conformance/checks.js";
import { knownFailuresPath, readKnownFailures, writeKnownFailures } from "./conformance/known-failures.js";
import { suiteFiles, suiteRoot } from "./conformance/suite.js";

// Every .wast file of the spec suite: the script parses (always required), its well-formed modules
// encode, its malformed text modules are rejected, and Node's validator agrees where it can judge.
// Failures other than parsing are tolerated only when listed in known-failures.txt.

const files = suiteFiles();
const failures: CheckFailure[] = [];
const checkedFiles = new Set<string>();
let passed = 0;

/** How many failures to print per file. */
const SHOWN_PER_FILE = 5;

describe("spec suite conformance", () => {
  it("finds the suite", () => {
    expect(files.length, `no .wast files under ${suiteRoot}`).toBeGreaterThan(400);
  });

  it.each(files)("%s", (file) => {
    const result = checkFile(file, readFileSync(join(suiteRoot, file), "utf8"));
    checkedFiles.add(file);
    passed += result.passed;
    failures.push(...result.failures);
    const parseFailure = result.failures.find((f) => f.id.endsWith(" parse"));
    expect(parseFailure?.detail).toBeUndefined();
  });

  it("fails exactly the checks in known-failures.txt", () => {
    const byFile = new Map<string, CheckFailure[]>();
    for (const f of failures) {
      const file = f.id.slice(0, f.id.search(/[: ]/));
      byFile.set(file, [...(byFile.get(file) ?? []), f]);
    }
    for (const [file, list] of byFile) {
      const shown = list.slice(0, SHOWN_PER_FILE).map((f) => `  ${f.id}: ${f.detail}`);
      const more = list.length > SHOWN_PER_FILE ? [`  ... ${list.length - SHOWN_PER_FILE} more`] : [];
      console.log(`${file}: ${list.length} failed\n${[...shown, ...more].join("\n")}`);
    }
    console.log(`${passed} passed, ${failures.length} failed`);

    const failed = new Set(failures.map((f) => f.id));
    if (process.env.UPDATE_KNOWN_FAILURES === "1") {
      writeKnownFailures([...failed].filter((id) => !id.endsWith(" parse")));
      console.log(`wrote ${knownFailuresPath}`);
      return;
    }
    const known = readKnownFailures();
    const fileOf = (id: string): string => id.slice(0, id.search(/[: ]/));
    const unexpected = [...failed].filter((id) => !known.has(id));
    // Only files that ran here can prove a listed check now passes (vitest may run a subset).
    const fixed = [...known].filter((id) => checkedFiles.has(fileOf(id)) && !failed.has(id));
    const problems = [
      ...unexpected.map((id) => `unexpected failure: ${id}`),
      ...fixed.map((id) => `now passes, remove this line from known-failures.txt: ${id}`),
    ];
    if (problems.length > 0) {
      const shown = problems.slice(0, 50).join("\n");
      const more = problems.length > 50 ? "\n..." : "";
      expect.fail(`${problems.length} mismatches with known-failures.txt:\n${shown}${more}`);
    }
  });
});
