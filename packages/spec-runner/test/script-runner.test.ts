import { describe, expect, it } from "vitest";
import { readScript } from "../src/script-adapter.js";
import { ScriptRunner } from "../src/script-runner.js";
import { SpecHostRefs } from "../src/values.js";

/** Runs a script; returns `line: ok` or `line: FAIL detail` per check. */
function run(script: string): string[] {
  const results = new ScriptRunner(new SpecHostRefs()).run(readScript(script, "test.wast"));
  return results.map((r) => (r.ok ? `${r.line}: ok` : `${r.line}: FAIL ${r.detail}`));
}

describe("ScriptRunner: module-level assertions", () => {
  it("checks invalid, malformed and unlinkable modules", () => {
    const results = run(`
(assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")
(assert_malformed (module binary "\\00asm\\02\\00\\00\\00") "unknown binary version")
(assert_malformed (module quote "(func (i32.frobnicate))") "unknown operator")
(assert_unlinkable (module (import "nowhere" "f" (func))) "unknown import")
(assert_unlinkable (module (import "spectest" "global_i32" (global i64))) "incompatible import type")
`);
    expect(results).toEqual(["2: ok", "3: ok", "4: ok", "5: ok", "6: ok"]);
  });

  it("fails an assertion that does not hold, with the reason", () => {
    const results = run(`
(assert_invalid (module (func (result i32) (i32.const 0))) "type mismatch")
(assert_malformed (module binary "\\00asm\\01\\00\\00\\00") "unexpected end")
(assert_malformed (module quote "(func)") "unexpected token")
(assert_unlinkable (module (import "spectest" "print_i32" (func (param i32)))) "unknown import")
`);
    expect(results).toEqual([
      "2: FAIL expected a failure, but it succeeded",
      "3: FAIL expected a failure, but it succeeded",
      `4: FAIL malformed text ("unexpected token") was accepted by the text parser`,
      "5: FAIL expected a failure, but it succeeded",
    ]);
  });

  it("checks custom annotations: rejected by the text parser as malformed/invalid, with the expected message's start", () => {
    const results = run(`
(assert_malformed_custom (module quote "(@custom \\"bla\\" (aft type))") "@custom annotation: malformed placement")
(assert_malformed_custom (module quote "(module (@name \\"M1\\") (@name \\"M2\\"))") "@name annotation: multiple module")
(assert_invalid_custom (module (func (@metadata.code.branch_hint "\\01") nop)) "@metadata.code.branch_hint annotation: invalid target")
(assert_malformed_custom (module quote "(@custom \\"bla\\" (aft type))") "@custom annotation: malformed section kind")
(assert_malformed_custom (module quote "(func (i32.frobnicate))") "@custom annotation: missing section name")
(assert_malformed_custom (module quote "(@custom \\"bla\\")") "misplaced @custom annotation")
(assert_malformed_custom (module (func (@metadata.code.branch_hint "\\01") nop)) "@metadata.code.branch_hint annotation: invalid target")
(assert_invalid_custom (module (func (@metadata.code.branch_hint "\\01") (if (i32.const 0) (then)))) "@metadata.code.branch_hint annotation: invalid target")
`);
    expect(results).toEqual([
      "2: ok",
      "3: ok",
      "4: ok",
      `5: FAIL expected malformed custom annotation "@custom annotation: malformed section kind", got malformed "@custom annotation: malformed placement"`,
      `6: FAIL expected malformed custom annotation ("@custom annotation: missing section name"), got WastSyntaxError: unknown operator at test.wast:6:26`,
      `7: FAIL malformed custom annotation ("misplaced @custom annotation") was accepted by the text parser`,
      `8: FAIL expected malformed custom annotation "@metadata.code.branch_hint annotation: invalid target", got invalid "@metadata.code.branch_hint annotation: invalid target"`,
      `9: FAIL invalid custom annotation ("@metadata.code.branch_hint annotation: invalid target") was accepted by the text parser`,
    ]);
  });

  it("counts a failing module and every later command that needs it as failures", () => {
    const results = run(`
(module $M (func (export "f") (result i32) (i64.const 0)))
(assert_return (invoke "f") (i32.const 0))
(assert_return (invoke $M "f") (i32.const 0))
(register "M" $M)
`);
    expect(results[0]).toMatch(/^2: FAIL invalid: /);
    expect(results[1]).toMatch(/^3: FAIL no module instance/);
    expect(results[2]).toBe("4: FAIL unknown module M");
    expect(results[3]).toBe("5: FAIL unknown module M");
  });
});

describe("ScriptRunner: actions", () => {
  it("runs invoke/get with assert_return, assert_trap and named, registered modules", () => {
    const results = run(`
(module $A
  (global (export "g") f32 (f32.const -0x1p-1))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "nan") (result f32) (f32.const nan:0x200000))
  (func (export "div") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1))))
(assert_return (invoke "add" (i32.const 1) (i32.const -2)) (i32.const -1))
(assert_return (invoke "add" (i32.const 1) (i32.const 1)) (i32.const 3))
(assert_return (invoke "nan") (f32.const nan:0x200000))
(assert_return (invoke "nan") (f32.const nan:arithmetic))
(assert_return (get "g") (f32.const -0.5))
(assert_trap (invoke "div" (i32.const 1) (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i32.const 1) (i32.const 1)) "integer divide by zero")
(register "A" $A)
(module $B (import "A" "add" (func $add (param i32 i32) (result i32)))
  (func (export "twice") (param i32) (result i32) (call $add (local.get 0) (local.get 0))))
(assert_return (invoke $B "twice" (i32.const 21)) (i32.const 42))
(assert_return (invoke $A "add" (i32.const 2) (i32.const 2)) (i32.const 4))
(module (func (export "f") (param externref) (result externref) (local.get 0)))
(assert_return (invoke "f" (ref.extern 3)) (ref.extern 3))
(assert_return (invoke "f" (ref.null extern)) (ref.null extern))
`);
    expect(results).toEqual([
      "2: ok",
      "7: ok",
      "8: FAIL result [i32:2 (0x00000002)], expected [i32:0x00000003]",
      "9: ok",
      "10: FAIL result [f32:NaN (0x7fa00000)], expected [f32:nan:arithmetic]",
      "11: ok",
      "12: ok",
      "13: FAIL expected a failure, but it succeeded",
      "14: ok",
      "15: ok",
      "17: ok",
      "18: ok",
      "19: ok",
      "20: ok",
      "21: ok",
    ]);
  });

  it("checks stack exhaustion and instantiation traps", () => {
    const results = run(`
(module (func $f (export "f") (call $f)))
(assert_exhaustion (invoke "f") "call stack exhausted")
(assert_trap (module (func $s unreachable) (start $s)) "unreachable")
(assert_trap (module (func $s) (start $s)) "unreachable")
`);
    expect(results).toEqual(["2: ok", "3: ok", "4: ok", "5: FAIL expected a failure, but it succeeded"]);
  });

  it("imports from the spectest module", () => {
    const results = run(`
(module
  (import "spectest" "global_i32" (global $g i32))
  (import "spectest" "global_f64" (global $h f64))
  (import "spectest" "print_i32" (func $print (param i32)))
  (import "spectest" "memory" (memory 1 2))
  (import "spectest" "table" (table 10 20 funcref))
  (func (export "g") (result i32) (call $print (i32.const 1)) (global.get $g))
  (func (export "h") (result f64) (global.get $h))
  (func (export "size") (result i32) (memory.size)))
(assert_return (invoke "g") (i32.const 666))
(assert_return (invoke "h") (f64.const 666.6))
(assert_return (invoke "size") (i32.const 1))
`);
    expect(results).toEqual(["2: ok", "11: ok", "12: ok", "13: ok"]);
  });

  it("defines modules and instantiates them separately, each instance with its own state", () => {
    const results = run(`
(module definition $D
  (global $g (mut i32) (i32.const 0))
  (func (export "inc") (result i32) (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g)))
(module instance $I1 $D)
(module instance $I2 $D)
(assert_return (invoke $I1 "inc") (i32.const 1))
(assert_return (invoke $I1 "inc") (i32.const 2))
(assert_return (invoke $I2 "inc") (i32.const 1))
(assert_return (invoke $I2 "inc") (either (i32.const 7) (i32.const 2)))
(module instance $I3 $Nope)
`);
    expect(results).toEqual(["2: ok", "5: ok", "6: ok", "7: ok", "8: ok", "9: ok", "10: ok", "11: FAIL no module definition Nope"]);
  });

  it("compares v128 results lane by lane, on bits", () => {
    const results = run(`
(module (func (export "f") (result v128) (v128.const f32x4 nan 1 -0 0x1p-149)))
(assert_return (invoke "f") (v128.const f32x4 nan:canonical 1 -0 0x1p-149))
(assert_return (invoke "f") (v128.const i32x4 0x7fc00000 0x3f800000 0x80000000 1))
(assert_return (invoke "f") (v128.const f32x4 nan:canonical 1 0 0x1p-149))
(assert_return (invoke "f") (either (v128.const i64x2 0 0) (v128.const i16x8 0 0x7fc0 0 0x3f80 0 0x8000 1 0)))
`);
    expect(results.slice(0, 3)).toEqual(["2: ok", "3: ok", "4: ok"]);
    expect(results[3]).toMatch(/^5: FAIL result \[v128:0000c07f0000803f0000008001000000\]/);
    expect(results[4]).toBe("6: ok");
  });
});

describe("ScriptRunner: runaway code", () => {
  it("fails a command whose Wasm code runs past its time (a start function, an invoke) instead of hanging", () => {
    const script = `
(module (func (export "spin") (loop (br 0))))
(assert_return (invoke "spin"))
(module (func $s (loop (br 0))) (start $s))
`;
    const results = new ScriptRunner(new SpecHostRefs(), undefined, false, 50).run(readScript(script, "test.wast"));
    expect(results.map((r) => (r.ok ? `${r.line}: ok` : `${r.line}: FAIL ${r.detail}`))).toEqual([
      "2: ok",
      expect.stringMatching(/^3: FAIL .*deadline exceeded/),
      expect.stringMatching(/^4: FAIL .*deadline exceeded/),
    ]);
  });
});
