// `pnpm --filter @wasmi-ts/spec-runner spec [--suite 2.0|2.0-proposals|3.0] [--verbose] [files...]`
// Prints `file: N passed, N failed` per file and ends with the total line `N passed, N failed`.
// Exits 1 when the known-failures contract is broken. UPDATE_KNOWN_FAILURES=1 rewrites the lists.

import { knownFailuresPath } from "./known-failures.js";
import { failureLines, fileLine, reasonHistogram, totalLine, violationLines } from "./report.js";
import { hasViolations, runSpec } from "./spec-run.js";
import { isSuiteName, SUITES, type SuiteName } from "./testsuite.js";

const usage = `usage: spec [--suite ${SUITES.join("|")}] [--verbose] [--reasons] [files...]
  Runs the WebAssembly spec suite (default suite 2.0) on wasmi-ts.
  --verbose   print every failing check, not only those missing from the known-failures list
  --reasons   print the most frequent failure reasons (numbers blanked out)
  env WASMI_TS_TESTSUITE       the testsuite folder (default ../shared/testsuite from the repository root)
  env UPDATE_KNOWN_FAILURES=1  rewrite known-failures/<suite>.txt from this run`;

export async function specMain(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  let suite: SuiteName | undefined;
  let verbose = false;
  let reasons = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") {
      out(usage);
      return 0;
    } else if (arg === "--suite") {
      const name = argv[++i] ?? "";
      if (!isSuiteName(name)) {
        out(`unknown suite "${name}"\n${usage}`);
        return 2;
      }
      suite = name;
    } else if (arg === "--verbose" || arg === "-v") {
      verbose = true;
    } else if (arg === "--reasons") {
      reasons = true;
    } else if (arg === "--") {
      continue;
    } else if (arg.startsWith("-")) {
      out(`unknown option ${arg}\n${usage}`);
      return 2;
    } else {
      files.push(arg);
    }
  }

  const update = process.env["UPDATE_KNOWN_FAILURES"] === "1";
  let run;
  try {
    run = await runSpec({ suite, files, update, onFile: (r) => out(fileLine(r)) });
  } catch (error) {
    out(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }

  for (const [name, v] of run.violations) {
    if (update) {
      out(`updated ${knownFailuresPath(name)}`);
      continue;
    }
    for (const line of violationLines(v, run.results, verbose ? Infinity : 100)) out(line);
  }
  if (verbose) {
    out("all failing checks:");
    for (const line of failureLines(run.results)) out(`  ${line}`);
  }
  if (reasons) {
    out("most frequent failure reasons:");
    for (const line of reasonHistogram(run.results)) out(line);
  }
  out(totalLine(run.results));
  return hasViolations(run) ? 1 : 0;
}
