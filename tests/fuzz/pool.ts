// Worker threads that check cases in parallel, with a watchdog: a run can loop forever (a mutant can lose
// binaryen's hang limit) and neither engine can be interrupted from inside its thread, so a worker that
// overruns its phase's time budget is terminated, the case is reported, and a new worker resumes the task
// after it.

import { Worker } from "node:worker_threads";
import type { CaseRef } from "./cases.js";
import type { Counters } from "./counters.js";
import type { Task, WorkerMessage } from "./protocol.js";

/** Wall-clock budgets per phase, generous because CI runs other tests on the same two cores. */
const GENERATE_MS = 60_000;
const COMPILE_MS = 30_000;
const V8_RUN_MS = 5_000;
/**
 * wasmi-ts interprets, about 20 times slower than V8 (up to 100 times on some code): it gets 1000 times V8's
 * time, at least WASMI_RUN_MIN_MS and at most WASMI_RUN_MAX_MS. Overrunning the minimum where V8 needed
 * so little that 1000 times it fits in the minimum (under 10 ms) is a hang, hence a disagreement;
 * otherwise it is only too slow for the budget.
 */
const WASMI_RUN_MIN_MS = 10_000;
const WASMI_RUN_MAX_MS = 60_000;
const WASMI_SLOWDOWN = 1000;

export interface CaseResult {
  ref: CaseRef;
  bytes: Uint8Array;
  counters: Counters;
  disagreement: string | null;
  /** False when the case was stopped by the watchdog before it ended (a timeout, without verdict). */
  completed: boolean;
}

export interface PoolOptions {
  workers: number;
  /** The next task, or null when there is no more work. */
  nextTask(): Task | null;
  onCase(result: CaseResult): void;
}

export async function runPool(options: PoolOptions): Promise<void> {
  const slots = Array.from({ length: options.workers }, () => new Slot(options.onCase));
  const watchdog = setInterval(() => {
    for (const slot of slots) slot.checkDeadline();
  }, 200);
  try {
    await Promise.all(
      slots.map(async (slot) => {
        for (let task = options.nextTask(); task !== null; ) {
          const resumeFrom = await slot.run(task);
          task = resumeFrom === null ? options.nextTask() : { ...task, from: resumeFrom };
        }
        await slot.stop();
      }),
    );
  } finally {
    clearInterval(watchdog);
  }
}

/** One worker thread (started on demand, replaced after a timeout) and the task it works on. */
class Slot {
  private worker: Worker | null = null;
  private task: Task | null = null;
  private mutant: number | null = null;
  private bytes: Uint8Array = new Uint8Array();
  private phase: WorkerMessage & { type: "phase" } = { type: "phase", phase: "generate" };
  private deadline = Infinity;
  /** Ends the current task: null when it is done, else the mutant to resume it from. */
  private finish: ((resumeFrom: number | null) => void) | null = null;

  constructor(private readonly onCase: (result: CaseResult) => void) {}

  run(task: Task): Promise<number | null> {
    this.task = task;
    this.mutant = null;
    this.bytes = new Uint8Array();
    this.phase = { type: "phase", phase: "generate" };
    this.worker ??= this.start();
    return new Promise((resolve) => {
      this.finish = (resumeFrom) => {
        this.finish = null;
        this.deadline = Infinity;
        resolve(resumeFrom !== null && resumeFrom < task.mutants ? resumeFrom : null);
      };
      this.worker!.postMessage(task);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  checkDeadline(): void {
    if (this.finish === null || performance.now() < this.deadline) return;
    const { phase, v8Ms } = this.phase;
    const seconds = (ms: number): string => `${(ms / 1000).toFixed(0)} s`;
    if (phase === "v8-run") {
      this.report({ "timeouts: V8 did not finish": 1 }, null, false);
    } else if (phase === "wasmi-run" && (v8Ms ?? 0) * WASMI_SLOWDOWN > WASMI_RUN_MIN_MS) {
      this.report({ "timeouts: wasmi-ts too slow for the time budget": 1 }, null, false);
    } else if (phase === "wasmi-run") {
      this.report({}, `hang: wasmi-ts did not finish within ${seconds(WASMI_RUN_MIN_MS)} a run that V8 did in ${v8Ms!.toFixed(1)} ms`);
    } else {
      this.report({}, `hang: the ${phase} phase did not finish within ${seconds(phase === "generate" ? GENERATE_MS : COMPILE_MS)}`);
    }
    this.abandon();
  }

  private start(): Worker {
    const worker = new Worker(new URL("./worker-entry.mjs", import.meta.url));
    // Events of a worker already replaced (after a timeout) are ignored.
    worker.on("message", (message: WorkerMessage) => {
      if (this.worker === worker) this.receive(message);
    });
    worker.on("error", (error) => {
      if (this.worker !== worker) return;
      if (this.finish !== null) this.report({}, `the worker failed: ${error.stack ?? String(error)}`);
      this.abandon();
    });
    worker.on("exit", (code) => {
      if (this.worker !== worker) return;
      if (this.finish !== null) this.report({}, `the worker exited (code ${code})`);
      this.abandon();
    });
    return worker;
  }

  private receive(message: WorkerMessage): void {
    switch (message.type) {
      case "phase":
        this.phase = message;
        this.deadline = performance.now() + budget(message);
        break;
      case "case":
        this.mutant = message.mutant;
        this.bytes = message.bytes;
        break;
      case "result":
        this.report(message.counters, message.disagreement);
        break;
      case "done":
        this.finish?.(null);
        break;
    }
  }

  private report(counters: Counters, disagreement: string | null, completed = true): void {
    const task = this.task!;
    const ref = { seed: task.seed, module: task.module, mutant: this.mutant };
    this.onCase({ ref, bytes: this.bytes, counters, disagreement, completed });
  }

  /** Terminates the worker after a timeout or failure; the task resumes after the current case. */
  private abandon(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    // A failure while generating leaves nothing to resume: the mutants need the generated module.
    const resumeFrom = this.phase.phase === "generate" ? null : this.mutant === null ? 0 : this.mutant + 1;
    this.finish?.(resumeFrom);
  }
}

function budget(phase: WorkerMessage & { type: "phase" }): number {
  switch (phase.phase) {
    case "generate":
      return GENERATE_MS;
    case "compile":
      return COMPILE_MS;
    case "v8-run":
      return V8_RUN_MS;
    case "wasmi-run":
      return Math.min(Math.max(WASMI_RUN_MIN_MS, (phase.v8Ms ?? 0) * WASMI_SLOWDOWN), WASMI_RUN_MAX_MS);
  }
}
