// The committed list of cases known to fail (known-failures.txt: a case id, then a one-line reason). It may
// only shrink: a run fails on a failing case that is not listed, and on a listed case that ran to the end and
// passed (remove it), as the spec runner's lists (packages/spec-runner/known-failures).

import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const KNOWN_FAILURES_PATH = fileURLToPath(new URL("./known-failures.txt", import.meta.url));

/** Listed case ids with their reasons. */
export function readKnownFailures(path = KNOWN_FAILURES_PATH): Map<string, string> {
  const known = new Map<string, string>();
  if (!existsSync(path)) return known;
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const text = line.trim();
    if (text === "" || text.startsWith("#")) continue;
    const [id, ...reason] = text.split(/\s+/);
    known.set(id!, reason.join(" "));
  }
  return known;
}

export interface ContractViolations {
  /** Failing cases not in the list. */
  unexpected: string[];
  /** Listed cases that ran to the end in this run and passed. */
  fixed: string[];
}

export function checkKnownFailures(failed: ReadonlySet<string>, completed: ReadonlySet<string>, known: ReadonlyMap<string, string>): ContractViolations {
  return {
    unexpected: [...failed].filter((id) => !known.has(id)),
    fixed: [...known.keys()].filter((id) => completed.has(id) && !failed.has(id)),
  };
}
