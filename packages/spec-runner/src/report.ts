// The runner's text output: one line per file and the closing total line `N passed, N failed`.

import { checkId, type ContractViolations } from "./known-failures.js";
import { failedCount, type FileResult, passedCount } from "./run-files.js";

export function fileLine(result: FileResult): string {
  return `${result.file}: ${passedCount(result)} passed, ${failedCount(result)} failed`;
}

export function totals(results: FileResult[]): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  for (const r of results) {
    passed += passedCount(r);
    failed += failedCount(r);
  }
  return { passed, failed };
}

/** The closing line, alone on its line. */
export function totalLine(results: FileResult[]): string {
  const { passed, failed } = totals(results);
  return `${passed} passed, ${failed} failed`;
}

/** Failure details (`file:line [command] detail`) of the given ids, or of all failures when `ids` is omitted. */
export function failureLines(results: FileResult[], ids?: Set<string>): string[] {
  const lines: string[] = [];
  for (const r of results) {
    for (const c of r.checks) {
      const id = checkId(r.file, c.line);
      if (!c.ok && (!ids || ids.has(id))) lines.push(`${id} [${c.command}] ${c.detail ?? ""}`);
    }
  }
  return lines;
}

/** What breaks the known-failures contract: unlisted failures with their details (at most `limit`), then fixed checks. */
export function violationLines(v: ContractViolations, results: FileResult[], limit = Infinity): string[] {
  const lines: string[] = [];
  if (v.unexpected.length > 0) {
    lines.push(`${v.unexpected.length} check(s) failed that are not in the known-failures list (fix them, or run with UPDATE_KNOWN_FAILURES=1):`);
    const details = failureLines(results, new Set(v.unexpected));
    lines.push(...details.slice(0, limit).map((line) => `  ${line}`));
    if (details.length > limit) lines.push(`  ... and ${details.length - limit} more (--verbose shows all)`);
  }
  if (v.fixed.length > 0) {
    lines.push(`${v.fixed.length} check(s) in the known-failures list now pass; remove them from the list (or run with UPDATE_KNOWN_FAILURES=1):`);
    lines.push(...v.fixed.map((id) => `  ${id}`));
  }
  return lines;
}

/** Failure reasons with numbers blanked out, most frequent first: a quick map of what is missing. */
export function reasonHistogram(results: FileResult[], limit = 40): string[] {
  const counts = new Map<string, number>();
  for (const r of results) {
    for (const c of r.checks) {
      if (c.ok) continue;
      const reason = `[${c.command}] ${(c.detail ?? "").replace(/\d+/g, "N").slice(0, 160)}`;
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([reason, n]) => `${String(n).padStart(7)}  ${reason}`);
}
