// Whether warming V8's JIT up pays (interpret/warm-up.ts, validate/warm-up.ts).

/** Whether the host's engine has a JIT to warm up for: engines without one (node --jitless, iOS Lockdown
 * Mode, Chromium --jitless) also have no `WebAssembly`. */
export function hasJit(): boolean {
  const g = globalThis as { WebAssembly?: unknown; process?: { execArgv?: readonly string[]; env?: Record<string, string | undefined> } };
  const flags = [...(g.process?.execArgv ?? []), g.process?.env?.NODE_OPTIONS ?? ""].join(" ");
  return typeof g.WebAssembly === "object" && !flags.includes("--jitless");
}
