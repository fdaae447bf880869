// All tasks of one runner, each in its own child process: a self-test, the time to first call, then
// each workload. The runner's time is shared among the workloads in proportion to their cost (their time
// on the first runner, else equally), recomputed after each one so unused time goes to the next ones;
// a very slow workload gets a lower bound instead of starving the others.
import { formatValue, type Workload } from "./manifest.js";
import type { Measurement } from "./measure.js";
import type { BenchOptions } from "./options.js";
import type { ChildJob } from "./protocol.js";
import type { RunnerName } from "./runners/index.js";
import { spawnChild } from "./spawn-child.js";

export interface RunnerOutcome {
  runner: RunnerName;
  unavailable?: string;
  firstCall?: { workload: string; ms?: number; error?: string };
  results: Measurement[];
}

const CHECK_PLAN_MS = 30_000;
const MIN_SLICE_MS = 2_000;

export async function runRunner(
  runner: RunnerName,
  options: BenchOptions,
  workloads: Workload[],
  firstCallWorkload: Workload,
  budgetMs: number,
  /** Relative cost of each workload (e.g. its native time), or null for equal shares. */
  costs: Map<string, number> | null,
  /** performance.now() time after which no child may run: the bench's hard time limit. */
  hardEnd: number,
  onResult: (m: Measurement) => void,
): Promise<RunnerOutcome> {
  const end = performance.now() + budgetMs;
  const outcome: RunnerOutcome = { runner, results: [] };
  const nodeFlags = options.jitless ? ["--jitless"] : [];
  const job = (task: ChildJob["task"], workload: Workload, planMs: number): ChildJob => ({
    runner, task, workload: workload.name, size: options.size, runs: options.runs, budgetMs: options.budgetMs,
    planMs: Math.max(MIN_SLICE_MS, planMs),
  });
  const check = await spawnChild(job("check", workloads[0]!, CHECK_PLAN_MS), nodeFlags, hardEnd);
  if ("failure" in check) outcome.unavailable = `self-test: ${check.failure}`;
  else if (check.message.type === "unavailable") outcome.unavailable = check.message.reason;
  if (outcome.unavailable) return outcome;

  const firstCall = await spawnChild(job("first-call", firstCallWorkload, (end - performance.now()) / (workloads.length + 1)), nodeFlags, hardEnd);
  outcome.firstCall = { workload: firstCallWorkload.name };
  if ("failure" in firstCall) outcome.firstCall.error = firstCall.failure;
  else if (firstCall.message.type === "first-call") Object.assign(outcome.firstCall, { ms: firstCall.message.ms, error: firstCall.message.error });

  const cost = (w: Workload) => costs?.get(w.name) ?? 1;
  for (const [i, workload] of workloads.entries()) {
    const share = cost(workload) / workloads.slice(i).reduce((sum, w) => sum + cost(w), 0);
    const measureJob = job("measure", workload, (end - performance.now()) * share);
    const failure = (status: "error" | "timeout", error: string): Measurement => ({
      workload: workload.name, status, error, expected: formatValue(workload.expected[options.size]),
    });
    if (performance.now() >= hardEnd) {
      outcome.results.push(failure("error", "not run: the bench's time limit was reached"));
      continue;
    }
    const child = await spawnChild(measureJob, nodeFlags, hardEnd);
    let result: Measurement;
    if ("failure" in child && child.failure === "timeout") {
      result = { ...failure("timeout", `no result within ${(child.elapsedMs / 1000).toFixed(1)} s`), atLeastMs: child.elapsedMs };
    } else if ("failure" in child) {
      result = failure("error", child.failure);
    } else if (child.message.type === "result") {
      const { type: _, ...measurement } = child.message;
      result = measurement;
    } else {
      result = failure("error", child.message.type === "unavailable" ? child.message.reason : "unexpected message");
    }
    outcome.results.push(result);
    onResult(result);
  }
  return outcome;
}
