// `wasmi-ts wast`: spec test scripts, their checks, failures with line numbers, and the exit code.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliExamples, runCli, tempDir } from "./harness.js";

/** Every command kind the runner supports, each passing. */
const PASSING = `
(module $lib
  (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (global (export "answer") i32 (i32.const 42)))
(register "lib" $lib)
(module
  (import "lib" "inc" (func $inc (param i32) (result i32)))
  (import "spectest" "print_i32" (func $print (param i32)))
  (import "spectest" "memory" (memory 1))
  (import "spectest" "global_i32" (global $g i32))
  (func (export "twice") (param i32) (result i32) (call $inc (call $inc (local.get 0))))
  (func (export "log") (param i32) (call $print (local.get 0)))
  (func (export "g") (result i32) (global.get $g))
  (func (export "nan") (param f64) (result f64) (f64.add (local.get 0) (f64.const 1)))
  (func (export "neg") (param i64) (result i64) (i64.sub (i64.const 0) (local.get 0)))
  (func (export "splat") (param i32) (result v128) (i32x4.splat (local.get 0)))
  (func (export "id") (param externref) (result externref) (local.get 0))
  (func (export "null") (result funcref) (ref.null func))
  (func $f (export "self") (result funcref) (ref.func $f))
  (func $rec (export "rec") (call $rec))
  (func (export "trap") unreachable))
(invoke "log" (i32.const 7))
(assert_return (invoke "twice" (i32.const 1)) (i32.const 3))
(assert_return (get $lib "answer") (i32.const 42))
(assert_return (invoke "g") (i32.const 666))
(assert_return (invoke "nan" (f64.const nan:0x4)) (f64.const nan:arithmetic))
(assert_return (invoke "neg" (i64.const 1)) (i64.const -1))
(assert_return (invoke "splat" (i32.const 3)) (v128.const i32x4 3 3 3 3))
(assert_return (invoke "id" (ref.extern 1)) (ref.extern 1))
(assert_return (invoke "null") (ref.null func))
(assert_return (invoke "self") (ref.func))
(assert_return (invoke "twice" (i32.const 0)) (either (i32.const 1) (i32.const 2)))
(assert_trap (invoke "trap") "unreachable")
(assert_exhaustion (invoke "rec") "call stack exhausted")
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
(assert_malformed (module quote "(func (i32.frobnicate))") "unknown operator")
(assert_unlinkable (module (import "lib" "nope" (func))) "unknown import")
(assert_uninstantiable (module (func $s unreachable) (start $s)) "unreachable")
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
(module definition $d (func (export "one") (result i32) (i32.const 1)))
(module instance $i $d)
(assert_return (invoke $i "one") (i32.const 1))
`;

describe("wasmi-ts wast", () => {
  it("runs every supported command, prints spectest's prints, and exits 0 when all pass", () => {
    const dir = tempDir({ "pass.wast": PASSING });
    const run = runCli(["wast", join(dir, "pass.wast")]);
    expect(run.stderr).toEqual([]);
    expect(run.stdout).toEqual(["7: i32", "25 passed, 0 failed"]);
    expect(run.code).toBe(0);
  });

  it("reports each failure with its line, counts the rest, and exits 1", () => {
    const dir = tempDir({
      "mixed.wast": [
        `(module (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))`,
        `(assert_return (invoke "add" (i32.const 1) (i32.const 1)) (i32.const 2))`,
        `(assert_return (invoke "add" (i32.const 1) (i32.const 1)) (i32.const 3))`,
        `(assert_trap (invoke "add" (i32.const 1) (i32.const 1)) "unreachable")`,
        `(assert_invalid (module (func)) "type mismatch")`,
        `(assert_return (invoke "nope"))`,
        `(assert_exception (invoke "add" (i32.const 1) (i32.const 1)))`,
        `(module (tag $e (param i32)) (func (export "throw") (throw $e (i32.const 1))))`,
        `(assert_exception (invoke "throw"))`,
      ].join("\n"),
    });
    const file = join(dir, "mixed.wast");
    const run = runCli(["wast", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toEqual([
      `${file}:3: assert_return: result [i32:2], expected [i32:3]`,
      `${file}:4: assert_trap: expected a failure, but it succeeded`,
      `${file}:5: assert_invalid: expected a failure, but it succeeded`,
      `${file}:6: assert_return: no function export "nope"`,
      `${file}:7: assert_exception: expected a failure, but it succeeded`,
    ]);
    expect(run.stdout).toEqual(["4 passed, 5 failed"]);
  });

  it("fails the commands on a module that failed", () => {
    const dir = tempDir({
      "broken.wast": `(module (import "nowhere" "f" (func)) (func (export "f")))\n(invoke "f")`,
    });
    const run = runCli(["wast", join(dir, "broken.wast")]);
    expect(run.stderr[0]).toMatch(/:1: module: link error: unknown import: "nowhere" "f"/);
    expect(run.stderr[1]).toMatch(/:2: action: no module to act on/);
    expect(run.stdout).toEqual(["0 passed, 2 failed"]);
  });

  it("totals several scripts", () => {
    const dir = tempDir({ "a.wast": `(module)`, "b.wast": `(module) (module)` });
    expect(runCli(["wast", join(dir, "a.wast"), join(dir, "b.wast")])).toEqual({ code: 0, stdout: ["3 passed, 0 failed"], stderr: [] });
  });

  it("reports a script that does not parse with its position, as a failure", () => {
    const dir = tempDir({ "bad.wast": `(module)\n(assert_return (invoke "f"` });
    const run = runCli(["wast", join(dir, "bad.wast")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toHaveLength(1);
    expect(run.stderr[0]).toMatch(/bad\.wast:2:\d+: malformed script: /);
    expect(run.stdout).toEqual(["0 passed, 1 failed"]);
  });

  it("runs the example script (one check fails on purpose)", () => {
    const run = runCli(["wast", join(cliExamples, "checks.wast")]);
    expect(run.code).toBe(1);
    expect(run.stdout).toEqual(["5 passed, 1 failed"]);
  });

  it("runs under WebAssembly 2.0's rules with --wasm2", () => {
    // two memories: multi-memory is 3.0; a memory of 2^32 pages: 2.0's text format reads limits as u32
    const dir = tempDir({
      "v2.wast": `(assert_invalid (module (memory 1) (memory 1)) "multiple memories")\n(assert_malformed (module quote "(memory 0x1_0000_0000)") "i32 constant out of range")`,
    });
    expect(runCli(["wast", "--wasm2", join(dir, "v2.wast")])).toEqual({ code: 0, stdout: ["2 passed, 0 failed"], stderr: [] });
    expect(runCli(["wast", join(dir, "v2.wast")]).stdout).toEqual(["0 passed, 2 failed"]);
  });

  it("reports usage errors with exit code 2", () => {
    expect(runCli(["wast"]).stderr).toEqual(["error: no script file given", "(wasmi-ts wast --help shows the usage)"]);
    expect(runCli(["wast", "--frob", "x.wast"]).code).toBe(2);
    expect(runCli(["wast", join(cliExamples, "missing.wast")]).stderr[0]).toMatch(/cannot read .*missing\.wast: no such file/);
  });
});
