import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type CliIO, main } from "../src/index.js";
import { F32, F64, I32, I64, localGet, moduleBytes } from "./wasm-bytes.js";

interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
}

function runCli(...argv: string[]): Run {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIO = {
    stdout: (line) => stdout.push(line),
    stderr: (line) => stderr.push(line),
    readFile: (path) => new Uint8Array(readFileSync(path)),
  };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

/** Writes `text` to a file of the test's temporary directory; returns its path. */
function writeTemp(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
let dir: string;
let wasm: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wasmi-ts-cli-"));
  wasm = join(dir, "test.wasm");
  writeFileSync(
    wasm,
    moduleBytes([
      { name: "add", params: [I32, I32], results: [I32], code: [...localGet(0), ...localGet(1), 0x6a] },
      { name: "div", params: [I32, I32], results: [I32], code: [...localGet(0), ...localGet(1), 0x6d] },
      { name: "id64", params: [I64], results: [I64], code: localGet(0) },
      { name: "idf32", params: [F32], results: [F32], code: localGet(0) },
      { name: "idf64", params: [F64], results: [F64], code: localGet(0) },
      { name: "swap", params: [I32, I64], results: [I64, I32], code: [...localGet(1), ...localGet(0)] },
      { name: "boom", params: [], results: [], code: [0x00] },
      { name: "idv128", params: [0x7b], results: [0x7b], code: localGet(0) },
    ]),
  );
});

describe("wasmi-ts on a binary module", () => {
  it("invokes a function and prints its result", () => {
    expect(runCli(wasm, "--invoke", "add", "2", "40")).toEqual({ code: 0, stdout: ["42"], stderr: [] });
  });

  it("parses arguments by the parameter types: i32 wraps, hex, negative numbers", () => {
    expect(runCli(wasm, "--invoke", "add", "4294967295", "0x10").stdout).toEqual(["15"]);
    expect(runCli(wasm, "--invoke", "add", "-7", "2").stdout).toEqual(["-5"]);
  });

  it("prints i64 results in decimal, without precision loss", () => {
    expect(runCli(wasm, "--invoke", "id64", "9007199254740993").stdout).toEqual(["9007199254740993"]);
    expect(runCli(wasm, "--invoke", "id64", "18446744073709551615").stdout).toEqual(["-1"]);
  });

  it("prints floats as JS prints numbers", () => {
    expect(runCli(wasm, "--invoke", "idf64", "0.1").stdout).toEqual(["0.1"]);
    expect(runCli(wasm, "--invoke", "idf64", "-0").stdout).toEqual(["-0"]);
    expect(runCli(wasm, "--invoke", "idf64", "inf").stdout).toEqual(["Infinity"]);
    expect(runCli(wasm, "--invoke", "idf64", "nan").stdout).toEqual(["NaN"]);
    expect(runCli(wasm, "--invoke", "idf32", "0.5").stdout).toEqual(["0.5"]);
    expect(runCli(wasm, "--invoke", "idf32", "0.1").stdout).toEqual([String(Math.fround(0.1))]);
  });

  it("reads and prints v128 as one 128-bit hex number", () => {
    const v = "0x000102030405060708090a0b0c0d0e0f";
    expect(runCli(wasm, "--invoke", "idv128", v).stdout).toEqual([v]);
    expect(runCli(wasm, "--invoke", "idv128", "0x1").stdout).toEqual([`0x${"0".repeat(31)}1`]);
    expect(runCli(wasm, "--invoke", "idv128", "12").code).toBe(2);
  });

  it("prints several results one per line", () => {
    expect(runCli(wasm, "--invoke", "swap", "1", "2").stdout).toEqual(["2", "1"]);
  });

  it("runs with --fuel N and traps when it runs out", () => {
    const fib = join(examples, "fib.wat");
    expect(runCli("--fuel", "1000000", fib, "--invoke", "fib", "20")).toMatchObject({ code: 0, stdout: ["6765"] });
    const starved = runCli("--fuel=100", fib, "--invoke", "fib", "20");
    expect(starved.code).toBe(3);
    expect(starved.stderr[0]).toBe("trap: all fuel consumed");
    expect(runCli("--fuel", "-5", fib).code).toBe(2);
    expect(runCli("--fuel", fib).code).toBe(2); // the file is not a number
  });

  it("stops a module with --timeout MS: in a call, and in the start function", () => {
    const fib = join(examples, "fib.wat");
    expect(runCli("--timeout", "60000", fib, "--invoke", "fib", "20")).toMatchObject({ code: 0, stdout: ["6765"] });
    const spin = writeTemp("spin.wat", `(module (func (export "spin") (loop (br 0))))`);
    const started = performance.now();
    const stopped = runCli("--timeout=50", spin, "--invoke", "spin");
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(stopped.code).toBe(3);
    expect(stopped.stderr[0]).toBe("trap: deadline exceeded");
    const spinStart = writeTemp("spin-start.wat", `(module (func $s (loop (br 0))) (start $s))`);
    const atStart = runCli("--timeout", "0", spinStart);
    expect(atStart.code).toBe(3);
    expect(atStart.stderr[0]).toBe("trap: deadline exceeded (during instantiation)");
    expect(runCli("--timeout", "1.5", fib).code).toBe(2);
    expect(runCli("--timeout", fib).code).toBe(2);
  });

  it("reports traps with their Wasm backtrace, exit code 3", () => {
    // offsets as `wasm-objdump -d` lists them: i32.div_s at 0x8e in func[1], unreachable at 0xa8 in func[6]
    const run = runCli(wasm, "--invoke", "div", "1", "0");
    expect(run.code).toBe(3);
    expect(run.stdout).toEqual([]);
    expect(run.stderr).toEqual([
      "trap: integer divide by zero",
      "wasm backtrace:",
      "    0:   0x8e - <unknown>!<wasm function 1>",
    ]);
    expect(runCli(wasm, "--invoke", "boom").stderr).toEqual([
      "trap: unreachable",
      "wasm backtrace:",
      "    0:   0xa8 - <unknown>!<wasm function 6>",
    ]);
  });

  it("names the frames from the name section", () => {
    const named = join(dir, "named.wat");
    writeFileSync(named, `(module $calc
  (func $div (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "run") (param i32) (result i32) (call $div (i32.const 7) (local.get 0))))`);
    // wasm-objdump -d: i32.div_u at 0x2d in $div, the call at 0x35 in func[1]
    expect(runCli(named, "--invoke", "run", "0")).toEqual({
      code: 3,
      stdout: [],
      stderr: [
        "trap: integer divide by zero",
        "wasm backtrace:",
        "    0:   0x2d - calc!div",
        "    1:   0x35 - calc!<wasm function 1>",
      ],
    });
  });

  it("reports a trap of the start function with its backtrace", () => {
    const start = join(dir, "start.wat");
    writeFileSync(start, `(module $m (func $init unreachable) (start $init))`);
    // wasm-objdump -d: unreachable at 0x1a
    expect(runCli(start).stderr).toEqual([
      "trap: unreachable (during instantiation)",
      "wasm backtrace:",
      "    0:   0x1a - m!init",
    ]);
  });

  it("rejects a wrong number of arguments with exit code 2", () => {
    const run = runCli(wasm, "--invoke", "add", "1");
    expect(run.code).toBe(2);
    expect(run.stderr[0]).toMatch(/takes 2 argument\(s\), got 1/);
  });

  it("rejects malformed arguments with exit code 2", () => {
    expect(runCli(wasm, "--invoke", "add", "1", "two").code).toBe(2);
    expect(runCli(wasm, "--invoke", "add", "1", "4294967296").stderr[0]).toMatch(/out of range/);
    expect(runCli(wasm, "--invoke", "idf64", "1.5x").code).toBe(2);
  });

  it("reports an unknown export with the exported functions", () => {
    const run = runCli(wasm, "--invoke", "nope");
    expect(run.code).toBe(2);
    expect(run.stderr[0]).toMatch(/no function "nope".*add\(i32, i32\)/);
  });

  it("instantiates without --invoke and prints nothing", () => {
    expect(runCli(wasm)).toEqual({ code: 0, stdout: [], stderr: [] });
  });
});

describe("wasmi-ts errors", () => {
  it("reports a missing file with exit code 2", () => {
    const run = runCli(join(dir, "missing.wasm"), "--invoke", "f");
    expect(run.code).toBe(2);
    expect(run.stderr[0]).toMatch(/cannot read .*missing\.wasm: no such file/);
  });

  it("reports a malformed binary with its offset, exit code 1", () => {
    const bad = join(dir, "bad.wasm");
    writeFileSync(bad, new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00]));
    const run = runCli(bad, "--invoke", "f");
    expect(run.code).toBe(1);
    expect(run.stderr[0]).toMatch(/malformed.*offset \d+/);
  });

  it("reports an invalid module with exit code 1", () => {
    const invalid = join(dir, "invalid.wasm");
    // i32.add on an i32 and an i64: a type error.
    writeFileSync(invalid, moduleBytes([{ name: "f", params: [I32, I64], results: [I32], code: [...localGet(0), ...localGet(1), 0x6a] }]));
    const run = runCli(invalid, "--invoke", "f", "1", "2");
    expect(run.code).toBe(1);
    expect(run.stderr[0]).toMatch(/invalid/);
  });

  it("reports usage errors with exit code 2", () => {
    expect(runCli().code).toBe(2);
    expect(runCli(wasm, "--frobnicate").code).toBe(2);
    expect(runCli(wasm, "--invoke").code).toBe(2);
  });

  it("prints help and version", () => {
    const help = runCli("--help");
    expect(help.code).toBe(0);
    expect(help.stdout.join("\n")).toMatch(/usage: wasmi-ts COMMAND \[OPTIONS\] \.\.\.\n {7}wasmi-ts \[OPTIONS\] FILE\.wasm\|FILE\.wat \[ARGS\.\.\.\]/);
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(runCli("--version").stdout).toEqual([`wasmi-ts ${pkg.version}`]);
  });
});

describe("wasmi-ts on text modules", () => {
  it("runs examples/add.wat", () => {
    const add = join(examples, "add.wat");
    expect(runCli(add, "--invoke", "add", "2", "3")).toEqual({ code: 0, stdout: ["5"], stderr: [] });
    expect(runCli(add, "--invoke", "fib", "90").stdout).toEqual(["2880067194370816120"]);
    expect(runCli(add, "--invoke", "divmod", "17", "5").stdout).toEqual(["3", "2"]);
    expect(runCli(add, "--invoke", "hypot", "3", "4").stdout).toEqual(["5"]);
    expect(runCli(add, "--invoke", "div", "1", "0")).toMatchObject({
      code: 3,
      stderr: ["trap: integer divide by zero", "wasm backtrace:", "    0:   0x9b - <unknown>!<wasm function 2>"],
    });
  });

  it("runs examples/fib.wat", () => {
    expect(runCli(join(examples, "fib.wat"), "--invoke", "fib", "20").stdout).toEqual(["6765"]);
  });

  it("reports malformed text with its position, exit code 1", () => {
    const bad = join(dir, "bad.wat");
    writeFileSync(bad, "(module\n  (func (export \"f\") (result i32)\n    (i32.frobnicate)))\n");
    const run = runCli(bad, "--invoke", "f");
    expect(run.code).toBe(1);
    expect(run.stderr[0]).toMatch(/bad\.wat:3:\d+: malformed text/);
  });
});
