// All tasks of one runner, each in its own child process: a self-test, the time to first call, then
// each workload, in two passes: every workload once with half the timed calls, then every workload again
// with the other half, in a fresh process. The median of both passes' calls is less at the mercy of a
// slow spell of the machine (on a shared VM, one lasts seconds) than calls taken in one stretch. The
// runner's time is shared equally among the workloads (a runner's ratio to native varies from 1 to 200
// over the suite, so native times say little of what a workload will take), recomputed after each one so
// unused time goes to the next ones; a very slow workload gets a lower bound instead of starving the others. A runner whose every call is a fresh
// process (wasm-interp) does one pass.
//
// wasmi-ts and the variants given with it (wasmi-ts-fuel, wasmi-ts-deadline) run as one group, so that
// a slow spell hits them alike and a variant's ratio to wasmi-ts shows the cost of its feature: each has
// its self-test, only plain wasmi-ts its time to first call and start-up statistics, and for each pass and
// workload every member is measured in turn (each in its own process; the order rotates from one workload
// and pass to the next, so that none always goes first), with an even share of the group's time for it.
import { formatValue, type Workload } from "./manifest.js";
import { type Measurement, median } from "./measure.js";
import type { BenchOptions } from "./options.js";
import type { ChildJob } from "./protocol.js";
import { isWasmiTsVariant, type RunnerName } from "./runners/index.js";
import { LAZY_VALIDATION_ENV } from "./runners/wasmi-ts.js";
import { nodeFor } from "./native-node.js";
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
  /** Native and wasmi-ts: compiling the generated 4 MiB module in a cold process (`workload` unused). */
  compile?: FirstCall;
  /** wasmi-ts: the same with lazy validation. */
  compileLazyValidation?: FirstCall;
  /** wasmi-ts: decoding, validation and translation speed and bytecode size per module. */
  startup?: { modules: StartupStats[]; error?: string };
  results: Measurement[];
}

const CHECK_PLAN_MS = 30_000;
const FIRST_CALL_PROCESSES = 3;
/** For the start-up statistics of wasmi-ts (a few seconds; much more under --jitless). */
const STARTUP_PLAN_MS = 60_000;
const MIN_SLICE_MS = 2_000;
/** A second pass after a first that had time for its first call only: room for the preheat (at most 2 s)
 * and a few calls, beyond twice the first pass's loading and first call. */
const SECOND_PASS_EXTRA_MS = 6_000;

/**
 * The runners as run one after the other: wasmi-ts with the variants given with it and the baseline (native,
 * polywasm under --jitless), every other one alone. The baseline is measured interleaved with wasmi-ts so
 * that the ratio of a workload compares times taken in the same minutes: this machine's slow spells last
 * seconds to minutes, and native times measured apart from wasmi-ts's moved by half between runs.
 */
export function runnerGroups(runners: RunnerName[], baseline: RunnerName = "native"): RunnerName[][] {
  const joined: RunnerName[] = runners.includes("wasmi-ts")
    ? [...runners.filter(isWasmiTsVariant), ...runners.filter((r) => r === baseline)]
    : [];
  return runners.filter((r) => !joined.includes(r)).map((r) => (r === "wasmi-ts" ? [r, ...joined] : [r]));
}

/** The runner whose times the others are compared with (report.ts): native, polywasm under --jitless. */
export function baselineRunner(jitless: boolean): RunnerName {
  return jitless ? "polywasm" : "native";
}

/** Runs a group (see runnerGroups): one outcome per runner, in the group's order. */
export async function runRunner(
  group: RunnerName[],
  options: BenchOptions,
  workloads: Workload[],
  firstCallWorkload: Workload,
  budgetMs: number,
  /** performance.now() time after which no child may run: the bench's hard time limit. */
  hardEnd: number,
  onResult: (runner: RunnerName, m: Measurement) => void,
): Promise<RunnerOutcome[]> {
  const end = performance.now() + budgetMs;
  const outcomes = group.map((runner): RunnerOutcome => ({ runner, results: [] }));
  const nodeFlags = options.jitless ? ["--jitless"] : [];
  const job = (runner: RunnerName, task: ChildJob["task"], workload: Workload, planMs: number, pass?: 0 | 1): ChildJob => {
    // the timed calls and their time, split between the two passes
    const runs = pass === undefined ? options.runs : pass === 0 ? Math.ceil(options.runs / 2) : Math.floor(options.runs / 2);
    const budgetMs = pass === undefined ? options.budgetMs : (options.budgetMs * runs) / options.runs;
    return { runner, task, workload: workload.name, size: options.size, runs, budgetMs, planMs: Math.max(MIN_SLICE_MS, planMs) };
  };
  for (const outcome of outcomes) {
    const check = await spawnChild(job(outcome.runner, "check", workloads[0]!, CHECK_PLAN_MS), nodeFlags, hardEnd);
    if ("failure" in check) outcome.unavailable = `self-test: ${check.failure}`;
    else if (check.message.type === "unavailable") outcome.unavailable = check.message.reason;
  }
  const available = outcomes.filter((o) => !o.unavailable);
  if (available.length === 0) return outcomes;

  // Time to first call (of the group's first runner, and of the baseline when it is in the group): the
  // median of FIRST_CALL_PROCESSES cold processes (one is at the mercy of whatever else the machine does
  // while V8 compiles in the background).
  const main = outcomes[0]!;
  // A task of cold processes ("first-call" or "compile"): the median of FIRST_CALL_PROCESSES of them.
  const coldProcesses = async (runner: RunnerName, task: "first-call" | "compile", env: Record<string, string> = {}): Promise<FirstCall> => {
    const result: FirstCall = { workload: firstCallWorkload.name, samplesMs: [] };
    for (let i = 0; i < FIRST_CALL_PROCESSES; i++) {
      const planMs = (end - performance.now()) / (workloads.length + 1) / FIRST_CALL_PROCESSES;
      // --expose-gc: the child starts the measurement from a collected heap (see child.ts).
      const coldJob = job(runner, task, firstCallWorkload, planMs);
      const child = await spawnChild(coldJob, [...nodeFlags, "--expose-gc"], hardEnd, env);
      if ("failure" in child) {
        result.error = child.failure;
      } else if (child.message.type === "first-call" || child.message.type === "compile") {
        const { ms, error } = child.message;
        if (ms !== undefined) result.samplesMs!.push(ms);
        Object.assign(result, { value: child.message.type === "first-call" ? child.message.value : undefined, error });
      }
      if (result.error) break;
    }
    if (result.samplesMs!.length > 0) result.ms = median(result.samplesMs!);
    return result;
  };
  const baseline = baselineRunner(options.jitless);
  for (const outcome of outcomes.filter((o) => !o.unavailable && (o === main || o.runner === baseline))) {
    outcome.firstCall = await coldProcesses(outcome.runner, "first-call");
    if (outcome.runner === "native" || outcome.runner === "wasmi-ts") outcome.compile = await coldProcesses(outcome.runner, "compile");
  }
  if (!main.unavailable && main.runner === "wasmi-ts") {
    const lazy = { [LAZY_VALIDATION_ENV]: "1" };
    main.firstCallLazyValidation = await coldProcesses(main.runner, "first-call", lazy);
    main.compileLazyValidation = await coldProcesses(main.runner, "compile", lazy);
    const startup = await spawnChild(job(main.runner, "startup", firstCallWorkload, STARTUP_PLAN_MS), [...nodeFlags, "--expose-gc"], hardEnd);
    if ("failure" in startup) main.startup = { modules: [], error: startup.failure };
    else if (startup.message.type === "startup") main.startup = { modules: startup.message.modules, error: startup.message.error };
  }

  const passes: [0 | 1, Workload][] = [0, 1].flatMap((pass) => workloads.map((w) => [pass as 0 | 1, w] as [0 | 1, Workload]));
  const firstPass = new Map<string, Measurement>(); // by "runner workload"
  for (const [i, [pass, workload]] of passes.entries()) {
    const share = 1 / (passes.length - i);
    const sliceEnd = performance.now() + (end - performance.now()) * share;
    const rotation = (workloads.indexOf(workload) + pass) % available.length;
    const order = [...available.slice(rotation), ...available.slice(0, rotation)];
    for (const [j, outcome] of order.entries()) {
      // an even share of what is left of the slice (a member that needs less leaves it to the next ones)
      await measurePass(outcome, pass, workload, (sliceEnd - performance.now()) / (order.length - j));
    }
  }
  return outcomes;

  async function measurePass(outcome: RunnerOutcome, pass: 0 | 1, workload: Workload, planMs: number): Promise<void> {
    const key = `${outcome.runner} ${workload.name}`;
    const first = firstPass.get(key);
    const report = (m: Measurement) => {
      outcome.results.push(m);
      onResult(outcome.runner, m);
    };
    // (a first pass that had time for its first call only is tried again: time left over by the
    // workloads before makes the second pass's slices larger)
    if (pass === 1 && (first?.status !== "ok" || first.freshPerCall || options.runs < 2)) return report(first!);
    // ... and it gets at least what its first pass shows it needs: loading, the first call, the preheat and
    // a few calls (sql.js's first call compiles its VDBE: 5 s of a 10 s slice), at most a quarter of
    // what is left (the slices after it shrink)
    if (pass === 1 && first?.warmupOnly) {
      const needMs = 2 * ((first.instantiateMs ?? 0) + (first.firstCallMs ?? 0)) + SECOND_PASS_EXTRA_MS;
      planMs = Math.max(planMs, Math.min(needMs, (end - performance.now()) / 4));
    }
    const result = await measureOnce(job(outcome.runner, "measure", workload, planMs, pass), workload);
    if (pass === 0) {
      firstPass.set(key, result);
      return;
    }
    // a wrong result in the second pass is reported; running out of time there keeps the first pass
    report(result.status === "ok" ? mergePasses(first!, result) : result.status === "mismatch" ? result : first!);
  }

  async function measureOnce(measureJob: ChildJob, workload: Workload): Promise<Measurement> {
    const failure = (status: "error" | "timeout", error: string): Measurement => ({
      workload: workload.name, status, error, expected: formatValue(workload.expected[options.size]),
    });
    if (performance.now() >= hardEnd) return failure("error", "not run: the bench's time limit was reached");
    // wasmi-ts's runs count the deoptimizations of its interpreter loop (V8's --trace-deopt)
    const traceDeopt = measureJob.runner.startsWith("wasmi-ts") && !options.jitless;
    const node = nodeFor(measureJob.runner, workload);
    if ("skip" in node) return { ...failure("error", node.skip), status: "skipped" };
    const child = await spawnChild(measureJob, nodeFlags, hardEnd, {}, traceDeopt, node.execPath);
    if ("failure" in child && child.failure === "timeout") {
      return { ...failure("timeout", `no result within ${(child.elapsedMs / 1000).toFixed(1)} s`), atLeastMs: child.elapsedMs };
    }
    if ("failure" in child) return failure("error", child.failure);
    if (child.message.type === "result") {
      const { type: _, ...measurement } = child.message;
      if (node.ranOn) measurement.ranOn = node.ranOn;
      return child.loopDeopts === undefined ? measurement : { ...measurement, loopDeopts: [child.loopDeopts] };
    }
    return failure("error", child.message.type === "unavailable" ? child.message.reason : "unexpected message");
  }
}

/**
 * Both passes' timed calls, first calls and loop deoptimizations as one measurement (the first pass's
 * instantiation). A pass that had time for its first call only gives no timed call, unless both did.
 */
function mergePasses(first: Measurement, second: Measurement): Measurement {
  const timed = [first, second].filter((m) => !m.warmupOnly);
  const samplesMs = (timed.length > 0 ? timed : [first, second]).flatMap((m) => m.samplesMs!);
  const firstCallsMs = [...(first.firstCallsMs ?? []), ...(second.firstCallsMs ?? [])];
  const loopDeopts = first.loopDeopts && second.loopDeopts ? [...first.loopDeopts, ...second.loopDeopts] : undefined;
  return {
    ...first,
    medianMs: median(samplesMs),
    samplesMs,
    firstCallsMs,
    firstCallMs: firstCallsMs.length > 0 ? median(firstCallsMs) : undefined,
    loopDeopts,
    warmupOnly: timed.length === 0 ? true : undefined,
    preheatCalls: (first.preheatCalls ?? 0) + (second.preheatCalls ?? 0) || undefined,
    passes: 2,
  };
}
