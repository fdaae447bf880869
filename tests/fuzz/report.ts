// What a run prints at its end, and its verdict against the known-failures list.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CampaignResult, Failure } from "./campaign.js";
import { count, formatCounters } from "./counters.js";
import { checkKnownFailures, KNOWN_FAILURES_PATH } from "./known-failures.js";

/** Prints the totals and the contract check; returns the exit code (1 when the contract is broken). */
export function reportRun(result: CampaignResult, known: ReadonlyMap<string, string>, seconds: number): number {
  const failed = new Set(result.failures.map((f) => f.id));
  const { unexpected, fixed } = checkKnownFailures(failed, result.completed, known);
  count(result.counters, "disagreements listed as known failures", failed.size - unexpected.length);
  console.log(`totals (${seconds.toFixed(0)} s):\n${formatCounters(result.counters)}`);
  const byId = new Map(result.failures.map((f) => [f.id, f]));
  if (unexpected.length > 0) {
    console.log(`\n${unexpected.length} failing case(s) not in ${KNOWN_FAILURES_PATH}:`);
    for (const id of unexpected.slice(0, 50)) console.log(`  ${id}: ${firstLines(byId.get(id)!.reason, 8)}`);
    if (unexpected.length > 50) console.log(`  ... and ${unexpected.length - 50} more`);
  }
  if (fixed.length > 0) {
    console.log(`\n${fixed.length} case(s) in ${KNOWN_FAILURES_PATH} now pass; remove them from the list:`);
    for (const id of fixed) console.log(`  ${id}`);
  }
  const ok = unexpected.length === 0 && fixed.length === 0;
  console.log(ok ? "\nfuzz: OK" : "\nfuzz: FAILED");
  return ok ? 0 : 1;
}

/** The first `n` lines of `text` (a stack trace's top), each cut at 400 characters. */
export function firstLines(text: string, n = 1): string {
  const lines = text.split("\n").slice(0, n).map((line) => (line.length > 400 ? `${line.slice(0, 400)}...` : line));
  return lines.join("\n    ");
}

/** Where failing inputs are saved unless told otherwise (ignored by git). */
export const DEFAULT_FAILURES_DIR = fileURLToPath(new URL("./failures", import.meta.url));

/** Saves a failing input and its reason as `<dir>/<id>.wasm` and `.txt` (":" in ids becomes "-"). */
export function saveFailure(dir: string, failure: Failure): string {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, failure.id.replaceAll(":", "-"));
  writeFileSync(`${base}.wasm`, failure.bytes);
  writeFileSync(
    `${base}.txt`,
    `${failure.id}\n${failure.reason}\n\nreproduce: pnpm fuzz --case ${failure.id}   or   pnpm fuzz --replay ${base}.wasm\n`,
  );
  return `${base}.wasm`;
}
