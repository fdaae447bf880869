// The runners, loaded on demand (a child process loads only its own runner), and the variants of
// wasmi-ts, which are measured interleaved with it (run-runner.ts) and reported relative to it (report.ts).
import type { Runner } from "../runner.js";

export const RUNNERS = {
  native: async () => (await import("./native.js")).runner,
  "wasmi-ts": async () => (await import("./wasmi-ts.js")).runner,
  "wasmi-ts-fuel": async () => (await import("./wasmi-ts.js")).fuelRunner,
  "wasmi-ts-deadline": async () => (await import("./wasmi-ts.js")).deadlineRunner,
  polywasm: async () => (await import("./polywasm.js")).runner,
  "wasm-interp": async () => (await import("./wasm-interp.js")).runner,
} satisfies Record<string, () => Promise<Runner>>;

export type RunnerName = keyof typeof RUNNERS;

/** wasmi-ts with one feature on: what it costs is the variant's time over plain wasmi-ts's. */
export const WASMI_TS_VARIANTS = ["wasmi-ts-fuel", "wasmi-ts-deadline"] as const satisfies readonly RunnerName[];
export type WasmiTsVariant = (typeof WASMI_TS_VARIANTS)[number];

export function isWasmiTsVariant(runner: RunnerName): runner is WasmiTsVariant {
  return (WASMI_TS_VARIANTS as readonly RunnerName[]).includes(runner);
}
