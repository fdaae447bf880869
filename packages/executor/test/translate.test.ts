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
    // the constant is an immediate operand; the step fuses with the loop test repeated at the br
    expect(lines).toContainEqual(expect.stringMatching(/^I32AddImmBrIfLeS r0 r0 1 r0 r1 @\d+$/));
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
    // the old value is copied to a temporary first (both copies run as one instruction)
    expect(lines[0]).toMatch(/^Copy2 (r\d+) r0 r0 r\d+$/);
    expect(lines[0]).not.toMatch(/^Copy2 r0 /);
  });

  test("call arguments are placed in consecutive registers that become the callee's frame", () => {
    const lines = listing(`(module
      (func $f (param i32 i32) (result i32) (local.get 0))
      (func (param i32) (result i32) (call $f (local.get 0) (i32.const 3))))`, 1);
    expect(lines).toEqual(["Copy2Call r2 r0 r3 r1 0 r2", "ReturnReg r2"]);
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
      (i64.add (local.get 1) (i64.const 0x100000007))))`), 0); // not an immediate: beyond 32 bits
    expect(f.paramSlots).toBe(2);
    expect(f.localSlots).toBe(2);
    expect([...f.consts]).toEqual([7, 1]);
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

  test("constant operands become immediates; constants used only so leave the frame", () => {
    const f = translateFunction(compile(`(module (func (param i32 i32) (result i32)
      (i32.add (i32.sub (local.get 0) (i32.const 3)) (i32.mul (i32.const 5) (local.get 1)))))`), 0);
    const lines = disassemble(f).map((l) => l.replace(/^\d+: /, ""));
    expect(lines[0]).toMatch(/^I32AddImm r\d+ r0 -3$/); // sub k is add -k
    // commutative: the constant may come first; the product feeds the add: one instruction
    expect(lines[1]).toMatch(/^I32AddMulImm r\d+ r\d+ r1 5$/);
    expect([...f.consts]).toEqual([]);
  });

  test("shift counts are masked; a constant first operand of a comparison mirrors it", () => {
    const lines = listing(`(module (func (param i32) (result i32)
      (i32.xor (i32.rotr (local.get 0) (i32.const 36)) (i32.lt_u (i32.const 9) (local.get 0)))))`);
    expect(lines[0]).toMatch(/^I32RotlImm r\d+ r0 28$/); // rotr 36 = rotr 4 = rotl 28
    expect(lines[1]).toMatch(/^I32GtUImm r\d+ r0 9$/); // 9 < x  <=>  x > 9
  });

  test("a comparison with a constant fuses into the branch, negated for if", () => {
    const lines = listing(`(module (func (param i32) (result i32)
      (block (br_if 0 (i32.eq (local.get 0) (i32.const 7))))
      (if (result i32) (i32.gt_u (local.get 0) (i32.const 10)) (then (i32.const 1)) (else (i32.const 2)))))`);
    expect(lines[0]).toMatch(/^BrIfI32EqImm r0 7 @\d+$/);
    expect(lines[1]).toMatch(/^BrIfI32LeUImm r0 10 @\d+$/); // skips the then-arm when !(x > 10)
  });

  test("a loop counter's increment fuses with the branch testing it", () => {
    const lines = listing(`(module (func (param $n i32) (local $i i32)
      (loop $l (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
      (loop $m (br_if $m (i32.ne (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 64))))))`);
    expect(lines[0]).toBe("I32AddImmBrIfLtU r1 r1 1 r1 r0 @0");
    expect(lines[1]).toMatch(/^I32AddImmBrIfNeImm r1 r1 4 r1 64 @\d+$/);
  });

  test("an added constant feeding an access stays an indexed access", () => {
    const lines = listing(`(module (memory 1) (func (param i32) (result i32)
      (i32.load (i32.add (local.get 0) (i32.const 16)))))`);
    expect(lines[0]).toMatch(/^I32LoadIdx r\d+ r0 r\d+ 0$/);
  });

  test("a shift right feeding an and with a mask is one bit-field instruction", () => {
    const lines = listing(`(module (func (param i32) (result i32)
      (i32.and (i32.shr_u (local.get 0) (i32.const 8)) (i32.const 255))))`);
    expect(lines[0]).toMatch(/^I32ShrUAndImm r\d+ r0 8 255$/);
    // the shifted value also kept in a local: no fusion
    expect(listing(`(module (func (param i32) (result i32) (local i32)
      (i32.and (local.tee 1 (i32.shr_u (local.get 0) (i32.const 8))) (i32.const 255))))`)[0])
      .toMatch(/^I32ShrUImm r1 r0 8$/);
  });

  test("xor with a value shifted by a constant is one instruction", () => {
    const lines = listing(`(module (func (param i64) (result i64)
      (local.set 0 (i64.xor (local.get 0) (i64.shr_u (local.get 0) (i64.const 12))))
      (local.get 0)))`);
    expect(lines[0]).toBe("I64XorShrUImm r0 r0 r0 12");
  });

  test("an add of an add is one three-term sum", () => {
    const lines = listing(`(module (func (param i32 i32 i32) (result i32)
      (i32.add (local.get 2) (i32.add (local.get 0) (local.get 1)))))`);
    expect(lines[0]).toMatch(/^I32Add3 r\d+ r2 r0 r1$/);
  });

  test("an add of a loaded word is one instruction", () => {
    const lines = listing(`(module (memory 1) (func (param i32 i32) (result i32)
      (i32.add (local.get 1) (i32.load offset=8 (local.get 0)))))`);
    expect(lines[0]).toMatch(/^I32AddLoad r\d+ r1 r0 8$/);
  });

  test("two rotations xor-ed together are one instruction", () => {
    const lines = listing(`(module (func (param i32 i32) (result i32)
      (i32.xor (i32.rotl (local.get 0) (i32.const 3)) (i32.rotr (local.get 1) (i32.const 8)))))`);
    expect(lines[0]).toMatch(/^I32RotlXorRotlImm r\d+ r0 3 r1 24$/);
  });

  test("a bit field feeding a multiply is one instruction", () => {
    const lines = listing(`(module (func (param i32 i32) (result i32)
      (i32.mul (local.get 1) (i32.and (i32.shr_u (local.get 0) (i32.const 5)) (i32.const 127)))))`);
    expect(lines[0]).toMatch(/^I32MulShrUAndImm r\d+ r1 r0 5 127$/);
  });
});
