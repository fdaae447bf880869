// examples/async/run.ts, the repository's example of async host functions and cooperative scheduling,
// runs as its header says and prints what it should (in a child process, from the repository's root).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

it("examples/async/run.ts loads items through an async host function and keeps a timer firing", () => {
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  const child = spawnSync(process.execPath, ["--conditions=@wasmi-ts/source", "--import", "tsx", "examples/async/run.ts"], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(child.status, child.stderr).toBe(0);
  expect(child.stdout).toBe([
    "loaded item 1: 100 bytes",
    "loaded item 2: 200 bytes",
    "loaded item 3: 300 bytes",
    "loaded item 4: 400 bytes",
    "total: 1000 bytes; the event loop ran meanwhile: true",
    "primes below 200000: 17984; a 1 ms timer fired while Wasm computed: true",
    "",
  ].join("\n"));
});
