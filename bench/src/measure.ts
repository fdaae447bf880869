// Timing of one workload on one runner: compile + instantiate (or load the package), the first full-size
// call (timed: what a short job pays while the runner's code is cold; its result checked), a preheat
// (calls at the quick size, so that a JIT-compiled runner has seen every path of the workload before the
// timed calls: otherwise they could run in on-stack-replaced or soon-deoptimized code and the median would
// mix warm-up with steady state), then the median of up to `runs` timed calls, each result checked too.
// Fewer calls when they would take longer than budgetMs together or overrun the deadline (judged by the
// last call's time); when not even one more call fits, the first call is the only sample (`warmupOnly`).
import { formatValue, loadWasm, prepareWorkload, type Size, type Workload, WORKLOADS } from "./manifest.js";
import type { Runner } from "./runner.js";

export interface Measurement {
  workload: string;
  /** skipped: the runner cannot run this workload's calling protocol; timeout: no result in time. */
  status: "ok" | "mismatch" | "error" | "skipped" | "timeout";
  /** Result of the first call (or of the first differing one). */
  value?: string;
  expected: string;
  /** Why it failed or was skipped. */
  error?: string;
  medianMs?: number;
  samplesMs?: number[];
  /** The only sample is the first call: there was no time for another one. */
  warmupOnly?: boolean;
  /** With status "timeout": the time it ran without a result. */
  atLeastMs?: number;
  /** Quick-size calls made after the first call (see PREHEAT_MS). */
  preheatCalls?: number;
  /** Timed calls taken in two processes at different times (run-runner.ts). */
  passes?: number;
  /** Every call is a fresh process (the first call is a sample too): no second pass (run-runner.ts). */
  freshPerCall?: boolean;
  /**
   * The first full-size call of a fresh process, right after instantiation (what a short job pays: the
   * runner's own code is cold), one per pass; `firstCallMs` is their median.
   */
  firstCallMs?: number;
  firstCallsMs?: number[];
  instantiateMs?: number;
  /** The Node it ran on when not the bench's own (native-node.ts). */
  ranOn?: string;
  /** wasmi-ts: deoptimizations of the interpreter loop in the measuring process (per pass; run-runner.ts). */
  loopDeopts?: number[];
}

export interface MeasureOptions {
  runs: number;
  budgetMs: number;
  /** performance.now() by which the measurement must end. */
  deadline: number;
}

/** Preheat: quick-size calls until at least PREHEAT_CALLS calls and PREHEAT_MS, at most PREHEAT_MAX_MS. */
const PREHEAT_CALLS = 3;
const PREHEAT_MS = 300;
const PREHEAT_MAX_MS = 2000;

async function timed<T>(fn: () => T | Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Why the runner cannot run the workload at all, or null. */
function cannotRun(runner: Runner, workload: Workload): string | null {
  if (workload.drive && runner.plainCallsOnly) return "needs host access to memory between calls";
  if (workload.load && !runner.namespace) return "a package workload needs the runner's WebAssembly namespace";
  const missing = workload.proposals?.filter((p) => !runner.proposals?.includes(p)) ?? [];
  if (missing.length > 0) return `needs ${missing.join(" and ")}, which ${runner.name} does not run`;
  return null;
}

export async function measure(runner: Runner, workload: Workload, size: Size, options: MeasureOptions): Promise<Measurement> {
  const args = workload.args[size];
  const expected = formatValue(workload.expected[size]);
  const result: Measurement = { workload: workload.name, status: "error", expected };
  const reason = cannotRun(runner, workload);
  if (reason !== null) return { ...result, status: "skipped", error: reason };
  try {
    workload.prepare?.(args);
    if (size === "full") workload.prepare?.(workload.args.quick);
    const { run, instantiateMs, overheadMs, freshPerCall } = await prepareWorkload(runner, workload);
    const call = async (): Promise<[string, number]> => {
      const [value, ms] = await timed(() => run(args));
      return [formatValue(value), Math.max(0, ms - overheadMs)];
    };
    result.instantiateMs = instantiateMs;
    if (freshPerCall) result.freshPerCall = true;
    // The first full-size call: the time a short job pays, and the estimate of a call's time below.
    const [value, firstMs] = await call();
    Object.assign(result, { value, firstCallMs: firstMs, firstCallsMs: [firstMs] });
    if (value !== expected) return { ...result, status: "mismatch" };
    if (size === "full" && !freshPerCall) {
      const quickArgs = workload.args.quick;
      const quickExpected = formatValue(workload.expected.quick);
      const start = performance.now();
      let calls = 0;
      for (;;) {
        const elapsed = performance.now() - start;
        if (elapsed >= PREHEAT_MAX_MS || (calls >= PREHEAT_CALLS && elapsed >= PREHEAT_MS)) break;
        const quickValue = formatValue(await run(quickArgs));
        if (quickValue !== quickExpected) return { ...result, status: "mismatch", value: quickValue, expected: quickExpected };
        calls++;
      }
      result.preheatCalls = calls;
    }

    const samples: number[] = freshPerCall ? [firstMs] : [];
    // Whether another call fits is judged by the last call's time: the first call's (cold, often several
    // times a warm one) only until a timed call has been made.
    const available = Math.min(options.budgetMs, 0.8 * (options.deadline - performance.now()));
    const start = performance.now();
    let callMs = Math.max(firstMs + overheadMs, 1e-3);
    if (samples.length === 0 && callMs > available) {
      return { ...result, status: "ok", medianMs: firstMs, samplesMs: [firstMs], warmupOnly: true };
    }
    while (samples.length < options.runs && (samples.length === 0 || performance.now() - start + callMs <= available)) {
      const [again, ms] = await call();
      if (again !== expected) return { ...result, status: "mismatch", value: again };
      samples.push(ms);
      callMs = Math.max(ms + overheadMs, 1e-3);
    }
    return { ...result, status: "ok", medianMs: median(samples), samplesMs: samples };
  } catch (error) {
    return { ...result, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Compile + instantiate + first call (with the workload's tiny arguments), from bytes in memory (the
 * caller reads them first; the generated module is cached): the time and the call's result.
 */
export async function measureFirstCall(runner: Runner, workload: Workload): Promise<{ ms: number; value: string }> {
  const reason = cannotRun(runner, workload);
  if (reason !== null) throw new Error(reason);
  workload.prepare?.(workload.args.tiny);
  const [value, ms] = await timed(async () => (await prepareWorkload(runner, workload)).run(workload.args.tiny));
  return { ms, value: formatValue(value) };
}

/** Null when the runner computes fib(10) = 55 (fib.wasm), else what went wrong. */
export function selfTest(runner: Runner): string | null {
  try {
    const fib = WORKLOADS.find((w) => w.name === "fib")!;
    const result = runner.instantiate(loadWasm(fib)).func(fib.export)(10);
    return result === 55 ? null : `fib(10) returned ${formatValue(result)}, expected 55`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
