import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// known-failures.txt: the checks allowed to fail, one id per line (`#` comments allowed). It may only
// shrink: a listed check that passes must be removed. `UPDATE_KNOWN_FAILURES=1` rewrites it.

export const knownFailuresPath = resolve(dirname(fileURLToPath(import.meta.url)), "../../known-failures.txt");

export function readKnownFailures(): Set<string> {
  if (!existsSync(knownFailuresPath)) return new Set();
  const lines = readFileSync(knownFailuresPath, "utf8").split("\n");
  return new Set(lines.map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#")));
}

export function writeKnownFailures(ids: Iterable<string>): void {
  const header =
    "# Conformance checks of test/conformance.test.ts that are known to fail (one check id per line).\n" +
    "# This list may only shrink. Regenerate: pnpm --filter @wasmi-ts/wast known-failures:update\n";
  writeFileSync(knownFailuresPath, header + [...ids].sort().map((id) => id + "\n").join(""));
}
