// The official WASI preview 1 tests (see testsuite.ts), through @wasmi-ts/wasi on node:fs, on the in-memory
// file system (seeded with a copy of the test's root), and on that behind the asynchronous interface
// (`startAsync`), against a committed list of known failures that may only shrink: an unlisted failure
// fails, and so does a listed test that passes. The same tests run through node:wasi, and the totals are
// printed side by side.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { LANGUAGES, passes, runOnNodeWasi, runOnWasmiTs, runOnWasmiTsAsync, testCases } from "./testsuite.js";

const KNOWN_FAILURES_FILE = fileURLToPath(new URL("wasi-testsuite-known-failures.txt", import.meta.url));

/** `language/name` -> reason, from the known-failures file (`language/name  # reason` per line). */
function knownFailures(): Map<string, string> {
  const known = new Map<string, string>();
  for (const line of readFileSync(KNOWN_FAILURES_FILE, "utf8").split("\n")) {
    const text = line.trim();
    if (text === "" || text.startsWith("#")) continue;
    const [id, reason] = text.split(/\s+#\s+/, 2);
    if (reason === undefined) throw new Error(`${KNOWN_FAILURES_FILE}: every entry needs a reason after " # ": ${text}`);
    known.set(id!, reason);
  }
  return known;
}

const totals: string[] = [];
afterAll(() => console.log(`wasi-testsuite (preview 1):\n${totals.join("\n")}`));

describe("wasi-testsuite", () => {
  const known = knownFailures();
  for (const language of LANGUAGES) {
    it(language, async () => {
      const cases = testCases(language);
      expect(cases.length).toBeGreaterThan(0);
      const failed: string[] = [];
      let memoryPassed = 0;
      let asyncPassed = 0;
      let nodePassed = 0;
      for (const t of cases) {
        const id = `${language}/${t.name}`;
        if (!passes(t, runOnWasmiTs(t, "node"))) failed.push(id);
        if (passes(t, runOnWasmiTs(t, "memory"))) memoryPassed++;
        else failed.push(`${id} (memory)`);
        if (passes(t, await runOnWasmiTsAsync(t))) asyncPassed++;
        else failed.push(`${id} (async)`);
        if (passes(t, runOnNodeWasi(t))) nodePassed++;
      }
      const listed = [...known.keys()].filter((id) => id.startsWith(`${language}/`));
      const n = cases.length;
      totals.push(`  ${language.padEnd(15)} @wasmi-ts/wasi: node:fs ${n - failed.filter((f) => !f.endsWith(")")).length}/${n}, ` +
        `in memory ${memoryPassed}/${n}, async in memory ${asyncPassed}/${n}   node:wasi ${nodePassed}/${n}`);
      expect(failed.filter((id) => !known.has(id)), "failures not in the known-failures list").toEqual([]);
      expect(listed.filter((id) => !failed.includes(id)), "listed as known failures but passing (remove them)").toEqual([]);
    });
  }
});

