// The runners, loaded on demand (a child process loads only its own runner).
import type { Runner } from "../runner.js";

export const RUNNERS = {
  native: async () => (await import("./native.js")).runner,
  "wasmi-ts": async () => (await import("./wasmi-ts.js")).runner,
  "wasmi-ts-fuel": async () => (await import("./wasmi-ts.js")).fuelRunner,
  polywasm: async () => (await import("./polywasm.js")).runner,
  "wasm-interp": async () => (await import("./wasm-interp.js")).runner,
} satisfies Record<string, () => Promise<Runner>>;

export type RunnerName = keyof typeof RUNNERS;
