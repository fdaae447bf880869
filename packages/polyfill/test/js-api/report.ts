// What the run prints: a table of the files (tests, passed natively, passed with the polyfill), totals,
// the files not run, and the list violations.

import { passed, type FileOutcome } from "./compare.js";
import type { Violations } from "./known-failures.js";
import type { SuiteFile } from "./suite.js";

export interface Totals {
  files: number;
  tests: number;
  native: number;
  polyfill: number;
  /** Tests the polyfill fails that Node's WebAssembly fails too. */
  bothFail: number;
}

export function totals(outcomes: readonly FileOutcome[]): Totals {
  const all = outcomes.flatMap((o) => o.tests);
  return {
    files: outcomes.length,
    tests: all.length,
    native: outcomes.reduce((sum, o) => sum + passed(o, "native"), 0),
    polyfill: outcomes.reduce((sum, o) => sum + passed(o, "polyfill"), 0),
    bothFail: all.filter((t) => !t.native.pass && !t.polyfill.pass).length,
  };
}

export function formatTable(outcomes: readonly FileOutcome[], skipped: readonly SuiteFile[]): string {
  const rows = outcomes.map((o) => [o.file.id, String(o.tests.length), String(passed(o, "native")), String(passed(o, "polyfill"))]);
  const t = totals(outcomes);
  const header = ["file", "tests", "native passed", "polyfill passed"];
  const footer = [`total (${t.files} files)`, String(t.tests), String(t.native), String(t.polyfill)];
  const widths = header.map((h, i) => Math.max(h.length, ...[...rows, footer].map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const lines = [line(header), rule, ...rows.map(line), rule, line(footer)];
  lines.push(`polyfill failures that V8 fails too: ${t.bothFail} of ${t.tests - t.polyfill}`);
  const tentative = outcomes.filter((o) => o.file.tentative).map((o) => o.file.id);
  if (tentative.length > 0) lines.push(`run and counted although tentative (proposals): ${tentative.join(", ")}`);
  for (const file of skipped) lines.push(`not run: ${file.id} (${file.skip})`);
  return lines.join("\n");
}

/** One line per violation, at most `limit` per kind (the rest are counted). */
export function violationLines(violations: Violations, limit = 40): string[] {
  const kinds: [string, string[]][] = [
    ["fails but is not in js-api-known-failures.txt", violations.unexpected],
    ["passes: remove it from js-api-known-failures.txt", violations.fixed],
    ["is listed in js-api-known-failures.txt but does not exist", violations.unknown],
  ];
  return kinds.flatMap(([what, keys]) => [
    ...keys.slice(0, limit).map((key) => `${what}: ${key}`),
    ...(keys.length > limit ? [`... and ${keys.length - limit} more that ${what.split(":")[0]}`] : []),
  ]);
}
