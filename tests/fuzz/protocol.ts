// Messages between the pool (main thread) and a fuzz worker.

import type { Counters } from "./counters.js";

/** Check module `module` of `seed`, then its mutants `firstMutant` .. `mutants - 1` (firstMutant -1: the module too). */
export interface Task {
  seed: number;
  module: number;
  mutants: number;
  /** -1 to start with the generated module; a mutant's number to resume after a timeout. */
  from: number;
}

export type WorkerMessage =
  /** Case `mutant` (null: the generated module) starts; its bytes are there to be saved if it hangs. */
  | { type: "case"; mutant: number | null; bytes: Uint8Array }
  | { type: "phase"; phase: "generate" | "compile" | "v8-run" | "wasmi-run"; v8Ms?: number }
  | { type: "result"; mutant: number | null; counters: Counters; disagreement: string | null }
  | { type: "done" };
