// The committed list of the polyfill's known failures, test/js-api-known-failures.txt: one line per test,
//
//   memory/grow.any.js :: Zero initial growing too much  # reason
//
// the file (relative to js-api/), " :: ", the exact test name, two spaces, "# " and a reason (required,
// single spaces only). A name may contain anything but a line break (" :: ", "#", "  # " included): the
// path ends at the first " :: " and the reason starts at the last "  # ". Lines starting with "#" are
// comments. "V8 fails too" in a reason says Node's own WebAssembly fails the test too.
//
// The list may only shrink: a polyfill failure that is not listed, a listed test that passes, and a
// listed test that does not exist all fail the run. `UPDATE_KNOWN_FAILURES=1` rewrites the list from a
// run, keeping the reasons of the tests still listed.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FileOutcome } from "./compare.js";
import type { SuiteFile } from "./suite.js";

export const knownFailuresPath = join(dirname(fileURLToPath(import.meta.url)), "..", "js-api-known-failures.txt");

const PATH_SEPARATOR = " :: ";
const REASON_SEPARATOR = "  # ";
export const NEW_REASON = "TODO reason";
export const V8_FAILS_TOO = "V8 fails too";

const HEADER = `# The tests of the WebAssembly JS API suite (../shared/wasm-js-api) that @wasmi-ts/polyfill fails, checked
# by test/js-api.test.ts. This list may only shrink: an unlisted failure, or a listed test that passes or
# does not exist, fails that test. Format: <file in js-api/> :: <exact test name>  # <reason>
# "${V8_FAILS_TOO}": Node's own WebAssembly fails it as well. Regenerate (keeps the reasons) with
# pnpm --filter @wasmi-ts/polyfill known-failures:update (UPDATE_KNOWN_FAILURES=1 vitest run test/js-api.test.ts)
`;

export interface KnownFailure {
  file: string;
  name: string;
  reason: string;
}

export function failureKey(file: string, name: string): string {
  return `${file}${PATH_SEPARATOR}${name}`;
}

export function parseKnownFailures(text: string): KnownFailure[] {
  const entries: KnownFailure[] = [];
  const seen = new Set<string>();
  text.split("\n").forEach((raw, index) => {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "" || line.trimStart().startsWith("#")) return;
    const pathEnd = line.indexOf(PATH_SEPARATOR);
    const reasonStart = line.lastIndexOf(REASON_SEPARATOR);
    if (pathEnd <= 0 || reasonStart < pathEnd + PATH_SEPARATOR.length) {
      throw new Error(`${knownFailuresPath}:${index + 1}: expected "file :: test name  # reason", got: ${line}`);
    }
    const file = line.slice(0, pathEnd);
    const name = line.slice(pathEnd + PATH_SEPARATOR.length, reasonStart);
    const key = failureKey(file, name);
    if (seen.has(key)) throw new Error(`${knownFailuresPath}:${index + 1}: listed twice: ${key}`);
    seen.add(key);
    entries.push({ file, name, reason: line.slice(reasonStart + REASON_SEPARATOR.length).trim() });
  });
  return entries;
}

export function formatKnownFailures(entries: readonly KnownFailure[]): string {
  const broken = entries.find((e) => /[\r\n]/.test(e.name));
  if (broken) throw new Error(`a test name with a line break cannot be listed: ${JSON.stringify(broken.name)}`);
  return HEADER + entries.map((e) => `${failureKey(e.file, e.name)}${REASON_SEPARATOR}${cleanReason(e.reason)}\n`).join("");
}

export function readKnownFailures(): KnownFailure[] {
  return existsSync(knownFailuresPath) ? parseKnownFailures(readFileSync(knownFailuresPath, "utf8")) : [];
}

export function writeKnownFailures(entries: readonly KnownFailure[]): void {
  writeFileSync(knownFailuresPath, formatKnownFailures(entries));
}

export interface Violations {
  /** Polyfill failures that are not listed. */
  unexpected: string[];
  /** Listed tests that pass now: remove them. */
  fixed: string[];
  /** Listed tests that do not exist (in the files that ran, or in the suite). */
  unknown: string[];
}

/** Checks the runs of `outcomes` (maybe a subset of the suite, `suite`) against the list. */
export function checkKnownFailures(outcomes: readonly FileOutcome[], known: readonly KnownFailure[], suite: readonly SuiteFile[]): Violations {
  const ran = new Map(outcomes.map((o) => [o.file.id, o]));
  const suiteIds = new Set(suite.map((f) => f.id));
  const listed = new Set(known.map((e) => failureKey(e.file, e.name)));
  const violations: Violations = { unexpected: [], fixed: [], unknown: [] };
  for (const outcome of outcomes) {
    for (const test of outcome.tests) {
      const key = failureKey(outcome.file.id, test.name);
      if (!test.polyfill.pass && !listed.has(key)) violations.unexpected.push(`${key}  (${describeOutcome(test.polyfill)})`);
    }
  }
  for (const entry of known) {
    const key = failureKey(entry.file, entry.name);
    const outcome = ran.get(entry.file);
    const test = outcome?.tests.find((t) => t.name === entry.name);
    if (!suiteIds.has(entry.file)) violations.unknown.push(`${key}  (no such file in the suite)`);
    else if (outcome && !test) violations.unknown.push(`${key}  (no such test in the file)`);
    else if (test?.polyfill.pass) violations.fixed.push(key);
  }
  return violations;
}

/**
 * The list after a run: the current polyfill failures of the files that ran, with their listed reasons
 * (or NEW_REASON) and the V8 marker set where Node's WebAssembly fails them too; the entries of the other
 * files of the suite are kept.
 */
export function updateKnownFailures(outcomes: readonly FileOutcome[], known: readonly KnownFailure[], suite: readonly SuiteFile[]): KnownFailure[] {
  const reasons = new Map(known.map((e) => [failureKey(e.file, e.name), e.reason]));
  const ran = new Map(outcomes.map((o) => [o.file.id, o]));
  const entries: KnownFailure[] = [];
  for (const file of suite) {
    const outcome = ran.get(file.id);
    if (!outcome) {
      entries.push(...known.filter((e) => e.file === file.id));
      continue;
    }
    for (const test of outcome.tests) {
      if (test.polyfill.pass) continue;
      const reason = reasons.get(failureKey(file.id, test.name)) ?? NEW_REASON;
      entries.push({ file: file.id, name: test.name, reason: markV8(reason, !test.native.pass) });
    }
  }
  return entries;
}

/** The reason with the V8 marker added or removed. */
function markV8(reason: string, v8Fails: boolean): string {
  const parts = reason.split(";").map((p) => p.trim()).filter((p) => p !== "" && p !== V8_FAILS_TOO);
  if (v8Fails) return parts.length === 0 || (parts.length === 1 && parts[0] === NEW_REASON) ? V8_FAILS_TOO : [...parts, V8_FAILS_TOO].join("; ");
  return parts.length === 0 ? NEW_REASON : parts.join("; ");
}

function cleanReason(reason: string): string {
  return reason.replace(/\s+/g, " ").trim() || NEW_REASON;
}

function describeOutcome(outcome: { status: string; message: string | null }): string {
  const message = outcome.message?.replace(/\s+/g, " ").slice(0, 200);
  return message ? `${outcome.status}: ${message}` : outcome.status;
}
