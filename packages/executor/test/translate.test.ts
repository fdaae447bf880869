import { describe, expect, test } from "vitest";
import { TypeRegistry } from "@wasmi-ts/store";
import { parseWat } from "@wasmi-ts/wast";
import { CompiledFunc, DEFAULT_CONFIG, Op, OP_INFO, compileModule, disassemble, translateAll, translateFunction } from "../src/index.js";

function compile(wat: string, lazy = true) {
  return compileModule(parseWat(wat), new TypeRegistry(), { ...DEFAULT_CONFIG, lazyTranslation: lazy });
}

function listing(wat: string, index = 0): string[] {
  return disassemble(translateFunction(compile(wat), index)).map((l) => l.replace(/^\d+: /, ""));
}

describe("translation", () => {
  test("the opcode table numbers opcodes densely in declaration order", () => {
    const names = Object.keys(OP_INFO) as (keyof typeof Op)[];
    names.forEach((name) => expect(typeof Op[name]).toBe("number"));
    const numbers = names.map((n) => Op[n]).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i));
  });

  test("local.get emits nothing and local.set is fused into the producer's destination", () => {
    const lines = listing(`(module (func (param i32 i32) (local i32)
      (local.set 2 (i32.add (local.get 0) (local.get 1)))))`);
    expect(lines).toEqual(["I32Add r2 r0 r1", "Return"]);
  });

  test("a comparison feeding br_if becomes one fused branch", () => {
    const lines = listing(`(module (func (param i32 i32)
      (block (loop
        (br_if 1 (i32.gt_s (local.get 0) (local.get 1)))
        (local.set 0 (i32.add (local.get 0) (i32.const 1)))
        (br 0)))))`);
    expect(lines[0]).toMatch(/^BrIfI32LtS r1 r0 @\d+$/); // a > b  <=>  b < a
    expect(lines).toContain("I32Add r0 r0 r2"); // the constant 1 lives in register r2
    expect(lines.filter((l) => l.startsWith("I32Gt"))).toEqual([]);
  });

  test("if with an eqz condition branches on the operand directly", () => {
    const lines = listing(`(module (func (param i32) (result i32)
      (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 1)) (else (i32.const 2)))))`);
    expect(lines[0]).toMatch(/^BrIfNez r0 @/);
  });

  test("a local still on the stack is preserved before it is overwritten", () => {
    const lines = listing(`(module (func (param i32) (result i32)
      (local.get 0) (local.set 0 (i32.const 5)) (local.get 0) (i32.add)))`);
    // the old value is copied to a temporary first
    expect(lines[0]).toMatch(/^Copy r\d+ r0$/);
    expect(lines[1]).toMatch(/^Copy r0 r\d+$/);
  });

  test("call arguments are placed in consecutive registers that become the callee's frame", () => {
    const lines = listing(`(module
      (func $f (param i32 i32) (result i32) (local.get 0))
      (func (param i32) (result i32) (call $f (local.get 0) (i32.const 3))))`, 1);
    expect(lines).toEqual(["Copy r2 r0", "Copy r3 r1", "Call 0 r2", "ReturnReg r2"]);
  });

  test("translation is lazy by default and eager on request", () => {
    const wat = `(module (func (result i32) (i32.const 1)) (func (result i32) (i32.const 2)))`;
    const lazy = compile(wat);
    expect(lazy.code.every((c) => c === undefined)).toBe(true);
    const f = translateFunction(lazy, 1);
    expect(translateFunction(lazy, 1)).toBe(f);
    expect(lazy.code[0]).toBeUndefined();
    const eager = compile(wat, false);
    expect(eager.code.every((c) => c instanceof CompiledFunc)).toBe(true);
    translateAll(lazy);
    expect(lazy.code.every((c) => c instanceof CompiledFunc)).toBe(true);
  });

  test("frames: params, zeroed locals, constants, temporaries", () => {
    const f = translateFunction(compile(`(module (func (param i32 i64) (result i64) (local f32 f64)
      (i64.add (local.get 1) (i64.const 7))))`), 0);
    expect(f.paramSlots).toBe(2);
    expect(f.localSlots).toBe(2);
    expect([...f.consts]).toEqual([7, 0]);
    expect(f.frameSlots).toBe(2 + 2 + 1 + 1);
  });

  test("jumps to returns become returns, and a copy into the returned register folds away", () => {
    const lines = listing(`(module (func (param i32) (result i32)
      (if (result i32) (i32.lt_s (local.get 0) (i32.const 2))
        (then (local.get 0))
        (else (i32.add (local.get 0) (i32.const 1))))))`);
    // then-arm: no copy into the result temporary and no jump: it returns the parameter directly
    expect(lines[1]).toBe("ReturnReg r0");
    expect(lines.filter((l) => l.startsWith("Br "))).toEqual([]);
  });

  test("v128 values take two slots: constants take four words, copies move four", () => {
    const f = translateFunction(compile(`(module (func (param v128 i32) (result v128) (local v128)
      (local.set 2 (v128.const i32x4 1 2 3 4))
      (block (result v128) (local.get 2))))`), 0);
    expect(f.paramSlots).toBe(3);
    expect(f.localSlots).toBe(2);
    expect([...f.consts]).toEqual([1, 2, 3, 4]);
    expect(disassemble(f).some((l) => /Copy128 r3 r5/.test(l))).toBe(true);
  });

  test("an i32.add computing an address is folded into the load or store", () => {
    const lines = listing(`(module (memory 1) (func (param i32 i32) (result i32)
      (i32.store8 (i32.add (local.get 0) (local.get 1)) (i32.const 7))
      (i32.load8_u offset=3 (i32.add (local.get 0) (local.get 1)))))`);
    expect(lines[0]).toMatch(/^I32Store8Idx r0 r1 r\d+ 0$/);
    expect(lines[1]).toMatch(/^I32Load8UIdx r\d+ r0 r1 3$/);
    expect(lines.some((l) => l.startsWith("I32Add"))).toBe(false);
  });
});
