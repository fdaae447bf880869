// Runs host-calls.ts in a child process (under --jitless in that mode) and returns what it measured.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { HostCallCosts } from "./host-calls.js";

export function measureHostCalls(jitless: boolean): HostCallCosts | null {
  const script = fileURLToPath(new URL("./host-calls.ts", import.meta.url));
  const child = spawnSync(process.execPath, [...(jitless ? ["--jitless"] : []), "--conditions=@wasmi-ts/source", "--import", "tsx", script], {
    encoding: "utf8",
    timeout: 120_000,
  });
  try {
    return JSON.parse(child.stdout) as HostCallCosts;
  } catch {
    return null;
  }
}
