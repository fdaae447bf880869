// The built executable (dist/cli.js, made by `pnpm build`): shebang, exit codes and output through a real process.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cliExamples, COPY_STDIN_WAT, tempDir } from "./harness.js";

const bin = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const example = fileURLToPath(new URL("../../../examples/add.wat", import.meta.url));

const wasmiTs = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input });

describe.skipIf(!existsSync(bin))("the built wasmi-ts executable", () => {
  it("starts with a node shebang", () => {
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("runs a function and exits 0", () => {
    const run = wasmiTs([example, "--invoke", "add", "20", "22"]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("42\n");
    expect(run.status).toBe(0);
  });

  it("prints traps on stderr and exits 3", () => {
    const run = wasmiTs([example, "--invoke", "div", "1", "0"]);
    expect(run.stderr).toBe("trap: integer divide by zero\nwasm backtrace:\n    0:   0x9b - <unknown>!<wasm function 2>\n");
    expect(run.status).toBe(3);
  });

  it("runs a WASI program on the process's streams, with a directory, exiting with its code", () => {
    const dir = tempDir({ "a.txt": "from a file\n" });
    const cat = join(cliExamples, "cat.wat");
    const ok = wasmiTs(["run", "--dir", dir, cat, "a.txt"]);
    expect(ok).toMatchObject({ status: 0, stdout: "from a file\n", stderr: "" });
    const missing = wasmiTs(["run", "--dir", dir, cat, "a.txt", "b.txt"]);
    expect(missing).toMatchObject({ status: 1, stdout: "from a file\n", stderr: "cat: cannot open b.txt\n" });
  });

  it("gives a WASI program the process's standard input", () => {
    const dir = tempDir({ "copy.wat": COPY_STDIN_WAT });
    expect(wasmiTs(["run", join(dir, "copy.wat")], "piped input\nno newline")).toMatchObject({ status: 0, stdout: "piped input\nno newline" });
  });
});
