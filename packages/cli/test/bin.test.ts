// The built executable (dist/cli.js, made by `pnpm build`): shebang, exit codes and output through a real process.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const example = fileURLToPath(new URL("../../../examples/add.wat", import.meta.url));

describe.skipIf(!existsSync(bin))("the built wasmi-ts executable", () => {
  it("starts with a node shebang", () => {
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("runs a function and exits 0", () => {
    const run = spawnSync(process.execPath, [bin, example, "--invoke", "add", "20", "22"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("42\n");
    expect(run.status).toBe(0);
  });

  it("prints traps on stderr and exits 3", () => {
    const run = spawnSync(process.execPath, [bin, example, "--invoke", "div", "1", "0"], { encoding: "utf8" });
    expect(run.stderr).toBe("trap: integer divide by zero\nwasm backtrace:\n    0:   0x9b - <unknown>!<wasm function 2>\n");
    expect(run.status).toBe(3);
  });
});
