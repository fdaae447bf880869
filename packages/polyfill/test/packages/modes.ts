// The modes in which ../packages.test.ts runs each workload script of this folder, and the environment
// variable that tells a script's setup.ts which one it is in (shared by the runner and the scripts).
export type Mode = "native" | "polyfill" | "jitless";
export const MODES: readonly Mode[] = ["native", "polyfill", "jitless"];
export const MODE_VARIABLE = "WASMI_TS_PACKAGES_MODE";
