// `wasmi-ts run`: WASI programs (arguments, environment, directories, standard streams, exit codes),
// --preload, --invoke, imports, and the command line's syntax and errors.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliExamples, COPY_STDIN_WAT, runCli, tempDir } from "./harness.js";

const echo = join(cliExamples, "echo.wat");
const cat = join(cliExamples, "cat.wat");

const WASI = `"wasi_snapshot_preview1"`;
/** A module whose _start calls proc_exit(code). */
const exitWith = (code: number): string =>
  `(module (import ${WASI} "proc_exit" (func $exit (param i32))) (memory (export "memory") 1)
     (func (export "_start") (call $exit (i32.const ${code}))))`;

describe("wasmi-ts run: a WASI program's arguments", () => {
  it("passes the arguments after the file, argv[0] being the file's base name (as wasmtime)", () => {
    expect(runCli(["run", echo, "a", "b c", "-x"])).toEqual({ code: 0, stdout: ["echo.wat", "a", "b c", "-x"], stderr: [] });
  });

  it("passes options and -- after the file to the guest, as they are", () => {
    expect(runCli(["run", echo, "--invoke", "f", "--", "--env", "X=1"]).stdout).toEqual(["echo.wat", "--invoke", "f", "--", "--env", "X=1"]);
  });

  it("ends the options at a -- before the file", () => {
    const dir = tempDir({ "-odd.wat": `(module (func (export "_start")))` });
    expect(runCli(["run", "--env", "A=1", "--", echo, "x"]).stdout).toEqual(["echo.wat", "x", "A=1"]);
    expect(runCli(["run", "--", join(dir, "-odd.wat")]).code).toBe(0);
  });

  it("takes argv[0] from --argv0", () => {
    expect(runCli(["run", "--argv0", "busybox", echo, "ls"]).stdout).toEqual(["busybox", "ls"]);
    expect(runCli(["run", "--argv0=", echo]).stdout).toEqual([""]);
  });

  it("runs without the run command too (wasmi-ts FILE ARGS), a -- after the file ending wasmi-ts 0.1's options", () => {
    expect(runCli([echo, "a", "b"]).stdout).toEqual(["echo.wat", "a", "b"]);
    expect(runCli(["--env", "A=1", echo, "a"]).stdout).toEqual(["echo.wat", "a", "A=1"]);
    expect(runCli([echo, "--", "--invoke", "x"]).stdout).toEqual(["echo.wat", "--invoke", "x"]);
    // wasmi-ts 0.1's options after the file still are options there
    expect(runCli([echo, "--invoke", "f"]).stderr[0]).toMatch(/no function "f"/);
  });
});

describe("wasmi-ts run: the environment (--env)", () => {
  it("gives the guest only the --env variables, in order, a later one replacing an earlier one", () => {
    expect(runCli(["run", "--env", "A=1", "--env=B=x=y", "--env", "C=", "--env", "A=2", echo]).stdout).toEqual([
      "echo.wat", "A=2", "B=x=y", "C=",
    ]);
  });

  it("copies --env NAME from the host's environment, and leaves it unset if the host has none", () => {
    const run = runCli(["run", "--env", "HOME", "--env", "UNSET", echo], { env: { HOME: "/home/me", OTHER: "no" } });
    expect(run.stdout).toEqual(["echo.wat", "HOME=/home/me"]);
  });
});

describe("wasmi-ts run: directories (--dir)", () => {
  it("lets the guest read a file of the directory and print it", () => {
    const dir = tempDir({ "notes.txt": "first line\nsecond line\n" });
    expect(runCli(["run", "--dir", dir, cat, "notes.txt"])).toEqual({ code: 0, stdout: ["first line", "second line"], stderr: [] });
    expect(runCli(["run", `--dir=${dir}::/data`, cat, "notes.txt"]).stdout).toEqual(["first line", "second line"]);
  });

  it("keeps the guest inside the directory", () => {
    const outside = tempDir({ "secret.txt": "secret\n" });
    const inside = tempDir();
    const run = runCli(["run", "--dir", inside, cat, `../${outside.split(/[\\/]/).pop()}/secret.txt`]);
    expect(run.code).toBe(1);
    expect(run.stdout).toEqual([]);
  });

  it("exits with the guest's code, its messages on stderr", () => {
    const dir = tempDir();
    expect(runCli(["run", "--dir", dir, cat, "missing.txt"])).toEqual({ code: 1, stdout: [], stderr: ["cat: cannot open missing.txt"] });
    // without --dir, descriptor 3 is not open
    expect(runCli(["run", cat, "x.txt"]).code).toBe(1);
  });

  it("refuses a host directory that does not exist, or is a file, or a guest path given twice (usage errors)", () => {
    const dir = tempDir({ "file.txt": "" });
    const missing = runCli(["run", "--dir", join(dir, "nope"), cat]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toEqual([`error: --dir: cannot open ${join(dir, "nope")}: no such directory`, "(wasmi-ts run --help shows the usage)"]);
    expect(runCli(["run", "--dir", join(dir, "file.txt"), cat]).stderr[0]).toMatch(/file\.txt: not a directory$/);
    expect(runCli(["run", "--dir", `${dir}::/d`, "--dir", `${dir}::/d`, cat]).stderr[0]).toMatch(/guest path \/d is given twice/);
    expect(runCli(["run", "--dir", "::/d", cat]).code).toBe(2);
    expect(runCli(["run", "--dir", `${dir}::`, cat]).code).toBe(2);
  });
});

describe("wasmi-ts run: standard streams and exit codes", () => {
  it("exits with the code given to proc_exit", () => {
    const dir = tempDir({ "exit42.wat": exitWith(42), "exit0.wat": exitWith(0), "exit300.wat": exitWith(300) });
    expect(runCli(["run", join(dir, "exit42.wat")])).toEqual({ code: 42, stdout: [], stderr: [] });
    expect(runCli([join(dir, "exit42.wat")]).code).toBe(42);
    expect(runCli(["run", join(dir, "exit0.wat")]).code).toBe(0);
    // beyond what a process can exit with: 1, not 300 & 255
    expect(runCli(["run", join(dir, "exit300.wat")]).code).toBe(1);
  });

  it("exits with the code of a proc_exit in the start function or in an --invoke'd function", () => {
    const dir = tempDir({
      "start.wat": `(module (import ${WASI} "proc_exit" (func $exit (param i32))) (func $s (call $exit (i32.const 7))) (start $s))`,
      "quit.wat": `(module (import ${WASI} "proc_exit" (func $exit (param i32))) (func (export "quit") (call $exit (i32.const 5))))`,
    });
    expect(runCli(["run", join(dir, "start.wat")]).code).toBe(7);
    expect(runCli(["run", "--invoke", "quit", join(dir, "quit.wat")])).toEqual({ code: 5, stdout: [], stderr: [] });
  });

  it("passes the guest's output on line by line, the unfinished last line at the end", () => {
    const dir = tempDir({
      "write.wat": `(module (import ${WASI} "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1) (data (i32.const 16) "one\\ntwo")
        (func (export "_start") (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 7))
          (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
          (drop (call $w (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))))`,
    });
    expect(runCli(["run", join(dir, "write.wat")])).toEqual({ code: 0, stdout: ["one", "two"], stderr: ["one", "two"] });
    const bytes: number[] = [];
    const run = runCli(["run", join(dir, "write.wat")], { guestStdout: (data) => bytes.push(...data) });
    expect(new TextDecoder().decode(new Uint8Array(bytes))).toBe("one\ntwo");
    expect(run.stdout).toEqual([]);
  });

  it("gives the guest io's standard input", () => {
    const dir = tempDir({ "copy.wat": COPY_STDIN_WAT });
    expect(runCli(["run", join(dir, "copy.wat")], { guestStdin: "piped\ninput\n" }).stdout).toEqual(["piped", "input"]);
    expect(runCli(["run", join(dir, "copy.wat")]).stdout).toEqual([]);
  });

  it("reports a trap in _start with its backtrace, exit code 3, after the guest's output", () => {
    const dir = tempDir({
      "trap.wat": `(module $m (import ${WASI} "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
        (memory (export "memory") 1) (data (i32.const 16) "before")
        (func $boom unreachable)
        (func (export "_start") (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 6))
          (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))) (call $boom)))`,
    });
    const run = runCli(["run", join(dir, "trap.wat")]);
    expect(run.code).toBe(3);
    expect(run.stdout).toEqual(["before"]);
    expect(run.stderr[0]).toBe("trap: unreachable");
    expect(run.stderr[1]).toBe("wasm backtrace:");
    expect(run.stderr[2]).toMatch(/ - m!boom$/);
  });

  it("reports a Wasm exception that no handler caught, with its values and backtrace, as a trap's exit code", () => {
    const dir = tempDir({
      "throw.wat": `(module $m (tag $e (param i32 f64))
        (func $thrower (throw $e (i32.const 7) (f64.const 2.5)))
        (func (export "_start") (call $thrower)))`,
    });
    const run = runCli(["run", join(dir, "throw.wat")]);
    expect(run.code).toBe(3);
    expect(run.stderr[0]).toBe("error: uncaught Wasm exception: tag [i32 f64] -> [], values [7, 2.5]");
    expect(run.stderr[1]).toBe("wasm backtrace:");
    expect(run.stderr[2]).toMatch(/ - m!thrower$/);
    expect(run.stderr[3]).toMatch(/ - m!_start$|m!<[^>]*>$/);
  });

  it("stops a _start that runs too long (--timeout) or out of fuel (--fuel)", () => {
    const dir = tempDir({ "spin.wat": `(module (func (export "_start") (loop (br 0))))` });
    expect(runCli(["run", "--timeout", "50", join(dir, "spin.wat")])).toMatchObject({ code: 3, stderr: [expect.stringMatching(/^trap: deadline exceeded$/), "wasm backtrace:", expect.any(String)] });
    expect(runCli(["run", "--fuel=1000", join(dir, "spin.wat")]).stderr[0]).toBe("trap: all fuel consumed");
  });

  it("refuses arguments for a module without _start, unless --invoke names a function", () => {
    const add = join(cliExamples, "../../../examples/add.wat");
    expect(runCli(["run", add])).toEqual({ code: 0, stdout: [], stderr: [] });
    expect(runCli(["run", add, "1"]).code).toBe(2);
    expect(runCli(["run", "--invoke", "add", add, "1", "2"])).toEqual({ code: 0, stdout: ["3"], stderr: [] });
    expect(runCli(["run", "--invoke=divmod", add, "17", "5"]).stdout).toEqual(["3", "2"]);
  });
});

describe("wasmi-ts run: imports and --preload", () => {
  const dir = tempDir({
    "lib.wat": `(module (func (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))`,
    "main.wat": `(module (import "lib" "double" (func $d (param i32) (result i32)))
      (func (export "quad") (param i32) (result i32) (call $d (call $d (local.get 0)))))`,
    "reactor.wat": `(module (global $g (mut i32) (i32.const 0))
      (func (export "_initialize") (global.set $g (i32.const 7))) (func (export "get") (result i32) (global.get $g)))`,
    "uses-reactor.wat": `(module (import "r" "get" (func $get (result i32))) (func (export "get") (result i32) (call $get)))`,
    "logger.wat": `(module (import ${WASI} "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
      (memory (export "memory") 1) (data (i32.const 16) "hello from a preload\\n")
      (func (export "say") (i32.store (i32.const 0) (i32.const 16)) (i32.store (i32.const 4) (i32.const 21))
        (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))`,
    "says.wat": `(module (import "log" "say" (func $say)) (func (export "_start") (call $say) (call $say)))`,
    "needs.wat": `(module (import "env" "f" (func)) (import "env" "g" (global i32)) (import ${WASI} "sched_yield" (func (result i32))))`,
    "exit.wat": `(module (func (export "proc_exit") (param i32)))`,
    "wrong-type.wat": `(module (import ${WASI} "proc_exit" (func (param i64))))`,
  });
  const at = (name: string): string => join(dir, name);

  it("links the main module to a preloaded one", () => {
    expect(runCli(["run", "--preload", `lib=${at("lib.wat")}`, "--invoke", "quad", at("main.wat"), "5"])).toEqual({ code: 0, stdout: ["20"], stderr: [] });
  });

  it("initialises a preloaded reactor (_initialize) before the main module uses it", () => {
    expect(runCli(["run", `--preload=r=${at("reactor.wat")}`, "--invoke", "get", at("uses-reactor.wat")]).stdout).toEqual(["7"]);
  });

  it("gives preloaded modules WASI too", () => {
    expect(runCli(["run", "--preload", `log=${at("logger.wat")}`, at("says.wat")]).stdout).toEqual(["hello from a preload", "hello from a preload"]);
  });

  it("names every missing import, with module and field (exit code 1)", () => {
    const run = runCli(["run", at("needs.wat")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toEqual([
      `error: ${at("needs.wat")}: unknown imports: "env" "f" (func), "env" "g" (global) (wasmi-ts provides wasi_snapshot_preview1 and the --preload modules)`,
    ]);
    expect(runCli(["run", "--invoke", "quad", at("main.wat"), "1"]).stderr[0]).toMatch(/unknown import: "lib" "double" \(func\)/);
  });

  it("reports an import of the wrong type as a link error (exit code 1)", () => {
    const run = runCli(["run", at("wrong-type.wat")]);
    expect(run.code).toBe(1);
    expect(run.stderr[0]).toMatch(/^error: cannot instantiate .*wrong-type\.wat: /);
  });

  it("reports preload errors: syntax, a missing file, a name already defined", () => {
    expect(runCli(["run", "--preload", "lib", at("main.wat")]).code).toBe(2);
    expect(runCli(["run", "--preload", "=x.wat", at("main.wat")]).code).toBe(2);
    const missing = runCli(["run", "--preload", `lib=${at("nope.wat")}`, at("main.wat")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr[0]).toMatch(/cannot read .*nope\.wat: no such file/);
    const twice = runCli(["run", "--preload", `lib=${at("lib.wat")}`, "--preload", `lib=${at("lib.wat")}`, at("main.wat")]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toEqual([`error: --preload lib=${at("lib.wat")}: "lib" "double" is already defined`]);
    const clash = runCli(["run", "--preload", `wasi_snapshot_preview1=${at("exit.wat")}`, at("lib.wat")]);
    expect(clash.stderr[0]).toMatch(/"wasi_snapshot_preview1" "proc_exit" is already defined/);
  });
});

describe("wasmi-ts run: usage", () => {
  it("reports usage errors with exit code 2", () => {
    expect(runCli(["run"]).stderr).toEqual(["error: no module file given", "(wasmi-ts run --help shows the usage)"]);
    expect(runCli(["run", "--frobnicate", echo]).stderr[0]).toBe("error: unknown option --frobnicate");
    expect(runCli(["run", "--env"]).stderr[0]).toBe("error: --env needs a value");
    expect(runCli(["run", "--env", "=x", echo]).code).toBe(2);
    expect(runCli(["run", "--fuel", "x", echo]).code).toBe(2);
    expect(runCli(["run", join(cliExamples, "missing.wat")]).stderr[0]).toMatch(/cannot read .*missing\.wat: no such file/);
  });

  it("prints the help of run, of wast, and the list of commands", () => {
    for (const argv of [["run", "--help"], ["run", "-h"], ["help", "run"]]) {
      const help = runCli(argv);
      expect(help.code).toBe(0);
      expect(help.stdout[0]).toMatch(/^usage: wasmi-ts run \[OPTIONS\] \[--\] FILE\.wasm\|FILE\.wat \[ARGS\.\.\.\]/);
      expect(help.stdout[0]).toMatch(/--dir HOST\[::GUEST\].*--env NAME=VALUE.*--invoke NAME.*--preload NAME=FILE.*exit codes/s);
    }
    expect(runCli(["wast", "--help"]).stdout[0]).toMatch(/^usage: wasmi-ts wast \[--wasm2\] FILE\.wast\.\.\./);
    expect(runCli(["help", "wast"]).stdout).toEqual(runCli(["wast", "--help"]).stdout);
    const top = runCli(["--help"]).stdout[0]!;
    expect(top).toMatch(/^usage: wasmi-ts COMMAND/);
    expect(top).toMatch(/\n {2}run {3}.*\n {2}wast {2}.*\n {2}help {2}/);
    expect(runCli(["help"]).stdout).toEqual([top]);
    expect(runCli(["help", "nope"]).code).toBe(2);
  });

  it("passes --help after the file to the guest", () => {
    expect(runCli(["run", echo, "--help"]).stdout).toEqual(["echo.wat", "--help"]);
  });
});
