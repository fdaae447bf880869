// The resumable and async call cases (resumable-cases.ts) again, under node --jitless (no JIT, no
// WebAssembly), in a child process: suspending and resuming must not depend on anything a JIT gives.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { CASES } from "./resumable-cases.js";

it("passes every resumable and async call case under node --jitless", () => {
  const script = fileURLToPath(new URL("./fixtures/run-resumable-cases.ts", import.meta.url));
  const child = spawnSync(process.execPath, ["--jitless", "--conditions=@wasmi-ts/source", "--import", "tsx", script], {
    encoding: "utf8",
    timeout: 300_000,
  });
  const output = `${child.stdout}\n${child.stderr}`;
  const total = Object.values(CASES).reduce((n, cases) => n + Object.keys(cases).length, 0);
  expect(output).toContain(`${total} passed, 0 failed; WebAssembly: undefined`);
  expect(child.status, output).toBe(0);
});
