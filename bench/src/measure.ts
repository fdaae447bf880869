// Timing of one workload on one runner: compile + instantiate, a preheat (calls at the quick size, so
// that a JIT-compiled runner has seen every path of the workload before the big calls: otherwise the
// first full-size calls run in on-stack-replaced or soon-deoptimized code and the median mixes warm-up
// with steady state), one full-size warm-up call whose result is checked, then the median of up to `runs`
// timed calls, each result checked too. Fewer calls when they
// would take longer than budgetMs together or overrun the deadline; when not even one more call fits,
// the warm-up call is the only sample (`warmupOnly`).
import { type Expected, formatValue, loadWasm, runOnce, type Size, type Workload, WORKLOADS } from "./manifest.js";
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
  /** The only sample is the warm-up call: there was no time for another one. */
  warmupOnly?: boolean;
  /** With status "timeout": the time it ran without a result. */
  atLeastMs?: number;
  /** Quick-size calls made before the warm-up call (see PREHEAT_MS). */
  preheatCalls?: number;
  /** Timed calls taken in two processes at different times (run-runner.ts). */
  passes?: number;
  /** Every call is a fresh process (the warm-up call is a sample too): no second pass (run-runner.ts). */
  freshPerCall?: boolean;
  /** Time of the warm-up call (not a sample, except for runners whose every call is fresh). */
  warmupMs?: number;
  instantiateMs?: number;
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

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function measure(runner: Runner, workload: Workload, size: Size, options: MeasureOptions): Measurement {
  const args = workload.args[size];
  const expected = formatValue(workload.expected[size]);
  const result: Measurement = { workload: workload.name, status: "error", expected };
  if (workload.drive && runner.plainCallsOnly) {
    return { ...result, status: "skipped", error: "needs host access to memory between calls" };
  }
  try {
    const bytes = loadWasm(workload);
    workload.prepare?.(args);
    const [instance, instantiateMs] = timed(() => runner.instantiate(bytes));
    const overhead = instance.overheadMs ?? 0;
    const call = (): [string, number] => {
      const [value, ms] = timed((): Expected => runOnce(workload, instance, args));
      return [formatValue(value), Math.max(0, ms - overhead)];
    };
    result.instantiateMs = instantiateMs;
    if (instance.freshPerCall) result.freshPerCall = true;
    if (size === "full" && !instance.freshPerCall) {
      const quickArgs = workload.args.quick;
      const quickExpected = formatValue(workload.expected.quick);
      const start = performance.now();
      let calls = 0;
      for (;;) {
        const elapsed = performance.now() - start;
        if (elapsed >= PREHEAT_MAX_MS || (calls >= PREHEAT_CALLS && elapsed >= PREHEAT_MS)) break;
        const value = formatValue(runOnce(workload, instance, quickArgs));
        if (value !== quickExpected) return { ...result, status: "mismatch", value, expected: quickExpected };
        calls++;
      }
      result.preheatCalls = calls;
    }
    const [value, warmupMs] = call();
    Object.assign(result, { value, warmupMs });
    if (value !== expected) return { ...result, status: "mismatch" };

    const samples: number[] = instance.freshPerCall ? [warmupMs] : [];
    const callMs = Math.max(warmupMs + overhead, 1e-3);
    const available = Math.min(options.budgetMs, 0.8 * (options.deadline - performance.now()));
    const wanted = Math.min(options.runs, Math.floor(available / callMs));
    if (samples.length === 0 && wanted < 1) {
      return { ...result, status: "ok", medianMs: warmupMs, samplesMs: [warmupMs], warmupOnly: true };
    }
    while (samples.length < Math.max(1, wanted)) {
      const [again, ms] = call();
      if (again !== expected) return { ...result, status: "mismatch", value: again };
      samples.push(ms);
    }
    return { ...result, status: "ok", medianMs: median(samples), samplesMs: samples };
  } catch (error) {
    return { ...result, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Compile + instantiate + first call (with the workload's tiny arguments), from bytes in memory:
 * the time and the call's result.
 */
export function measureFirstCall(runner: Runner, workload: Workload): { ms: number; value: string } {
  if (workload.drive && runner.plainCallsOnly) throw new Error("needs host access to memory between calls");
  const bytes = loadWasm(workload);
  workload.prepare?.(workload.args.tiny);
  const [value, ms] = timed(() => runOnce(workload, runner.instantiate(bytes), workload.args.tiny));
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
