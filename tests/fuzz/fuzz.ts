// The fuzzer for long local runs (`pnpm fuzz`): other seeds, more modules, for hours. Every failing input is
// saved (with its reason) for reproduction. See README.md.

import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { wasmOptVersion } from "./binaryen.js";
import { runCampaign, runOneCase, type CampaignResult, type Failure } from "./campaign.js";
import { parseCaseId } from "./cases.js";
import { readKnownFailures } from "./known-failures.js";
import { DEFAULT_FAILURES_DIR, firstLines, reportRun, saveFailure } from "./report.js";
import { replay } from "./replay.js";

const USAGE = `usage: pnpm fuzz [options]
  --seconds N    run for N seconds (no new module is started after that)
  --modules N    run N modules (default: 300, or unlimited with --seconds)
  --mutants N    mutants per module (default: 10)
  --seed N       the run's seed (default: from the clock; printed)
  --workers N    worker threads (default: the number of CPUs)
  --out DIR      where failing inputs are saved (default: tests/fuzz/failures)
  --case ID      check one case, e.g. mutant:1:8:6 (ids as printed; needs the same wasm-opt version)
  --replay FILE  check one .wasm file in this thread (a generated module if named module-*, else a mutant)`;

const { values } = parseArgs({
  options: {
    seconds: { type: "string" },
    modules: { type: "string" },
    mutants: { type: "string" },
    seed: { type: "string" },
    workers: { type: "string" },
    out: { type: "string" },
    case: { type: "string" },
    replay: { type: "string" },
    help: { type: "boolean" },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.replay !== undefined) {
  process.exit(replay(values.replay));
}
const version = wasmOptVersion();
if (version === null) {
  console.error("fuzz: wasm-opt not found; install binaryen (apt-get install binaryen)");
  process.exit(1);
}

const number = (text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a count: ${text}\n${USAGE}`);
  return n;
};
const one = values.case === undefined ? null : parseCaseId(values.case);
if (values.case !== undefined && one === null) throw new Error(`not a case id: ${values.case}`);

const seconds = values.seconds === undefined ? null : number(values.seconds, 0);
const seed = number(values.seed, Date.now() % 1_000_000);
const mutants = number(values.mutants, 10);
const modules = number(values.modules, seconds === null ? 300 : Infinity);
const workers = number(values.workers, availableParallelism());
const out = values.out ?? DEFAULT_FAILURES_DIR;
const onFailure = (f: Failure): void => console.log(`FAIL ${f.id}: ${firstLines(f.reason)}\n  saved ${saveFailure(out, f)}`);

const start = performance.now();
let result: CampaignResult;
if (one !== null) {
  console.log(`fuzz: case ${values.case}, ${version}`);
  result = await runOneCase(one, onFailure);
} else {
  const amount = modules === Infinity ? `modules for ${seconds} s` : `${modules} modules`;
  console.log(`fuzz: seed ${seed}, ${amount} with ${mutants} mutants each, ${workers} workers, ${version}`);
  const ticker = setInterval(() => console.log(`... ${((performance.now() - start) / 1000).toFixed(0)} s`), 60_000);
  const stopAt = seconds === null ? {} : { stopAt: start + seconds * 1000 };
  result = await runCampaign({ seed, modules, mutantsPerModule: mutants, workers, ...stopAt, onFailure });
  clearInterval(ticker);
}
process.exitCode = reportRun(result, readKnownFailures(), (performance.now() - start) / 1000);
