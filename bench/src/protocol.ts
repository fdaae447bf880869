// Messages between the bench (main.ts) and a child process (child.ts). A child does one task for one
// runner: check that it works, measure its time to first call, measure it on one workload, or (wasmi-ts
// only) measure decoding, validation and translation of every module.
import type { Size } from "./manifest.js";
import type { Measurement } from "./measure.js";
import type { RunnerName } from "./runners/index.js";
import type { StartupStats } from "./startup-stats.js";

/** Prefix of the child's message lines on stdout (other output is passed through). */
export const MESSAGE_PREFIX = "@@bench ";

export interface ChildJob {
  runner: RunnerName;
  task: "check" | "first-call" | "compile" | "measure" | "startup";
  workload: string;
  size: Size;
  runs: number;
  budgetMs: number;
  /** Time the child has from its start: it plans its timed calls to end before (it is stopped a little later). */
  planMs: number;
}

export type ChildMessage =
  | { type: "unavailable"; reason: string }
  | { type: "available" }
  | { type: "first-call"; workload: string; ms?: number; value?: string; error?: string }
  | { type: "compile"; ms?: number; error?: string }
  | { type: "startup"; modules: StartupStats[]; error?: string }
  | ({ type: "result" } & Measurement);
