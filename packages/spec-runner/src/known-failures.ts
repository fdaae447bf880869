// The committed lists of checks known to fail (`known-failures/<suite>.txt`, lines `2.0/f32.wast:1234`).
// A list may only shrink: a run fails on a failing check that is not listed, and on a listed check that
// now passes (it must be removed). `UPDATE_KNOWN_FAILURES=1` rewrites the lists.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { FileResult } from "./run-files.js";
import { packageRoot, type SuiteName } from "./testsuite.js";

/** A check's id: its file (relative to the testsuite root) and the line of its command. */
export function checkId(file: string, line: number): string {
  return `${file}:${line}`;
}

export function knownFailuresPath(suite: SuiteName): string {
  return join(packageRoot(), "known-failures", `${suite}.txt`);
}

export function readKnownFailures(suite: SuiteName): Set<string> {
  const path = knownFailuresPath(suite);
  if (!existsSync(path)) return new Set();
  const lines = readFileSync(path, "utf8").split("\n").map((l) => l.trim());
  return new Set(lines.filter((l) => l !== "" && !l.startsWith("#")));
}

/** Ids failing in these results (a line with several checks fails if any of them fails). */
export function failingIds(results: FileResult[]): Set<string> {
  const ids = new Set<string>();
  for (const file of results) {
    for (const check of file.checks) if (!check.ok) ids.add(checkId(file.file, check.line));
  }
  return ids;
}

export interface ContractViolations {
  /** Failing checks not in the list. */
  unexpected: string[];
  /** Listed checks of the files that ran which no longer fail. */
  fixed: string[];
}

export function checkContract(results: FileResult[], known: Set<string>): ContractViolations {
  const failing = failingIds(results);
  const ran = new Set(results.map((r) => r.file));
  return {
    unexpected: [...failing].filter((id) => !known.has(id)),
    fixed: [...known].filter((id) => ran.has(fileOfId(id)) && !failing.has(id)),
  };
}

/** The list after this run: entries of the files that ran are replaced by their current failures. */
export function updatedKnownFailures(results: FileResult[], known: Set<string>): string[] {
  const ran = new Set(results.map((r) => r.file));
  const kept = [...known].filter((id) => !ran.has(fileOfId(id)));
  return sortIds([...kept, ...failingIds(results)]);
}

export function writeKnownFailures(suite: SuiteName, ids: string[]): void {
  const path = knownFailuresPath(suite);
  mkdirSync(dirname(path), { recursive: true });
  const header =
    `# Spec checks of suite ${suite} known to fail (file:line). This list may only shrink.\n` +
    `# Regenerate with: UPDATE_KNOWN_FAILURES=1 pnpm --filter @wasmi-ts/spec-runner spec --suite ${suite}\n`;
  writeFileSync(path, header + ids.map((id) => `${id}\n`).join(""));
}

function fileOfId(id: string): string {
  return id.slice(0, id.lastIndexOf(":"));
}

function sortIds(ids: string[]): string[] {
  return [...new Set(ids)].sort((a, b) => {
    const fa = fileOfId(a);
    const fb = fileOfId(b);
    if (fa !== fb) return fa < fb ? -1 : 1;
    return Number(a.slice(fa.length + 1)) - Number(b.slice(fb.length + 1));
  });
}
