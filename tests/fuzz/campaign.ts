// A fuzz run: modules of one seed (with their mutants) handed to the worker pool until the count or the time
// is up; totals and failures gathered.

import { caseId, type CaseRef } from "./cases.js";
import { addCounters, count, type Counters } from "./counters.js";
import { runPool, type CaseResult } from "./pool.js";
import type { Task } from "./protocol.js";

export interface CampaignOptions {
  seed: number;
  /** How many modules (each with its mutants); Infinity to run until `stopAt`. */
  modules: number;
  mutantsPerModule: number;
  workers: number;
  /** performance.now() after which no new module is started. */
  stopAt?: number;
  /** Called on each failing case as it comes. */
  onFailure?(failure: Failure): void;
}

export interface Failure {
  id: string;
  reason: string;
  bytes: Uint8Array;
}

export interface CampaignResult {
  counters: Counters;
  failures: Failure[];
  /** Ids of the cases that ran to the end (not stopped by the watchdog). */
  completed: Set<string>;
}

export function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  let next = 0;
  return run(options.workers, options.onFailure, () => {
    if (next >= options.modules || performance.now() >= (options.stopAt ?? Infinity)) return null;
    return { seed: options.seed, module: next++, mutants: options.mutantsPerModule, from: -1 };
  });
}

/** Checks one case alone (the generated module, or one of its mutants). */
export function runOneCase(ref: CaseRef, onFailure?: (failure: Failure) => void): Promise<CampaignResult> {
  const mutant = ref.mutant ?? -1;
  let task: Task | null = { seed: ref.seed, module: ref.module, mutants: mutant + 1, from: mutant };
  return run(1, onFailure, () => {
    const t = task;
    task = null;
    return t;
  });
}

async function run(
  workers: number,
  onFailure: ((failure: Failure) => void) | undefined,
  nextTask: () => Task | null,
): Promise<CampaignResult> {
  const result: CampaignResult = { counters: {}, failures: [], completed: new Set() };
  const onCase = (c: CaseResult): void => {
    const id = caseId(c.ref);
    addCounters(result.counters, c.counters);
    if (c.completed) result.completed.add(id);
    if (c.disagreement === null) return;
    count(result.counters, "disagreements");
    const failure = { id, reason: c.disagreement, bytes: c.bytes };
    result.failures.push(failure);
    onFailure?.(failure);
  };
  await runPool({ workers, nextTask, onCase });
  return result;
}
