// `pnpm bench`: runs every workload on every runner, one child process per runner and task, one after
// the other (wasmi-ts, its variants and the baseline interleaved, see run-runner.ts); prints a table and writes
// results/latest*.json. See options.ts for the command line.
import { LARGE_MODULE, loadWasm, WORKLOADS } from "./manifest.js";
import { type BenchOptions, parseOptions, RUNNER_WEIGHTS, USAGE } from "./options.js";
import { bundleSizes } from "./bundle-size.js";
import { measureHostCalls } from "./host-call-costs.js";
import { printReport, writeResults } from "./report.js";
import { baselineRunner, runnerGroups, runRunner, type RunnerOutcome } from "./run-runner.js";
import type { RunnerName } from "./runners/index.js";

/** How far the bench may overrun its planned time (children starting, calls overrunning) before it stops them. */
const HARD_LIMIT_SLACK_MS = 15_000;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

// Exit through process.exit on Ctrl-C, so that the running child is stopped too (spawn-child.ts).
process.on("SIGINT", () => process.exit(130));

let options: BenchOptions;
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
}
const workloads = options.workloads
  ? options.workloads.map((name) => WORKLOADS.find((w) => w.name === name) ?? fail(`unknown workload "${name}"`))
  : WORKLOADS;
// Time to first call is measured on the generated 1 MiB module (generated here once, read by the children).
loadWasm(LARGE_MODULE);

const started = performance.now();
const hardEnd = started + options.deadlineMs + HARD_LIMIT_SLACK_MS;
const outcomes: RunnerOutcome[] = [];
const groups = runnerGroups(options.runners, baselineRunner(options.jitless));
const weight = (group: RunnerName[]) => group.reduce((sum, r) => sum + RUNNER_WEIGHTS[r], 0);
for (const [i, group] of groups.entries()) {
  const left = options.deadlineMs - (performance.now() - started);
  const weightLeft = groups.slice(i).reduce((sum, g) => sum + weight(g), 0);
  const budgetMs = (left * weight(group)) / weightLeft;
  console.error(`${group.join(", ")} (up to ${(budgetMs / 1000).toFixed(0)} s${group.length > 1 ? ", interleaved" : ""})...`);
  const tag = (runner: RunnerName) => (group.length > 1 ? ` (${runner})` : "");
  const groupOutcomes = await runRunner(group, options, workloads, LARGE_MODULE, budgetMs, hardEnd, (runner, m) => {
    const detail =
      m.status === "ok"
        ? `${m.medianMs!.toFixed(2)} ms (${m.warmupOnly ? "first call only" : `${m.samplesMs!.length} runs`})`
        : `${m.status}${m.value !== undefined ? `: got ${m.value}` : ""}${m.error ? `: ${m.error}` : ""}`;
    console.error(`  ${m.workload}${tag(runner)}: ${detail}`);
  });
  for (const outcome of groupOutcomes) {
    if (outcome.unavailable) console.error(`  not available${tag(outcome.runner)}: ${outcome.unavailable}`);
    outcomes.push(outcome);
  }
}

printReport(options, workloads, outcomes);
const hostCalls = measureHostCalls(options.jitless);
console.log(hostCalls === null ? "host calls: not measured (the child failed)"
  : `host calls from Wasm (wasmi-ts, fastest of 7 rounds of ${hostCalls.calls}): sync ${hostCalls.syncUs.toFixed(3)} us, ` +
    `async round trip (callAsync, an already resolved Promise) ${hostCalls.asyncUs.toFixed(3)} us (${(hostCalls.asyncUs / hostCalls.syncUs).toFixed(1)}x), ` +
    `Wasm -> host -> Wasm ${hostCalls.roundTripUs.toFixed(3)} us\n` +
    `Store<T> from a PrunedStore (Store.fromPruned, the type-key check): ${hostCalls.fromPrunedNs.toFixed(1)} ns; ` +
    "host calls do not pay it (each host function's trampoline holds its typed Store)");
const bundles = bundleSizes();
console.log(`bundles (ESM dist/index.js, gzip -9): ${bundles.every((b) => b === null) ? "not built (pnpm build)" : bundles
  .filter((b) => b !== null).map((b) => `${b.package} ${(b.bytes / 1024).toFixed(0)} KiB (${(b.gzipBytes / 1024).toFixed(0)} KiB)`).join(", ")}`);
if (options.out) writeResults(options.out, options, workloads, outcomes, { hostCalls, bundles });
console.log(`(bench took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
process.exitCode = outcomes.some((o) => o.results.some((r) => r.status === "mismatch")) ? 1 : 0;
