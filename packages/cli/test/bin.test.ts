// The built executable (dist/cli.js, made by `pnpm build`): shebang, exit codes and output through a real process.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { WASI } from "node:wasi";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cliExamples, COPY_STDIN_WAT, tempDir } from "./harness.js";

const bin = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const example = fileURLToPath(new URL("../../../examples/add.wat", import.meta.url));

const wasmiTs = (args: string[], input?: string) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input });

describe("the built wasmi-ts executable", () => {
  it("exists (pnpm build makes it) and starts with a node shebang", () => {
    expect(existsSync(bin), `${bin} is missing: run pnpm build first`).toBe(true);
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

  it("runs a C program compiled here (examples/wasi/wc.wasm) exactly as node:wasi does", () => {
    const dir = fileURLToPath(new URL("../../../examples/wasi/", import.meta.url));
    const wasm = join(dir, "wc.wasm");
    const args = ["poem.txt", "missing.txt"]; // a file it counts, then one it reports missing
    const ours = wasmiTs(["run", "--dir", `${dir}::/`, wasm, ...args]);
    const native = runOnNodeWasi(wasm, dir, ["wc.wasm", ...args]);
    expect(ours.stdout).toContain("poem.txt");
    expect(ours.stderr).toContain("missing.txt");
    expect({ stdout: ours.stdout, stderr: ours.stderr, status: ours.status }).toEqual(native);
    expect(ours.status).toBe(1);
  });
});

/** Runs `wasm` through Node's own WASI with `dir` preopened as "/": its stdout, stderr and exit code. */
function runOnNodeWasi(wasm: string, dir: string, args: string[]): { stdout: string; stderr: string; status: number } {
  const scratch = mkdtempSync(join(tmpdir(), "wasmi-ts-cli-"));
  const out = openSync(join(scratch, "out"), "w");
  const err = openSync(join(scratch, "err"), "w");
  try {
    const wasi = new WASI({ version: "preview1", args, env: {}, preopens: { "/": dir }, stdout: out, stderr: err, returnOnExit: true });
    const native = (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object; Instance: new (m: object, i: object) => object } }).WebAssembly;
    const instance = new native.Instance(new native.Module(readFileSync(wasm)), wasi.getImportObject());
    const status = wasi.start(instance as never);
    return { stdout: readFileSync(join(scratch, "out"), "utf8"), stderr: readFileSync(join(scratch, "err"), "utf8"), status };
  } finally {
    closeSync(out);
    closeSync(err);
    rmSync(scratch, { recursive: true, force: true });
  }
}
