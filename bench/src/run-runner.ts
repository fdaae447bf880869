// All tasks of one runner, each in its own child process: a self-test, the time to first call, then
// each workload. The runner's time is shared among the workloads in proportion to their cost (their time
// on the first runner, else equally), recomputed after each one so unused time goes to the next ones;
// a very slow workload gets a lower bound instead of starving the others.
import { formatValue, type Workload } from "./manifest.js";
import { type Measurement, median } from "./measure.js";
import type { BenchOptions } from "./options.js";
import type { ChildJob } from "./protocol.js";
import type { RunnerName } from "./runners/index.js";
import { LAZY_VALIDATION_ENV } from "./runners/wasmi-ts.js";
import { spawnChild } from "./spawn-child.js";
import type { StartupStats } from "./startup-stats.js";

/** Time to first call: the median (`ms`) of the cold processes' times (`samplesMs`). */
export interface FirstCall {
  workload: string;
  ms?: number;
  samplesMs?: number[];
  value?: string;
  error?: string;
}

export interface RunnerOutcome {
  runner: RunnerName;
  unavailable?: string;
  firstCall?: FirstCall;
  /** wasmi-ts: the time to first call with `new Engine({ lazyValidation: true })`. */
  firstCallLazyValidation?: FirstCall;
  /** wasmi-ts: decoding, validation and translation speed and bytecode size per module. */
  startup?: { modules: StartupStats[]; error?: string };
  results: Measurement[];
}

const CHECK_PLAN_MS = 30_000;
const FIRST_CALL_PROCESSES = 3;
/** For the start-up statistics of wasmi-ts (a few seconds; much more under --jitless). */
const STARTUP_PLAN_MS = 60_000;
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

  // Time to first call: the median of FIRST_CALL_PROCESSES cold processes (one is at the mercy of
  // whatever else the machine does while V8 compiles in the background).
  const timeToFirstCall = async (env: Record<string, string> = {}): Promise<FirstCall> => {
    const result: FirstCall = { workload: firstCallWorkload.name, samplesMs: [] };
    for (let i = 0; i < FIRST_CALL_PROCESSES; i++) {
      const planMs = (end - performance.now()) / (workloads.length + 1) / FIRST_CALL_PROCESSES;
      // --expose-gc: the child starts the measurement from a collected heap (see child.ts).
      const child = await spawnChild(job("first-call", firstCallWorkload, planMs), [...nodeFlags, "--expose-gc"], hardEnd, env);
      if ("failure" in child) {
        result.error = child.failure;
      } else if (child.message.type === "first-call") {
        const { ms, value, error } = child.message;
        if (ms !== undefined) result.samplesMs!.push(ms);
        Object.assign(result, { value, error });
      }
      if (result.error) break;
    }
    if (result.samplesMs!.length > 0) result.ms = median(result.samplesMs!);
    return result;
  };
  outcome.firstCall = await timeToFirstCall();
  if (runner === "wasmi-ts") outcome.firstCallLazyValidation = await timeToFirstCall({ [LAZY_VALIDATION_ENV]: "1" });

  if (runner === "wasmi-ts") {
    const startup = await spawnChild(job("startup", firstCallWorkload, STARTUP_PLAN_MS), [...nodeFlags, "--expose-gc"], hardEnd);
    if ("failure" in startup) outcome.startup = { modules: [], error: startup.failure };
    else if (startup.message.type === "startup") outcome.startup = { modules: startup.message.modules, error: startup.message.error };
  }

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
